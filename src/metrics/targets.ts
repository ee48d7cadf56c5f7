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
