import { describe, expect, it } from "vitest";
import { headerNames } from "../src/read/headerrow.ts";

describe("headerNames", () => {
  it("trims names and strips a BOM from the first", () => {
    expect(headerNames(["\ufeff リードID ", "作成日", " source"], 1, "f.csv")).toEqual({
      header: ["リードID", "作成日", "source"],
      problems: [],
    });
  });

  it("names an empty column column_<n>, with a warning", () => {
    const h = headerNames(["a", " ", "c"], 3, "f.csv");
    expect(h.header).toEqual(["a", "column_2", "c"]);
    expect(h.problems).toEqual([expect.objectContaining({ severity: "warning", code: "empty-header", line: 3, column: "column_2" })]);
  });

  it("refuses a name given twice (after trimming), once per name", () => {
    const h = headerNames(["a", "b ", " b", "a", "b"], 1, "f.csv");
    expect(h.problems.map((p) => [p.code, p.column, p.message])).toEqual([
      ["duplicate-header", "a", 'column "a" appears 2 times in the header'],
      ["duplicate-header", "b", 'column "b" appears 3 times in the header'],
    ]);
    expect(h.problems.every((p) => p.severity === "error")).toBe(true);
  });
});
