// What the follow-up SLA computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";
import { slaRule } from "../../schema/config.ts";

export const TOUCH_BUCKETS = ["<1h", "1-4h", "4-24h", "1-3d", "3-7d", "7d+", "never"] as const;
export const AGE_BUCKETS = ["0-3", "4-7", "8-30", "31+"] as const;
/** Calendar days from the month's last day to an open handoff's deadline day. */
export const DAYS_LEFT_BUCKETS = ["1-3", "4-7", "8-14", "15+"] as const;

const bucketCount = z.strictObject({ bucket: z.string(), count: z.number() });

/** An owner's handoffs due in the month (deadline in the month), all decided. */
export const decidedOwnerSchema = z.strictObject({
  owner: z.string(),
  due: z.number(),
  met: z.number(),
  breached: z.number(),
  /** Disqualified before the deadline without the rule's activity: not due (sla.excludeDisqualified). */
  excluded: z.number(),
  compliance: z.number().nullable(),
});
export type DecidedOwner = z.infer<typeof decidedOwnerSchema>;

/** An owner's handoffs handed over in the month, as of its end (the operational view). */
export const handoffOwnerSchema = z.strictObject({
  owner: z.string(),
  handoffs: z.number(),
  met: z.number(),
  breached: z.number(),
  open: z.number(),
  excluded: z.number(),
  /** Open handoffs by days left to their deadline (DAYS_LEFT_BUCKETS). */
  daysLeft: z.record(z.string(), z.number()),
});
export type HandoffOwner = z.infer<typeof handoffOwnerSchema>;

/**
 * A rule judged by deadline month (edition format 4 on): compliance of the handoffs whose deadline
 * fell in the month, every one decided by its end, beside the month's handoffs as of its end.
 */
export const ruleResultSchema = z.strictObject({
  judgedBy: z.literal("deadline_month"),
  rule: slaRule,
  /** Headline id `sla_<rule id>` (targets.csv metric): met / due of the handoffs whose deadline fell in each month. */
  compliance: headlineSchema,
  /** Handoffs due in the month: deadline in the month and not excluded; due = met + breached. */
  due: z.number(),
  met: z.number(),
  breached: z.number(),
  /** Deadline in the month, disqualified before it without the rule's activity: not due. */
  excluded: z.number(),
  /** Whether disqualified handoffs were left out of the due (sla.excludeDisqualified). */
  excludeDisqualified: z.boolean(),
  /** Per owner (the lead's owner, 'unassigned' when empty), most handoffs first. */
  owners: z.array(decidedOwnerSchema),
  /** The operational view: handoffs of the month as of its end, still open (with days left) or breached so far. */
  handoffs: z.strictObject({
    total: z.number(),
    met: z.number(),
    breached: z.number(),
    open: z.number(),
    excluded: z.number(),
    daysLeft: z.array(bucketCount),
    owners: z.array(handoffOwnerSchema),
  }),
  /** Lead ids due this month that breached: only when the project publishes records. */
  breachedIds: z.array(z.string()).optional(),
});
export type RuleResult = z.infer<typeof ruleResultSchema>;

/** An owner's handoffs of the month as of its end, as editions before format 4 froze them. */
export const ownerSlaSchema = z.strictObject({
  owner: z.string(),
  due: z.number(),
  met: z.number(),
  breached: z.number(),
  open: z.number(),
  compliance: z.number().nullable(),
});

/**
 * A rule as editions before format 4 froze it: judged by handoff month as of the month's end, so
 * the month's compliance counted only the handoffs already decided (read from those editions only).
 */
export const handoffMonthRuleSchema = z.strictObject({
  judgedBy: z.literal("handoff_month"),
  rule: slaRule,
  compliance: headlineSchema,
  due: z.number(),
  met: z.number(),
  breached: z.number(),
  open: z.number(),
  owners: z.array(ownerSlaSchema),
  breachedIds: z.array(z.string()).optional(),
});
export type HandoffMonthRule = z.infer<typeof handoffMonthRuleSchema>;

export const slaSchema = z.strictObject({
  /** The month's folder provides leads and activities. */
  provided: z.boolean(),
  rules: z.array(z.discriminatedUnion("judgedBy", [ruleResultSchema, handoffMonthRuleSchema])),
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
