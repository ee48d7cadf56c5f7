// The pipeline section's metrics: open pipeline, its movement, coverage of the quarter, the
// weighted pipeline and landing forecast, stale deals and marketing's share.
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "open_pipeline_amount",
    targets: "self",
    unit: "currency",
    datasets: ["opportunities"],
    trend: true,
    label: { en: "Open pipeline", ja: "オープンパイプライン" },
    definition: {
      en: "Deals open at the month's end (created before it, neither won nor lost as of it, by their dates: an export taken after the month's end may hold deals won or lost since, which were open then, under their closed stage): count and amount, by stage and by expected close month (closed_at of an open deal; before the month's end = overdue; a blank or placeholder date such as 9999-12-31 or 2099-... = no date, counted). Deals without an amount are counted and left out of the sums. Each month of the trend as of its own end.",
      ja: "月末時点でオープンの商談（月末より前に作成され、月末時点で受注・失注していない。日付で判断するため、月末後に取ったエクスポートにある翌月初の受注・失注も月末時点ではオープンとして、完了後のフェーズで数える）の件数と金額。フェーズ別と完了予定月別（オープン商談の完了予定日。月末より前は期限超過、空欄や 9999-12-31・2099-… などの仮の日付は「日付なし」として件数を表示）。金額のない商談は件数に含め、合計からは除く。推移の各月はその月末時点。",
    },
  },
  {
    id: "pipeline_movement",
    unit: "count",
    datasets: ["opportunities"],
    label: { en: "Pipeline movement", ja: "パイプラインの動き" },
    definition: {
      en: "In the month: created (created_at in the month), won and lost (closed_at in the month), slipped (open at both month ends, expected to close by this month's end at the previous month's end, and expected after it, or with no date, now) and pulled in (open at the previous month's end with an expected close after this month, and now won by this month's end or still open and expected to close by it; one lost in the month is counted in lost, not pulled in). A deal may be both created and won, or pulled in and won. Slipped and pulled in are not provided when the previous month's folder lacks the opportunities (the state at its end is not known; an older export's is not it).",
      ja: "当月の作成（作成日が当月）、受注・失注（完了日が当月）、後ろ倒し（前月末と当月末の両方でオープン、前月末時点の完了予定が当月末以前で、当月末時点では当月より後か日付なし）、前倒し（前月末でオープンかつ完了予定が当月より後だったが、当月末までに受注したか、オープンのまま完了予定が当月末以前になったもの。当月に失注したものは失注に数え、前倒しには含めない）。作成と受注、前倒しと受注は重なりうる。前月のフォルダに商談データが無い月は、前月末の状態が分からない（それ以前のエクスポートの状態ではない）ため、後ろ倒しと前倒しは「データなし」。",
    },
  },
  {
    id: "pipeline_coverage",
    targets: "self",
    unit: "number",
    datasets: ["opportunities"],
    trend: true,
    label: { en: "Pipeline coverage", ja: "パイプラインカバレッジ" },
    definition: {
      en: "Open pipeline expected to close in the rest of the fiscal quarter (after the month's end, by the quarter's end) / (the quarter's won target - won amount closed in the quarter by the month's end), against the configured guide (pipeline.coverageGuide, default 3x). The quarter is the fiscal quarter of the month after the report month (at a quarter's last month, the next quarter). Its target is the sum of its months' won_amount targets; when a month has none, coverage is not provided and the months are named (part of the target against the whole rest of the quarter would overstate it). At a quarter's last month there is no month-on-month change (last month measured another quarter). 'Target met' when won to date meets the target: never a negative ratio. Each month of the trend as of its own end.",
      ja: "四半期の残り（月末より後、四半期末まで）に完了予定のオープンパイプライン ÷（四半期の受注目標 − 月末までに四半期内で受注した金額）。設定の目安（pipeline.coverageGuide、既定 3 倍）と比べる。四半期は報告月の翌月を含む会計四半期（四半期の最終月には翌四半期）。目標は各月の won_amount 目標の合計。目標のない月があればカバレッジは「データなし」とし、その月を示す（一部の月の目標を四半期の残り全体と比べると過大になるため）。四半期の最終月は前月比を示さない（前月は別の四半期を測っている）。受注済みが目標に達していれば「目標達成」とし、負の倍率は出さない。推移の各月はその月末時点。",
    },
  },
  {
    id: "weighted_pipeline",
    unit: "currency",
    datasets: ["opportunities"],
    label: { en: "Weighted pipeline", ja: "加重パイプライン" },
    definition: {
      en: "Sum of amount x probability over the open deals at the month's end. The probability is the deal's probability column (its scale decided per export, not per value: in percent when any value of the column in the deal's folder is above 1, so 1 means 1%; else a share of 0-1) or, when blank, the configured probability of its stage (pipeline.stageProbabilities); deals with neither are counted and left out. Not provided when no deal has a probability.",
      ja: "月末時点のオープン商談の 金額 × 確度 の合計。確度は商談の確度列（尺度は値ごとではなくエクスポートごとに判断：そのフォルダの確度列に 1 を超える値があればパーセントで、1 は 1%。無ければ 0〜1 の比率）、空欄ならフェーズに設定された確度（pipeline.stageProbabilities）。どちらも無い商談は件数を示して除く。確度のある商談が無ければ未提供。",
    },
  },
  {
    id: "landing_forecast",
    unit: "currency",
    datasets: ["opportunities"],
    label: { en: "Quarter landing forecast", ja: "四半期着地見込み" },
    definition: {
      en: "A forecast, not a result: won amount closed in the quarter by the month's end + the weighted amount (amount x probability, as in weighted pipeline) of open deals expected to close in the rest of the quarter; against the quarter's won target. Left out: open deals without an amount, without a probability (neither the column nor a configured stage), without an expected close date (or a placeholder one), past their close date, or expected after the quarter. Not provided when no open deal has a date, or when deals are due in the rest of the quarter and none has a probability.",
      ja: "実績ではなく見込み：月末までに四半期内で受注した金額 + 四半期の残りに完了予定のオープン商談の加重金額（金額 x 確度。加重パイプラインと同じ）。四半期の受注目標と比べる。除くもの：金額の無い商談、確度の無い商談（確度列もフェーズの設定も無い）、完了予定日の無い（または仮の日付の）商談、完了予定日を過ぎた商談、四半期より後に完了予定の商談。オープン商談に日付が1件も無いとき、または四半期の残りに完了予定の商談がありどれにも確度が無いときは「データなし」。",
    },
  },
  {
    id: "stale_deals",
    unit: "count",
    datasets: ["opportunities"],
    better: "lower",
    label: { en: "Stale deals", ja: "停滞商談" },
    definition: {
      en: "Open deals at the month's end whose expected close date is before the month's end (past close), or with no activity on the deal or its lead for more than pipeline.staleDays days (default 30) up to the month's end, counting from the deal's creation when it has none (no activity; needs activities). Per deal owner; counts always, ids only when records are published.",
      ja: "月末時点のオープン商談のうち、完了予定日が月末より前のもの（期限超過）、または月末までの pipeline.staleDays 日（既定 30 日）を超えて商談にもそのリードにも活動が無いもの（活動が無ければ作成日から数える。活動データが必要）。商談の担当者別。件数は常に、ID は公開設定時のみ。",
    },
  },
  {
    id: "pipeline_marketing_share",
    unit: "ratio",
    datasets: ["opportunities"],
    label: { en: "Marketing-sourced share of open pipeline", ja: "オープンパイプラインのマーケティング起点比率" },
    definition: {
      en: "Amount of open deals at the month's end whose source (the deal's, else its lead's) is a marketing source (marketingSources) / the open pipeline amount; and the open pipeline by source.",
      ja: "月末時点のオープン商談のうち、ソース（商談の、無ければリードの）がマーケティングのソース（marketingSources）である金額 ÷ オープンパイプライン金額。ソース別の内訳も示す。",
    },
  },
]);

export type PipelineMetricId = (typeof METRICS)[number]["id"];
