// The sales-marketing handoff (営業とマーケティングの連携状況): MQLs handed to sales, the activity
// funnel per owner and industry, supply skew, and campaigns as lead sources.
import type { Section } from "../section.ts";
import { handoffMetrics, prepareHandoff, type PreparedHandoff } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { handoffSummary } from "./summary.ts";
import { handoffSchema, type Handoff } from "./schema.ts";

export const handoff = {
  id: "handoff",
  label: { en: "Sales–marketing handoff", ja: "営業とマーケティングの連携状況" },
  metrics: METRICS,
  schema: handoffSchema,
  since: 2,
  summary: handoffSummary,
  prepare: (db, months) => prepareHandoff(db, months),
  compute: handoffMetrics,
} satisfies Section<"handoff", Handoff, PreparedHandoff, typeof METRICS>;
