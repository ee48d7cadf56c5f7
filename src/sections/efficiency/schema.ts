// What the efficiency section computes for a month.
import { z } from "zod";
import { statusSchema } from "../../metrics/attainment.ts";
import { headlineSchema } from "../../metrics/headline.ts";

const money = z.number().nullable();

/** Spend of a period to the report month against the budget of the same months, and the whole period's budget. */
export const periodSpendSchema = z.strictObject({
  period: z.enum(["month", "quarter", "year"]),
  first: z.string(),
  last: z.string(),
  /** Months of the period up to the report month. */
  elapsed: z.number(),
  /** null: some month to date has no reported spend. */
  actual: money,
  budgetToDate: money,
  budgetFull: money,
  /** actual - budgetToDate */
  variance: money,
  /**
   * Lines of the months to date with a budget but no amount yet: actual is provisional (status null
   * unless already over). null: an edition of format 4 did not count them.
   */
  unreported: z.number().nullable(),
  /** Lower is better: budget / actual (attainment.ts). */
  status: statusSchema.nullable(),
});

export const spendRowSchema = z.strictObject({
  /** The channel or category as the data spells it; team for a row by team. */
  name: z.string(),
  month: money,
  monthBudget: money,
  quarter: money,
  quarterBudget: money,
  year: money,
  yearBudget: money,
  /** Fiscal year to date spent more than budgeted to date. */
  over: z.boolean(),
});

export const costRowSchema = z.strictObject({
  channel: z.string(),
  /** null: the month reports no spend, or a line of the channel has a budget but no amount yet. */
  spend: money,
  leads: z.number(),
  mql: z.number(),
  sql: z.number(),
  opportunities: z.number(),
  won: z.number(),
  perLead: money,
  perMql: money,
  perSql: money,
  perOpportunity: money,
  perWon: money,
});

export const cacWindowSchema = z.strictObject({
  months: z.number(),
  first: z.string(),
  last: z.string(),
  /** Every month of the window has reported spend. */
  spendProvided: z.boolean(),
  /** Some sales-team spend row in the window. */
  salesProvided: z.boolean(),
  marketingSpend: money,
  salesSpend: money,
  /** null: a month of the window lacks its deals (missing.opportunities). */
  newCustomers: z.number().nullable(),
  /** Spend lines of the window with a budget but no amount yet: its CAC is provisional (null: not counted, format 4). */
  unreported: z.number().nullable(),
  cac: money,
  cacMarketing: money,
  /** Cost per SQL over the window (marketing spend / SQLs): the fallback when new customers are fewer than 5. */
  costPerSql: money,
  /** null: a month of the window lacks its leads (missing.leads). */
  sqls: z.number().nullable(),
  /**
   * The window's months that lack the deals (opportunities) or the leads, a month before the first
   * folder included: with any lacking deals, new customers, CAC and marketing-only CAC are not
   * provided (null); with any lacking leads, SQLs and cost per SQL. null in an edition of format 6 or
   * older, which counted such a month as zero (its figures read as frozen).
   */
  missing: z.strictObject({ opportunities: z.array(z.string()), leads: z.array(z.string()) }).nullable(),
});

export const ltvSchema = z.strictObject({
  amountBasis: z.enum(["one_time", "monthly", "annual"]),
  grossMargin: z.number().nullable(),
  lifetimeMonths: z.number().nullable(),
  monthlyChurn: z.number().nullable(),
  /** "lifetime" (ltv.lifetimeMonths), "churn" (1 / ltv.monthlyChurn) or null (one_time or neither). */
  lifetimeFrom: z.enum(["lifetime", "churn"]).nullable(),
  /** null: a month of the trailing 12 lacks its deals (missing). */
  wonDeals: z.number().nullable(),
  /**
   * The trailing 12 months that lack the deals, a month before the first folder included: with any,
   * the average won amount, monthly gross profit, LTV, LTV:CAC and payback are not provided (null).
   * null in an edition of format 6 or older, which counted such a month as zero (read as frozen).
   */
  missing: z.array(z.string()).nullable(),
  averageWon: money,
  monthlyGrossProfit: money,
  ltv: money,
  /** The CAC LTV:CAC and payback use, and from which window and spend. */
  cacUsed: money,
  cacMonths: z.number().nullable(),
  cacMarketingOnly: z.boolean(),
  ltvToCac: money,
  paybackMonths: money,
});

export const campaignRoiSchema = z.strictObject({
  campaign_id: z.string(),
  name: z.string(),
  channel: z.string().nullable(),
  cost: z.number(),
  mqls: z.number(),
  sqls: z.number(),
  costPerMql: money,
  costPerSql: money,
  pipeline: z.number(),
  won: z.number(),
  pipelineRoi: money,
  wonRoi: money,
  /**
   * The campaign's deals open at the month's end (created by then, outcome open, as the pipeline
   * counts them): their outcome is still ahead, so won and wonRoi are to date and provisional (the
   * maturity rule). null: an edition of format 5 or older did not count them.
   */
  openDeals: z.number().nullable(),
  /**
   * Whole days from the campaign's end to the month's end (`from` "end": ended_at's day), or from its
   * start (started_at's day) when it gives no end ("open") or an end before its start ("start");
   * negative when it ends after the month's end (it still runs). Its leads come in until it ends, and
   * each takes time to become a deal and to be won: while `days` is below the campaign cycle's p90,
   * or it still runs, or it gives no end (nothing says it has ended), pipelineRoi and wonRoi are to
   * date and provisional (the maturity rule, roi.ts). null: an edition of format 5 or older did not
   * measure it. Editions of formats 6 to 10 read a campaign without an end as "start" (final once
   * its days reached the p90), and still do.
   */
  elapsed: z.strictObject({ from: z.enum(["end", "start", "open"]), days: z.number() }).nullable(),
});

/**
 * How long a lead takes to become a deal and to be won, as of the month's end: the yardstick of a
 * young campaign's ROI (campaignRoiSchema.elapsed). Measured on the deals with a lead (the earliest
 * created of their leads: the lead's opportunity_id or the deal's lead_id), new business only when
 * the deals give their type (newBusinessOnly), in whole calendar days from the lead's creation (a
 * deal dated before its lead is left out): `deals`, those created in the trailing 12 months, and
 * `won`, those closed won in them. `toDeal` and `toWon`: the 90th percentile of their days (from
 * lead creation to deal creation, and to close as won), rounded up to whole days; null when fewer
 * than MIN_CYCLE_DEALS (roi.ts) measure it: the cycle is not known, and every campaign's ROI is
 * provisional.
 */
export const campaignCycleSchema = z.strictObject({
  deals: z.number(),
  toDeal: z.number().nullable(),
  won: z.number(),
  toWon: z.number().nullable(),
});

export const efficiencySchema = z.strictObject({
  /** The report month has reported spend (an amount on some row). */
  provided: z.boolean(),
  /**
   * Lines of the report month with a budget but no amount yet (all teams, and marketing's): its totals
   * are provisional. null: an edition of format 4 did not count them.
   */
  unreported: z.number().nullable(),
  unreportedMarketing: z.number().nullable(),
  /**
   * The deals give their type: new customers, won deals (cost per won deal) and LTV's average deal are
   * new business only. Without it they include existing customers' renewals and expansions (said so).
   */
  newBusinessOnly: z.boolean(),
  fiscalYear: z.number(),
  quarter: z.number(),
  spend: headlineSchema,
  periods: z.array(periodSpendSchema),
  byChannel: z.array(spendRowSchema),
  byCategory: z.array(spendRowSchema),
  byTeam: z.array(spendRowSchema),
  costs: z.strictObject({
    lead: headlineSchema,
    mql: headlineSchema,
    sql: headlineSchema,
    opportunity: headlineSchema,
    won: headlineSchema,
  }),
  costByChannel: z.array(costRowSchema),
  /**
   * Cost per lead by channel over the window (the largest channels). A point's `provided`: the month
   * has its leads and the channel's spend (every line of it reported), so a null value is no lead from
   * the channel ("-"); false: not provided (a month without spend or leads, or with a line of the
   * channel not reported yet). null: an edition of format 11 or older did not say (the page tells
   * from the month's total cost per lead, as it did).
   */
  channelSeries: z.array(
    z.strictObject({
      channel: z.string(),
      series: z.array(z.strictObject({ month: z.string(), value: money, provided: z.boolean().nullable() })),
    }),
  ),
  cac: headlineSchema,
  cacMarketing: headlineSchema,
  /** Trailing 3 and 12 months. */
  cacWindows: z.array(cacWindowSchema),
  /** Fewer than 5 new customers in the trailing 3 months (provided): cost per SQL stands in for CAC. */
  cacFallback: z.boolean(),
  ltv: ltvSchema,
  /** The campaigns' yardstick (campaignCycleSchema). null: an edition of format 5 or older did not measure it. */
  campaignCycle: campaignCycleSchema.nullable(),
  campaigns: z.array(campaignRoiSchema),
});
export type Efficiency = z.infer<typeof efficiencySchema>;
export type PeriodSpend = z.infer<typeof periodSpendSchema>;
export type SpendRow = z.infer<typeof spendRowSchema>;
export type CacWindow = z.infer<typeof cacWindowSchema>;
export type CampaignRoi = z.infer<typeof campaignRoiSchema>;
export type CampaignCycle = z.infer<typeof campaignCycleSchema>;
