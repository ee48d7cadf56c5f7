// The header row of a framed export: its names as the columns are called from then on.
import type { Problem } from "../validate/problem.ts";

const BOM = 0xfeff;

/**
 * Header names: unquoted, trimmed, a BOM stripped from the first; an empty name becomes
 * column_<n> (a warning). A name that appears twice is an error.
 */
export function headerNames(fields: readonly string[], line: number, file: string): { header: string[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const header = fields.map((h, k) => {
    const name = (k === 0 && h.charCodeAt(0) === BOM ? h.slice(1) : h).trim();
    if (name !== "") return name;
    const alias = `column_${k + 1}`;
    problems.push({
      severity: "warning",
      code: "empty-header",
      file,
      line,
      column: alias,
      message: `column ${k + 1} has no name in the header; it is called ${alias}`,
      expected: "a name for every column",
      fix: "give the column a name in the export, or remove the empty column",
    });
    return alias;
  });
  const counts = new Map<string, number>();
  for (const h of header) counts.set(h, (counts.get(h) ?? 0) + 1);
  for (const [h, k] of counts) {
    if (k < 2) continue;
    problems.push({
      severity: "error",
      code: "duplicate-header",
      file,
      line,
      column: h,
      value: h,
      message: `column "${h}" appears ${k} times in the header`,
      expected: "each column name once",
      fix: `rename or remove the extra "${h}" column(s) in the export (or in the report's column selection)`,
    });
  }
  return { header, problems };
}
