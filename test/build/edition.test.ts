// Editions: a published month renders from its frozen edition, byte for byte, whatever happens
// later to other months' data, to its own data files, or to the metric code.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishMonth } from "../../src/edition/publish.ts";
import { computeReports } from "../../src/metrics/executor.ts";
import { buildSite } from "../../src/site/build.ts";
import { snapshot } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const TOOL = { name: "gekkan", version: "test" };
let root: string;

async function build(compute?: typeof computeReports) {
  const result = await buildSite({ root, outDir: join(root, "dist"), compute });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  return { result, sep: snapshot(join(root, "dist/2026-09")), oct: snapshot(join(root, "dist/2026-10")) };
}

beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), "gekkan-edition-test-")), "project");
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  const published = await publishMonth({ root, month: "2026-09", today: "2026-10-05", restate: false, tool: TOOL });
  expect(published.message).toContain("published as revision 1");
});
afterAll(() => rmSync(join(root, ".."), { recursive: true, force: true }));

describe("publishing", () => {
  it("creates reports/ in a project that has none yet", async () => {
    const bare = join(root, "..", "bare");
    cpSync(join(FIXTURE, "data"), join(bare, "data"), { recursive: true });
    cpSync(join(FIXTURE, "gekkan.config.yaml"), join(bare, "gekkan.config.yaml"));
    const published = await publishMonth({ root: bare, month: "2026-09", today: "2026-10-05", restate: false, tool: TOOL });
    expect(published.message).toContain("published as revision 1");
    expect(readFileSync(join(bare, "reports/2026-09.md"), "utf8")).toContain("status: published");
  });
});

describe("a published month", () => {
  it("is frozen in a deterministic, diff-friendly edition file", async () => {
    const path = join(root, "reports/editions/2026-09.r1.json");
    const text = readFileSync(path, "utf8");
    const edition = JSON.parse(text);
    expect(Object.keys(edition)).toEqual([...Object.keys(edition)].sort());
    expect(edition.files.map((f: { path: string }) => f.path)).toEqual(["data/2026-09/leads.csv", "data/targets.csv"]);
    expect(edition.publishedAt).toBe("2026-10-05");
    expect(readFileSync(join(root, "reports/2026-09.md"), "utf8")).toContain("status: published");
    // Publishing the same month again is refused; the file is untouched.
    const again = await publishMonth({ root, month: "2026-09", today: "2026-10-06", restate: false, tool: TOOL });
    expect(again.ok).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(text);
  });

  it("does not change when a later month's data changes", async () => {
    const before = await build();
    appendFileSync(join(root, "data/2026-10/leads.csv"), "L8,2026-10-20,web,Aoki,2026-10-21,,,,\n");
    const after = await build();
    expect(after.sep).toEqual(before.sep);
    expect(after.oct).not.toEqual(before.oct); // the draft month did change
  });

  it("does not change when its own data files change, and says so", async () => {
    const before = await build();
    const leads = join(root, "data/2026-09/leads.csv");
    writeFileSync(leads, readFileSync(leads, "utf8").replace("L3,2026-09-20,outbound", "L3,2026-09-21,outbound"));
    const after = await build();
    expect(after.sep).toEqual(before.sep);
    const drift = after.result.problems.find((p) => p.code === "edition-drift");
    expect(drift).toMatchObject({ severity: "warning", file: "data/2026-09/leads.csv" });
    expect(drift!.fix).toContain("npm run restate -- 2026-09");
  });

  it("does not change when the metric code changes", async () => {
    const before = await build();
    // Different metric code: every computed number doubled.
    const doubled: typeof computeReports = async (...args) => {
      const reports = await computeReports(...args);
      const twice = (x: unknown): unknown =>
        Array.isArray(x)
          ? x.map(twice)
          : x && typeof x === "object"
            ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, k === "value" && typeof v === "number" ? v * 2 : twice(v)]))
            : x;
      return twice(reports) as typeof reports;
    };
    const after = await build(doubled);
    expect(after.sep).toEqual(before.sep);
    expect(after.oct).not.toEqual(before.oct);
  });

  it("keeps its narrative when reports/YYYY-MM.md is edited after publication", async () => {
    const path = join(root, "reports/2026-09.md");
    const kept = readFileSync(path, "utf8");
    writeFileSync(path, `${kept}\nA line added after the meeting.\n`);
    const before = await build();
    // The commentary as published: the later line is not on the month's page.
    expect(before.sep.get("index.html")).not.toContain("A line added after the meeting.");
    writeFileSync(path, "---\nstatus: published\npublished: 2026-10-05\nhighlights: [Rewritten later]\n---\n\nCommentary written later.\n");
    const after = await build();
    expect(after.sep).toEqual(before.sep);
    writeFileSync(path, kept);
  });

  it("keeps its words when the configuration renames a stage or an SLA rule, or moves the fiscal year", async () => {
    const before = await build();
    const path = join(root, "gekkan.config.yaml");
    const kept = readFileSync(path, "utf8");
    writeFileSync(
      path,
      `${kept}fiscalYearStartMonth: 1\nstages:\n  labels:\n    sql: { en: Sales accepted, ja: 営業受入 }\n` +
        "sla:\n  - { id: first_call, label: { en: First dial, ja: 初回コール }, activity: [call], within: 3, unit: business_days }\n",
    );
    try {
      const after = await build();
      expect(after.sep).toEqual(before.sep);
      expect(after.oct.get("index.html")).toContain("Sales accepted"); // the draft month does take them
    } finally {
      writeFileSync(path, kept);
    }
  });

  it("can be restated: a new revision with a reason, the old one kept readable", async () => {
    const restated = await publishMonth({
      root,
      month: "2026-09",
      today: "2026-10-20",
      restate: true,
      reason: "L3 was created a day later",
      tool: TOOL,
    });
    expect(restated.ok).toBe(true);
    expect(restated.revision).toBe(2);
    const { sep } = await build();
    expect(sep.get("index.html")).toContain("L3 was created a day later");
    const r1 = snapshot(join(root, "dist/2026-09/r1"));
    expect([...r1.keys()].sort()).toEqual(
      ["accounts", "benchmark", "content", "data", "efficiency", "handoff", "pipeline", "plan", "print", "print-full", "sla", "winloss"]
        .map((p) => `${p}/index.html`)
        .concat("index.html")
        .sort(),
    );
    expect(r1.get("index.html")).toContain("it has been restated");
  });
});
