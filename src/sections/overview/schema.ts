// What the overview computes for a month: every number its page shows, as an edition freezes it.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";

export const STAGES = ["lead", "mql", "sql", "opportunity", "won"] as const;
export type Stage = (typeof STAGES)[number];
const stage = z.enum(STAGES);

export const transitionSchema = z.strictObject({
  from: stage,
  to: stage,
  flow: headlineSchema,
  cohort: z.array(
    z.strictObject({ month: z.string(), entered: z.number(), converted: z.number(), rate: z.number().nullable(), maturing: z.boolean() }),
  ),
  velocity: z.strictObject({ median: z.number().nullable(), p90: z.number().nullable(), n: z.number() }),
});
export type Transition = z.infer<typeof transitionSchema>;

export const overviewSchema = z.strictObject({
  volumes: z.strictObject({
    leads: headlineSchema,
    mql: headlineSchema,
    sql: headlineSchema,
    opportunities: headlineSchema,
    won: headlineSchema,
    lost: headlineSchema,
  }),
  transitions: z.array(transitionSchema),
  pipeline: headlineSchema,
  wonAmount: headlineSchema,
  winRate: headlineSchema,
  marketing: z.strictObject({
    sourcedPipeline: headlineSchema,
    sourcedCount: z.number().nullable(),
    sourcedRevenue: headlineSchema,
    influencedPipeline: headlineSchema,
    influencedCount: z.number().nullable(),
  }),
});
export type Overview = z.infer<typeof overviewSchema>;
