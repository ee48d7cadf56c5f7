// The follow-up SLA: compliance per rule and owner, time to first touch, handoffs never touched.
import type { Section } from "../section.ts";
import { dropSla, prepareSla, slaMetrics } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { slaAttention, slaSummary } from "./summary.ts";
import { slaSchema, type Sla } from "./schema.ts";

export const sla = {
  id: "sla",
  label: { en: "Follow-up SLA", ja: "フォローアップSLA" },
  metrics: METRICS,
  schema: slaSchema,
  since: 2,
  summary: slaSummary,
  attention: slaAttention,
  prepare: (db, _months, config) => prepareSla(db, config),
  compute: (db, ctx, table, targets) => slaMetrics(db, ctx, table, targets),
  release: dropSla,
} satisfies Section<"sla", Sla, string, typeof METRICS>;
