import { describe, expect, it } from "vitest";
import { declaredTotalProblem, footerOf, isFooterText } from "../src/read/footer.ts";
import { NONE, type Rec } from "../src/read/record.ts";

const rec = (line: number, ...fields: string[]): Rec => ({ line, raw: fields.join(","), fields });
const blank = (line: number): Rec => ({ line, raw: "", fields: NONE });

describe("footerOf", () => {
  it("reads a Salesforce footer: its lines dropped as footer, its declared total and line", () => {
    const f = footerOf(
      [
        blank(5),
        rec(6, "Grand Totals (1,493 records)", ""),
        rec(7, "Confidential Information - Do Not Distribute", ""),
        rec(8, "Copyright (c) 2000-2026 salesforce.com", ""),
      ],
      ["lead_id", "source"],
      false,
      "data/2026-10/leads.csv",
    );
    expect(f.dropped.map((d) => [d.line, d.reason])).toEqual([
      [5, "footer"],
      [6, "footer"],
      [7, "footer"],
      [8, "footer"],
    ]);
    expect(f.declaredTotal).toBe(1493);
    expect(f.declaredLine).toBe(6);
    expect(f.problems).toEqual([]);
  });

  it("calls blank lines alone blank, not footer", () => {
    const f = footerOf([blank(4), blank(5)], ["a", "b"], false, "f.csv");
    expect(f.dropped.map((d) => d.reason)).toEqual(["blank", "blank"]);
    expect(f.declaredTotal).toBeUndefined();
  });

  it("notes a line that is no known footer text, naming its column and not its value", () => {
    const f = footerOf([blank(4), rec(5, "", "Tanaka")], ["lead_id", "owner"], false, "f.csv");
    expect(f.problems).toEqual([expect.objectContaining({ severity: "info", code: "footer-guessed", line: 5, column: "owner" })]);
    expect(f.problems[0]).not.toHaveProperty("value");
    // After a further GA4 table everything is footer, and nothing is guessed.
    expect(footerOf([blank(4), rec(5, "", "Tanaka")], ["lead_id", "owner"], true, "f.csv").problems).toEqual([]);
  });

  it("knows the footer lines by their text", () => {
    expect(isFooterText("総計 (12 レコード)")).toBe(true);
    expect(isFooterText("株式会社サンプル")).toBe(true);
    expect(isFooterText("機密情報")).toBe(true);
    expect(isFooterText("L123")).toBe(false);
  });
});

describe("declaredTotalProblem", () => {
  const footer = { declaredTotal: 10, declaredLine: 13 };
  it("is none without a declared total or when the rows match it", () => {
    expect(declaredTotalProblem("f.csv", {}, 3, 0)).toBeUndefined();
    expect(declaredTotalProblem("f.csv", footer, 8, 2)).toBeUndefined();
  });
  it("is a truncated export when the footer declares more, counting malformed rows as read", () => {
    expect(declaredTotalProblem("f.csv", footer, 7, 2)).toMatchObject({
      severity: "error",
      code: "truncated-export",
      line: 13,
      message: "the report footer declares 10 records but the file has 9 data rows (2 of them malformed), so the export is incomplete",
    });
  });
  it("is a warning when the footer declares fewer", () => {
    expect(declaredTotalProblem("f.csv", footer, 12, 0)).toMatchObject({
      severity: "warning",
      code: "footer-total-mismatch",
      value: "10",
      message: "the report footer declares 10 records but the file has 12 data rows",
    });
  });
});
