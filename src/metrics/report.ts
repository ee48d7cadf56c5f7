// One month's report: every number its pages show, computed from the as-of tables.
// The shape is what an edition freezes, so it is plain JSON.
import { createAsOf, ensureVersions } from "../model/asof.ts";
import { createCalendarTable } from "../model/calendar.ts";
import type { Db } from "../model/duckdb.ts";
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { windowOf, type MetricContext } from "./context.ts";
import { loadTargets } from "./headline.ts";
import { overviewMetrics, prepareOverview, type Overview, type PreparedOverview } from "../sections/overview/compute.ts";
import { benchmarkMetrics, type Benchmark } from "../sections/benchmark/compute.ts";
import { contentMetrics, prepareContent, type ContentPerformance, type PreparedContent } from "../sections/content/compute.ts";
import { handoffMetrics, prepareHandoff, type Handoff, type PreparedHandoff } from "../sections/handoff/compute.ts";
import { dropSla, prepareSla, slaMetrics, type Sla } from "../sections/sla/compute.ts";

export interface MonthReport {
  month: string;
  /** End of the month in the project's zone: the data is a month-close snapshot. */
  asOf: string;
  /** Datasets the month's folder provides. */
  provided: DatasetName[];
  overview: Overview;
  /** Sections below are optional in the type: editions of format 1 did not have them. */
  benchmark?: Benchmark;
  content?: ContentPerformance;
  handoff?: Handoff;
  sla?: Sla;
}

export interface ReportInputs {
  config: Config;
  provided: ReadonlyMap<string, ReadonlySet<DatasetName>>;
  /** Numbers computed for every report month at once (computeReports); a month not in it computes its own. */
  prepared?: { overview: PreparedOverview; handoff: PreparedHandoff; content: PreparedContent };
}

export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function monthReport(db: Db, month: string, inputs: ReportInputs): Promise<MonthReport> {
  await createAsOf(db, month, inputs.config);
  const ctx: MetricContext = {
    month,
    window: windowOf(month),
    config: inputs.config,
    provided: (dataset, m) => inputs.provided.get(m)?.has(dataset) ?? false,
  };
  const targets = await loadTargets(db);
  return {
    month,
    asOf: monthEnd(month),
    provided: [...(inputs.provided.get(month) ?? [])].sort(),
    overview: await overviewMetrics(db, ctx, targets, inputs.prepared?.overview),
    benchmark: await benchmarkMetrics(db, ctx, targets),
    content: await contentMetrics(db, ctx, targets, inputs.prepared?.content),
    handoff: await handoffMetrics(db, ctx, targets, inputs.prepared?.handoff),
    sla: await slaMetrics(db, ctx, targets),
  };
}

/**
 * Months computed at once, each on its own connection, the database's threads shared among them:
 * a month's queries are many and small, and splitting each one across threads cost more than it
 * gave (scale 20, 36 months on 2 cores: 2 connections x 2 threads 32-34 s, 2 x 1 thread 27-29.5 s).
 * More connections than cores: while one connection's query result goes back to Node and its next
 * query is made, the others keep the cores busy (months alone, with one thread each: 2 connections
 * 6.0-7.0 s, 3 5.4-5.7 s, 4 4.6-4.9 s, 6 4.7-5.5 s; 6 paired cold builds, 4 against 2: 5 faster,
 * -0.3 to -5.7 s, one 0.4 s slower; peak memory alike).
 */
const PARALLEL = 4;

/** Reports for `months`, computed from the validated tables (the calendar table is created here). */
export async function computeReports(
  db: Db,
  months: readonly string[],
  inputs: ReportInputs,
  progress: (message: string) => void = () => {},
): Promise<Record<string, MonthReport>> {
  if (months.length === 0) return {};
  const sorted = [...months].sort();
  progress(`preparing metrics for ${sorted.length} month${sorted.length === 1 ? "" : "s"}`);
  await createCalendarTable(
    db,
    inputs.config.calendar,
    `${Number(sorted[0]!.slice(0, 4)) - 2}-01-01`,
    `${Number(sorted.at(-1)!.slice(0, 4)) + 1}-12-31`,
  );
  await ensureVersions(db);
  // The as-of views and a section's scratch tables are TEMP, so they belong to one connection.
  const connections = [db];
  // The thread count is the database's, not the connection's: set back for whatever runs next.
  const { threads } = await db.one<{ threads: number }>(`SELECT current_setting('threads') AS threads`);
  const done = new Map<string, MonthReport>();
  try {
    while (connections.length < PARALLEL) connections.push(await db.fork());
    // Facts every month reads, computed once and shared by the connections below; independent of
    // each other, so each is computed on its own connection, at once.
    const [, overview, handoff, content] = await Promise.all([
      prepareSla(connections[0]!, inputs.config),
      prepareOverview(connections[1]!, sorted, inputs.config),
      prepareHandoff(connections[2]!, sorted),
      prepareContent(connections[3]!, sorted),
    ]);
    const prepared = { overview, handoff, content };
    let next = 0;
    await db.exec(`SET threads = ${Math.max(1, Math.floor(threads / connections.length))}`);
    await Promise.all(
      connections.map(async (c) => {
        for (let i = next++; i < sorted.length; i = next++) {
          const month = sorted[i]!;
          const started = performance.now();
          progress(`metrics ${month}`);
          done.set(month, await monthReport(c, month, { ...inputs, prepared }));
          progress(`computed ${month} in ${Math.round(performance.now() - started)} ms`);
        }
      }),
    );
  } finally {
    for (const c of connections.slice(1)) c.close();
    await db.exec(`SET threads = ${threads}`);
    await dropSla(db, inputs.config);
  }
  // Keys in month order, whichever connection finished first.
  return Object.fromEntries(sorted.map((m) => [m, done.get(m)!]));
}
