import { describe, expect, it } from "vitest";
import { duplicateHeaderProblem, headerNames } from "../src/read/headerrow.ts";

describe("headerNames", () => {
  it("trims names and strips a BOM from the first", () => {
    expect(headerNames(["\ufeff リードID ", "作成日", " source"], 1, "f.csv")).toEqual({
      header: ["リードID", "作成日", "source"],
      problems: [],
      duplicates: [],
    });
  });

  it("names an empty column column_<n>, with a warning", () => {
    const h = headerNames(["a", " ", "c"], 3, "f.csv");
    expect(h.header).toEqual(["a", "column_2", "c"]);
    expect(h.problems).toEqual([expect.objectContaining({ severity: "warning", code: "empty-header", line: 3, column: "column_2" })]);
  });

  it("numbers a name given again (after trimming, in any letter case), and says which", () => {
    const h = headerNames(["a", "b ", " b", "A", "b", "b (2)"], 1, "f.csv");
    expect(h.header).toEqual(["a", "b", "b (3)", "A (2)", "b (4)", "b (2)"]);
    expect(h.problems).toEqual([]);
    expect(h.duplicates).toEqual([
      { name: "a", given: ["a", "A"], columns: ["a", "A (2)"], line: 1 },
      { name: "b", given: ["b", "b", "b"], columns: ["b", "b (3)", "b (4)"], line: 1 },
    ]);
  });
});

describe("duplicateHeaderProblem", () => {
  it("is an error for a column the report reads, a note for one it does not", () => {
    const [a, b] = headerNames(["owner", "Email", "owner", "email"], 1, "f.csv").duplicates;
    expect(duplicateHeaderProblem(a!, "f.csv", true)).toMatchObject({
      severity: "error",
      code: "duplicate-header",
      line: 1,
      column: "owner",
      value: "owner",
      message: 'column "owner" appears 2 times in the header',
    });
    expect(duplicateHeaderProblem(b!, "f.csv", false)).toMatchObject({
      severity: "info",
      code: "duplicate-header",
      column: "email",
      value: "Email / email",
      message: "'Email' and 'email' differ only in letter case; the report does not read this column, so neither was read",
    });
  });
});
