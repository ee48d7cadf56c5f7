// The overview's metrics: the demand waterfall's volumes, conversion and velocity, value, and
// marketing's contribution.
import { metrics } from "../section.ts";
import type { Stage } from "./schema.ts";

/** The stage transitions the waterfall measures, in order. */
export const TRANSITIONS = [
  ["lead", "mql"],
  ["mql", "sql"],
  ["sql", "opportunity"],
  ["opportunity", "won"],
] as const satisfies readonly (readonly [Stage, Stage])[];

/** A transition's headline id (its flow conversion; a targets.csv metric). */
export function conversionId(from: Stage, to: Stage): `conversion_${Stage}_${Stage}` {
  return `conversion_${from}_${to}`;
}

export const METRICS = metrics([
  {
    id: "leads",
    unit: "count",
    datasets: ["leads"],
    targets: "self",
    trend: true,
    label: { en: "Leads", ja: "リード" },
    definition: { en: "Leads whose created_at falls in the month.", ja: "created_at が当月のリード数。" },
  },
  {
    id: "mql",
    unit: "count",
    datasets: ["leads"],
    targets: "self",
    trend: true,
    label: { en: "MQLs", ja: "MQL" },
    definition: { en: "Leads whose mql_at falls in the month.", ja: "mql_at が当月のリード数。" },
  },
  {
    id: "sql",
    unit: "count",
    datasets: ["leads"],
    targets: "self",
    trend: true,
    label: { en: "SQLs", ja: "商談化" },
    definition: { en: "Leads whose sql_at falls in the month.", ja: "sql_at が当月のリード数。" },
  },
  {
    id: "opportunities",
    unit: "count",
    datasets: ["opportunities"],
    targets: "self",
    trend: true,
    label: { en: "Opportunities", ja: "商談" },
    definition: { en: "Opportunities whose created_at falls in the month.", ja: "created_at が当月の商談数。" },
  },
  {
    id: "won",
    unit: "count",
    datasets: ["opportunities"],
    targets: "self",
    trend: true,
    label: { en: "Won deals", ja: "受注件数" },
    definition: {
      en: "Opportunities won (outcome won, or a won stage) with closed_at in the month.",
      ja: "closed_at が当月で受注した商談数。",
    },
  },
  {
    id: "lost",
    unit: "count",
    datasets: ["opportunities"],
    internal: true,
    label: { en: "Lost deals", ja: "失注件数" },
    definition: {
      en: "Opportunities lost (outcome lost, or a lost stage) with closed_at in the month.",
      ja: "closed_at が当月で失注した商談数。",
    },
  },
  {
    id: "pipeline_amount",
    unit: "currency",
    datasets: ["opportunities"],
    targets: "self",
    trend: true,
    label: { en: "Pipeline created", ja: "創出パイプライン" },
    definition: {
      en: "Sum of amount of opportunities created in the month. Deals without an amount are left out of the sum, and counted beside it.",
      ja: "当月作成された商談の金額合計。金額のない商談は合計に含めず、その件数を併記する。",
    },
  },
  {
    id: "won_amount",
    unit: "currency",
    datasets: ["opportunities"],
    targets: "self",
    trend: true,
    label: { en: "Won amount", ja: "受注金額" },
    definition: {
      en: "Sum of amount of opportunities won in the month. Won deals without an amount are left out of the sum, and counted beside it.",
      ja: "当月受注した商談の金額合計。金額のない受注は合計に含めず、その件数を併記する。",
    },
  },
  {
    id: "win_rate",
    unit: "ratio",
    datasets: ["opportunities"],
    targets: "self",
    trend: true,
    label: { en: "Win rate", ja: "受注率" },
    definition: {
      en: "Won / (won + lost) among opportunities closed in the month.",
      ja: "当月クローズした商談のうち 受注 /（受注 + 失注）。",
    },
  },
  {
    id: "flow_conversion",
    unit: "ratio",
    datasets: ["leads", "opportunities"],
    targets: () => TRANSITIONS.map(([from, to]) => conversionId(from, to)),
    exceedsOne: true,
    label: { en: "Flow conversion", ja: "フロー転換率" },
    definition: {
      en: "Records entering the next stage this month / records entering this stage this month (different people; a quick pulse, can exceed 100%).",
      ja: "当月に次ステージへ進んだ件数 / 当月にこのステージに入った件数（別の母集団。速報値で100%を超えることもある）。",
    },
  },
  {
    id: "cohort_conversion",
    unit: "ratio",
    datasets: ["leads", "opportunities"],
    label: { en: "Cohort conversion", ja: "コホート転換率" },
    definition: {
      en: "Of the records that entered this stage in the month, the share that reached the next stage by the as-of date. Recent cohorts are still maturing: those whose month ended fewer days before the month's end than the 90th percentile of velocity (the month's own always; every cohort when nothing reached the next stage in the month, so how long it takes is unknown).",
      ja: "当月このステージに入った件数のうち、データ時点までに次ステージへ進んだ割合。直近のコホートは成熟途中：その月の末日から当月末までの日数が滞留日数の90パーセンタイルに満たないもの（当月は常に。当月に次ステージへ進んだ件が無い月は所要日数が分からないため全コホート）。",
    },
  },
  {
    id: "velocity",
    unit: "days",
    datasets: ["leads", "opportunities"],
    label: { en: "Velocity", ja: "滞留日数" },
    definition: {
      en: "Median and 90th percentile of days from this stage to the next, for records that entered the next stage in the month. A record whose next stage is dated before this one has no duration: it is left out, and counted.",
      ja: "当月に次ステージへ進んだ件数について、このステージから次ステージまでの日数の中央値と90パーセンタイル。次ステージの日付がこのステージより前の件は除外し、その件数を示す。",
    },
  },
  {
    id: "marketing_sourced_pipeline",
    unit: "currency",
    datasets: ["opportunities"],
    targets: "self",
    trend: true,
    label: { en: "Marketing-sourced pipeline", ja: "マーケ起点パイプライン" },
    definition: {
      en: "Amount (and count) of opportunities created in the month whose source is marketing: the opportunity's source, or its lead's source when absent, is 'marketing' or one of the configured marketing sources (when none are configured: the generic channel names and Salesforce's and HubSpot's standard marketing values; the data page lists how each source was classified).",
      ja: "当月作成の商談のうち、ソース（無い場合はリードのソース）が marketing または設定したマーケティングソースに含まれるものの金額（件数）。設定が無い場合は一般的なチャネル名と Salesforce・HubSpot の標準のマーケティング系の値（各ソースの分類はデータ付録に記載）。",
    },
  },
  {
    id: "marketing_sourced_revenue",
    unit: "currency",
    datasets: ["opportunities"],
    targets: "self",
    label: { en: "Marketing-sourced revenue", ja: "マーケ起点受注" },
    definition: { en: "Amount of marketing-sourced opportunities won in the month.", ja: "当月受注したマーケ起点商談の金額。" },
  },
  {
    id: "marketing_influenced_pipeline",
    unit: "currency",
    datasets: ["opportunities", "leads", "content_touches"],
    targets: "self",
    label: { en: "Marketing-influenced pipeline", ja: "マーケ関与パイプライン" },
    definition: {
      en: "Amount of opportunities created in the month whose lead touched marketing content or came from a campaign before the deal was created. Overlaps with sourced; never added to it.",
      ja: "当月作成の商談のうち、商談作成前にリードがコンテンツに接触したかキャンペーン経由のものの金額。マーケ起点と重複し、合算しない。",
    },
  },
  {
    id: "source_values",
    unit: "count",
    datasets: ["leads", "opportunities"],
    label: { en: "Source values", ja: "ソースの値" },
    definition: {
      en: "Each source value of the leads and opportunities as of the month (an opportunity without its own source takes its lead's), the records having it, and whether it counts as marketing: by marketingSources when configured, otherwise by the generic channel names and Salesforce's and HubSpot's standard values. Values that differ only in case or surrounding spaces ('Web', 'web ') are one source, in every section, written as the data first spelled it.",
      ja: "当月時点のリードと商談のソースの値ごとの件数（ソースの無い商談はリードのソース）と、マーケティング起点に数えるか：marketingSources の設定、無い場合は一般的なチャネル名と Salesforce・HubSpot の標準値による。大文字・小文字や前後の空白だけが違う値（「Web」「web 」）はどのセクションでも同じソースとし、データに最初に現れた書き方で表示する。",
    },
  },
]);

export type OverviewMetricId = (typeof METRICS)[number]["id"];
