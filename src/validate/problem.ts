// A problem found in the input: everything a person needs to find and fix it.
import type { ProblemCode } from "./codes.ts";
import { maskPersonal, shownValue } from "./mask.ts";
export type Severity = "error" | "warning" | "info";

export interface Problem {
  severity: Severity;
  /** Stable machine code from the catalogue (codes.ts), e.g. "missing-column"; tests and docs/failures.md key on it. */
  code: ProblemCode;
  /** Path relative to the project root, e.g. data/2026-10/leads.csv. */
  file: string;
  line?: number;
  column?: string;
  value?: string;
  /** What is wrong, in a sentence. */
  message: string;
  /** What was expected instead. */
  expected?: string;
  /** What to do about it. */
  fix: string;
  /** More rows with the same problem that were not listed one by one. */
  more?: number;
  /** In a workbook (.xlsx): the sheet `line` is a row of, and the cell (C12) when the column is known. */
  sheet?: string;
  cell?: string;
  /** An anomaly (model/anomalies.ts): how many records of the file it covers. */
  count?: number;
  /** Their ids (the first few), only when the project sets publishRecords. */
  records?: string[];
}

const MAX_VALUE = 60;

/** One line per problem: "data/2026-10/leads.csv:1042 column created_at: '2026-13-01' is not a date ...". */
export function formatProblem(p: Problem): string {
  const sheet = p.sheet === undefined ? "" : ` (sheet '${p.sheet}'${p.cell ? `, cell ${p.cell}` : ""})`;
  const where = `${p.line === undefined ? p.file : `${p.file}:${p.line}`}${sheet}`;
  const col = p.column === undefined ? "" : ` column ${p.column}`;
  // Masked before it is cut (a cut email would no longer look like one); only its start is shown.
  const value = p.value === undefined ? "" : ` '${truncate(shownValue(p.value.slice(0, 4 * MAX_VALUE)))}'`;
  const expected = p.expected ? ` Expected ${p.expected}.` : "";
  const more = p.more ? ` (${p.more} more rows like this)` : "";
  return `${p.severity.toUpperCase()} ${where}${col}:${value} ${maskPersonal(p.message)}.${expected} Fix: ${p.fix}${more}`;
}

function truncate(v: string): string {
  const oneLine = v.replace(/\r?\n/g, "⏎");
  return oneLine.length > MAX_VALUE ? `${oneLine.slice(0, MAX_VALUE)}…` : oneLine;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

/** Problems in a stable order: file, line, column, code. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? "").localeCompare(b.column ?? "") ||
      a.code.localeCompare(b.code),
  );
}

/** Thrown when input cannot be used at all; carries every problem found so far. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
    this.problems = problems;
  }
}
