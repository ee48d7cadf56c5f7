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
  // Two levels: clean each raw column once, then type the cleaned text.
  const rawCols = present.map((c) => `${cleaned(ident(match.columns.get(c.name)!))} AS ${ident(`__raw_${c.name}`)}`);
  const select: string[] = ["__line"];
  const undecided = new Set<string>();
  for (const col of present) {
    const ctx: TypingContext = { timeZone: config.timeZone, enumValues: enumValues(dataset, col, mapping) };
    if (col.kind === "datetime" || col.kind === "date") {
      const decided = await decideDateOrder(db, staged, col, match.columns.get(col.name)!, config.dateOrder);
      problems.push(...decided.problems);
      ctx.dateOrder = decided.order;
      if (decided.problems.some((p) => p.severity === "error")) undecided.add(col.name);
    }
    const rawName = ident(`__raw_${col.name}`);
    select.push(`${typedSql(col.kind, rawName, ctx)} AS ${ident(col.name)}`, rawName);
  }
  const typed = `${staged.table}_typed`;
  await db.exec(`CREATE TEMP TABLE ${typed} AS SELECT ${select.join(", ")} FROM (SELECT __line, ${rawCols.join(", ")} FROM ${staged.table})`);

  const checks = rowChecks(present, file.folder, config, undecided);
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

function rowChecks(present: ColumnInfo[], folder: string | null, config: Config, undecided: ReadonlySet<string>): Check[] {
  const checks: Check[] = [];
  for (const col of present) {
    const name = ident(col.name);
    const rawName = ident(`__raw_${col.name}`);
    checks.push({
      // A year-last date whose order is undecided is reported once, as such, not as "not a date" on every row.
      code: "bad-value", column: col,
      where: `${rawName} IS NOT NULL AND ${name} IS NULL${undecided.has(col.name) ? ` AND NOT regexp_matches(${rawName}, '${YEAR_LAST_PATTERN}')` : ""}`,
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
      const tooLate = col.future ? "false" : `${name} >= DATE '${latest}' + INTERVAL 1 DAY`;
      checks.push({
        code: "date-out-of-range", column: col,
        where: `${name} IS NOT NULL AND (${tooLate} OR ${name} < DATE '${earliest}')`,
        message: `is outside the plausible range of the ${folder} folder`,
        expected: col.future
          ? `a date from ${earliest} on`
          : `a date between ${earliest} and ${latest} (month end ${lastDay} plus ${config.validation.exportLagDays} days of export lag)`,
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
  const first = `CAST(regexp_extract(${v}, '^(\\d{1,2})/', 1) AS INTEGER)`;
  const second = `CAST(regexp_extract(${v}, '^\\d{1,2}/(\\d{1,2})/', 1) AS INTEGER)`;
  const e = await db.one<{ n: number; dmy: [string, number] | null; mdy: [string, number] | null; any: [string, number] }>(`
    SELECT count(*) AS n,
      arg_min([${v}, CAST(__line AS VARCHAR)], __line) FILTER (WHERE ${first} > 12) AS dmy,
      arg_min([${v}, CAST(__line AS VARCHAR)], __line) FILTER (WHERE ${second} > 12) AS mdy,
      arg_min([${v}, CAST(__line AS VARCHAR)], __line) AS any
    FROM ${staged.table} WHERE regexp_matches(${v}, '${YEAR_LAST_PATTERN}')`);
  if (e.n === 0) return { problems: [] };
  const at = (x: [string, number] | null) => (x ? { value: x[0], line: Number(x[1]) } : undefined);
  const dmy = at(e.dmy);
  const mdy = at(e.mdy);
  const base = { file: staged.file.rel, column: col.name };
  if (dmy && mdy) {
    return { problems: [{ ...base, severity: "error", code: "mixed-date-order", line: Math.min(dmy.line, mdy.line), value: `${dmy.value} / ${mdy.value}`,
      message: `mixes day-first (line ${dmy.line}) and month-first (line ${mdy.line}) dates in one column`, expected: "one date order per column",
      fix: "re-export the file with ISO dates (YYYY-MM-DD) or a single regional date setting" }] };
  }
  const evidence: DateOrder | undefined = dmy ? "dmy" : mdy ? "mdy" : undefined;
  const proof = dmy ?? mdy;
  if (evidence && configured && evidence !== configured) {
    return { problems: [{ ...base, severity: "error", code: "date-order-conflict", line: proof!.line, value: proof!.value,
      message: `can only be ${evidence === "dmy" ? "day-first" : "month-first"}, but gekkan.config.yaml sets dateOrder: ${configured}`,
      expected: `dates in ${configured} order`, fix: "check the export's regional settings, or correct dateOrder in gekkan.config.yaml" }] };
  }
  const order = evidence ?? configured;
  const example = at(e.any)!;
  if (!order) {
    return { problems: [{ ...base, severity: "error", code: "ambiguous-date-order", line: example.line, value: example.value,
      message: `is one of ${e.n} dates that could be day-first or month-first, and no value in the column decides it`,
      expected: "dateOrder set in gekkan.config.yaml when the data cannot tell",
      fix: "add `dateOrder: mdy` (10/1/2026 = 1 October) or `dateOrder: dmy` (1/10/2026 = 1 October) to gekkan.config.yaml" }] };
  }
  return { order, problems: [{ ...base, severity: "info", code: "date-order-decided", line: (proof ?? example).line, value: (proof ?? example).value,
    message: evidence ? `year-last dates read as ${order} because this value can only be read that way` : `year-last dates read as ${order}, as gekkan.config.yaml says`,
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
