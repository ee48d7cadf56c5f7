// The executor: every section's prepare step runs once for all the months computed together, its
// release always follows, and the database's threads are set back whatever happens.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { computeReports } from "../src/metrics/executor.ts";
import { openDb } from "../src/model/duckdb.ts";
import { validateProject, type Validated } from "../src/model/pipeline.ts";
import { SECTIONS } from "../src/sections/registry.ts";
import type { Section } from "../src/sections/section.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
let v: Validated | undefined;
afterEach(() => v?.db.close());

/** The registry's prepare steps, each named by the sections that share it ("plan+efficiency"). */
function stepNames(): Map<NonNullable<Section["prepare"]>, string> {
  const names = new Map<NonNullable<Section["prepare"]>, string>();
  for (const s of SECTIONS as readonly Section[])
    if (s.prepare) names.set(s.prepare, names.has(s.prepare) ? `${names.get(s.prepare)}+${s.id}` : s.id);
  return names;
}

/** The registry's sections, each step recorded as it runs (a shared step once, under its name). */
function recorded(log: string[], fail?: { section: string; month: string }): Section[] {
  const names = stepNames();
  const steps = new Map<unknown, Pick<Section, "prepare" | "release">>();
  return SECTIONS.map((s): Section => {
    const section: Section = s;
    const original = section.prepare;
    let step = original && steps.get(original);
    if (original && !step) {
      const name = names.get(original)!;
      step = {
        prepare: async (db, months, config) => {
          log.push(`prepare ${name} ${months.join(",")}`);
          return original(db, months, config);
        },
        release: async (db, prepared) => {
          log.push(`release ${name}`);
          await section.release?.(db, prepared);
        },
      };
      steps.set(original, step);
    }
    return {
      ...section,
      prepare: step?.prepare,
      release: step?.release,
      compute: async (db, ctx, prepared, targets) => {
        if (fail?.section === s.id && fail.month === ctx.month) throw new Error(`${s.id} failed for ${ctx.month}`);
        return section.compute(db, ctx, prepared, targets);
      },
    };
  });
}

const slaTables = async (validated: Validated) =>
  (await validated.db.one<{ n: number }>(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__sla_versions_%'`)).n;

// Two months on four connections spread each month's sections over the connections; on two, each
// connection computes whole months.
const PATHS = [
  ["sections spread over the connections", 4],
  ["month by month", 2],
] as const;

describe.each(PATHS)("the executor, %s", (_path, parallel) => {
  it("prepares each section once for all the months, releases what it prepared, and sets the threads back", async () => {
    v = await validateProject(FIXTURE);
    const inputs = { config: v.project.config, provided: v.loaded.provided };
    const threads = await v.db.threads();
    const log: string[] = [];
    const reports = await computeReports(v.db, ["2026-10", "2026-09"], inputs, () => {}, recorded(log), parallel);
    expect(Object.keys(reports)).toEqual(["2026-09", "2026-10"]);
    // Plan and efficiency share the funnel counts: one step for both.
    const prepared = [...stepNames().values()];
    expect(prepared).toContain("plan+efficiency");
    expect(log.filter((l) => l.startsWith("prepare")).sort()).toEqual(prepared.map((id) => `prepare ${id} 2026-09,2026-10`).sort());
    expect(log.filter((l) => l.startsWith("release")).sort()).toEqual(prepared.map((id) => `release ${id}`).sort());
    expect(await v.db.threads()).toBe(threads);
    expect(await slaTables(v)).toBe(0);
    // The registry's own sections give the same reports, and so does the other path, section by
    // section and in the registry's order.
    expect(await computeReports(v.db, ["2026-09", "2026-10"], inputs)).toEqual(reports);
    const other = await computeReports(v.db, ["2026-09", "2026-10"], inputs, () => {}, SECTIONS, parallel === 4 ? 1 : 4);
    expect(JSON.stringify(other)).toBe(JSON.stringify(reports));
  });

  it("on tables as a build's reading leaves them, sends the deal tables first, and computes the same reports", async () => {
    v = await validateProject(FIXTURE);
    const inputs = { config: v.project.config, provided: v.loaded.provided };
    const sent: string[] = [];
    const { db } = v;
    const [exec, all] = [db.exec.bind(db), db.all.bind(db)];
    db.exec = (sql) => {
      sent.push(sql);
      return exec(sql);
    };
    db.all = <T>(sql: string) => {
      sent.push(sql);
      return all<T>(sql);
    };
    const reports = await computeReports(db, ["2026-09", "2026-10"], { ...inputs, versioned: true }, () => {}, SECTIONS, parallel);
    // One statement list: the deal tables, then the span they were made for.
    expect(sent[0]).toMatch(/^CREATE OR REPLACE TABLE raw_deal_leads AS /);
    expect(sent[0]).toMatch(/CREATE OR REPLACE TABLE __deal_span AS SELECT \d+ AS first, \d+ AS last$/);
    db.close();
    v = await validateProject(FIXTURE);
    expect(JSON.stringify(await computeReports(v.db, ["2026-09", "2026-10"], inputs, () => {}, SECTIONS, parallel))).toBe(
      JSON.stringify(reports),
    );
  });

  it("when a section fails, still releases what was prepared and sets the threads back", async () => {
    v = await validateProject(FIXTURE);
    const inputs = { config: v.project.config, provided: v.loaded.provided };
    const threads = await v.db.threads();
    const log: string[] = [];
    await expect(
      computeReports(v.db, ["2026-09", "2026-10"], inputs, () => {}, recorded(log, { section: "content", month: "2026-10" }), parallel),
    ).rejects.toThrow("content failed for 2026-10");
    expect(log.filter((l) => l.startsWith("release")).length).toBe(stepNames().size);
    expect(await v.db.threads()).toBe(threads);
    expect(await slaTables(v)).toBe(0);
  });

  it("when a prepare step fails, says so and releases what the others prepared", async () => {
    v = await validateProject(FIXTURE);
    const inputs = { config: v.project.config, provided: v.loaded.provided };
    const log: string[] = [];
    const failing = recorded(log).map(
      (s): Section =>
        s.id === "overview"
          ? {
              ...s,
              prepare: async () => {
                throw new Error("overview could not prepare");
              },
            }
          : s,
    );
    await expect(computeReports(v.db, ["2026-09", "2026-10"], inputs, () => {}, failing, parallel)).rejects.toThrow(
      "overview could not prepare",
    );
    const released = log.filter((l) => l.startsWith("release"));
    expect(released).not.toContain("release overview");
    expect(released.length).toBe(log.filter((l) => l.startsWith("prepare")).length);
    expect(await slaTables(v)).toBe(0);
  });
});

describe("prepare steps shared by sections", () => {
  it("must share their release too", async () => {
    v = await validateProject(FIXTURE);
    const inputs = { config: v.project.config, provided: v.loaded.provided };
    const sections = recorded([]).map((s): Section => (s.id === "plan" ? { ...s, release: async () => {} } : s));
    await expect(computeReports(v.db, ["2026-10"], inputs, () => {}, sections)).rejects.toThrow(
      "sections plan, efficiency share a prepare step but not its release",
    );
  });
});

describe("Db.withThreads", () => {
  it("sets the threads back after its function, also when it throws or changed them", async () => {
    const db = await openDb({ threads: 2 });
    try {
      await db.withThreads(1, async (set) => {
        expect(await db.threads()).toBe(1);
        await set(2);
        expect(await db.threads()).toBe(2);
        await set(1);
      });
      expect(await db.threads()).toBe(2);
      await expect(db.withThreads(1, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      expect(await db.threads()).toBe(2);
    } finally {
      db.close();
    }
  });
});
