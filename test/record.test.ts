import { describe, expect, it } from "vitest";
import { firstNonEmpty, isBlank, NONE, nonEmpty, type Rec } from "../src/read/record.ts";

const rec = (...fields: string[]): Rec => ({ line: 2, raw: fields.join(","), fields });

describe("records", () => {
  it("are blank when every field is empty or white space", () => {
    expect(isBlank(rec("", " ", "\u3000"))).toBe(true);
    expect(isBlank({ line: 2, raw: "", fields: NONE })).toBe(true);
    expect(isBlank(rec("", "x"))).toBe(false);
  });

  it("count their non-empty fields and give the first, trimmed", () => {
    expect(nonEmpty(rec("", " a ", "", "b"))).toBe(2);
    expect(firstNonEmpty(rec("", " a ", "b"))).toBe("a");
    expect(firstNonEmpty(rec(" ", ""))).toBe("");
  });
});
