// An edition written in format 1 (before the benchmark, content, handoff and SLA sections and the
// frozen definitions existed) still renders with today's code: what it lacks says so.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/edition-v1");
let out: string;
let problems: Awaited<ReturnType<typeof buildSite>>["problems"];
const doc = (path: string) => parseHTML(readFileSync(join(out, path, "index.html"), "utf8")).document as unknown as Document;

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), "gekkan-v1-")), "dist");
  const result = await buildSite({ root: FIXTURE, outDir: out });
  expect(result.ok).toBe(true);
  problems = result.problems;
});
afterAll(() => rmSync(join(out, ".."), { recursive: true, force: true }));

describe("an edition of format 1", () => {
  it("is the fixture it says it is", () => {
    const e = JSON.parse(readFileSync(join(FIXTURE, "reports/editions/2026-09.r1.json"), "utf8"));
    expect(e.editionSchemaVersion).toBe(1);
    expect(e.definitions).toBeUndefined();
    expect(e.report.sla).toBeUndefined();
  });
  it("renders its frozen numbers, not today's data", () => {
    // The data folder gained lead L9 after publication: the page still shows the three frozen leads.
    expect(doc("2026-09").querySelector("#kpi-leads .value")!.textContent).toBe("3");
    expect(problems.some((p) => p.code === "edition-drift" && p.file === "data/2026-09/leads.csv")).toBe(true);
    expect(doc("2026-09").querySelector(".badge.published")).not.toBeNull();
  });
  it("says which sections are not in this edition", () => {
    for (const section of ["sla", "handoff", "content", "benchmark"]) {
      expect(doc(`2026-09/${section}`).querySelector("main")!.textContent, section).toContain("Not in this edition");
    }
    expect(doc("2026-09/data").querySelector("#definitions")!.textContent).toContain("Not in this edition");
  });
  it("says on the trends page which metrics its edition did not have, not that their data was not provided", () => {
    // Each metric's cell for September, by its column's header, over the page's tables.
    const cells = Object.fromEntries(
      [...doc("trends").querySelectorAll("table[id^=trend-]")].flatMap((table) => {
        const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent!.trim());
        const row = [...table.querySelector("tbody tr")!.children].map((c) => c.textContent!.trim());
        return heads.slice(1).map((h, i) => [h, row[i + 1]]);
      }),
    );
    // The overview, frozen: its leads, and its won deals not provided (September's folder had no deals).
    expect([cells.Leads, cells["Won deals"], cells["Win rate"]]).toEqual(["3", "not provided", "not provided"]);
    // The pipeline, win/loss, plan, efficiency and accounts came after format 1, as their pages say.
    for (const metric of ["Open pipeline", "Pipeline coverage", "Top loss reason's share", "CAC", "Spend"])
      expect(cells[metric], metric).toBe("not in this edition");
  });
});
