// targets.csv: a monthly target per metric id. Read for the headlines; each row's id checked
// against the ids the report defines, so a misspelt id fails the check instead of losing its target.
import type { Db } from "../model/duckdb.ts";
import type { Problem } from "../validate/problem.ts";

/** A target by `${metric}|${month}`. */
export type Targets = ReadonlyMap<string, number>;

export async function loadTargets(db: Db): Promise<Targets> {
  const rows = await db.all<{ month: string; metric: string; value: number }>(`SELECT month, metric, value FROM targets`);
  return new Map(rows.map((r) => [`${r.metric}|${r.month}`, r.value]));
}

/**
 * Rows of the validated targets (raw_targets) whose metric is a share (`shares`: a win rate, a
 * compliance, a coverage, 0 to 1) and whose value is above 1: an error each. A target of 80 meant
 * as 80% would read as 8,000%, and every month would miss it.
 */
export async function shareTargetsAboveOne(db: Db, shares: readonly string[]): Promise<Problem[]> {
  if (shares.length === 0) return [];
  const rows = await db.all<{ file: string; line: number; metric: string; value: number }>(
    `SELECT __file AS file, __line AS line, metric, value FROM raw_targets
     WHERE value > 1 AND metric IN (${shares.map((id) => `'${id.replaceAll("'", "''")}'`).join(", ")}) ORDER BY __file, __line`,
  );
  return rows.map((r) => ({
    severity: "error" as const,
    code: "value-out-of-range" as const,
    file: r.file,
    line: r.line,
    column: "value",
    value: String(r.value),
    message: `is above 1, so it is not a share (${r.metric} is one, 0 to 1: a percentage without its % sign?)`,
    expected: "a share as 0.8 or a percentage with its sign (80%)",
    fix: `write ${r.value / 100} or ${r.value}% if ${r.value} percent is meant`,
  }));
}

/** The edit distance of two ids (for the suggestion in the message). */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * Rows of the validated targets (raw_targets) whose metric is not one of `valid`: an error each,
 * with the valid ids listed and the nearest one suggested.
 */
export async function unknownTargetMetrics(db: Db, valid: readonly string[]): Promise<Problem[]> {
  const known = new Set(valid);
  const rows = await db.all<{ file: string; line: number; metric: string }>(
    `SELECT __file AS file, __line AS line, metric FROM raw_targets ORDER BY __file, __line`,
  );
  return rows
    .filter((r) => !known.has(r.metric))
    .map((r) => {
      const nearest = [...valid].sort((a, b) => distance(r.metric, a) - distance(r.metric, b) || a.localeCompare(b))[0];
      const close = nearest !== undefined && distance(r.metric, nearest) <= Math.max(2, Math.floor(r.metric.length / 3));
      return {
        severity: "error" as const,
        code: "unknown-metric",
        file: r.file,
        line: r.line,
        column: "metric",
        value: r.metric,
        message: "is not a metric id the report defines, so its target would be shown nowhere",
        expected: `one of ${valid.join(", ")}`,
        fix: close
          ? `write '${nearest}' if that is the metric meant, or another id from the list`
          : "write one of the listed ids (the data page's definitions name every metric)",
      };
    });
}
