// The headline metrics the trends page lines up (the registry's trend metrics), each read from its
// own month's report.
import { headlineValue, TREND_METRICS } from "../sections/registry.ts";
import type { Text } from "../sections/section.ts";
import type { ValueUnit } from "./format.ts";
import type { SiteModel } from "./model.ts";

export interface TrendMetric {
  id: string;
  label: Text;
  unit: ValueUnit;
  value(month: string): number | null;
}

export function trendMetrics(s: SiteModel): TrendMetric[] {
  return TREND_METRICS.map(({ section, metric }) => ({
    id: metric.id,
    label: metric.label,
    unit: metric.unit,
    value: (month: string) => {
      const r = s.views[month]?.report;
      return r ? (headlineValue(r[section], metric.id) ?? null) : null;
    },
  }));
}
