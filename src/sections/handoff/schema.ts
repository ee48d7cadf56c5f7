// What the sales-marketing handoff computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";
import { concentrationSchema } from "../../metrics/shares.ts";

export const funnelRowSchema = z.strictObject({
  key: z.string(),
  received: z.number(),
  calls: z.number(),
  connects: z.number(),
  appointments: z.number(),
  sqls: z.number(),
  sqlRate: z.number().nullable(),
});
export type FunnelRow = z.infer<typeof funnelRowSchema>;

export const campaignRowSchema = z.strictObject({
  campaignId: z.string(),
  name: z.string(),
  channel: z.string().nullable(),
  leads: z.number(),
  mqls: z.number(),
  sqls: z.number(),
  pipeline: z.number(),
  won: z.number(),
  /** The campaign's total cost (campaigns.cost), null when unknown. */
  cost: z.number().nullable(),
  /**
   * Denominators of the cost-per figures: the campaign's MQLs and SQLs up to the month's end. null
   * only in an edition frozen before they existed (format 2): not in that edition.
   */
  mqlsToDate: z.number().nullable(),
  sqlsToDate: z.number().nullable(),
  costPerMql: z.number().nullable(),
  costPerSql: z.number().nullable(),
});
export type CampaignRow = z.infer<typeof campaignRowSchema>;

export const handoffSchema = z.strictObject({
  provided: z.boolean(),
  handed: headlineSchema,
  funnel: z.strictObject({
    handed: z.number(),
    calls: z.number(),
    connects: z.number(),
    emails: z.number(),
    appointments: z.number(),
    sqls: z.number(),
  }),
  connectRate: headlineSchema,
  appointmentRate: headlineSchema,
  sqlRate: headlineSchema,
  owners: z.array(funnelRowSchema),
  industries: z.array(funnelRowSchema),
  /** Flags: the top owner's (industry's) share of the month's handoffs > threshold; skewed = either. */
  skew: z.strictObject({
    owners: concentrationSchema,
    industries: concentrationSchema,
    threshold: z.number(),
    ownerFlag: z.boolean(),
    industryFlag: z.boolean(),
    skewed: z.boolean(),
  }),
  /** null when the month's folder provides no campaigns. */
  campaigns: z.array(campaignRowSchema).nullable(),
});
export type Handoff = z.infer<typeof handoffSchema>;
