// Pipeline health, coverage and the landing forecast, at /YYYY-MM/pipeline/.
import type { Section } from "../section.ts";
import { pipelineMetrics, preparePipeline, type PreparedPipeline } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { pipelineSchema, type Pipeline } from "./schema.ts";

export const pipeline = {
  id: "pipeline",
  label: { en: "Pipeline", ja: "パイプライン" },
  metrics: METRICS,
  schema: pipelineSchema,
  since: 4,
  prepare: preparePipeline,
  compute: pipelineMetrics,
  // Coverage is a month-end snapshot of open deals against what the quarter still needs: final once
  // the month has closed. When won to date meets the target there is no ratio to show, and a blank
  // one would read "not provided": the page says "target met" instead.
  summary: (p) => (p.quarter.status === "met" ? [] : [{ metric: "pipeline_coverage", headline: p.coverage, maturity: "final" }]),
  attention: (p) => [
    {
      id: "stale-deals",
      label: { en: "Stale deals", ja: "停滞商談" },
      count: p.provided ? p.stale.total : null,
      anchor: "stale-deals",
      level: "alert",
    },
  ],
} satisfies Section<"pipeline", Pipeline, PreparedPipeline, typeof METRICS>;
