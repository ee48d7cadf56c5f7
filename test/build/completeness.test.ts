// An export with a header and no records is refused, unless validation.allowEmpty lists its dataset:
// the month then reads as an export that held no records, never as a fall to zero (-100%).
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { computeReports } from "../../src/metrics/executor.ts";
import { validateProject } from "../../src/model/pipeline.ts";
import { buildSite } from "../../src/site/build.ts";
import { formatProblem } from "../../src/validate/problem.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-completeness-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string): string {
  const root = join(tmp, name);
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  // October's leads: the header alone.
  const leads = join(root, "data/2026-10/leads.csv");
  writeFileSync(leads, `${readFileSync(leads, "utf8").split("\n")[0]}\n`);
  return root;
}

describe("a header-only export", () => {
  it("stops the build with the file and the way out", async () => {
    const root = project("refused");
    const built = await buildSite({ root, outDir: join(tmp, "refused-dist") });
    expect(built.ok).toBe(false);
    expect(built.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([
      "ERROR data/2026-10/leads.csv:1: has a header and no records, so it is not read as the month's data. Expected at least one record (an export cut short, or run with a filter that matched nothing?). Fix: re-export the file; if the month really had no leads, add leads to validation.allowEmpty in gekkan.config.yaml",
    ]);
  });

  it("allowed by validation.allowEmpty, reads as no records: no change is shown, and the page says why", async () => {
    const root = project("allowed");
    appendFileSync(join(root, "gekkan.config.yaml"), "validation:\n  allowEmpty: [leads]\n");
    const v = await validateProject(root);
    try {
      expect(v.problems.filter((p) => p.code === "empty-export").map(formatProblem)).toEqual([
        "INFO data/2026-10/leads.csv: has a header and no records; validation.allowEmpty lists leads, so the month's leads numbers read as an export that held no records. Fix: nothing to do if the month really had none",
      ]);
      const reports = await computeReports(v.db, ["2026-10"], {
        config: v.project.config,
        provided: v.loaded.provided,
        empty: v.loaded.empty,
      });
      const leads = reports["2026-10"]!.overview.volumes.leads;
      expect(leads).toMatchObject({ value: 0, empty: true, mom: null, yoy: null });
      expect(leads.previous).toBeGreaterThan(0);
    } finally {
      v.db.close();
    }
    const out = join(tmp, "allowed-dist");
    expect((await buildSite({ root, outDir: out })).ok).toBe(true);
    const doc = parseHTML(readFileSync(join(out, "2026-10/index.html"), "utf8")).document;
    const kpi = doc.querySelector("#kpi-leads")!;
    expect(kpi.querySelector(".empty-export")?.textContent).toBe(
      "The month's export held no records: no change from earlier months is shown.",
    );
    expect(kpi.textContent).not.toContain("-100");
  }, 120_000);
});
