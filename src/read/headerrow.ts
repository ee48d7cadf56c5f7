// The header row of a framed export: its names as the columns are called from then on.
import type { Problem } from "../validate/problem.ts";

const BOM = 0xfeff;

/**
 * A name the header gives more than once, compared ignoring letter case as DuckDB compares column
 * names. Real exports do this (a Salesforce report with a lead's Email and a custom field labelled
 * Email): whether it matters depends on the dataset, so the reader decides (duplicateHeaderProblem).
 */
export interface DuplicateHeader {
  /** The name as first given. */
  name: string;
  /** Each column's name as given, in order. */
  given: string[];
  /** The names the columns are read as: the first as given, the others numbered (`Email (2)`). */
  columns: string[];
  line: number;
}

/**
 * Header names: unquoted, trimmed, a BOM stripped from the first; an empty name becomes
 * column_<n> (a warning). A name given again is numbered (`name (2)`) so that every column can be
 * read, and listed in `duplicates`.
 */
export function headerNames(
  fields: readonly string[],
  line: number,
  file: string,
): { header: string[]; problems: Problem[]; duplicates: DuplicateHeader[] } {
  const problems: Problem[] = [];
  const named = fields.map((h, k) => {
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
  const taken = new Set(named.map((h) => h.toLowerCase()));
  const groups = new Map<string, DuplicateHeader>();
  const header = named.map((h) => {
    const key = h.toLowerCase();
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { name: h, given: [h], columns: [h], line });
      return h;
    }
    let k = group.columns.length + 1;
    while (taken.has(`${key} (${k})`)) k++;
    const numbered = `${h} (${k})`;
    taken.add(numbered.toLowerCase());
    group.given.push(h);
    group.columns.push(numbered);
    return numbered;
  });
  return { header, problems, duplicates: [...groups.values()].filter((g) => g.columns.length > 1) };
}

/**
 * The problem of a name the header gives more than once: an error when the report reads that
 * column (which of them would be a guess), a note when it does not (none of them is read).
 */
export function duplicateHeaderProblem(d: DuplicateHeader, file: string, read: boolean): Problem {
  const other = d.given.find((g) => g !== d.name);
  const what =
    other === undefined
      ? `column "${d.name}" appears ${d.given.length} times in the header`
      : `'${d.name}' and '${other}' differ only in letter case`;
  const base = {
    code: "duplicate-header" as const,
    file,
    line: d.line,
    column: other ?? d.name,
    value: other === undefined ? d.name : `${d.name} / ${other}`,
  };
  if (read)
    return {
      ...base,
      severity: "error",
      message: what,
      expected: "each column name once",
      fix: `rename or remove the extra "${d.name}" column(s) in the export (or in the report's column selection)`,
    };
  return {
    ...base,
    severity: "info",
    message: `${what}; the report does not read this column, so ${d.given.length === 2 ? "neither" : "none"} was read`,
    fix: "nothing to do",
  };
}
