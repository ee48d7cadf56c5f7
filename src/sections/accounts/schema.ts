// What the accounts (ABM) section computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";

export const tierCoverageSchema = z.strictObject({
  /** The tier as the data spells it; "" for the total row. */
  tier: z.string(),
  targets: z.number(),
  leadMonth: z.number(),
  leadToDate: z.number(),
  mqlMonth: z.number(),
  mqlToDate: z.number(),
  opportunityMonth: z.number(),
  opportunityOpen: z.number(),
  wonMonth: z.number(),
  wonToDate: z.number(),
});

export const funnelRowSchema = z.strictObject({
  /**
   * With the accounts list: its target accounts' leads and deals ("target"), its other accounts'
   * (target false or blank, "other"), those of accounts it does not name ("unlisted", since edition
   * format 9: an older edition counted them in "other") and those without an account ("unknown").
   * From the leads' flag alone: flagged ("target") and the rest ("other").
   */
  group: z.enum(["target", "other", "unlisted", "unknown"]),
  period: z.enum(["month", "year"]),
  leads: z.number(),
  mql: z.number(),
  sql: z.number(),
  opportunities: z.number(),
  won: z.number(),
  lost: z.number(),
  winRate: z.number().nullable(),
});

export const engagementRowSchema = z.strictObject({
  /**
   * A tier of target accounts (target true), "target" (flag only, target true), "other" (with the
   * list: its accounts that are not targets) or "unlisted" (with the list: accounts it does not name;
   * an edition published before this row counted them in "other").
   */
  group: z.string(),
  target: z.boolean(),
  /** Accounts of the group on the list, the records' population; null from the flag alone and for "unlisted". */
  accounts: z.number().nullable(),
  touches: z.number(),
  activities: z.number(),
  touchesPerAccount: z.number().nullable(),
  activitiesPerAccount: z.number().nullable(),
});

export const accountsSchema = z.strictObject({
  /** Leads are provided for the month. */
  provided: z.boolean(),
  /** Where the target list comes from: the accounts dataset, the leads' flag, or neither. */
  /** Who tells target accounts: the accounts list, the leads' target_account flag, or nothing (format 13). */
  source: z.enum(["accounts", "flag", "none"]),
  coverage: headlineSchema,
  tiers: z.array(tierCoverageSchema),
  funnel: z.array(funnelRowSchema),
  engagement: z.array(engagementRowSchema),
  /** Target accounts with no lead this fiscal year, by tier then name (company names, never a person's): at most 20, the total beside. */
  uncovered: z.strictObject({ total: z.number(), accounts: z.array(z.strictObject({ tier: z.string(), name: z.string() })) }).nullable(),
});
export type Accounts = z.infer<typeof accountsSchema>;
export type TierCoverage = z.infer<typeof tierCoverageSchema>;
