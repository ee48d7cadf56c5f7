// The plan's metrics: the KPI tree's nodes that no other section defines (its rates), the gap's
// attribution, attainment to date with run-rate, and the back-calculation.
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "kpi_tree",
    unit: "currency",
    datasets: ["leads", "opportunities", "web_traffic"],
    label: { en: "KPI tree", ja: "KPIツリー" },
    definition: {
      en: "Won amount = won deals x average deal size; won deals = deals closed x win rate; deals closed = opportunities created x close ratio; opportunities = SQLs x SQL-to-opportunity rate; SQLs = MQLs x MQL-to-SQL rate; MQLs = leads x lead-to-MQL rate; leads = sessions x session-to-lead rate. All in the month (each count by its own date, rates as flow ratios of the month). A node's target is given (targets.csv), or derived from its parent's target at the trailing 3-month rate (the report month and the two before), or implied by its parent's and its sibling's targets (rate = parent target / child target). Attainment = actual / target; MoM against the previous month's actual, none (-) when the previous month lacks a dataset the node reads (not a change against zero). A rate whose denominator is zero reads -. A node without a target (none given, and no won amount target to work one from) reads \"no target\" for its target and attainment, whatever the data; one whose target is worked from what is not provided reads not provided. A trailing rate needs its datasets in each of the three months: when one of them lacks one, the rate is not provided, and so is every target worked from it (never a rate over the months that have the data, passed off as three months' or counting the missing month as zero).",
      ja: "受注額 = 受注件数 x 平均受注額、受注件数 = クローズ件数 x 勝率、クローズ件数 = 商談作成数 x クローズ率、商談 = 商談化 x 商談化→商談率、商談化 = MQL x MQL→商談化率、MQL = リード x リード→MQL率、リード = セッション x セッション→リード率。いずれも当月（各件数はそれぞれの日付、率は当月のフロー比）。目標は targets.csv の値（指定）、親の目標を直近3か月（報告月と前2か月）の率で割り戻した値（導出）、または親と兄弟の目標から決まる値（率 = 親の目標 / 子の目標、含意）。達成率 = 実績 / 目標。前月比は前月の実績と比べる（前月にそのデータが無ければ前月比は -。0 との比較はしない）。分母が 0 の率は -。目標の無いノード（指定が無く、割り戻す受注額目標も無い）は、データの有無によらず目標と達成率を「目標なし」と示す（データなしから導く目標のノードは「データなし」）。直近3か月の率は3か月すべてにそのデータが必要で、1か月でも無ければその率と、そこから導く目標は「データなし」（データのある月だけの率を3か月の率として示したり、無い月を 0 として数えたりはしない）。",
    },
  },
  {
    id: "gap_driver",
    unit: "ratio",
    datasets: ["leads", "opportunities"],
    label: { en: "Main cause of the revenue gap", ja: "売上目標との差の主因" },
    definition: {
      en: "The won-amount gap is split multiplicatively: log(actual / target) of won amount is the sum of log(actual / target) of the tree's rates and of its deepest node with both (sessions when web traffic is provided, else leads); each factor's share is its log over the won amount's. The main cause is the factor with the largest share in the gap's direction, named only when the won amount is at risk or missed; on target the page says so and names no cause. When an actual is zero, the highest node that reached zero is named instead (no logarithm). Without a won amount target there is no gap to split: the shares read no target, whatever data the month has. When a factor's target down to leads is worked from a trailing rate that is not provided, the split is not provided; a sessions target not provided ends it at leads.",
      ja: "受注額の差を掛け算で分解する。受注額の log(実績 / 目標) は、ツリーの各率と、実績・目標の揃う最も深い件数（Webアクセスがあればセッション、無ければリード）の log(実績 / 目標) の和になる。各要因の寄与 = その log / 受注額の log。主因は差の方向に最も大きく寄与した要因で、受注額が要注意か未達のときだけ挙げる（目標達成ならその旨を示し主因は挙げない）。実績が 0 のときは対数が取れないため、0 になった最も上の段を主因とする。受注額の目標が無ければ分解する差が無く、寄与は（データの有無にかかわらず）「目標なし」。リードまでの要因の目標がデータなしの直近3か月の率から導かれるときは、分解も「データなし」。セッションの目標がデータなしのときはリードまでで分解する。",
    },
  },
  {
    id: "tree_avg_deal_size",
    unit: "currency",
    datasets: ["opportunities"],
    targets: "self",
    label: { en: "Avg deal size", ja: "平均受注額" },
    definition: {
      en: "Won amount / every won deal of the month, one without an amount included (it adds nothing to the amount, so the tree's product holds). Win/loss's deal size by segment and LTV's average won amount divide by won deals with an amount only.",
      ja: "当月の受注額 / 全受注件数。金額の無い受注も件数に含める（金額には加えないため、ツリーの積が成り立つ）。勝敗分析のセグメント別平均受注額と LTV の平均受注額は金額のある受注件数で割る。",
    },
  },
  {
    id: "tree_close_rate",
    unit: "ratio",
    datasets: ["opportunities"],
    label: { en: "Close ratio", ja: "クローズ率" },
    definition: {
      en: "Deals closed (won or lost) in the month / opportunities created in the month: how many decisions the month's new pipeline is worth.",
      ja: "当月クローズ（受注または失注）した商談数 / 当月作成された商談数。",
    },
  },
  {
    id: "tree_sql_to_opportunity",
    unit: "ratio",
    datasets: ["leads", "opportunities"],
    label: { en: "SQL → opportunity", ja: "商談化→商談" },
    definition: { en: "Opportunities created in the month / SQLs of the month.", ja: "当月作成の商談数 / 当月の商談化数。" },
  },
  {
    id: "tree_mql_to_sql",
    unit: "ratio",
    datasets: ["leads"],
    label: { en: "MQL → SQL", ja: "MQL→商談化" },
    definition: { en: "SQLs of the month / MQLs of the month.", ja: "当月の商談化数 / 当月の MQL 数。" },
  },
  {
    id: "tree_lead_to_mql",
    unit: "ratio",
    datasets: ["leads"],
    label: { en: "Lead → MQL", ja: "リード→MQL" },
    definition: { en: "MQLs of the month / leads created in the month.", ja: "当月の MQL 数 / 当月作成リード数。" },
  },
  {
    id: "tree_session_to_lead",
    unit: "ratio",
    datasets: ["leads", "web_traffic"],
    label: { en: "Session → lead", ja: "セッション→リード" },
    definition: { en: "Leads created in the month / web sessions of the month.", ja: "当月作成リード数 / 当月のWebセッション数。" },
  },
  {
    id: "plan_fytd_attainment",
    unit: "ratio",
    datasets: ["opportunities"],
    trend: true,
    label: { en: "Won amount, fiscal year to date vs target", ja: "受注額の年度累計達成率" },
    definition: {
      en: "Won amount from the fiscal year's first month (fiscalYearStartMonth) to the report month / the sum of targets.csv's won_amount targets of the same months; the quarter likewise. With a month to date without a target there is no target to date, and no attainment whatever the data: the plan page's target and attainment read \"no target\", and so does the attainment on the trends page (neither not provided nor zero). A target to date of zero is a target, but an attainment against it has no value (a ratio over zero): it reads no cases (a dash) on both pages when the deals of every month to date are there, not provided when they are not. Run-rate to period end = actual to date / months elapsed x months in the period; projected attainment = run-rate / the whole period's target; with a month of the period without a target there is no whole-period target, and the projected attainment reads \"no target\" whatever the data, as the attainment to date does. The actual to date needs the opportunities (for a funnel volume, its own dataset) of every month to date, a month before the first month folder included: when one lacks them, the actual, attainment, run-rate and projection are not provided, never a sum counting that month as zero.",
      ja: "年度初月（fiscalYearStartMonth）から報告月までの受注額 / 同じ月の targets.csv の won_amount 目標の合計。四半期も同様。累計期間に目標の無い月があれば累計目標は無く、データの有無によらず達成率も無い。計画ページの目標と達成率、推移ページの達成率は「目標なし」と示す（「データなし」でも 0 でもない）。累計目標が 0 のときは目標はあるが、それに対する達成率は無い（0 で割る比率）。累計期間のすべての月の商談データがあれば両ページとも対象なし（ダッシュ）、無ければ「データなし」。期末着地見込み（ランレート）= 累計実績 / 経過月数 x 期間の月数、見込み達成率 = ランレート / 期間全体の目標。期間に目標の無い月があれば期間全体の目標は無く、累計の達成率と同じくデータの有無によらず見込み達成率も「目標なし」。累計実績には累計期間のすべての月の商談データ（ファネルの件数はそのデータ）が必要で、最初の月フォルダより前の月も含め、1か月でも無ければ累計実績・達成率・着地見込み・見込み達成率は「データなし」（その月を 0 とした合計は示さない）。",
    },
  },
  {
    id: "back_calculation",
    unit: "count",
    datasets: ["leads", "opportunities"],
    label: { en: "What next month needs", ja: "来月に必要な件数（逆算）" },
    definition: {
      en: "From the won_amount target of next month (and of the rest of the quarter): won deals = target / average deal size; opportunities = won deals / (won / opportunities created); SQLs, MQLs and leads likewise up the funnel, all rates over the trailing 3 months (the report month and the two before). Cycle time: the median days from entering the stage to winning, of the deals won in the trailing 3 months (by calendar day: won the day the stage was entered is 0 days, a close dated before the stage is left out); a stage's volume is needed that many days before the period starts. That day is marked passed when it is on or before the report month's end, the report's as-of point: next month's won deals from that stage must then come from what had already entered it. Each rate and cycle time needs its datasets in every one of the three months: when a month lacks one, it and every need worked from it read not provided. They are not worked from the months that have the data instead, as a plan made on them would be misled: one or two months would pass for three, and a month's missing records counted as zero move a rate (its SQLs without its MQLs), so the need would be misstated, often understated.",
      ja: "来月（と四半期の残り）の won_amount 目標から、受注件数 = 目標 / 平均受注額、商談数 = 受注件数 /（受注 / 商談作成）、商談化・MQL・リードも同様に上流へ。率はいずれも直近3か月（報告月と前2か月）。サイクル日数：直近3か月の受注について各段階に入ってから受注までの日数の中央値（暦日で判断し、段階に入った当日の受注は0日、段階より前の日付の受注は除く）。その日数だけ前に、その段階の件数が必要。その日が報告月末（レポートの基準日）以前なら「経過済み」と示す：来月のその段階からの受注は、既にその段階に入っている案件から生まれる必要がある。率とサイクル日数は3か月すべてにそのデータが必要で、1か月でも無ければ、その率と、そこから導く必要件数は「データなし」。データのある月だけでは計算しない：1〜2か月を3か月と見せることになり、無い月の件数を 0 と数えると率が（MQL の無い商談化のように）ずれ、必要件数を誤って、しばしば少なく示すため。",
    },
  },
]);

export type PlanMetricId = (typeof METRICS)[number]["id"];
