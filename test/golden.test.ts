// Golden reports: every month's report (every number the pages show) for the fixture project and the
// committed sample, as canonical JSON under test/golden/reports/. A change in numbers is a reviewed
// diff (npm run golden), never a surprise.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../src/edition/edition.ts";
import { computeReports } from "../src/metrics/executor.ts";
import type { MonthReport } from "../src/sections/registry.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { compareGolden } from "./helpers/golden.ts";

const PROJECTS = {
  basic: join(import.meta.dirname, "fixtures/basic"),
  sample: join(import.meta.dirname, ".."),
};

const reports = new Map<string, Record<string, MonthReport>>();

beforeAll(async () => {
  for (const [name, root] of Object.entries(PROJECTS)) {
    const v = await validateProject(root);
    try {
      expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
      reports.set(name, await computeReports(v.db, v.project.months, { config: v.project.config, provided: v.loaded.provided }));
    } finally {
      v.db.close();
    }
  }
});
afterAll(() => reports.clear());

describe.each(Object.keys(PROJECTS))("golden reports: %s", (name) => {
  it("matches every month's golden report", () => {
    const differences = Object.entries(reports.get(name)!)
      .map(([month, report]) => compareGolden(`reports/${name}/${month}.json`, canonicalJson(report)))
      .filter((d) => d !== null);
    expect(differences).toEqual([]);
  });
});
