// What the win/loss section computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";

/** Windows of months ending at the report month: the month, the last 3 and the last 12. */
export const SPANS = [1, 3, 12] as const;

const paretoRow = z.strictObject({
  reason: z.string().nullable(),
  count: z.number(),
  amount: z.number(),
  noAmount: z.number(),
  share: z.number(),
  cumulative: z.number(),
});

/**
 * A span's Pareto (the month, the last 3 or the last 12 months). Total and rows null: a month of the
 * span lacks the dataset its records come from (missing), so the span is not provided.
 */
const span = z.strictObject({
  months: z.number(),
  total: z.number().nullable(),
  rows: z.array(paretoRow).nullable(),
  /**
   * The span's months whose folder lacks the deals (lost reasons) or the leads (disqualify reasons),
   * a month before the first folder included: with any, the span is not provided. null in an edition
   * of format 8 or older, which did not check them and summed what the months had (read as frozen).
   */
  missing: z.array(z.string()).nullable(),
});

/** A dimension value (a source, campaign, industry, ...) with its records per reason (trailing 3 months). */
const breakdownRow = z.strictObject({ key: z.string(), total: z.number(), amount: z.number(), reasons: z.record(z.string(), z.number()) });
const ownerRow = z.strictObject({ owner: z.string(), total: z.number(), amount: z.number(), reasons: z.record(z.string(), z.number()) });

const breakdowns = z.strictObject({
  /**
   * The reasons the breakdowns have a column for (the 12 months' most frequent, over those of them
   * whose folder has the data since format 9); the rest are "other".
   */
  reasons: z.array(z.string()),
  /**
   * The last 3 months whose folder lacks the deals (lost reasons) or the leads (disqualify reasons):
   * with any, every breakdown is not provided (null). null in an edition of format 8 or older, which
   * did not check them (its breakdowns read as frozen).
   */
  missing: z.array(z.string()).nullable(),
  bySource: z.array(breakdownRow).nullable(),
  byCampaign: z.array(breakdownRow).nullable(),
  byIndustry: z.array(breakdownRow).nullable(),
  bySize: z.array(breakdownRow).nullable(),
  owners: z.array(ownerRow).nullable(),
});

const segmentRow = z.strictObject({
  /** null: the value is blank. */
  key: z.string().nullable(),
  won: z.number(),
  lost: z.number(),
  winRate: z.number().nullable(),
  /** Won amount / won deals with an amount. */
  avgDealSize: z.number().nullable(),
  /** Median days from created to closed, of the won deals. */
  cycleDays: z.number().nullable(),
  /** won + lost below the small-n threshold, or won below it (size and cycle). */
  smallClosed: z.boolean(),
  smallWon: z.boolean(),
});

export const winlossSchema = z.strictObject({
  /** The month's folder provides opportunities, and leads. */
  provided: z.strictObject({ opportunities: z.boolean(), leads: z.boolean() }),
  lost: z.strictObject({
    spans: z.array(span),
    /**
     * Headline top_loss_reason_share: the month's top reason's share of its lost deals. A month that
     * lost none with a reason has no value and its lost deals as the denominator (no cases).
     */
    topShare: headlineSchema,
    /**
     * The top reason of each month of the window, its lost deals and all the month's lost deals
     * (reason null: none lost, or none with a reason: no cases). Count and total null: the month's
     * folder lacks the deals, so it is not provided, as its top_loss_reason_share point is; an
     * edition of format 7 or older did not check past months (their counts read as frozen).
     */
    topByMonth: z.array(
      z.strictObject({ month: z.string(), reason: z.string().nullable(), count: z.number().nullable(), total: z.number().nullable() }),
    ),
    /**
     * Lost deals per month of the window for each of the 12 months' top reasons (counts in window
     * order; null: the month's folder lacks the deals, not provided; numbers in an edition of format 7
     * or older, which did not check past months).
     */
    trend: z.array(z.strictObject({ reason: z.string(), counts: z.array(z.number().nullable()) })),
    breakdowns,
  }),
  disqualified: z.strictObject({
    spans: z.array(span),
    /**
     * Share of the month's disqualified leads whose reason says they were never prospects (JUNK); null
     * when none, or when the month's folder lacks the leads (junkCount null then).
     */
    junkShare: z.number().nullable(),
    /** null: the month's folder lacks the leads (format 9; an older edition froze 0, its page read not provided). */
    junkCount: z.number().nullable(),
    breakdowns,
  }),
  segments: z.strictObject({
    smallN: z.number(),
    /**
     * The months of the last 12 whose folder lacks the deals (format 12): with any, every breakdown is
     * null (not provided). null: an edition of format 11 or older did not check (its rows read as frozen).
     */
    missing: z.array(z.string()).nullable(),
    byIndustry: z.array(segmentRow).nullable(),
    bySize: z.array(segmentRow).nullable(),
    bySource: z.array(segmentRow).nullable(),
    /**
     * null: a month of the 12 lacks the deals (`missing`), or no closed deal has a type (the column is
     * not provided); with none closed, no deal has one.
     */
    byType: z.array(segmentRow).nullable(),
  }),
  /**
   * The months of the last 12 whose folder lacks the leads (format 12): with any, the funnel is null
   * (not provided). null: an edition of format 11 or older did not check (its rows read as frozen).
   */
  funnelMissing: z.array(z.string()).nullable(),
  /** null: a month of the 12 lacks the leads (funnelMissing). */
  funnel: z
    .array(
      z.strictObject({
        source: z.string(),
        leads: z.number(),
        mql: z.number(),
        sql: z.number(),
        opportunities: z.number(),
        pipeline: z.number(),
        won: z.number(),
        wonAmount: z.number(),
      }),
    )
    .nullable(),
});
export type Winloss = z.infer<typeof winlossSchema>;
export type Breakdowns = z.infer<typeof breakdowns>;
export type Span = z.infer<typeof span>;
export type SegmentRow = z.infer<typeof segmentRow>;
