// The problem-code catalogue (src/validate/codes.ts) against docs/failures.md: every code in the
// catalogue is documented, and every code the document names is in the catalogue.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isProblemCode, PROBLEM_CODE_LIST, PROBLEM_CODES } from "../src/validate/codes.ts";

const DOC = readFileSync(join(import.meta.dirname, "../docs/failures.md"), "utf8");

/** The body rows of the Markdown table whose header row is `header`, split into cells ("\|" stays in its cell). */
function table(doc: string, header: string): string[][] {
  const lines = doc.split("\n");
  const start = lines.indexOf(header);
  expect(start, `a table headed ${header}`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const codesIn = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe("problem codes", () => {
  it("are each catalogued once with a severity, a title and a fix", () => {
    expect(PROBLEM_CODE_LIST.length).toBeGreaterThanOrEqual(60);
    for (const code of PROBLEM_CODE_LIST) {
      const e = PROBLEM_CODES[code];
      expect(code, code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.severities.length, code).toBeGreaterThan(0);
      expect(new Set(e.severities).size, code).toBe(e.severities.length);
      expect(e.title.trim(), code).not.toBe("");
      expect(e.fix.trim(), code).not.toBe("");
    }
    expect(isProblemCode("bad-value")).toBe(true);
    expect(isProblemCode("bad-valu")).toBe(false);
    expect(isProblemCode("toString")).toBe(false);
  });

  it("are all listed in docs/failures.md, as the catalogue says, and it names no other", () => {
    const rows = table(DOC, "| code | severity | what | fix |");
    const documented = rows.map((r) => codesIn(r[0]!)[0]);
    expect(documented).toEqual(PROBLEM_CODE_LIST);
    for (const [cell, severity, title] of rows) {
      const code = codesIn(cell!)[0]!;
      if (!isProblemCode(code)) continue; // reported by the toEqual above
      expect(severity, code).toBe(PROBLEM_CODES[code].severities.join(", "));
      expect(title?.replaceAll("\\|", "|"), code).toBe(PROBLEM_CODES[code].title);
    }
  });

  it("of the failure table are in the catalogue", () => {
    const rows = table(DOC, "| failure | code | message (and fix) |");
    expect(rows.length).toBeGreaterThan(40);
    const named = rows.flatMap((r) => codesIn(r[1]!));
    expect(named.filter((c) => !isProblemCode(c))).toEqual([]);
    // Each failure shows a code, but for the one that is no problem (the database running out of memory).
    expect(rows.filter((r) => r[1] === "—").map((r) => r[0])).toEqual([
      "The memory limit is too low for the data (and the rest cannot be spilled to disk)",
    ]);
  });
});
