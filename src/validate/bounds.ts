// Bounds on values that type correctly but cannot be real: an amount of 1e308 (two of them add up
// to Infinity, and the pipeline read "not provided"), a closed deal's close date of 9999-12-31 (it
// dropped out of the win rate). Planned dates may lie in the future, and the placeholders CRMs
// write for 未定 (9999-12-31, 2099-12-31, 2100-01-01) mean "no date".
import { outcomeSql } from "../model/asof.ts";
import { ident, lit, type Db } from "../model/duckdb.ts";
import type { ColumnInfo } from "../schema/column.ts";
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import type { ProblemCode } from "./codes.ts";
import type { Problem } from "./problem.ts";

/** A planned date on or after this day is a CRM's placeholder for "no date yet". */
export const PLACEHOLDER_FROM = "2099-01-01";

/** A row check (validate/dataset.ts runs them with its own). */
export interface BoundCheck {
  code: ProblemCode;
  column: ColumnInfo;
  where: string;
  value: string;
  message: (folder: string) => string;
  expected: (folder: string) => string;
  fix: (folder: string) => string;
}

const grouped = (n: number) => n.toLocaleString("en");

/**
 * The bound checks of a dataset's present columns, over its typed table (typed columns, their
 * kept text as __raw_<column>, and the folder's __latest date).
 */
export function boundChecks(dataset: DatasetName, present: readonly ColumnInfo[], config: Config): BoundCheck[] {
  const checks: BoundCheck[] = [];
  const max = config.validation.maxAmount;
  for (const col of present) {
    if (col.kind !== "number") continue;
    checks.push({
      code: "value-out-of-range",
      column: col,
      value: `CAST(${ident(`__raw_${col.name}`)} AS VARCHAR)`,
      where: `${ident(col.name)} > ${max}`,
      message: () => `is larger than any plausible value (validation.maxAmount is ${grouped(max)})`,
      expected: () => `a number up to ${grouped(max)}`,
      fix: () =>
        "correct the value in the source tool (a typing error, or an amount in the wrong unit?); raise validation.maxAmount in gekkan.config.yaml if such values are real",
    });
  }
  const probability = present.find((c) => c.name === "probability");
  if (dataset === "opportunities" && probability) {
    // 0-100 or a share 0-1; above 100 no reading is right, and weighted pipeline would exceed the amount.
    checks.push({
      code: "value-out-of-range",
      column: probability,
      value: `CAST(${ident("__raw_probability")} AS VARCHAR)`,
      where: "probability > 100",
      message: () => "is above 100, so it is neither a percentage (0-100) nor a share (0-1)",
      expected: () => "a probability of 0-100 (確度 (%)) or a share of 0-1",
      fix: () => "correct the deal's probability in the CRM and re-export (a percentage typed twice, e.g. 5050?)",
    });
  }
  const rate = present.find((c) => c.name === "engagement_rate");
  if (dataset === "web_traffic" && rate) {
    // A share of sessions: 66.67 is a percentage without its sign, and read as a share it made the bounce rate negative.
    checks.push({
      code: "value-out-of-range",
      column: rate,
      value: `CAST(${ident("__raw_engagement_rate")} AS VARCHAR)`,
      where: "engagement_rate > 1",
      message: () => "is above 1, so it is not a share of sessions (a percentage without its % sign?)",
      expected: () => "a share of 0-1 as GA4 writes it (0.6667), or a percentage with its sign (66.67%)",
      fix: () => "export the engagement rate from GA4 unedited, or write the % sign after a percentage",
    });
  }
  const closedAt = present.find((c) => c.name === "closed_at");
  if (dataset === "opportunities" && closedAt) {
    // A won or lost deal's close date is an event: it cannot lie after the export.
    checks.push({
      code: "date-out-of-range",
      column: closedAt,
      value: `CAST(${ident("__raw_closed_at")} AS VARCHAR)`,
      where: `__folder <> '' AND closed_at IS NOT NULL AND closed_at >= __latest AND ${outcomeSql(config)} IN ('won', 'lost')`,
      message: (folder) =>
        `is after the ${folder} folder's export, but the deal is closed (won or lost): its close date cannot lie in the future`,
      expected: (folder) =>
        `a date up to ${latestDay(folder, config.validation.exportLagDays)} (month end plus ${config.validation.exportLagDays} days of export lag)`,
      fix: () =>
        "correct the close date in the CRM and re-export (a placeholder such as 9999-12-31 on a closed deal left it out of the win rate)",
    });
  }
  return checks;
}

function latestDay(folder: string, lagDays: number): string {
  const [y, m] = folder.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, lagDays)).toISOString().slice(0, 10);
}

/**
 * Planned dates that are CRM placeholders for "no date" (on or after PLACEHOLDER_FROM) become no
 * date in the typed table, with a note per file and column saying how many and the first one.
 */
export async function clearPlaceholders(db: Db, typed: string, present: readonly ColumnInfo[]): Promise<Problem[]> {
  const planned = present.filter((c) => c.future && (c.kind === "datetime" || c.kind === "date"));
  if (planned.length === 0) return [];
  const notes: Problem[] = [];
  for (const col of planned) {
    const name = ident(col.name);
    const where = `${name} >= ${lit(PLACEHOLDER_FROM)}`;
    const found = await db.all<{ file: string; line: number; value: string; n: number }>(
      `SELECT __file AS file, min(__line) AS line, arg_min(CAST(${ident(`__raw_${col.name}`)} AS VARCHAR), __line) AS value, count(*) AS n
       FROM ${typed} WHERE ${where} GROUP BY 1 ORDER BY 1`,
    );
    if (found.length === 0) continue;
    for (const f of found) {
      notes.push({
        severity: "info",
        code: "placeholder-date",
        file: f.file,
        line: Number(f.line),
        column: col.name,
        value: f.value,
        message: `is a placeholder for "no date" (未定), read as no date${Number(f.n) > 1 ? ` (${Number(f.n)} rows like it)` : ""}`,
        fix: "nothing to do if the date is not decided yet",
      });
    }
    await db.exec(`UPDATE ${typed} SET ${name} = NULL WHERE ${where}`);
  }
  return notes;
}
