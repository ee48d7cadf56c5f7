// What the pipeline section computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";

const countAmount = z.strictObject({
  count: z.number(),
  /** Sum of the amounts given (deals without one are left out and counted in `noAmount`). */
  amount: z.number(),
  noAmount: z.number(),
});
export type CountAmount = z.infer<typeof countAmount>;

/** Expected-close buckets: before the month's end, each month ahead, later, and no date (blank or a placeholder). */
export const CLOSE_BUCKETS_AHEAD = 6;

export const pipelineSchema = z.strictObject({
  /** The month's folder provides opportunities. */
  provided: z.boolean(),
  /** Open deals at the month's end. */
  open: countAmount,
  /** Headline open_pipeline_amount: open pipeline amount at each month's end. */
  openAmount: headlineSchema,
  byStage: z.array(
    z.strictObject({ stage: z.string(), count: z.number(), amount: z.number(), noAmount: z.number(), probability: z.number().nullable() }),
  ),
  /** bucket: "overdue", a month YYYY-MM, "later" or "none" (blank, or a placeholder such as 9999-12-31). */
  byCloseMonth: z.array(z.strictObject({ bucket: z.string(), count: z.number(), amount: z.number(), noAmount: z.number() })),
  movement: z.strictObject({
    created: countAmount,
    won: countAmount,
    lost: countAmount,
    /** null when no earlier folder provides opportunities, or no open deal has an expected close date (nothing to compare). */
    slipped: countAmount.nullable(),
    pulledIn: countAmount.nullable(),
  }),
  quarter: z.strictObject({
    first: z.string(),
    last: z.string(),
    fiscalYear: z.number(),
    number: z.number(),
    days: z.number(),
    elapsed: z.number(),
    /** Sum of its months' won_amount targets; the months without one in `missingTargets`. */
    target: z.number().nullable(),
    missingTargets: z.array(z.string()),
    wonToDate: z.number(),
    /** Target - won to date: 0 when met, null without a target. */
    remaining: z.number().nullable(),
    /** ok; met (won to date meets the target); no-target; no-dates (no open deal has an expected close date). */
    status: z.enum(["ok", "met", "no-target", "no-dates"]),
    /** Open deals expected to close after the month's end and by the quarter's end. */
    openRest: countAmount,
    /** Their amount x probability; null when no deal has a probability (column or configured stage). */
    weightedRest: z.number().nullable(),
    /** Won to date + weightedRest: a forecast, not a result. */
    forecast: z.number().nullable(),
  }),
  /** Headline pipeline_coverage: openRest / remaining, each month as of its own end. */
  coverage: headlineSchema,
  /** The coverage guide in force (pipeline.coverageGuide). */
  guide: z.number(),
  weighted: z.strictObject({
    /** Sum of amount x probability over open deals with both; null when none has a probability. */
    amount: z.number().nullable(),
    fromColumn: z.number(),
    fromStage: z.number(),
    withoutProbability: z.number(),
  }),
  stale: z.strictObject({
    /** Open deals whose expected close date is before the month's end; null when no open deal has a date. */
    pastClose: z.number().nullable(),
    /** Open deals with no activity for more than staleDays days; null when activities are not provided. */
    inactive: z.number().nullable(),
    /** Open deals that are either. */
    total: z.number(),
    staleDays: z.number(),
    owners: z.array(
      z.strictObject({
        owner: z.string(),
        pastClose: z.number().nullable(),
        inactive: z.number().nullable(),
        total: z.number(),
        amount: z.number(),
      }),
    ),
    /** Ids of the stale deals: only when the project publishes records. */
    ids: z.array(z.string()).optional(),
  }),
  sourcing: z.strictObject({
    marketing: countAmount,
    /** Marketing-sourced share of the open pipeline amount; null when it is zero. */
    share: z.number().nullable(),
    bySource: z.array(z.strictObject({ source: z.string(), marketing: z.boolean(), count: z.number(), amount: z.number() })),
  }),
});
export type Pipeline = z.infer<typeof pipelineSchema>;
