// One month's report: every number its pages show, computed from the as-of tables by each section
// of the registry. The shape is what an edition freezes, so it is plain JSON.
import { createAsOf, ensureVersions } from "../model/asof.ts";
import { createCalendarTable } from "../model/calendar.ts";
import type { Db } from "../model/duckdb.ts";
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { monthReportSchema, SECTIONS, type MonthReport } from "../sections/registry.ts";
import type { Section } from "../sections/section.ts";
import { windowOf, type MetricContext } from "./context.ts";
import { loadTargets } from "./targets.ts";

export type { MonthReport } from "../sections/registry.ts";

export interface ReportInputs {
  config: Config;
  provided: ReadonlyMap<string, ReadonlySet<DatasetName>>;
  /** What each section's prepare step computed for the report months (computeReports), by section id. */
  prepared?: ReadonlyMap<string, unknown>;
}

/** The sections as the executor sees them: each computes its own output. */
const sections: readonly Section[] = SECTIONS;

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
  const report: Record<string, unknown> = {
    month,
    asOf: monthEnd(month),
    provided: [...(inputs.provided.get(month) ?? [])].sort(),
  };
  for (const s of sections) report[s.id] = await s.compute(db, ctx, inputs.prepared?.get(s.id), targets);
  // Parsed, not cast: what the sections computed is checked against the schema editions are read with.
  return monthReportSchema.parse(report);
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
  const prepared = new Map<string, unknown>();
  const preparing = sections.filter((s) => s.prepare);
  try {
    while (connections.length < PARALLEL) connections.push(await db.fork());
    // Facts every month reads, computed once and shared by the connections below; independent of
    // each other, so each section's is computed on its own connection, at once.
    await Promise.all(
      connections.map(async (c, i) => {
        for (let k = i; k < preparing.length; k += connections.length) {
          const s = preparing[k]!;
          prepared.set(s.id, await s.prepare!(c, sorted, inputs.config));
        }
      }),
    );
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
    for (const s of preparing) if (prepared.has(s.id)) await s.release?.(db, prepared.get(s.id));
  }
  // Keys in month order, whichever connection finished first.
  return Object.fromEntries(sorted.map((m) => [m, done.get(m)!]));
}
