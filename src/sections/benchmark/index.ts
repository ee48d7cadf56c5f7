// The web benchmark: sessions, users, engagement and bounce rate, by channel and user type.
import type { Section } from "../section.ts";
import { benchmarkMetrics } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { benchmarkSummary } from "./summary.ts";
import { benchmarkSchema, type Benchmark } from "./schema.ts";

export const benchmark = {
  id: "benchmark",
  label: { en: "Web benchmark", ja: "Webベンチマーク" },
  metrics: METRICS,
  schema: benchmarkSchema,
  since: 2,
  summary: benchmarkSummary,
  compute: (db, ctx, _prepared, targets) => benchmarkMetrics(db, ctx, targets),
} satisfies Section<"benchmark", Benchmark, undefined, typeof METRICS>;
