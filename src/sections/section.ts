// What a report section is: its id and label, the metrics it defines, the zod schema of what it
// computes for a month, and how it computes it. One folder per section (src/sections/<id>/), listed
// once in registry.ts; everything else (routes, navigation, definitions, targets, editions) is derived.
import { z } from "zod";
import type { MetricContext } from "../metrics/context.ts";
import { headline, type Against, type Headline, type Point, type Targets } from "../metrics/headline.ts";
import type { Db } from "../model/duckdb.ts";
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import type { Text } from "../site/labels.ts";

export type { Text } from "../site/labels.ts";

export const UNITS = ["count", "currency", "ratio", "days", "seconds", "number"] as const;
export type Unit = (typeof UNITS)[number];

/**
 * A metric: what it counts, in words a reader can check (shown on the data page, frozen into
 * editions), and what it needs. Its headline number, if it has one, carries its id.
 */
export interface Metric<Id extends string = string> {
  id: Id;
  unit: Unit;
  label: Text;
  definition: Text;
  /** Datasets the metric reads: a month whose folder lacks one shows it as "not provided". */
  datasets: readonly DatasetName[];
  /**
   * Its targets.csv metric ids: "self" when its headline number is named by its own id; a function
   * of the configuration when it names one headline per rule or stage (sla_<rule id>,
   * conversion_<from>_<to>); none when no target is shown for it.
   */
  targets?: "self" | ((config: Config) => readonly string[]);
  /** Lined up on the trends page (in the order of the registry and of the section's metrics). */
  trend?: boolean;
  /**
   * Which way is good: "higher" (the default: leads, won amount, compliance) or "lower" (costs, cycle
   * time, stale deals). Status against target and the colour of a change follow it.
   */
  better?: "higher" | "lower";
  /**
   * A ratio that can pass 1 (a flow conversion: more records entering the next stage in a month
   * than entered this one). Every other ratio is a share of a whole, 0 to 1, so a target above 1
   * for it is refused (a percentage written without its % sign).
   */
  exceedsOne?: true;
  /**
   * Computed for another metric and shown on no page: neither on the data page nor a target. Its
   * definition is here for when a page shows it (that page then lists it).
   */
  internal?: boolean;
}

/** A headline number in the month's executive summary (Section.summary). */
export interface SummaryItem {
  /** The metric (its label, unit, definition and `better` come from the registry). */
  metric: string;
  /** Its label when one metric gives several headlines (one per SLA rule); else the metric's. */
  label?: Text;
  /**
   * What the number is in this summary when it is another section's metric ("the revenue gap's main
   * cause"): shown before the metric's label, so the same metric twice never reads as a repeat.
   */
  role?: Text;
  headline: Headline;
  /**
   * "final", or "provisional" when the number's population is still open at the as-of date (the
   * maturity rule): then it is greyed, marked and given no change arrow.
   */
  maturity: "final" | "provisional";
}

/** Something the meeting must act on (Section.attention). */
export interface AttentionItem {
  /** Stable id (an anchor of its own on the summary). */
  id: string;
  label: Text;
  /** How many; null when the data it needs is not provided. */
  count: number | null;
  /** The id of the figure, table or block on this section's page that lists them. */
  anchor: string;
  /** "alert": act now (breached, stale); "watch": at risk (open, ageing). */
  level: "alert" | "watch";
}

/** The metric as editions freeze it and the data page lists it. */
export interface Definition {
  id: string;
  label: Text;
  definition: Text;
  unit: Unit;
}

export function definitionOf(m: Metric): Definition {
  return { id: m.id, label: m.label, definition: m.definition, unit: m.unit };
}

/**
 * A report section. `prepare`, when it has one, computes for every month the build computes at once
 * what `compute` then reads month by month (the executor always runs it, also for one month);
 * `release` drops what it left in the database.
 */
export interface Section<
  Id extends string = string,
  Out = unknown,
  Prepared = unknown,
  Metrics extends readonly Metric[] = readonly Metric[],
> {
  id: Id;
  label: Text;
  metrics: Metrics;
  /** What `compute` gives for a month: every number its page shows, as an edition freezes it. */
  schema: z.ZodType<Out>;
  /**
   * The edition format that first had this section: a month published in an older format shows it
   * as "not in this edition". A new section takes the current format + 1 (edition/format.ts).
   */
  since: number;
  /** Sections whose prepare is the same function share one run of it, and its release (executor.ts). */
  prepare?(db: Db, months: readonly string[], config: Config): Promise<Prepared>;
  /**
   * The headline numbers this section puts in the month's executive summary, most important first
   * (the overview page and `/` show them with their status against target). From the section's
   * output, so a published month's summary comes from its edition.
   */
  summary?(output: Out, config: Config): SummaryItem[];
  /**
   * What needs action this month (breached SLAs, untouched handoffs, stale deals, ...): counts,
   * each linking to the figure or table on this section's page that lists them.
   */
  attention?(output: Out, config: Config): AttentionItem[];
  /**
   * Whether `metric`, one of its trend metrics that is itself measured against a target (an
   * attainment), has no target in the output's month: it then has no value whatever the data, and
   * the trends page says there is no target, neither "not provided" nor "-".
   */
  untargeted?(output: Out, metric: string): boolean;
  /**
   * Whether `metric`, one of its trend metrics whose headline carries no denominator (an
   * attainment), has no value in the output's month although the data it reads is there
   * (`provided`: the datasets the month's report has): a ratio over zero, such as an attainment
   * against a target of zero. The trends page then reads "-" (no cases), not "not provided".
   */
  noCases?(output: Out, metric: string, provided: readonly string[]): boolean;
  /**
   * Whether `metric`, one of its trend metrics, is provisional in the output's month, as the
   * section's page marks its card (the maturity rule): the trends page marks it too, and neither
   * judges it against its target nor compares it with another year's.
   */
  provisional?(output: Out, metric: string): boolean;
  /** `prepared`: what `prepare` gave (undefined for a section without one). */
  compute(db: Db, ctx: MetricContext, prepared: Prepared, targets: Targets): Promise<Out>;
  release?(db: Db, prepared: Prepared): Promise<void>;
}

/**
 * A prepare step's table: `sql` written once to `name` among the build's shared tables (Db.scratch),
 * so every connection computing a month reads it; returns its name, for the section's release
 * (dropPreparedTable).
 */
export async function writePreparedTable(db: Db, name: string, sql: string): Promise<string> {
  const table = `${db.scratch}${name}`;
  await db.exec(`CREATE OR REPLACE TABLE ${table} AS ${sql}`);
  return table;
}

/** Drop what writePreparedTable wrote: a section's release. */
export async function dropPreparedTable(db: Db, table: string): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${table}`);
}

/** What a section's prepare step computed for `month`, one of the months it was given. */
export function preparedFor<T>(prepared: ReadonlyMap<string, T>, month: string): T {
  const mine = prepared.get(month);
  if (mine === undefined) throw new Error(`${month} was not among the months prepared`);
  return mine;
}

/** A section's metrics, with their ids kept as literal types (`MetricId` of the registry is their union). */
export function metrics<const M extends readonly Metric[]>(list: M): M {
  return list;
}

/** The datasets metric `id` of `list` reads. */
export function datasetsOf<M extends readonly Metric[]>(list: M, id: M[number]["id"]): readonly DatasetName[] {
  const metric = list.find((m) => m.id === id);
  if (!metric) throw new Error(`no metric ${id}`);
  return metric.datasets;
}

/**
 * metrics/headline.ts's headline(), for the ids of `list` only (a misspelt id does not compile), in
 * the metric's direction (`better`: a lower-is-better metric's attainment is target / value).
 */
export function headlineOf<M extends readonly Metric[]>(
  list: M,
): (id: M[number]["id"], series: Point[], month: string, targets: Targets, against?: Against) => Headline {
  return (id, series, month, targets, against) =>
    headline(id, series, month, targets, against, list.find((m) => m.id === id)?.better ?? "higher");
}

/**
 * What a published month shows for a section its edition did not have (an edition frozen before the
 * section existed): said, never faked from today's data. A section result is its output or this.
 */
export const notInEditionSchema = z.strictObject({ notInEdition: z.literal(true) });
export type NotInEdition = z.infer<typeof notInEditionSchema>;
export const NOT_IN_EDITION: NotInEdition = { notInEdition: true };

export function isNotInEdition(x: unknown): x is NotInEdition {
  return notInEditionSchema.safeParse(x).success;
}

/** A section result's output, or undefined when the view's edition did not have the section. */
export function outputOf<T extends object>(result: T | NotInEdition): T | undefined {
  return isNotInEdition(result) ? undefined : result;
}

/** The output of a section every edition format has (since: 1): NOT_IN_EDITION there is a broken edition. */
export function alwaysInEdition<T extends object>(result: T | NotInEdition, section: string): T {
  const output = outputOf(result);
  if (!output) throw new Error(`the ${section} section is in every edition format, but this edition lacks it`);
  return output;
}
