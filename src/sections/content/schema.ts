// What content performance computes for a month.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";

export const assetRowSchema = z.strictObject({
  contentId: z.string(),
  title: z.string(),
  type: z.string(),
  stage: z.string().nullable(),
  value: z.number(),
  /** In the ranking by influence only: the influenced leads' pipeline. */
  pipeline: z.number().optional(),
  rank: z.number(),
});
export type AssetRow = z.infer<typeof assetRowSchema>;

export const rollupSchema = z.strictObject({
  key: z.string(),
  leads: z.number(),
  mqls: z.number(),
  influenced: z.number().nullable(),
  pipeline: z.number().nullable(),
});
export type Rollup = z.infer<typeof rollupSchema>;

export const contentSchema = z.strictObject({
  provided: z.boolean(),
  byLeads: z.array(assetRowSchema),
  byMqls: z.array(assetRowSchema),
  /** null when the month provides no content touches. */
  byInfluence: z.array(assetRowSchema).nullable(),
  byType: z.array(rollupSchema),
  byStage: z.array(rollupSchema),
  published: z.array(
    z.strictObject({ contentId: z.string(), title: z.string(), type: z.string(), publishedAt: z.string(), leads: z.number() }),
  ),
  contentLeads: headlineSchema,
  influencedPipeline: headlineSchema,
  totals: z.strictObject({ leads: z.number(), mqls: z.number(), assets: z.number() }),
});
export type ContentPerformance = z.infer<typeof contentSchema>;
