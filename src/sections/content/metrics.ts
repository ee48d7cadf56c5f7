// Content performance's metrics: leads and MQLs an asset produced, and its influence on deals.
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "content_leads",
    unit: "count",
    // An asset's leads need the assets: without the content dataset the count reads not provided, as
    // the tables by asset do, never 0 (a CRM without form assets leaves content_id empty).
    datasets: ["leads", "content"],
    targets: "self",
    label: { en: "Leads produced", ja: "獲得リード" },
    definition: {
      en: "Leads created in the month whose form asset (content_id) is the asset. Not provided when the month's folder lacks the content dataset (the assets).",
      ja: "当月作成のリードのうち、フォームの資産（content_id）がその資産のもの。当月のフォルダにコンテンツ（資産の一覧）がなければ「データなし」。",
    },
  },
  {
    id: "content_mqls",
    unit: "count",
    datasets: ["leads", "content"],
    label: { en: "MQLs produced", ja: "獲得MQL" },
    definition: {
      en: "Leads that became MQL in the month whose form asset is the asset.",
      ja: "当月 MQL になったリードのうち、フォームの資産がその資産のもの。",
    },
  },
  {
    id: "content_influenced",
    unit: "count",
    datasets: ["leads", "content_touches", "opportunities"],
    label: { en: "Influenced leads", ja: "関与リード" },
    definition: {
      en: "Distinct leads who became SQL (or whose opportunity was created) in the month and touched the asset before that moment; a lead counts once per asset however often it touched it.",
      ja: "当月商談化（または商談作成）したリードのうち、その前に資産に接触した人数。何度接触しても資産ごとに1人。",
    },
  },
  {
    id: "content_influenced_pipeline",
    unit: "currency",
    datasets: ["leads", "content_touches", "opportunities"],
    targets: "self",
    label: { en: "Influenced pipeline", ja: "関与パイプライン" },
    definition: {
      en: "Amount of the influenced leads' opportunities, each counted once per asset (or once per type or stage in the rollups, and once in the month's total), however many of its leads touched it. Assets share credit: totals across assets exceed the pipeline.",
      ja: "関与リードの商談金額（資産ごと、種別・ステージ集計ではそれぞれ、当月合計では1回。同じ商談の複数のリードが接触しても1回）。資産間で重複するため合計はパイプラインを超える。",
    },
  },
]);

export type ContentMetricId = (typeof METRICS)[number]["id"];
