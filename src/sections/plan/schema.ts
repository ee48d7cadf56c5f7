// What the plan section computes for a month.
import { z } from "zod";
import { statusSchema } from "../../metrics/attainment.ts";
import { DATASET_NAMES } from "../../schema/dataset.ts";

export const NODE_IDS = [
  "won_amount",
  "won",
  "tree_avg_deal_size",
  "closed",
  "win_rate",
  "opportunities",
  "tree_close_rate",
  "sql",
  "tree_sql_to_opportunity",
  "mql",
  "tree_mql_to_sql",
  "leads",
  "tree_lead_to_mql",
  "sessions",
  "tree_session_to_lead",
] as const;
export type NodeId = (typeof NODE_IDS)[number];

export const nodeSchema = z.strictObject({
  /** The metric the node is (its label and definition come from the registry; closed has its own label). */
  id: z.enum(NODE_IDS),
  kind: z.enum(["count", "currency", "ratio"]),
  /** The node it multiplies into (null for won amount). */
  parent: z.enum(NODE_IDS).nullable(),
  /** Actual of the month; null: not provided, or a rate whose denominator is zero (see provided). */
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /** The datasets the node needs are provided for the month. */
  provided: z.boolean(),
  previous: z.number().nullable(),
  mom: z.number().nullable(),
  /** null: no target (no source), or, with a source, a target not provided (worked from a trailing rate that is not). */
  target: z.number().nullable(),
  /** given: targets.csv; derived: parent's target at the trailing 3-month rate; implied: parent's target / sibling's. */
  targetFrom: z.enum(["given", "derived", "implied"]).nullable(),
  attainment: z.number().nullable(),
  status: statusSchema.nullable(),
  /** Share of log(actual / target) of won amount (factors of the attribution only). */
  share: z.number().nullable(),
});
export type TreeNode = z.infer<typeof nodeSchema>;

export const periodSchema = z.strictObject({
  period: z.enum(["quarter", "year"]),
  /** The node measured: won_amount, or a volume with targets. */
  metric: z.string(),
  first: z.string(),
  last: z.string(),
  elapsed: z.number(),
  months: z.number(),
  actual: z.number().nullable(),
  /** Sum of the given targets of the months to date; null when one of them has none. */
  targetToDate: z.number().nullable(),
  targetFull: z.number().nullable(),
  attainment: z.number().nullable(),
  status: statusSchema.nullable(),
  runRate: z.number().nullable(),
  projectedAttainment: z.number().nullable(),
  /**
   * The months to date that lack the dataset the actual reads (opportunities for won amount and
   * opportunities, leads for the funnel, web traffic for sessions), a month before the first folder
   * included: with any, the actual, run-rate and attainments are not provided (null). null in an
   * edition of format 6 or older, which did not check them (its figures read as frozen).
   */
  missing: z.array(z.string()).nullable(),
});
export type PlanPeriod = z.infer<typeof periodSchema>;

export const needSchema = z.strictObject({
  stage: z.enum(["won", "opportunities", "sql", "mql", "leads"]),
  /** Trailing 3-month rate from this stage to the one below it (won: average deal size); null without cases or when not provided (see the plan's trailing). */
  rate: z.number().nullable(),
  next: z.number().nullable(),
  rest: z.number().nullable(),
  /** Median days from entering this stage to winning (deals won in the trailing 3 months). */
  cycleDays: z.number().nullable(),
  /** Day by which next month's volume must have entered the stage (next month's first day - cycle days). */
  nextBy: z.string().nullable(),
  /**
   * nextBy is on or before the report month's end, the report's as-of point (before next month's
   * first day): it has passed when the report is read, and next month's wins from this stage must
   * come from what had entered it by then. null without a date, and in an edition of format 7 or
   * older, which did not mark it (its dates read as frozen, unmarked).
   */
  nextByPassed: z.boolean().nullable(),
});

export const planSchema = z.strictObject({
  /** Leads and opportunities are provided for the month. */
  provided: z.boolean(),
  sessionsProvided: z.boolean(),
  nodes: z.array(nodeSchema),
  /** The factor that explains most of the gap (gap_driver), and how. */
  driver: z.strictObject({
    node: z.enum(NODE_IDS).nullable(),
    /** on_target: the won amount met its target, no cause is named (shares are still on the nodes). */
    how: z.enum(["share", "zero", "none", "on_target"]),
    /** Won amount's attainment: the gap's direction. */
    attainment: z.number().nullable(),
  }),
  fiscalYear: z.number(),
  quarter: z.number(),
  fytd: z.strictObject({ id: z.literal("plan_fytd_attainment"), value: z.number().nullable() }),
  periods: z.array(periodSchema),
  back: z.strictObject({
    nextMonth: z.string(),
    nextTarget: z.number().nullable(),
    restMonths: z.array(z.string()),
    /**
     * What restMonths are: the rest of the report month's quarter, or, at a quarter's last month
     * (none of it left), the whole next quarter. null in an edition of format 12 or older, which
     * called them the rest of the quarter either way (its words as frozen).
     */
    restOf: z.enum(["quarter", "next_quarter"]).nullable(),
    restTarget: z.number().nullable(),
    needs: z.array(needSchema),
  }),
  /**
   * The trailing 3 months (the report month and the two before) that the back-calculation's rates and
   * cycle times and the tree's derived targets are worked over, and the plan's datasets some of them
   * lack, with those months: a rate reads not provided when a month lacks a dataset it reads. null in
   * an edition of format 6 or older, which did not check them (its rates and targets read as frozen).
   */
  trailing: z
    .strictObject({
      months: z.array(z.string()),
      missing: z.array(z.strictObject({ dataset: z.enum(DATASET_NAMES), months: z.array(z.string()) })),
    })
    .nullable(),
});
export type Plan = z.infer<typeof planSchema>;
