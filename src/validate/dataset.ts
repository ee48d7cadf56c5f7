// Validate a staged file against its dataset schema and append its good rows to raw_<dataset>.
// All checks run as SQL over the whole file, so every problem is found in one pass.
import { DUCKDB_TYPE, EXPECTATION, type ColumnInfo } from "../schema/column.ts";
import { columnsOf, DATASETS, type DatasetName } from "../schema/dataset.ts";
import type { Config } from "../schema/config.ts";
import type { Mapping } from "../schema/mapping.ts";
import { BUILT_IN_VALUES } from "../read/aliases.ts";
import type { StagedFile } from "../read/file.ts";
import { matchHeaders } from "../read/headers.ts";
import { ident, lit, type Db } from "../model/duckdb.ts";
import type { Problem } from "./problem.ts";
import { cleaned, typedSql, YEAR_LAST_PATTERN, type DateOrder, type TypingContext } from "./values.ts";

/** Rows listed one by one per (problem, column); the rest are counted. */
const LISTED = 20;

export interface FileResult {
  rows: number;
  skipped: number;
  problems: Problem[];
}

/** DDL of the table holding every folder's validated rows of a dataset. */
export function rawTableSql(dataset: DatasetName): string {
  const cols = columnsOf(dataset).map((c) => `${ident(c.name)} ${DUCKDB_TYPE[c.kind]}`);
  return `CREATE TABLE IF NOT EXISTS raw_${dataset} (__folder VARCHAR, __file VARCHAR, __line BIGINT, ${cols.join(", ")})`;
}

export async function validateStaged(db: Db, staged: StagedFile, config: Config, mapping: Mapping): Promise<FileResult> {
  const { file } = staged;
  const dataset = file.dataset;
  const match = matchHeaders(dataset, staged.headers, mapping, file.rel);
  const problems = [...match.problems];
  if (problems.some((p) => p.severity === "error")) return { rows: 0, skipped: 0, problems };

  const present = columnsOf(dataset).filter((c) => match.columns.has(c.name));
  const raw = (c: ColumnInfo) => cleaned(ident(match.columns.get(c.name)!));
  const select: string[] = ["__line"];
  for (const col of present) {
    const ctx: TypingContext = { timeZone: config.timeZone, enumValues: enumValues(dataset, col, mapping) };
    if (col.kind === "datetime" || col.kind === "date") {
      const decided = await decideDateOrder(db, staged, col, match.columns.get(col.name)!, config.dateOrder);
      problems.push(...decided.problems);
      ctx.dateOrder = decided.order;
    }
    select.push(`${typedSql(col.kind, raw(col), ctx)} AS ${ident(col.name)}`, `${raw(col)} AS ${ident(`__raw_${col.name}`)}`);
  }
  const typed = `${staged.table}_typed`;
  await db.exec(`CREATE TEMP TABLE ${typed} AS SELECT ${select.join(", ")} FROM ${staged.table}`);

  const checks = rowChecks(present, file.folder, config);
  const found = checks.length
    ? await db.all<{ code: string; col: string; line: number; value: string | null; total: number }>(`
        SELECT code, col, line, value, total FROM (
          SELECT *, row_number() OVER (PARTITION BY code, col ORDER BY line) AS k, count(*) OVER (PARTITION BY code, col) AS total
          FROM (${checks.map((c) => `SELECT '${c.code}' AS code, '${c.column.name}' AS col, __line AS line, CAST(${ident(`__raw_${c.column.name}`)} AS VARCHAR) AS value FROM ${typed} WHERE ${c.where}`).join("\nUNION ALL\n")})
        ) WHERE k <= ${LISTED} ORDER BY line, col, code`)
    : [];
  const badLines = checks.length
    ? await db.one<{ n: number }>(`SELECT count(DISTINCT __line) AS n FROM ${typed} WHERE ${checks.map((c) => `(${c.where})`).join(" OR ")}`)
    : { n: 0 };
  const bad = badLines.n + staged.rejected;
  const skipping = bad > 0 && bad <= config.validation.maxSkippedRows;
  if (skipping) {
    for (const p of problems) if (p.code === "ragged-row") p.severity = "warning";
  }
  const shown = new Set<string>();
  for (const f of found) {
    const check = checks.find((c) => c.code === f.code && c.column.name === f.col)!;
    const key = `${f.code}:${f.col}`;
    const more = !shown.has(key) && f.total > LISTED ? f.total - LISTED : undefined;
    shown.add(key);
    problems.push({
      severity: skipping ? "warning" : "error", code: f.code, file: file.rel, line: f.line, column: f.col,
      value: f.value ?? "", message: skipping ? `${check.message} (row skipped)` : check.message,
      expected: check.expected, fix: check.fix, more,
    });
  }

  if (DATASETS[dataset].uniqueId) problems.push(...(await duplicateIds(db, typed, dataset, file.rel)));
  if (problems.some((p) => p.severity === "error")) return { rows: 0, skipped: 0, problems };

  const where = skipping ? `WHERE NOT (${checks.map((c) => `(${c.where})`).join(" OR ")})` : "";
  const cols = columnsOf(dataset);
  const values = cols.map((c) => (match.columns.has(c.name) ? ident(c.name) : `NULL::${DUCKDB_TYPE[c.kind]}`));
  await db.exec(rawTableSql(dataset));
  await db.exec(`INSERT INTO raw_${dataset} SELECT ${lit(file.folder ?? "")}, ${lit(file.rel)}, __line, ${values.join(", ")} FROM ${typed} ${where}`);
  const { n } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${typed} ${where}`);
  await db.exec(`DROP TABLE ${typed}; DROP TABLE ${staged.table}`);
  return { rows: n, skipped: skipping ? bad : 0, problems };
}

interface Check {
  code: string;
  column: ColumnInfo;
  where: string;
  message: string;
  expected: string;
  fix: string;
}

function rowChecks(present: ColumnInfo[], folder: string | null, config: Config): Check[] {
  const checks: Check[] = [];
  for (const col of present) {
    const name = ident(col.name);
    const rawName = ident(`__raw_${col.name}`);
    checks.push({
      code: "bad-value", column: col, where: `${rawName} IS NOT NULL AND ${name} IS NULL`,
      message: col.kind === "datetime" || col.kind === "date" ? "is not a date" : col.kind === "enum" ? "is not an allowed value" : `is not ${EXPECTATION[col.kind]}`,
      expected: col.kind === "enum" ? `one of ${col.values!.join(", ")}` : EXPECTATION[col.kind],
      fix: col.kind === "enum"
        ? `use one of ${col.values!.join(", ")}, or translate the value in mapping.yaml (values: <dataset>: ${col.name}: "<value>": <allowed value>)`
        : "correct the value in the source tool and re-export, or clear the cell if it is unknown",
    });
    if (col.required) {
      checks.push({
        code: "missing-value", column: col, where: `${rawName} IS NULL`,
        message: "is empty but the column is required", expected: EXPECTATION[col.kind],
        fix: "fill in the value in the source tool and re-export, or remove the row if it is not real",
      });
    }
    if (col.kind === "number" || col.kind === "count") {
      checks.push({
        code: "negative-value", column: col, where: `${name} < 0`,
        message: "is negative", expected: "zero or more",
        fix: "check the export: amounts, costs and counts cannot be negative (a refund or correction belongs in the source system)",
      });
    }
    if ((col.kind === "datetime" || col.kind === "date") && folder !== null) {
      const [y, m] = folder.split("-").map(Number) as [number, number];
      const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      const latest = new Date(Date.UTC(y, m, 0 + config.validation.exportLagDays)).toISOString().slice(0, 10);
      const earliest = `${y - 20}-01-01`;
      checks.push({
        code: "date-out-of-range", column: col,
        where: `${name} IS NOT NULL AND (${name} >= DATE '${latest}' + INTERVAL 1 DAY OR ${name} < DATE '${earliest}')`,
        message: `is outside the plausible range of the ${folder} folder`,
        expected: `a date between ${earliest} and ${latest} (month end ${lastDay} plus ${config.validation.exportLagDays} days of export lag)`,
        fix: `check the date, and that the file is in the right month folder (data/${folder}/)`,
      });
    }
  }
  return checks;
}

async function duplicateIds(db: Db, typed: string, dataset: DatasetName, rel: string): Promise<Problem[]> {
  const key = DATASETS[dataset].key.map((k) => `CAST(${ident(k)} AS VARCHAR)`).join(" || ' / ' || ");
  const dups = await db.all<{ id: string; lines: number[]; total: number }>(`
    SELECT ${key} AS id, list(__line ORDER BY __line) AS lines, count(*) OVER () AS total
    FROM ${typed} WHERE ${DATASETS[dataset].key.map((k) => `${ident(k)} IS NOT NULL`).join(" AND ")}
    GROUP BY ALL HAVING count(*) > 1 ORDER BY min(__line) LIMIT ${LISTED}`);
  return dups.map((d, i) => ({
    severity: "error" as const, code: "duplicate-id", file: rel, line: d.lines[1], column: DATASETS[dataset].key.join(", "), value: d.id,
    message: `appears ${d.lines.length} times (lines ${d.lines.join(", ")}); an id must be unique within a file`,
    expected: "each id once per file", fix: "remove the duplicate rows from the export (Salesforce 15- and 18-character ids of one record count as the same id)",
    more: i === 0 && d.total > LISTED ? d.total - LISTED : undefined,
  }));
}

/** Decide day/month order for year-last slash dates in one column: by evidence, else by config, else an error. */
async function decideDateOrder(
  db: Db, staged: StagedFile, col: ColumnInfo, header: string, configured: DateOrder | undefined,
): Promise<{ order?: DateOrder; problems: Problem[] }> {
  const v = cleaned(ident(header));
  const e = await db.one<{ n: number; first_max: number | null; second_max: number | null; dmy_example: string | null; mdy_example: string | null; line: number | null }>(`
    SELECT count(*) AS n,
      max(CAST(regexp_extract(${v}, '^(\\d{1,2})/', 1) AS INTEGER)) AS first_max,
      max(CAST(regexp_extract(${v}, '^\\d{1,2}/(\\d{1,2})/', 1) AS INTEGER)) AS second_max,
      min(${v}) FILTER (WHERE CAST(regexp_extract(${v}, '^(\\d{1,2})/', 1) AS INTEGER) > 12) AS dmy_example,
      min(${v}) FILTER (WHERE CAST(regexp_extract(${v}, '^\\d{1,2}/(\\d{1,2})/', 1) AS INTEGER) > 12) AS mdy_example,
      min(__line) AS line
    FROM ${staged.table} WHERE regexp_matches(${v}, '${YEAR_LAST_PATTERN}')`);
  if (e.n === 0) return { problems: [] };
  const base = { file: staged.file.rel, column: col.name, line: e.line ?? undefined };
  const dayFirst = (e.first_max ?? 0) > 12;
  const monthFirst = (e.second_max ?? 0) > 12;
  if (dayFirst && monthFirst) {
    return { problems: [{ ...base, severity: "error", code: "mixed-date-order", value: `${e.dmy_example} / ${e.mdy_example}`,
      message: "mixes day-first and month-first dates in one column", expected: "one date order per column",
      fix: "re-export the file with ISO dates (YYYY-MM-DD) or a single regional date setting" }] };
  }
  const evidence: DateOrder | undefined = dayFirst ? "dmy" : monthFirst ? "mdy" : undefined;
  if (evidence && configured && evidence !== configured) {
    return { problems: [{ ...base, severity: "error", code: "date-order-conflict", value: (dayFirst ? e.dmy_example : e.mdy_example) ?? "",
      message: `can only be ${evidence === "dmy" ? "day-first" : "month-first"}, but gekkan.config.yaml sets dateOrder: ${configured}`,
      expected: `dates in ${configured} order`, fix: "check the export's regional settings, or correct dateOrder in gekkan.config.yaml" }] };
  }
  const order = evidence ?? configured;
  if (!order) {
    return { problems: [{ ...base, severity: "error", code: "ambiguous-date-order", value: staged.file.rel,
      message: `has ${e.n} dates like 03/04/2026 that could be day-first or month-first, and no value decides it`,
      expected: "dateOrder set in gekkan.config.yaml when the data cannot tell",
      fix: "add `dateOrder: mdy` (10/1/2026 = 1 October) or `dateOrder: dmy` (1/10/2026 = 1 October) to gekkan.config.yaml" }] };
  }
  return { order, problems: [{ ...base, severity: "info", code: "date-order-decided", value: (dayFirst ? e.dmy_example : e.mdy_example) ?? order,
    message: evidence ? `year-last dates read as ${order} because a value can only be read that way` : `year-last dates read as ${order}, as gekkan.config.yaml says`,
    fix: "nothing to do if that is right" }] };
}

function enumValues(dataset: DatasetName, col: ColumnInfo, mapping: Mapping): Map<string, string> | undefined {
  if (col.kind !== "enum") return undefined;
  const map = new Map<string, string>();
  for (const v of col.values!) map.set(v.toLowerCase(), v);
  const builtIn = (BUILT_IN_VALUES[dataset] as Record<string, Record<string, readonly string[]>> | undefined)?.[col.name] ?? {};
  for (const [value, texts] of Object.entries(builtIn)) for (const t of texts) map.set(t.toLowerCase(), value);
  for (const [text, value] of Object.entries(mapping.values[dataset]?.[col.name] ?? {})) map.set(text.trim().toLowerCase(), value);
  return map;
}
