// The pieces of validateDataset that decide from counts alone (the rest is SQL, tested through
// validateDataset in schema.test.ts and the malformed-input corpus).
import { describe, expect, it } from "vitest";
import type { DataFile } from "../src/read/project.ts";
import { config as configSchema } from "../src/schema/config.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { emptyExports, type FailureCounts, skippedFiles } from "../src/validate/dataset.ts";

const file = (dataset: DatasetName, rel: string, rejected = 0) => {
  const f: DataFile = { dataset, folder: "2026-10", path: `/p/${rel}`, rel, format: "csv" };
  return { staged: { file: f, rejected } };
};
const counts = (...rows: [file: string, n: number, bad: number][]): Pick<FailureCounts, "byFile"> => ({
  byFile: new Map(rows.map(([file, n, bad]) => [file, { file, n, bad }])),
});

describe("skippedFiles", () => {
  const config = configSchema.parse({ validation: { maxSkippedRows: 3 } });
  it("skips a file's bad rows, failed checks and ragged rows together, up to validation.maxSkippedRows", () => {
    const files = [file("leads", "a.csv"), file("leads", "b.csv", 1), file("leads", "c.csv", 2), file("leads", "d.csv")];
    const skipping = skippedFiles(files, counts(["a.csv", 10, 3], ["b.csv", 10, 1], ["c.csv", 10, 2], ["d.csv", 10, 0]), config);
    // c.csv: 2 ragged + 2 failing = 4, more than 3: its rows are errors, not skipped. d.csv has none.
    expect([...skipping]).toEqual([
      ["a.csv", 3],
      ["b.csv", 2],
    ]);
  });
  it("skips nothing by default", () => {
    expect(skippedFiles([file("leads", "a.csv", 1)], counts(["a.csv", 5, 1]), configSchema.parse({})).size).toBe(0);
  });
});

describe("emptyExports", () => {
  it("is an error for a month's export with no rows, none rejected either", () => {
    const files = [file("leads", "data/2026-10/leads.csv"), file("activities", "data/2026-10/activities.csv", 1)];
    const problems = emptyExports("leads", files, counts(), configSchema.parse({}));
    expect(problems.map((p) => [p.severity, p.code, p.file])).toEqual([["error", "empty-export", "data/2026-10/leads.csv"]]);
  });
  it("is a note when validation.allowEmpty lists the dataset, and nothing for a file with rows", () => {
    const config = configSchema.parse({ validation: { allowEmpty: ["leads"] } });
    const files = [file("leads", "data/2026-10/leads.csv"), file("leads", "data/2026-11/leads.csv")];
    const problems = emptyExports("leads", files, counts(["data/2026-11/leads.csv", 4, 0]), config);
    expect(problems.map((p) => [p.severity, p.file])).toEqual([["info", "data/2026-10/leads.csv"]]);
  });
});
