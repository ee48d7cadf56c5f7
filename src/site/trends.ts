// The headline metrics the trends page lines up, each read from its own month's report.
import type { Headline } from "../metrics/headline.ts";
import type { MonthReport } from "../metrics/report.ts";
import type { ValueUnit } from "./format.ts";
import type { SiteModel } from "./model.ts";

export interface TrendMetric {
  id: string;
  label: { en: string; ja: string };
  unit: ValueUnit;
  value(month: string): number | null;
}

const HEADLINES: { id: string; label: { en: string; ja: string }; unit: ValueUnit; get: (r: MonthReport) => Headline | undefined }[] = [
  { id: "leads", label: { en: "Leads", ja: "リード" }, unit: "count", get: (r) => r.overview.volumes.leads },
  { id: "mql", label: { en: "MQLs", ja: "MQL" }, unit: "count", get: (r) => r.overview.volumes.mql },
  { id: "sql", label: { en: "SQLs", ja: "商談化" }, unit: "count", get: (r) => r.overview.volumes.sql },
  { id: "opportunities", label: { en: "Opportunities", ja: "商談" }, unit: "count", get: (r) => r.overview.volumes.opportunities },
  { id: "won", label: { en: "Won deals", ja: "受注件数" }, unit: "count", get: (r) => r.overview.volumes.won },
  { id: "pipeline_amount", label: { en: "Pipeline created", ja: "創出パイプライン" }, unit: "currency", get: (r) => r.overview.pipeline },
  { id: "won_amount", label: { en: "Won amount", ja: "受注金額" }, unit: "currency", get: (r) => r.overview.wonAmount },
  {
    id: "marketing_sourced_pipeline",
    label: { en: "Marketing-sourced pipeline", ja: "マーケ起点パイプライン" },
    unit: "currency",
    get: (r) => r.overview.marketing.sourcedPipeline,
  },
  { id: "win_rate", label: { en: "Win rate", ja: "受注率" }, unit: "ratio", get: (r) => r.overview.winRate },
];

export function trendMetrics(s: SiteModel): TrendMetric[] {
  return HEADLINES.map((h) => ({
    id: h.id,
    label: h.label,
    unit: h.unit,
    value: (month: string) => {
      const r = s.views[month]?.report;
      return r ? (h.get(r)?.value ?? null) : null;
    },
  }));
}
