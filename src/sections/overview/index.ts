// The overview: the demand waterfall and marketing's contribution, at /YYYY-MM/.
import type { Section } from "../section.ts";
import { overviewMetrics, prepareOverview, type PreparedOverview } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { overviewSummary } from "./summary.ts";
import { overviewSchema, type Overview } from "./schema.ts";

export const overview = {
  id: "overview",
  label: { en: "Overview", ja: "概要" },
  metrics: METRICS,
  schema: overviewSchema,
  since: 1,
  summary: overviewSummary,
  prepare: prepareOverview,
  compute: overviewMetrics,
} satisfies Section<"overview", Overview, PreparedOverview, typeof METRICS>;
