// The executor: computes the registry's sections for the report months. A section says what it
// counts; how fast it runs is decided here, and only here: its prepare step over all the months at
// once (always run, also for one month, so a section has one code path), which connection each
// step runs on, and with how many of the database's threads (always set back). See
// docs/performance.md for the measurements behind these choices.
import { createAsOf, ensureVersions, spanOf } from "../model/asof.ts";
import { createCalendarTable } from "../model/calendar.ts";
import { providedAt, providedIn } from "../model/provided.ts";
import { settleAll, type Db } from "../model/duckdb.ts";
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { monthReportSchema, SECTIONS, type MonthReport } from "../sections/registry.ts";
import type { Section } from "../sections/section.ts";
import { windowOf, type MetricContext } from "./context.ts";
import type { Targets } from "./headline.ts";
import { loadTargets } from "./targets.ts";

export interface ReportInputs {
  config: Config;
  provided: ReadonlyMap<string, ReadonlySet<DatasetName>>;
  /** Folder -> datasets whose export there held no records (validation.allowEmpty). */
  empty?: ReadonlyMap<string, ReadonlySet<DatasetName>>;
  /**
   * The raw tables are versioned and their codes checked, as a build's reading leaves them
   * (model/load.ts), and no deal tables are made yet: making them is the first query sent.
   */
  versioned?: boolean;
}

/** The sections as the executor sees them, each computing its own output: the registry's. */
const REGISTERED: readonly Section[] = SECTIONS;

/**
 * Connections months are computed on at once: more than the cores, since while one connection's
 * result goes back to Node and its next query is made, the others keep the cores busy. Each gets
 * an equal share of the database's threads: a month's queries are many and small, and splitting
 * each across threads cost more than it gave.
 */
const PARALLEL = 4;

export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function contextOf(month: string, inputs: ReportInputs): MetricContext {
  return {
    month,
    window: windowOf(month),
    config: inputs.config,
    provided: (dataset, m) => providedIn(inputs.provided, dataset, m),
    empty: (dataset, m) => inputs.empty?.get(m)?.has(dataset) ?? false,
  };
}

/** One month on connection `db`: its as-of tables, then each section's output. */
async function monthReport(
  db: Db,
  month: string,
  inputs: ReportInputs,
  sections: readonly Section[],
  prepared: ReadonlyMap<string, unknown>,
): Promise<MonthReport> {
  await createAsOf(db, month, inputs.config);
  const ctx = contextOf(month, inputs);
  const targets = await loadTargets(db);
  const outputs: Record<string, unknown> = {};
  for (const s of sections) outputs[s.id] = await s.compute(db, ctx, prepared.get(s.id), targets);
  return reportOf(month, inputs, sections, outputs);
}

/** A month's report from its sections' outputs, in the registry's order. */
function reportOf(month: string, inputs: ReportInputs, sections: readonly Section[], outputs: Record<string, unknown>): MonthReport {
  const report: Record<string, unknown> = {
    month,
    asOf: monthEnd(month),
    provided: providedAt(inputs.provided, month),
  };
  for (const s of sections) report[s.id] = outputs[s.id];
  // Parsed, not cast: what the sections computed is checked against the schema editions are read with.
  return monthReportSchema.parse(report);
}

/**
 * Reports for `months`, computed from the validated tables (the calendar table is created here).
 * `sections`: the registry's (a test may give others, to see what the executor does with them);
 * `parallel`: the connections they are computed on at once (a test may give fewer).
 */
export async function computeReports(
  db: Db,
  months: readonly string[],
  inputs: ReportInputs,
  progress: (message: string) => void = () => {},
  sections: readonly Section[] = REGISTERED,
  parallel = PARALLEL,
): Promise<Record<string, MonthReport>> {
  if (months.length === 0) return {};
  const sorted = [...months].sort();
  progress(`preparing metrics for ${sorted.length} month${sorted.length === 1 ? "" : "s"}`);
  // The deal tables first: the longest step before the sections. Sent first, DuckDB makes them
  // while the build's main thread loads Astro (site/build.ts).
  await ensureVersions(db, spanOf(sorted), inputs.versioned);
  await createCalendarTable(
    db,
    inputs.config.calendar,
    `${Number(sorted[0]!.slice(0, 4)) - 2}-01-01`,
    `${Number(sorted.at(-1)!.slice(0, 4)) + 1}-12-31`,
  );
  // The as-of views and a section's scratch tables are TEMP, so they belong to one connection.
  const connections = [db];
  const preparing = prepareSteps(sections);
  const prepared = new Map<string, unknown>();
  let done: Map<string, MonthReport>;
  try {
    while (connections.length < parallel) connections.push(await db.fork());
    const run: Run = { connections, months: sorted, inputs, sections, preparing, prepared, progress };
    done = sorted.length < connections.length ? await spreadSections(run) : await monthByMonth(run);
  } finally {
    for (const c of connections.slice(1)) c.close();
    for (const step of preparing) if (prepared.has(step.sections[0]!.id)) await step.release?.(db, prepared.get(step.sections[0]!.id));
  }
  // Keys in month order, whichever connection finished first.
  return Object.fromEntries(sorted.map((m) => [m, done.get(m)!]));
}

/** What the two ways of computing the months are given: `prepared` they fill, step by step. */
interface Run {
  connections: readonly Db[];
  /** The months, in order. */
  months: readonly string[];
  inputs: ReportInputs;
  sections: readonly Section[];
  /** The prepare steps, each with the sections that share it. */
  preparing: readonly PrepareStep[];
  prepared: Map<string, unknown>;
  progress: (message: string) => void;
}

/**
 * Many months: every prepare step first, on all the database's threads, then each connection
 * computes whole months, the next one not yet taken, with an equal share of the threads.
 */
async function monthByMonth({
  connections,
  months: sorted,
  inputs,
  sections,
  preparing,
  prepared,
  progress,
}: Run): Promise<Map<string, MonthReport>> {
  const db = connections[0]!;
  const done = new Map<string, MonthReport>();
  // The prepare steps, independent of each other: each on its own connection, at once, with all
  // the threads. What they compute is shared by every connection below.
  await settleAll(
    connections.map(async (c, i) => {
      for (let k = i; k < preparing.length; k += connections.length) await runStep(preparing[k]!, c, sorted, inputs, prepared);
    }),
  );
  // The months, taken in turn by the connections, the threads shared among them.
  let next = 0;
  let failed = false;
  await db.withThreads((await db.threads()) / connections.length, () =>
    settleAll(
      connections.map(async (c) => {
        for (let i = next++; i < sorted.length && !failed; i = next++) {
          const month = sorted[i]!;
          const started = performance.now();
          progress(`metrics ${month}`);
          try {
            done.set(month, await monthReport(c, month, inputs, sections, prepared));
          } catch (e) {
            failed = true; // the other connections stop after their month
            throw e;
          }
          progress(`computed ${month} in ${Math.round(performance.now() - started)} ms`);
        }
      }),
    ),
  );
  return done;
}

/**
 * Fewer months than connections (a monthly rebuild computes one): the connections take the prepare
 * steps in turn, then each computes sections of its month (connection i serves month i modulo the
 * months), the first whose prepare step is done, so a month's sections run side by side and
 * overlap the longest prepare steps. One connection per month ran its queries one after another,
 * each on one core. Every connection serving a month makes its own as-of tables (they are TEMP).
 */
async function spreadSections({
  connections,
  months: sorted,
  inputs,
  sections,
  preparing,
  prepared,
  progress,
}: Run): Promise<Map<string, MonthReport>> {
  // Each prepare step's result, settled once it ran.
  const steps = new Map(
    preparing.flatMap((step) => {
      const settled = settledLater();
      return step.sections.map((s) => [s.id, settled] as const);
    }),
  );
  for (const step of steps.values()) step.promise.catch(() => {});
  const ready = (s: Section) => !s.prepare || prepared.has(s.id);
  const months = sorted.map((month) => ({ month, pending: [...sections], outputs: {} as Record<string, unknown>, started: 0 }));
  let nextStep = 0;
  let failed = false;
  await settleAll(
    connections.map(async (c, i) => {
      try {
        for (let k = nextStep++; k < preparing.length && !failed; k = nextStep++) {
          const step = steps.get(preparing[k]!.sections[0]!.id)!;
          try {
            step.resolve(await runStep(preparing[k]!, c, sorted, inputs, prepared));
          } catch (e) {
            step.reject(e);
            throw e;
          }
        }
        const m = months[i % months.length]!;
        const ctx = contextOf(m.month, inputs);
        let targets: Targets | undefined;
        while (!failed && m.pending.length > 0) {
          const s = m.pending.splice(Math.max(0, m.pending.findIndex(ready)), 1)[0]!;
          if (!m.started) {
            m.started = performance.now();
            progress(`metrics ${m.month}`);
          }
          if (!targets) {
            await createAsOf(c, m.month, inputs.config);
            targets = await loadTargets(c);
          }
          m.outputs[s.id] = await s.compute(c, ctx, await steps.get(s.id)?.promise, targets);
          if (Object.keys(m.outputs).length === sections.length)
            progress(`computed ${m.month} in ${Math.round(performance.now() - m.started)} ms`);
        }
      } catch (e) {
        failed = true; // the other connections stop after their step
        for (const step of steps.values()) step.reject(e); // none waits on a step no one will take
        throw e;
      }
    }),
  );
  return new Map(months.map((m) => [m.month, reportOf(m.month, inputs, sections, m.outputs)]));
}

/** A prepare step, and the sections that share it and its release. */
interface PrepareStep {
  sections: readonly Section[];
  prepare: NonNullable<Section["prepare"]>;
  release: Section["release"];
}

/** Run a prepare step on `db`, its result set for every section that shares it. */
async function runStep(
  step: PrepareStep,
  db: Db,
  months: readonly string[],
  inputs: ReportInputs,
  prepared: Map<string, unknown>,
): Promise<unknown> {
  const result = await step.prepare(db, months, inputs.config);
  for (const s of step.sections) prepared.set(s.id, result);
  return result;
}

/**
 * The sections' prepare steps, run once each: sections whose `prepare` is the same function share
 * its one run (and its release), as plan and efficiency share the funnel counts.
 */
function prepareSteps(sections: readonly Section[]): PrepareStep[] {
  const steps = new Map<NonNullable<Section["prepare"]>, Section[]>();
  for (const s of sections) if (s.prepare) steps.set(s.prepare, [...(steps.get(s.prepare) ?? []), s]);
  return [...steps].map(([prepare, shared]) => {
    const release = shared[0]!.release;
    if (shared.some((s) => s.release !== release))
      throw new Error(`sections ${shared.map((s) => s.id).join(", ")} share a prepare step but not its release`);
    return { sections: shared, prepare, release };
  });
}

/** A promise with its resolve and reject. */
function settledLater(): { promise: Promise<unknown>; resolve: (value: unknown) => void; reject: (reason: unknown) => void } {
  let resolve!: (value: unknown) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<unknown>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * One section for one month on `db`, whose as-of tables (and calendar) are those of `ctx.month`:
 * the same path as a build's, for one month (its prepare step, its compute, its release).
 */
export async function computeSection<Out, Prepared>(
  db: Db,
  section: Section<string, Out, Prepared>,
  ctx: MetricContext,
  targets: Targets,
): Promise<Out> {
  const prepared = section.prepare ? await section.prepare(db, [ctx.month], ctx.config) : undefined;
  try {
    // A section without a prepare step reads none (Prepared is undefined for it).
    return await section.compute(db, ctx, prepared as Prepared, targets);
  } finally {
    if (section.prepare) await section.release?.(db, prepared as Prepared);
  }
}
