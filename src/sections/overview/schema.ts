// What the overview computes for a month: every number its page shows, as an edition freezes it.
import { z } from "zod";
import { headlineSchema } from "../../metrics/headline.ts";
import { notInEditionSchema } from "../section.ts";

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
  velocity: z.strictObject({
    median: z.number().nullable(),
    p90: z.number().nullable(),
    n: z.number(),
    /** Records that reached the next stage in the month dated before they entered this one: left out (null: not counted, in editions frozen before it was). */
    excluded: z.number().nullable(),
  }),
});
export type Transition = z.infer<typeof transitionSchema>;
export type Velocity = Omit<Transition["velocity"], "excluded"> & { excluded: number };

/**
 * Deals an amount sum leaves out because they have no amount (a blank amount is kept, see the
 * opportunities schema): `pipeline`, of the opportunities created in the month (left out of
 * pipeline created, and of the marketing pipelines that are part of it), `open` of them still
 * open; `won`, of the deals won in the month (left out of won amount).
 */
export const amountMissingSchema = z.strictObject({ pipeline: z.number(), open: z.number(), won: z.number() });

/** A source value as of the month, its records and how it was classified (model/sources.ts). */
export const sourceRowSchema = z.strictObject({
  /** null: opportunities with no source of their own and no lead's. */
  value: z.string().nullable(),
  leads: z.number(),
  opportunities: z.number(),
  marketing: z.boolean(),
  by: z.enum(["config", "generic", "hubspot", "salesforce", "marketing", "none"]),
});
export type SourceRow = z.infer<typeof sourceRowSchema>;

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
  /** Null when the month has no opportunities; not in editions frozen before it was counted. */
  amountMissing: z.union([amountMissingSchema, z.null(), notInEditionSchema]),
  marketing: z.strictObject({
    sourcedPipeline: headlineSchema,
    sourcedCount: z.number().nullable(),
    sourcedRevenue: headlineSchema,
    influencedPipeline: headlineSchema,
    influencedCount: z.number().nullable(),
  }),
  /** Every source value as of the month and its classification; not in editions frozen before it was listed. */
  sources: z.union([z.array(sourceRowSchema), notInEditionSchema]),
});
export type Overview = z.infer<typeof overviewSchema>;
