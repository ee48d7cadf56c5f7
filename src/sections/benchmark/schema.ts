// What the web benchmark computes for a month.
import { z } from "zod";
import { headlineSchema, point } from "../../metrics/headline.ts";

export const channelRowSchema = z.strictObject({
  channel: z.string(),
  sessions: z.number(),
  share: z.number(),
  users: z.number(),
  newUsers: z.number().nullable(),
  engagementPerSession: z.number().nullable(),
  viewsPerSession: z.number().nullable(),
  bounceRate: z.number().nullable(),
  /**
   * The sessions each rate divides by, those of the rows that give its columns: 0 with the columns
   * given, a rate of no cases ("-"); null when no row gives them (or, an edition of format 12 or
   * older, not frozen), the rate not provided.
   */
  engagementBase: z.number().nullable(),
  viewsBase: z.number().nullable(),
  bounceBase: z.number().nullable(),
  previousSessions: z.number().nullable(),
  mom: z.number().nullable(),
});
export type ChannelRow = z.infer<typeof channelRowSchema>;

export const benchmarkSchema = z.strictObject({
  provided: z.boolean(),
  sessions: headlineSchema,
  users: headlineSchema,
  newUsers: headlineSchema,
  engagementPerSession: headlineSchema,
  viewsPerSession: headlineSchema,
  bounceRate: headlineSchema,
  channels: z.array(channelRowSchema),
  userTypes: z.array(
    z.strictObject({
      userType: z.string(),
      sessions: z.number(),
      users: z.number(),
      share: z.number(),
      bounceRate: z.number().nullable(),
      /** As a channel row's. */
      bounceBase: z.number().nullable(),
    }),
  ),
  /** 13-month sessions of the top channels (small multiples). */
  channelSeries: z.array(z.strictObject({ channel: z.string(), series: z.array(point) })),
});
export type Benchmark = z.infer<typeof benchmarkSchema>;
