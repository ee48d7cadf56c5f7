// Efficiency's metrics: spend against budget, cost per funnel stage, CAC, LTV, LTV:CAC, payback and
// campaign ROI. Costs are lower-is-better.
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "spend",
    unit: "currency",
    datasets: ["spend"],
    better: "lower",
    trend: true,
    targets: "self",
    label: { en: "Spend", ja: "費用" },
    definition: {
      en: "The spend dataset's amount for the month, marketing and sales teams together, each row as the newest folder up to the report month gives it; its target is the month's budget (the budget column's sum), or targets.csv's spend target where it gives one. Quarter and fiscal year (from fiscalYearStartMonth) add up their months to date against the budget of the same months. A month with budget rows only reads not provided, never zero. In a month that reports spend, a line with a budget but no amount is not reported yet: the month's total (and every cost and CAC over it) is provisional and says how many lines are missing, and the channel, category or team with that line reads not provided.",
      ja: "spend データの当月の実績額（マーケティングと営業の合計）。各行は報告月までの最新フォルダのもの。目標は当月の予算（budget 列の合計）、targets.csv に spend の目標があればそれ。四半期と会計年度（fiscalYearStartMonth から）は経過月の実績をその月の予算と比べる。予算行だけの月は 0 ではなく「データなし」。実績のある月で予算のみ・実績額なしの行は未計上とし、当月の合計（とそれを使う単価・CAC）は未計上の行数を添えた暫定値、その行のチャネル・費目・チーム別の値は「データなし」。",
    },
  },
  {
    id: "cost_per_lead",
    unit: "currency",
    datasets: ["spend", "leads"],
    better: "lower",
    trend: true,
    targets: "self",
    label: { en: "Cost per lead", ja: "リード単価" },
    definition: {
      en: "Marketing spend of the month / leads created in the month; by channel, the channel's spend / leads whose source is that channel (compared lower-case). Campaign cost is not used here (it is in campaign ROI).",
      ja: "当月のマーケティング費用 / 当月作成リード数。チャネル別はそのチャネルの費用 / リードソースがそのチャネルのリード数（小文字で比較）。キャンペーン費用はここでは使わない（キャンペーンROIで使う）。",
    },
  },
  {
    id: "cost_per_mql",
    unit: "currency",
    datasets: ["spend", "leads"],
    better: "lower",
    targets: "self",
    label: { en: "Cost per MQL", ja: "MQL単価" },
    definition: {
      en: "Marketing spend of the month / leads that became MQL in the month (mql_at); by channel as cost per lead.",
      ja: "当月のマーケティング費用 / 当月 MQL 化したリード数（mql_at）。チャネル別はリード単価と同じ。",
    },
  },
  {
    id: "cost_per_sql",
    unit: "currency",
    datasets: ["spend", "leads"],
    better: "lower",
    trend: true,
    targets: "self",
    label: { en: "Cost per SQL", ja: "商談化単価" },
    definition: {
      en: "Marketing spend of the month / leads that became SQL in the month (sql_at); by channel as cost per lead.",
      ja: "当月のマーケティング費用 / 当月商談化したリード数（sql_at）。チャネル別はリード単価と同じ。",
    },
  },
  {
    id: "cost_per_opportunity",
    unit: "currency",
    datasets: ["spend", "opportunities"],
    better: "lower",
    targets: "self",
    label: { en: "Cost per opportunity", ja: "商談単価" },
    definition: {
      en: "Marketing spend of the month / opportunities created in the month; by channel, by the opportunity's source (its own, else its lead's).",
      ja: "当月のマーケティング費用 / 当月作成の商談数。チャネル別は商談のソース（無ければリードのソース）で。",
    },
  },
  {
    id: "cost_per_won",
    unit: "currency",
    datasets: ["spend", "opportunities"],
    better: "lower",
    targets: "self",
    label: { en: "Cost per won deal", ja: "受注単価" },
    definition: {
      en: "Marketing spend of the month / new-business deals won in the month (closed_at) when the deals give their type (renewals and expansions left out); without the type column, / every deal won in the month, existing customers' renewals and expansions included (the page says so). By channel as cost per opportunity.",
      ja: "当月のマーケティング費用 / 当月受注した新規ビジネスの商談数（closed_at）。商談に type（種別）があるときは更新・拡大を除く。type 列が無いときは当月受注の全商談数で割り、既存顧客の更新・拡大も含む（ページにその旨を表示）。チャネル別は商談単価と同じ。",
    },
  },
  {
    id: "new_customers",
    unit: "count",
    datasets: ["opportunities"],
    label: { en: "New customers", ja: "新規顧客数" },
    definition: {
      en: "When the deals give their type: accounts whose first won new_business deal (earliest closed_at of their won new-business opportunities, as of the report month) closed in the period; renewals and expansions never make a new customer. Without the type column: accounts whose first won deal of any type closed in the period, which counts an existing customer's renewal or expansion as new when it is the first win the data holds (the page says so). A deal's account is its own account_id, else its lead's; a deal with neither is a customer of its own.",
      ja: "商談に type（種別）があるとき：最初の新規ビジネス受注（報告月時点の new_business の受注商談の最も早い closed_at）が期間内のアカウント数。更新・拡大は新規顧客にしない。type 列が無いとき：種別を問わず最初の受注が期間内のアカウント数で、データ上最初の受注が既存顧客の更新・拡大なら新規に数える（ページにその旨を表示）。商談の企業は商談の account_id、無ければそのリードの account_id。どちらも無い商談はそれ自体を1顧客とする。",
    },
  },
  {
    id: "cac",
    unit: "currency",
    datasets: ["spend", "opportunities"],
    better: "lower",
    trend: true,
    targets: "self",
    label: { en: "CAC", ja: "CAC（顧客獲得コスト）" },
    definition: {
      en: "(Marketing + sales spend) / new customers over the trailing 3 months (the report month and the two before) and 12 months. Needs spend reported for every month of the period and some sales-team spend; without sales spend it is not provided and marketing-only CAC stands beside it. With fewer than 5 new customers in the trailing 3 months the page shows cost per SQL instead, and a month of the trend with so few reads - (too few for a CAC, the data present); a month reads not provided only when a month of its three reports no spend or lacks its deals. New customers need the opportunities of every month of the window, a month before the first month folder included: when one lacks them, the window's new customers, CAC and marketing-only CAC are not provided (never a sum counting that month as zero), and not too few either (cost per SQL does not stand in; the page names the months). The window's SQLs and cost per SQL likewise need the leads of every month of it.",
      ja: "（マーケティング + 営業費用）/ 新規顧客数。直近3か月（報告月と前2か月）と12か月。期間の全月に実績があり、営業チームの費用があるときのみ。営業費用が無ければ「データなし」とし、マーケティングのみのCACを併記。直近3か月の新規顧客が5未満のときは商談化単価を代わりに示し、推移でそうした月は -（データはあるが CAC には少なすぎる）。「データなし」は、その月の3か月のどれかに費用実績か商談データが無いときだけ。新規顧客数には期間のすべての月の商談データが必要で、最初の月フォルダより前の月も含め、1か月でも無ければその期間の新規顧客数・CAC・マーケティングのみの CAC は「データなし」（その月を 0 とした合計は示さず、少なすぎるとも扱わないので商談化単価で代えない。ページに月を示す）。期間の商談化数と商談化単価も、期間のすべての月のリードデータが必要。",
    },
  },
  {
    id: "cac_marketing",
    unit: "currency",
    datasets: ["spend", "opportunities"],
    better: "lower",
    targets: "self",
    label: { en: "CAC (marketing only)", ja: "CAC（マーケティングのみ）" },
    definition: {
      en: "Marketing spend / new customers over the same trailing periods as CAC; not provided, as CAC, when a month of the period reports no spend or lacks its opportunities (a month before the first month folder included).",
      ja: "マーケティング費用 / 新規顧客数。期間は CAC と同じ。CAC と同じく、期間のどれかの月に費用実績か商談データが無ければ（最初の月フォルダより前の月も含む）「データなし」。",
    },
  },
  {
    id: "ltv",
    unit: "currency",
    datasets: ["opportunities"],
    label: { en: "LTV", ja: "LTV（顧客生涯価値）" },
    definition: {
      en: "Average won amount (deals won in the trailing 12 months, as of the report month; new-business deals only when the deals give their type) turned into monthly gross profit by amountBasis (annual: / 12; monthly: as is) and ltv.grossMargin, times the lifetime in months (ltv.lifetimeMonths, or 1 / ltv.monthlyChurn). With amountBasis one_time: the average won amount x gross margin. Not provided without ltv.grossMargin, or (recurring amounts) without a lifetime or churn, or when a month of the trailing 12 lacks its opportunities, a month before the first month folder included (never an average counting that month as no wins); with every month's deals and none won with an amount, -.",
      ja: "平均受注額（報告月時点で直近12か月に受注した商談。type があれば新規ビジネスのみ）を amountBasis（annual は12で割る、monthly はそのまま）と ltv.grossMargin で月次粗利にし、顧客寿命（ltv.lifetimeMonths、または 1 / ltv.monthlyChurn）を掛けたもの。one_time の場合は平均受注額 x 粗利率。ltv.grossMargin が無いとき、（継続課金で）寿命も解約率も無いとき、直近12か月のどれかの月に商談データが無いとき（最初の月フォルダより前の月も含む。その月を受注なしとした平均は示さない）は「データなし」。全月の商談データがあり金額のある受注が無ければ -。",
    },
  },
  {
    id: "ltv_cac",
    unit: "number",
    datasets: ["spend", "opportunities"],
    label: { en: "LTV:CAC", ja: "LTV:CAC" },
    definition: {
      en: "LTV / CAC, with the trailing 12-month CAC when it can be computed, else the trailing 3-month one (the page names which); marketing-only CAC when sales spend is not provided (said so). Not provided when LTV is (a month of its trailing 12 without opportunities) or no CAC is.",
      ja: "LTV / CAC。直近12か月の CAC が計算できればそれを、できなければ直近3か月のものを使う（どちらかを表示）。営業費用が無いときはマーケティングのみの CAC（その旨を表示）。LTV が「データなし」（直近12か月に商談データの無い月がある）か、使える CAC が無ければ「データなし」。",
    },
  },
  {
    id: "payback_months",
    unit: "number",
    datasets: ["spend", "opportunities"],
    better: "lower",
    label: { en: "CAC payback (months)", ja: "CAC回収期間（月）" },
    definition: {
      en: "The CAC used for LTV:CAC / monthly gross profit per customer (average won amount by amountBasis x gross margin). Not computed for one_time amounts (no monthly profit). Not provided when a month of the trailing 12 lacks its opportunities (as LTV).",
      ja: "LTV:CAC と同じ CAC / 顧客あたり月次粗利（amountBasis による平均受注額 x 粗利率）。one_time の場合は月次の粗利が無いため計算しない。直近12か月に商談データの無い月があれば（LTV と同じく）「データなし」。",
    },
  },
  {
    id: "campaign_roi",
    unit: "ratio",
    datasets: ["campaigns", "opportunities"],
    label: { en: "Campaign ROI", ja: "キャンペーンROI" },
    definition: {
      en: "Per campaign with a cost: won amount to date of the deals whose campaign_id is the campaign (closed won up to the month's end) / its cost, and pipeline to date (amount of its deals created up to the month's end) / its cost. Leads take time to become deals and to be won, so both can still rise while fewer days have passed from the campaign's end (ended_at) to the month's end than the 90th percentile (p90) of that time, or while it still runs; a campaign without an end date may still run (a CRM leaves a running campaign's end blank), so both can still rise however long ago it started, until an end date is given. The p90 is of whole days from a lead's creation to its deal's creation (for pipeline) and to its close as won (for won), over the deals with a lead (the earliest created of their leads) created, or won, in the trailing 12 months, rounded up; new business only when the deals give their type. With fewer than 10 such deals it is not known, and every campaign's can still rise. Won ROI can also rise while the campaign has deals still open at the month's end (created by then and not yet won or lost, as the pipeline counts them). Such a figure is marked provisional, with the reason. Cost per MQL and per SQL by campaign: its cost / its leads that reached MQL or SQL to date.",
      ja: "費用のあるキャンペーンごとに、campaign_id がそのキャンペーンの商談の月末までの受注額 / 費用、および月末までに作成された商談の金額（パイプライン）/ 費用。リードが商談になり受注するまでには日数がかかるため、どちらもキャンペーンの終了（ended_at）から月末までの日数がその90パーセンタイル（p90）に満たない間、または月末時点で実施中の間は上がりうる。終了日の無いキャンペーンは実施中の可能性がある（CRM では実施中のキャンペーンの終了日は空欄）ため、開始からの日数によらず、終了日が入るまで上がりうる。p90 はリード作成から商談作成まで（パイプライン）と受注まで（受注）の暦日数を、直近12か月に作成（受注）された、リードのある商談（リードが複数なら最も早く作成されたもの）で測り、切り上げる。商談に type（種別）があるときは新規ビジネスのみ。該当が10件未満なら p90 は不明とし、全キャンペーンを上がりうるものとする。受注 / 費用は、月末時点で未完了の商談（月末までに作成され、まだ受注も失注もしていないもの。パイプラインと同じ数え方）がある間も上がりうる。これらは理由を添えて暫定値として示す。キャンペーン別の MQL・商談化単価は費用 / 月末までに MQL・商談化したそのリード数。",
    },
  },
]);

export type EfficiencyMetricId = (typeof METRICS)[number]["id"];
