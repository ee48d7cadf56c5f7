// The follow-up SLA: compliance per rule and owner, time to first touch, handoffs never touched.
import type { Config } from "../../schema/config.ts";
import type { Section } from "../section.ts";
import { dropSla, prepareSla, slaMetrics } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { slaSchema, type Sla } from "./schema.ts";

export const sla = {
  id: "sla",
  label: { en: "Follow-up SLA", ja: "フォローアップSLA" },
  metrics: METRICS,
  schema: slaSchema,
  since: 2,
  prepare: async (db, _months, config) => {
    await prepareSla(db, config);
    return config;
  },
  compute: (db, ctx, _prepared, targets) => slaMetrics(db, ctx, targets),
  release: (db, config) => dropSla(db, config),
} satisfies Section<"sla", Sla, Config, typeof METRICS>;
