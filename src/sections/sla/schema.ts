// What the follow-up SLA computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";
import { slaRule } from "../../schema/config.ts";

export const TOUCH_BUCKETS = ["<1h", "1-4h", "4-24h", "1-3d", "3-7d", "7d+", "never"] as const;
export const AGE_BUCKETS = ["0-3", "4-7", "8-30", "31+"] as const;

export const ownerSlaSchema = z.strictObject({
  owner: z.string(),
  due: z.number(),
  met: z.number(),
  breached: z.number(),
  open: z.number(),
  compliance: z.number().nullable(),
});
export type OwnerSla = z.infer<typeof ownerSlaSchema>;

export const ruleResultSchema = z.strictObject({
  rule: slaRule,
  /** Headline id `sla_<rule id>` (targets.csv metric), 13-month compliance series. */
  compliance: headlineSchema,
  due: z.number(),
  met: z.number(),
  breached: z.number(),
  open: z.number(),
  /** Per owner (the lead's owner, 'unassigned' when empty), most handoffs first. */
  owners: z.array(ownerSlaSchema),
  /** Lead ids that breached this month: only when the project publishes records. */
  breachedIds: z.array(z.string()).optional(),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

const bucketCount = z.strictObject({ bucket: z.string(), count: z.number() });

export const slaSchema = z.strictObject({
  /** The month's folder provides leads and activities. */
  provided: z.boolean(),
  rules: z.array(ruleResultSchema),
  firstTouch: z.strictObject({
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
    touched: z.number(),
    buckets: z.array(bucketCount),
  }),
  untouched: z.strictObject({
    total: z.number(),
    buckets: z.array(bucketCount),
    owners: z.array(z.strictObject({ owner: z.string(), counts: z.record(z.string(), z.number()), total: z.number() })),
  }),
});
export type Sla = z.infer<typeof slaSchema>;
