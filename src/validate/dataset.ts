// Validate staged files against their dataset schema and append their good rows to raw_<dataset>.
// All checks run as SQL over every file of a dataset at once, so every problem is found in one pass.
import { DUCKDB_TYPE, EXPECTATION, type ColumnInfo, type ColumnKind } from "../schema/column.ts";
import { columnsOf, DATASETS, keySql, type DatasetName } from "../schema/dataset.ts";
import type { Config } from "../schema/config.ts";
import type { Mapping } from "../schema/mapping.ts";
import { BUILT_IN_VALUES } from "../read/aliases.ts";
import type { StagedFile } from "../read/file.ts";
import { duplicateHeaderProblem } from "../read/headerrow.ts";
import { columnOf, matchHeaders } from "../read/headers.ts";
import { ident, lit, type Db } from "../model/duckdb.ts";
import { datePattern, notADate, type OrderDecision } from "./datepattern.ts";
import { boundChecks, clearPlaceholders } from "./bounds.ts";
import { emptyExport } from "./completeness.ts";
import { withoutInvisible } from "./ids.ts";
import type { ProblemCode } from "./codes.ts";
import type { Problem } from "./problem.ts";
import { cleaned, namedCurrencySql, needsFolding, typing, YEAR_LAST_PATTERN, type DateOrder, type TypingContext } from "./values.ts";

/** Rows listed one by one per (problem, column); the rest are counted. */
const LISTED = 20;

export interface FileResult {
  rows: number;
  skipped: number;
  problems: Problem[];
}

/**
 * Columns the caller stores beside a dataset's validated ones, each computed from one validated row
 * (SQL over its columns and __folder) as the row is typed.
 */
export interface RowColumn {
  name: string;
  type: string;
  sql: string;
}

/** SQL select item: `c` computed and named. */
export function rowColumnSql(c: RowColumn): string {
  return `CAST(${c.sql} AS ${c.type}) AS ${ident(c.name)}`;
}

/** DDL of the table holding every folder's validated rows of a dataset, then `extra` columns. */
export function rawTableSql(dataset: DatasetName, extra: readonly RowColumn[] = []): string {
  const cols = [
    ...columnsOf(dataset).map((c) => `${ident(c.name)} ${DUCKDB_TYPE[c.kind]}`),
    ...extra.map((c) => `${ident(c.name)} ${c.type}`),
  ];
  return `CREATE TABLE IF NOT EXISTS raw_${dataset} (__folder VARCHAR, __file VARCHAR, __line BIGINT, ${cols.join(", ")})`;
}

/** A staged file whose headers matched: ready to be validated with the rest of its dataset. */
export interface Admitted {
  staged: StagedFile;
  /** canonical column -> header in the file */
  columns: ReadonlyMap<string, string>;
}

/** Per-file outcome: rows loaded, rows skipped, and that file's problems. */
export type DatasetResult = Map<string, FileResult>;

/**
 * Match a staged file's headers; a file missing a required column, or naming one the report reads
 * twice, is not admitted.
 */
export function admit(staged: StagedFile, mapping: Mapping): { admitted?: Admitted; problems: Problem[] } {
  const { dataset, rel } = staged.file;
  const match = matchHeaders(dataset, staged.headers, mapping, rel);
  const problems = [
    ...(staged.duplicates ?? []).map((d) => duplicateHeaderProblem(d, rel, columnOf(dataset, d.name, mapping) !== undefined)),
    ...match.problems,
  ];
  if (problems.some((p) => p.severity === "error")) return { problems };
  return { admitted: { staged, columns: match.columns }, problems };
}

const textTable = (dataset: DatasetName) => `text_${dataset}`;

/** GA4's value for a dimension it has no value for. */
const NOT_SET = "(not set)";

/** The table that collects a dataset's cleaned text, file by file, before validateDataset types it. */
export async function createTextTable(db: Db, dataset: DatasetName): Promise<void> {
  const cols = columnsOf(dataset);
  await db.exec(
    `CREATE OR REPLACE TABLE ${textTable(dataset)} (__folder VARCHAR, __file VARCHAR, __line BIGINT, ${cols.map((c) => `${ident(`__raw_${c.name}`)} VARCHAR`).join(", ")})`,
  );
}

/** Read an admitted file's source once, cleaned, into its dataset's text table. */
export async function appendText(db: Db, f: Admitted): Promise<void> {
  const dataset = f.staged.file.dataset;
  const file = { fold: needsFolding(f.staged.fullWidthForms), trim: f.staged.edgeSpaces !== false };
  // Text columns are normalized to NFC unless the file is known to be NFC already.
  const normalize = f.staged.nfc !== true;
  const values = columnsOf(dataset).map((c) => {
    if (!f.columns.has(c.name)) return "NULL";
    const text = cleaned(ident(f.columns.get(c.name)!), { ...file, nfc: normalize && c.kind === "string" });
    // GA4 writes (not set) for a dimension value it does not know (New / established): no value,
    // where a column may go without one; a required one still says it is missing.
    if (c.kind === "enum" && !c.required) return `nullif(${text}, ${lit(NOT_SET)})`;
    // Ids lose invisible characters, in files that may hold any (validate/ids.ts).
    return normalize && c.kind === "id" ? withoutInvisible(text) : text;
  });
  await db.exec(
    `INSERT INTO ${textTable(dataset)} SELECT ${lit(f.staged.file.folder ?? "")}, ${lit(f.staged.file.rel)}, __line, ${values.join(", ")} FROM ${f.staged.source}`,
  );
}

/**
 * Validate every admitted file of one dataset together: their cleaned text is in one table (see
 * appendText), typed and checked by one set of queries, and the good rows of files without
 * errors are appended to raw_<dataset>. One set of queries per dataset, not per file, because
 * planning the typing SQL costs more than running it on a month's rows.
 */
export async function validateDataset(
  db: Db,
  dataset: DatasetName,
  files: readonly Admitted[],
  config: Config,
  mapping: Mapping,
  extra: readonly RowColumn[] = [],
  options: { rejectedIds?: boolean } = {},
): Promise<DatasetResult> {
  const results: DatasetResult = new Map(files.map((f) => [f.staged.file.rel, { rows: 0, skipped: 0, problems: [] }]));
  if (files.length === 0) {
    await db.exec(`DROP TABLE IF EXISTS ${textTable(dataset)}`);
    return results;
  }
  const push = (rel: string, p: Problem) => results.get(rel)!.problems.push(p);
  const { n: before } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM raw_${dataset}`);
  // Rows added to earlier ones are copied into raw_<dataset>: their typed table is TEMP, so writing
  // it does not go to a file-backed database's write-ahead log. Into an empty raw_<dataset>, the typed
  // table becomes it (keepGoodRows), so it is made where raw_<dataset> is.
  const typed = await typeRows(db, dataset, files, config, mapping, extra, push, before > 0);
  // A converted amount (Salesforce's "Amount (converted)") is in the configured currency whatever the row's own currency says.
  const converted = files.filter((f) => CONVERTED_AMOUNT.test(f.columns.get("amount") ?? "")).map((f) => f.staged.file.rel);
  const checks = [
    ...rowChecks(typed.present, config, typed.undecided, converted, typed.orders),
    ...boundChecks(dataset, typed.present, config),
  ];
  const counts = await countFailures(db, typed.table, checks);
  for (const p of emptyExports(dataset, files, counts, config)) push(p.file, p);
  const skipping = skippedFiles(files, counts, config);
  for (const [rel, bad] of skipping) results.get(rel)!.skipped = bad;
  for (const p of await failingRows(db, typed.table, checks, counts, skipping)) push(p.file, p);
  for (const p of await tableChecks(db, typed.table, dataset, typed.present, files)) push(p.file, p);
  await keepGoodRows(db, dataset, files, extra, typed, counts, skipping, results, options, before);
  return results;
}

/** The dataset's rows typed: a table with raw_<dataset>'s columns, and what the checks need to know of it. */
interface TypedRows {
  /** The typed table. */
  table: string;
  /** The dataset's columns that some file has. */
  present: ColumnInfo[];
  /** The text kept beside a typed value (__raw_<column>), for messages and blank counts. */
  kept: string[];
  /** The table has the folders' date bounds (__latest, __earliest). */
  dated: boolean;
  /** Per date column: the files whose day/month order could not be decided. */
  undecided: Map<string, string[]>;
  /** Per date column: how each file's year-last dates were read (for the messages of the dates that fail). */
  orders: Map<string, Map<string, OrderDecision>>;
}

/**
 * Type the text table into <text>_typed (and drop the text table), in three SELECT levels: cleaned
 * text, prepared values (e.g. parsed numbers), typed values. Day/month order is decided per file
 * first; its problems go to `push`.
 */
async function typeRows(
  db: Db,
  dataset: DatasetName,
  files: readonly Admitted[],
  config: Config,
  mapping: Mapping,
  extra: readonly RowColumn[],
  push: (rel: string, p: Problem) => void,
  temp: boolean,
): Promise<TypedRows> {
  const text = textTable(dataset);
  const cols = columnsOf(dataset);
  const present = cols.filter((c) => files.some((f) => f.columns.has(c.name)));
  const prepared: string[] = [];
  // The typed table has raw_<dataset>'s columns in its order (NULL where no file has one), then the
  // text kept for messages: so it can become raw_<dataset> as it is (keepGoodRows).
  // A column no file has is NULL, or its default (a spend sheet without team is marketing's).
  const typedCols = new Map<string, string>(
    cols.map((c) => [c.name, `${typeof c.blank === "string" ? lit(c.blank) : "NULL"}::${DUCKDB_TYPE[c.kind]} AS ${ident(c.name)}`]),
  );
  const kept: string[] = [];
  const undecided = new Map<string, string[]>();
  const orders = new Map<string, Map<string, OrderDecision>>();
  for (const col of present) {
    const rawName = ident(`__raw_${col.name}`);
    const base: TypingContext = { timeZone: config.timeZone, enumValues: enumValues(dataset, col, mapping) };
    let finish: string;
    const prepName = ident(`__prep_${col.name}`);
    if (col.kind === "datetime" || col.kind === "date") {
      // Day/month order is decided per file; files that agree share one typing expression.
      const decided = await decideDateOrders(db, text, col, config.dateOrder);
      for (const [rel, d] of decided) {
        d.problems.forEach((p) => push(rel, p));
        if (d.order && d.by) orders.set(col.name, (orders.get(col.name) ?? new Map()).set(rel, { order: d.order, by: d.by }));
        if (d.problems.some((p) => p.severity === "error")) undecided.set(col.name, [...(undecided.get(col.name) ?? []), rel]);
      }
      const byOrder = new Map<DateOrder | undefined, string[]>();
      for (const [rel, d] of decided) byOrder.set(d.order, [...(byOrder.get(d.order) ?? []), rel]);
      const branches = [...byOrder]
        .filter(([order]) => order !== undefined)
        .map(
          ([order, rels]) =>
            `WHEN __file IN (${rels.map(lit).join(", ")}) THEN ${typing(col.kind, { ...base, dateOrder: order }).finish(rawName, "NULL")}`,
        );
      const plain = typing(col.kind, base).finish(rawName, "NULL");
      finish = branches.length ? `CASE ${branches.join(" ")} ELSE ${plain} END` : plain;
    } else {
      const t = typing(col.kind, base);
      if (t.prepare) prepared.push(`${t.prepare(rawName)} AS ${prepName}`);
      finish = t.finish(rawName, t.prepare ? prepName : "NULL");
    }
    // A blank cell of a column whose blanks read as a value (UNKNOWN_SOURCE) is that value.
    if (typeof col.blank === "string") finish = `CASE WHEN ${rawName} IS NULL THEN ${lit(col.blank)} ELSE ${finish} END`;
    typedCols.set(col.name, `CAST(${finish} AS ${DUCKDB_TYPE[col.kind]}) AS ${ident(col.name)}`);
    // The text is kept beside the typed value only where typing can reject it (for messages), or
    // where its blanks are counted (blankCounts).
    if (!TOTAL_KINDS.has(col.kind) || col.blank !== undefined) kept.push(`__raw_${col.name}`);
  }
  const select = ["__folder", "__file", "__line", ...typedCols.values(), ...kept.map(ident)];
  const typed = `${text}_typed`;
  // A folder's plausible date range, computed once per folder and joined: from the folder name on
  // every row, it was most of the cost of the row checks (scale 20, leads: 4 date columns x 1.0M rows).
  const dated = present.some((c) => c.kind === "date" || c.kind === "datetime");
  const folders = [...new Set(files.map((f) => f.staged.file.folder).filter((f): f is string => Boolean(f)))];
  const bounds =
    dated && folders.length
      ? ` LEFT JOIN (SELECT __folder, CAST(__folder || '-01' AS DATE) + INTERVAL 1 MONTH + INTERVAL ${config.validation.exportLagDays} DAY AS __latest,
        ${config.validation.earliestDate ? `DATE ${lit(config.validation.earliestDate)}` : "make_date(CAST(left(__folder, 4) AS INTEGER) - 20, 1, 1)"} AS __earliest FROM (VALUES ${folders.map((f) => `(${lit(f)})`).join(", ")}) v(__folder)) b USING (__folder)`
      : "";
  if (dated) select.push(bounds ? "__latest, __earliest" : "NULL::TIMESTAMP AS __latest, NULL::DATE AS __earliest");
  // The extra columns, computed from the typed ones, come last, as in raw_<dataset>.
  const typedSql = `SELECT ${select.join(", ")} FROM (SELECT *${prepared.length ? `, ${prepared.join(", ")}` : ""} FROM ${text})${bounds}`;
  await db.exec(`CREATE OR REPLACE ${temp ? "TEMP " : ""}TABLE ${typed} AS ${extra.length ? `SELECT *, ${extra.map(rowColumnSql).join(", ")} FROM (${typedSql})` : typedSql};
    DROP TABLE ${text}`);
  return { table: typed, present, kept, dated, undecided, orders };
}

/** What emptyExports and skippedFiles need of an admitted file. */
type Counted = { staged: Pick<StagedFile, "file" | "rejected"> };

/** Per file: its rows, its bad rows (failing any check) and each check's failures (c<i>). */
export interface FailureCounts {
  /** SQL: the row fails some check ("" when there are no checks). */
  anyBad: string;
  byFile: Map<string, FileCounts>;
}

/** A file's rows, its bad rows, and the failures of check i (c<i>). */
interface FileCounts {
  n: number;
  bad: number;
  [check: `c${number}`]: number;
}

/**
 * Rows, bad rows and each check's failures per file, in one pass: a clean file loads its rows less
 * the bad ones it skips.
 */
async function countFailures(db: Db, typed: string, checks: readonly Check[]): Promise<FailureCounts> {
  // coalesce: a check may be NULL on a NULL value (`amount < 0`), and NOT (... AND NULL) below would
  // then have dropped a good row along with the skipped ones.
  const anyBad = checks.length ? `coalesce(${checks.map((c) => `(${c.where})`).join(" OR ")}, false)` : "";
  const rows = await db.all<FileCounts & { file: string }>(
    `SELECT __file AS file, count(*) AS n, ${anyBad ? `count(*) FILTER (WHERE ${anyBad})` : "0"} AS bad${checks.map((c, i) => `, count(*) FILTER (WHERE ${c.where}) AS c${i}`).join("")}
     FROM ${typed} GROUP BY 1`,
  );
  return { anyBad, byFile: new Map(rows.map((r) => [r.file, r])) };
}

/** A month's export with a header and no records (and no bad rows either) is no month's data. */
export function emptyExports(
  dataset: DatasetName,
  files: readonly Counted[],
  counts: Pick<FailureCounts, "byFile">,
  config: Config,
): Problem[] {
  if (DATASETS[dataset].root) return [];
  return files
    .filter((f) => !counts.byFile.has(f.staged.file.rel) && f.staged.rejected === 0)
    .map((f) => emptyExport(f.staged.file.rel, dataset, config));
}

/** The files whose bad rows (failing a check, or rejected as they were framed) are few enough to skip (validation.maxSkippedRows): file -> bad rows. */
export function skippedFiles(files: readonly Counted[], counts: Pick<FailureCounts, "byFile">, config: Config): Map<string, number> {
  const skipping = new Map<string, number>();
  for (const f of files) {
    const rel = f.staged.file.rel;
    const bad = (counts.byFile.get(rel)?.bad ?? 0) + f.staged.rejected;
    if (bad > 0 && bad <= config.validation.maxSkippedRows) skipping.set(rel, bad);
  }
  return skipping;
}

/**
 * The failing rows of each check, the first LISTED per check, column and file, as problems: errors,
 * or warnings in a file whose bad rows are skipped. Only checks that failed somewhere are listed row
 * by row: listing every check, one scan each, cost ~0.6 s of the ~1.9 s the row checks took (scale
 * 20, all datasets).
 */
async function failingRows(
  db: Db,
  typed: string,
  checks: readonly Check[],
  counts: FailureCounts,
  skipping: ReadonlyMap<string, number>,
): Promise<Problem[]> {
  const failed = checks.map((c, i) => ({ c, i })).filter(({ i }) => [...counts.byFile.values()].some((r) => r[`c${i}`]! > 0));
  if (failed.length === 0) return [];
  const found = await db.all<{
    code: string;
    col: string;
    file: string;
    folder: string;
    line: number;
    value: string | null;
    total: number;
  }>(`
        SELECT code, col, file, folder, line, value, total FROM (
          SELECT *, row_number() OVER (PARTITION BY code, col, file ORDER BY line) AS k, count(*) OVER (PARTITION BY code, col, file) AS total
          FROM (${failed.map(({ c, i }) => `SELECT ${i} AS code, '${c.column.name}' AS col, __file AS file, __folder AS folder, __line AS line, ${c.value} AS value FROM ${typed} WHERE ${c.where}`).join("\nUNION ALL\n")})
        ) WHERE k <= ${LISTED} ORDER BY file, line, col, code`);
  const problems: Problem[] = [];
  const shown = new Set<string>();
  for (const f of found) {
    const check = checks[Number(f.code)]!;
    const key = `${f.code}:${f.col}:${f.file}`;
    const more = !shown.has(key) && f.total > LISTED ? f.total - LISTED : undefined;
    shown.add(key);
    const skip = skipping.has(f.file);
    problems.push({
      severity: skip ? "warning" : "error",
      code: check.code,
      file: f.file,
      line: f.line,
      column: f.col,
      value: f.value ?? "",
      message: skip ? `${check.message(f.folder, f.value ?? "", f.file)} (row skipped)` : check.message(f.folder, f.value ?? "", f.file),
      expected: check.expected(f.folder),
      fix: check.fix(f.folder, f.value ?? "", f.file),
      more,
    });
  }
  return problems;
}

/** Checks over the whole typed table, not row by row: duplicate ids, placeholder dates read as none, blank counts. */
async function tableChecks(
  db: Db,
  typed: string,
  dataset: DatasetName,
  present: readonly ColumnInfo[],
  files: readonly Admitted[],
): Promise<Problem[]> {
  return [
    ...(DATASETS[dataset].uniqueId ? await duplicateIds(db, typed, dataset) : []),
    ...(await clearPlaceholders(db, typed, present)),
    ...(await blankCounts(db, typed, dataset, present, files)),
  ];
}

/**
 * The good rows of files without errors into raw_<dataset> (a file with errors contributes nothing:
 * the build stops anyway), each file's rows counted in `results`; with `rejectedIds`, the ids of
 * the files with errors are kept (REJECTED_IDS). The typed table is gone afterwards.
 */
async function keepGoodRows(
  db: Db,
  dataset: DatasetName,
  files: readonly Admitted[],
  extra: readonly RowColumn[],
  typed: TypedRows,
  counts: FailureCounts,
  skipping: ReadonlyMap<string, number>,
  results: DatasetResult,
  options: { rejectedIds?: boolean },
  before: number,
): Promise<void> {
  const clean = files.map((f) => f.staged.file.rel).filter((rel) => !results.get(rel)!.problems.some((p) => p.severity === "error"));
  for (const rel of clean) {
    const c = counts.byFile.get(rel);
    if (c) results.get(rel)!.rows = c.n - (skipping.has(rel) ? c.bad : 0);
  }
  if (options.rejectedIds)
    await keepRejectedIds(
      db,
      typed.table,
      dataset,
      files.map((f) => f.staged.file.rel).filter((rel) => !clean.includes(rel)),
    );
  const raw = `raw_${dataset}`;
  if (clean.length === files.length && skipping.size === 0 && before === 0) {
    // Every row is kept and raw_<dataset> is empty: the typed table becomes it, less the text kept for
    // messages and the date bounds, instead of being copied (scale 20: 0.9 s). Dropping them leaves
    // the typed table's columns in raw_<dataset>'s order.
    const dropped = [...typed.kept, ...(typed.dated ? ["__latest", "__earliest"] : [])];
    await db.exec(
      [
        `DROP TABLE ${raw}`,
        `ALTER TABLE ${typed.table} RENAME TO ${raw}`,
        ...dropped.map((c) => `ALTER TABLE ${raw} DROP COLUMN ${ident(c)}`),
      ].join(";\n"),
    );
    return;
  }
  if (clean.length) {
    const skipWhere =
      skipping.size && counts.anyBad ? ` AND NOT (__file IN (${[...skipping.keys()].map(lit).join(", ")}) AND (${counts.anyBad}))` : "";
    const where = `__file IN (${clean.map(lit).join(", ")})${skipWhere}`;
    await db.exec(
      `INSERT INTO ${raw} SELECT __folder, __file, __line, ${[...columnsOf(dataset), ...extra].map((c) => ident(c.name)).join(", ")} FROM ${typed.table} WHERE ${where}`,
    );
  }
  await db.exec(`DROP TABLE ${typed.table}`);
}

/**
 * The table of the ids of rejected files (files with errors, whose rows are not loaded): so a
 * reference to one of them can say where the record is (model/load.ts), not that no folder has it.
 */
export const REJECTED_IDS = "rejected_ids";

export async function createRejectedIdsTable(db: Db): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS ${REJECTED_IDS} (dataset VARCHAR, folder VARCHAR, file VARCHAR, id VARCHAR)`);
}

/** Add the ids of `rejected` files (of an id-keyed dataset) to REJECTED_IDS. */
async function keepRejectedIds(db: Db, typed: string, dataset: DatasetName, rejected: readonly string[]): Promise<void> {
  const key = DATASETS[dataset].key;
  if (rejected.length === 0 || key.length !== 1 || !DATASETS[dataset].uniqueId) return;
  const id = ident(key[0]!);
  await db.exec(`INSERT INTO ${REJECTED_IDS} SELECT DISTINCT ${lit(dataset)}, __folder, __file, ${id} FROM ${typed}
    WHERE __file IN (${rejected.map(lit).join(", ")}) AND ${id} IS NOT NULL`);
}

/** Kinds whose typing never turns a given value into NULL: their text need not be kept for checks. */
const TOTAL_KINDS = new Set<ColumnKind>(["id", "string"]);

interface Check {
  code: ProblemCode;
  column: ColumnInfo;
  where: string;
  /** The value a message shows (SQL). */
  value: string;
  /** `value` and `file`: the failing row's text and file. */
  message: (folder: string, value: string, file: string) => string;
  expected: (folder: string) => string;
  fix: (folder: string, value: string, file: string) => string;
}

function plausibleRange(folder: string, lagDays: number, earliestDate?: string) {
  const [y, m] = folder.split("-").map(Number) as [number, number];
  return {
    lastDay: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10),
    latest: new Date(Date.UTC(y, m, lagDays)).toISOString().slice(0, 10),
    earliest: earliestDate ?? `${y - 20}-01-01`,
  };
}

/** Headers of amounts converted to the organisation's currency (Salesforce "Amount (converted)", "金額 (換算)"). */
const CONVERTED_AMOUNT = /converted|換算/i;

/** `converted`: files whose amounts are converted ones, so their rows' currency is not checked. */
function rowChecks(
  present: ColumnInfo[],
  config: Config,
  undecided: ReadonlyMap<string, string[]>,
  converted: readonly string[] = [],
  orders: ReadonlyMap<string, ReadonlyMap<string, OrderDecision>> = new Map(),
): Check[] {
  const checks: Check[] = [];
  const lag = config.validation.exportLagDays;
  for (const col of present) {
    const name = ident(col.name);
    const total = TOTAL_KINDS.has(col.kind);
    const rawName = ident(`__raw_${col.name}`);
    const value = total ? "NULL" : `CAST(${rawName} AS VARCHAR)`;
    const skipUndecided = undecided.has(col.name)
      ? ` AND NOT (__file IN (${undecided.get(col.name)!.map(lit).join(", ")}) AND regexp_matches(${rawName}, '${YEAR_LAST_PATTERN}'))`
      : "";
    if (!total)
      checks.push({
        // A year-last date whose order is undecided is reported once, as such, not as "not a date" on every row.
        code: "bad-value",
        column: col,
        value,
        where: `${rawName} IS NOT NULL AND ${name} IS NULL${skipUndecided}`,
        message: (_folder, v, file) =>
          col.kind === "datetime" || col.kind === "date"
            ? notADate(v, orders.get(col.name)?.get(file))
            : col.kind === "enum"
              ? "is not an allowed value"
              : `is not ${EXPECTATION[col.kind]}`,
        expected: () => (col.kind === "enum" ? `one of ${col.values!.join(", ")}` : EXPECTATION[col.kind]),
        fix: (_folder, v, file) =>
          col.kind === "enum"
            ? `use one of ${col.values!.join(", ")}, or translate the value in mapping.yaml (values: <dataset>: ${col.name}: "<value>": <allowed value>)`
            : orders.get(col.name)?.get(file)?.by === "config" && new RegExp(YEAR_LAST_PATTERN).test(v)
              ? "check dateOrder in gekkan.config.yaml against the export's regional settings, or correct the value in the source tool and re-export"
              : "correct the value in the source tool and re-export, or clear the cell if it is unknown",
      });
    if (col.required && col.blank === undefined) {
      checks.push({
        code: "missing-value",
        column: col,
        value,
        where: total ? `${name} IS NULL` : `${rawName} IS NULL`,
        message: () => "is empty but the column is required",
        expected: () => EXPECTATION[col.kind],
        fix: () => "fill in the value in the source tool and re-export, or remove the row if it is not real",
      });
    }
    if (col.kind === "number" || col.kind === "count") {
      checks.push({
        code: "negative-value",
        column: col,
        value,
        where: `${name} < 0`,
        message: () => "is negative",
        expected: () => "zero or more",
        fix: () => "check the export: amounts, costs and counts cannot be negative (a refund or correction belongs in the source system)",
      });
    }
    if (col.kind === "number") {
      // USD 8,000 or $8,000 reads as 8,000: in the report's currency only when it says so.
      const named = namedCurrencySql(rawName);
      checks.push({
        code: "other-currency",
        column: col,
        value,
        where: `${rawName} IS NOT NULL AND ${named} IS NOT NULL AND ${named} <> ${lit(config.currency)}`,
        message: () =>
          `is an amount in another currency than the report's (${config.currency}); amounts in different currencies cannot be added up`,
        expected: () => `an amount in ${config.currency} (currency: ${config.currency} in gekkan.config.yaml)`,
        fix: () =>
          `export the amounts converted to ${config.currency} (Salesforce: the "Amount (converted)" column, 金額 (換算)), or set currency in gekkan.config.yaml if the whole report is in that currency`,
      });
    }
    if (col.kind === "currency") {
      const convertedFiles = converted.length ? ` AND __file NOT IN (${converted.map(lit).join(", ")})` : "";
      checks.push({
        code: "other-currency",
        column: col,
        value,
        where: `${name} IS NOT NULL AND ${name} <> ${lit(config.currency)}${convertedFiles}`,
        message: () => `is not the report's currency (${config.currency}); amounts in different currencies cannot be added up`,
        expected: () => `${config.currency}, or an empty cell (currency: ${config.currency} in gekkan.config.yaml)`,
        fix: () =>
          `export the amounts converted to ${config.currency} (Salesforce: the "Amount (converted)" column, 金額 (換算); the row's currency is then not checked), or set currency in gekkan.config.yaml if the whole report is in that currency`,
      });
    }
    if (col.kind === "datetime" || col.kind === "date") {
      // Month folders only (root files have __folder = '', and no bounds): month end + export lag, and
      // 20 years back (__latest and __earliest, see validateDataset).
      const tooLate = col.future ? "false" : `${name} >= __latest`;
      checks.push({
        code: "date-out-of-range",
        column: col,
        value,
        where: `__folder <> '' AND ${name} IS NOT NULL AND (${tooLate} OR ${name} < __earliest)`,
        message: (folder) => `is outside the plausible range of the ${folder} folder`,
        expected: (folder) => {
          const r = plausibleRange(folder, lag, config.validation.earliestDate);
          return col.future
            ? `a date from ${r.earliest} on`
            : `a date between ${r.earliest} and ${r.latest} (month end ${r.lastDay} plus ${lag} days of export lag)`;
        },
        fix: (folder) => `check the date, and that the file is in the right month folder (data/${folder}/)`,
      });
    }
  }
  return checks;
}

/**
 * Blank cells of required columns that may be blank (ColumnInfo.blank): one problem per file and
 * column with the count, at the first such row. A blank that reads as a value (a lead's source,
 * counted as (unknown)) is a warning: it changes what the report groups. A blank that is no value
 * (a deal's amount) is a note: the metrics that leave such rows out say how many.
 */
async function blankCounts(
  db: Db,
  typed: string,
  dataset: DatasetName,
  present: readonly ColumnInfo[],
  files: readonly Admitted[],
): Promise<Problem[]> {
  const blankable = present.filter((c) => c.blank !== undefined);
  if (blankable.length === 0) return [];
  const rows = await db.all<Record<string, number | null> & { file: string }>(
    `SELECT __file AS file, ${blankable
      .map((c, i) => {
        // A file without the (optional) column has no blank cells in it: it just does not give it.
        const lacking = files.filter((f) => !f.columns.has(c.name)).map((f) => lit(f.staged.file.rel));
        const blank = `${ident(`__raw_${c.name}`)} IS NULL${lacking.length ? ` AND __file NOT IN (${lacking.join(", ")})` : ""}`;
        return `count(*) FILTER (WHERE ${blank}) AS n${i}, min(__line) FILTER (WHERE ${blank}) AS l${i}`;
      })
      .join(", ")} FROM ${typed} GROUP BY 1 ORDER BY 1`,
  );
  const problems: Problem[] = [];
  for (const r of rows) {
    blankable.forEach((c, i) => {
      const n = r[`n${i}`] ?? 0;
      if (n === 0) return;
      const rowsOf = `${n} row${n === 1 ? "" : "s"} of ${dataset}`;
      problems.push(
        typeof c.blank === "string"
          ? {
              severity: "warning",
              code: "blank-value",
              file: r.file,
              line: r[`l${i}`] ?? undefined,
              column: c.name,
              message: `${rowsOf} ${n === 1 ? "has" : "have"} no ${c.name} (the first on this line); ${n === 1 ? "it is" : "they are"} counted as ${c.blank} wherever the report groups by ${c.name}`,
              expected: `a value in ${c.name} on every row`,
              fix: `fill in the ${c.name} in the source system and re-export if it is known; otherwise nothing to do`,
            }
          : {
              severity: "info",
              code: "blank-value",
              file: r.file,
              line: r[`l${i}`] ?? undefined,
              column: c.name,
              message: `${rowsOf} ${n === 1 ? "has" : "have"} no ${c.name} (the first on this line); ${n === 1 ? "it is" : "they are"} kept, and left out of sums of ${c.name} (each sum says how many it leaves out)`,
              expected: `a value in ${c.name} on every row`,
              fix: `nothing to do if the ${c.name} is not known yet; fill it in in the source system otherwise`,
            },
      );
    });
  }
  return problems;
}

async function duplicateIds(db: Db, typed: string, dataset: DatasetName): Promise<Problem[]> {
  const keyCols = DATASETS[dataset].key;
  const key = keyCols.map((k) => `CAST(${ident(k)} AS VARCHAR)`).join(" || ' / ' || ");
  // Compared as the report compares them (a channel's case and surrounding spaces do not count).
  const cols = keySql(dataset).join(", ");
  const loosely = Object.keys(DATASETS[dataset].keyAs ?? {});
  const present = keyCols.map((k) => `${ident(k)} IS NOT NULL`).join(" AND ");
  // Rows whose file and key hash alike first, grouped on integers; only they are grouped by their
  // text (duplicates are rare: scale 20, the leads' check 105 -> 55 ms, the activities' 114 -> 58).
  const dups = await db.all<{ file: string; id: string; lines: number[]; total: number; k: number }>(`
    SELECT * FROM (
      SELECT file, id, lines, count(*) OVER (PARTITION BY file) AS total, row_number() OVER (PARTITION BY file ORDER BY lines[1]) AS k FROM (
        SELECT __file AS file, string_agg(DISTINCT ${key}, ' | ' ORDER BY ${key}) AS id, list(__line ORDER BY __line) AS lines
        FROM ${typed} WHERE ${present} AND hash(__file, ${cols}) IN (SELECT hash(__file, ${cols}) FROM ${typed} WHERE ${present} GROUP BY 1 HAVING count(*) > 1)
        GROUP BY __file, ${cols} HAVING count(*) > 1))
    WHERE k <= ${LISTED} ORDER BY file, k`);
  return dups.map((d) => ({
    severity: "error" as const,
    code: "duplicate-id",
    file: d.file,
    line: d.lines[1],
    column: keyCols.join(", "),
    value: d.id,
    message: `appears ${d.lines.length} times (lines ${d.lines.join(", ")}); an id must be unique within a file${
      loosely.length ? ` (${loosely.join(", ")} compared ignoring case and surrounding spaces)` : ""
    }`,
    expected: "each id once per file",
    fix: loosely.length
      ? `merge the rows into one per ${keyCols.join(" + ")} (the report counts them as one)`
      : "remove the duplicate rows from the export (Salesforce 15- and 18-character ids of one record count as the same id)",
    more: d.k === 1 && d.total > LISTED ? d.total - LISTED : undefined,
  }));
}

interface Decision {
  order?: DateOrder;
  by?: OrderDecision["by"];
  problems: Problem[];
}

/** Decide day/month order of year-last slash dates per file and column: by evidence, else by config, else an error. */
async function decideDateOrders(db: Db, text: string, col: ColumnInfo, configured: DateOrder | undefined): Promise<Map<string, Decision>> {
  const v = ident(`__raw_${col.name}`);
  const first = `CAST(regexp_extract(${v}, '^(\\d{1,2})[/.-]', 1) AS INTEGER)`;
  const second = `CAST(regexp_extract(${v}, '^\\d{1,2}[/.-](\\d{1,2})[/.-]', 1) AS INTEGER)`;
  const rows = await db.all<{
    file: string;
    n: number;
    dmy: [string, string] | null;
    mdy: [string, string] | null;
    any: [string, string];
  }>(`
    SELECT __file AS file, count(*) AS n,
      arg_min([${v}, CAST(__line AS VARCHAR)], __line) FILTER (WHERE ${first} > 12) AS dmy,
      arg_min([${v}, CAST(__line AS VARCHAR)], __line) FILTER (WHERE ${second} > 12) AS mdy,
      arg_min([${v}, CAST(__line AS VARCHAR)], __line) AS any
    FROM ${text} WHERE regexp_matches(${v}, '${YEAR_LAST_PATTERN}') GROUP BY __file`);
  const out = new Map<string, Decision>();
  for (const e of rows) out.set(e.file, decide(e, col, configured));
  return out;
}

function decide(
  e: { file: string; n: number; dmy: [string, string] | null; mdy: [string, string] | null; any: [string, string] },
  col: ColumnInfo,
  configured: DateOrder | undefined,
): Decision {
  const at = (x: [string, string] | null) => (x ? { value: x[0], line: Number(x[1]) } : undefined);
  const dmy = at(e.dmy);
  const mdy = at(e.mdy);
  const base = { file: e.file, column: col.name };
  if (dmy && mdy) {
    return {
      problems: [
        {
          ...base,
          severity: "error",
          code: "mixed-date-order",
          line: Math.min(dmy.line, mdy.line),
          value: `${dmy.value} / ${mdy.value}`,
          message: `mixes day-first (line ${dmy.line}) and month-first (line ${mdy.line}) dates in one column`,
          expected: "one date order per column",
          fix: "re-export the file with ISO dates (YYYY-MM-DD) or a single regional date setting",
        },
      ],
    };
  }
  const evidence: DateOrder | undefined = dmy ? "dmy" : mdy ? "mdy" : undefined;
  const proof = dmy ?? mdy;
  if (evidence && configured && evidence !== configured) {
    return {
      problems: [
        {
          ...base,
          severity: "error",
          code: "date-order-conflict",
          line: proof!.line,
          value: proof!.value,
          message: `can only be ${evidence === "dmy" ? "day-first" : "month-first"}, but gekkan.config.yaml sets dateOrder: ${configured}`,
          expected: `dates in ${configured} order`,
          fix: "check the export's regional settings, or correct dateOrder in gekkan.config.yaml",
        },
      ],
    };
  }
  const order = evidence ?? configured;
  const example = at(e.any)!;
  if (!order) {
    return {
      problems: [
        {
          ...base,
          severity: "error",
          code: "ambiguous-date-order",
          line: example.line,
          value: example.value,
          message: `is one of ${e.n} dates written ${datePattern(example.value)}, which could be day-first or month-first, and no value in the column decides it`,
          expected: "dateOrder set in gekkan.config.yaml when the data cannot tell",
          fix: "add `dateOrder: mdy` (10/1/2026 = 1 October) or `dateOrder: dmy` (1/10/2026 = 1 October) to gekkan.config.yaml",
        },
      ],
    };
  }
  return {
    order,
    by: evidence ? "evidence" : "config",
    problems: [
      {
        ...base,
        severity: "info",
        code: "date-order-decided",
        line: (proof ?? example).line,
        value: (proof ?? example).value,
        message: evidence
          ? `year-last dates read as ${order} because this value can only be read that way`
          : `year-last dates read as ${order}, as gekkan.config.yaml says`,
        fix: "nothing to do if that is right",
      },
    ],
  };
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
