// As-of tables: for report month M, each dataset holds the newest version (by folder) of each
// record from folders <= M. Later folders are invisible, so adding a month never changes an
// earlier month's tables. Derived columns (outcome, opportunity source, SLA start) live here.
//
// Each raw row carries the month index of its own folder (__since) and of the folder of the
// record's next version (__until; see versionColumns and versionDataset). The as-of table for M
// is then a filter: __since <= M < __until. This keeps a build linear in the data; ranking every folder's rows
// again for each month made it quadratic in months. Integers, because every metric query filters
// on them, and comparing 'YYYY-MM' strings made a scan several times slower (docs/performance.md).
//
// Metrics join leads to activities, opportunities and touches by id hundreds of times a build, so
// each row also carries integer codes of its ids (__lead, __opp; see ID_CODES) to join on. The ids
// stay, for whatever a page shows.
import { columnsOf, DATASETS, DATASET_NAMES, keySql, type DatasetName } from "../schema/dataset.ts";
import type { Config } from "../schema/config.ts";
import { monthIndex } from "../schema/month.ts";
import type { RowColumn } from "../validate/dataset.ts";
import { type Db, ident, lit } from "./duckdb.ts";

const VERSIONED = DATASET_NAMES.filter((d) => !DATASETS[d].root);

/** SQL: the month index (schema/month.ts) of a 'YYYY-MM' string expression. */
function monthIndexSql(folder: string): string {
  return `(CAST(substr(${folder}, 1, 4) AS INTEGER) * 12 + CAST(substr(${folder}, 6, 2) AS INTEGER) - 1)`;
}

/** __until of a record's newest version: after every month. */
export const NEWEST = 2147483647;

/**
 * Codes of the ids metrics join on (joining and grouping on an 18-character id cost a quarter more
 * than on an integer). A code is the id's 64-bit hash, so a row gets
 * its code as it is loaded, with no table of every id to join it to (numbering the ids instead
 * meant copying every table once all were read). Two ids with one hash would join as one record:
 * linkVersions checks that no two do, and numbers the ids if two ever do. Codes never leave the
 * database and say nothing of the ids' order.
 */
export const ID_CODES = [
  { code: "__lead", column: "lead_id" },
  { code: "__opp", column: "opportunity_id" },
] as const;

const codesOf = (dataset: DatasetName) => ID_CODES.filter((k) => columnsOf(dataset).some((c) => c.name === k.column));
const codeSql = (column: string) => `CASE WHEN ${ident(column)} IS NOT NULL THEN hash(${ident(column)}) END`;

/**
 * Columns derived from a row alone, stored beside it: a filter on a stored column is pushed into
 * the scan and skips row groups by their min/max, a filter on an expression reads every row.
 */
const DERIVED: Partial<Record<DatasetName, RowColumn[]>> = {
  // When the SLA clock starts: the handoff, or the MQL date when there is no handoff.
  leads: [{ name: "sla_start_at", type: "TIMESTAMP", sql: "coalesce(handoff_at, mql_at)" }],
};
const derivedOf = (dataset: DatasetName) => DERIVED[dataset] ?? [];

/**
 * Columns no metric reads (the data contract has them for reports not built yet: target-account
 * segments by company and size, SAL, disqualification and loss reasons, deal owners; an
 * opportunity's lead is joined by its code, __lead). They are validated, stored and cached like
 * every column, but the as-of tables leave them out: a metric that comes to read one takes it off
 * this list; until then its query fails to bind, it never reads a wrong value. Every column an
 * as-of table carries costs each month's scans and copies. The leads' company is read only by the
 * accounts section, for the leads without an account_id, from their raw versions (accounts/names.ts).
 */
const UNREAD: Partial<Record<DatasetName, string[]>> = {
  leads: ["company", "accepted_at"],
  opportunities: ["currency", "lead_id"],
};
const unreadOf = (dataset: DatasetName) => UNREAD[dataset] ?? [];

/**
 * The columns a versioned dataset's rows carry beside the validated ones, each computed from the row
 * alone as it is loaded (typed, or read from the cache): __since, the month index of the row's
 * folder; __until, NEWEST until versionDataset finds the record's next version; the id codes; and
 * the DERIVED columns. None for a root dataset. Computed as rows arrive, they need no copy of the
 * tables: adding them once every table was read meant writing and compressing every table again.
 * Rows stay in the order their files were read, folder by folder, so an early month's scans skip
 * the row groups of later folders.
 */
export function versionColumns(dataset: DatasetName): RowColumn[] {
  if (!VERSIONED.includes(dataset)) return [];
  return [
    { name: "__since", type: "INTEGER", sql: monthIndexSql("__folder") },
    { name: "__until", type: "INTEGER", sql: String(NEWEST) },
    ...codesOf(dataset).map((k) => ({ name: k.code, type: "UBIGINT", sql: codeSql(k.column) })),
    ...derivedOf(dataset),
  ];
}

/**
 * Set __until of raw_<dataset>'s versions: the month index of the folder where the record's next
 * version appears, NEWEST for the newest. Versions are ordered by folder, then file and line, as a
 * person reading the folders would. Only a record with more than one version has an __until before
 * NEWEST, and few do (a part of leads, almost no touches, no activity): the
 * window that finds the next version sorts only their rows, and only theirs are updated. Keys match
 * as PARTITION BY and GROUP BY match them, NULLs alike (content_touches' action may be empty).
 * A table without the version columns (tests make raw tables by hand) gets them first. Run again
 * after rows were added, it chains the new versions in; `added` (the files they came from) limits
 * that to the records those files hold, the only ones whose versions changed.
 */
export async function versionDataset(db: Db, dataset: DatasetName, added?: readonly string[]): Promise<void> {
  const table = `raw_${dataset}`;
  const have = await columnNames(db, table);
  const missing = versionColumns(dataset).filter((c) => !have.has(c.name));
  for (const c of missing) await db.exec(`ALTER TABLE ${table} ADD COLUMN ${ident(c.name)} ${c.type}`);
  if (missing.length) await db.exec(`UPDATE ${table} SET ${missing.map((c) => `${ident(c.name)} = ${c.sql}`).join(", ")}`);
  const key = keySql(dataset, "r.");
  const until = added
    ? addedUntilSql(dataset, table, added)
    : `WITH multi AS (SELECT ${keyAsK(dataset, "t")} FROM ${table} t GROUP BY ALL HAVING count(*) > 1)
      SELECT r.rowid AS rid, coalesce(lead(r.__since) OVER (PARTITION BY ${key.join(", ")} ORDER BY r.__since, r.__file, r.__line), ${NEWEST}) AS __until
      FROM ${table} r SEMI JOIN multi m ON ${sameKey(dataset, "r", "m")}`;
  await db.exec(`UPDATE ${table} SET __until = u.__until FROM (${until}) u
    WHERE ${table}.rowid = u.rid AND ${table}.__until <> u.__until`);
}

/**
 * SQL: each row's __until (as rid, __until) among the versions of the records the `added` files
 * hold that have more than one. Their rows are found once, by one scan of the table (finding them
 * again to number the versions scanned every row's key twice). A key of several columns, one with
 * an id code (content_touches: lead, content, time, action), is first narrowed by that code: the
 * same key has the same id, so the same code, and one integer is cheaper to match than the key's
 * text and times on every row.
 */
function addedUntilSql(dataset: DatasetName, table: string, added: readonly string[]): string {
  const def = DATASETS[dataset];
  const coded = def.key.length > 1 ? codesOf(dataset).find((k) => def.key.includes(k.column) && !def.keyAs?.[k.column]) : undefined;
  const narrowed = coded
    ? `(SELECT t.*, t.rowid AS __rid FROM ${table} t SEMI JOIN (SELECT DISTINCT ${coded.code} AS c FROM ${table} a WHERE ${fromFilesSql(dataset, added, "a")}) c
        ON t.${coded.code} IS NOT DISTINCT FROM c.c)`
    : `(SELECT t.*, t.rowid AS __rid FROM ${table} t)`;
  const ks = keySql(dataset).map((_, i) => `k${i}`);
  return `
      WITH a AS MATERIALIZED (SELECT t.__rid, ${keyAsK(dataset, "t")}, t.__since, t.__file, t.__line FROM ${narrowed} t${addedOnly(dataset, table, added)}),
      multi AS (SELECT ${ks.join(", ")} FROM a GROUP BY ALL HAVING count(*) > 1)
      SELECT a.__rid AS rid, coalesce(lead(a.__since) OVER (PARTITION BY ${ks.map((k) => `a.${k}`).join(", ")} ORDER BY a.__since, a.__file, a.__line), ${NEWEST}) AS __until
      FROM a SEMI JOIN multi m ON ${ks.map((k) => `a.${k} IS NOT DISTINCT FROM m.${k}`).join(" AND ")}`;
}

/** SQL: the key of `dataset` as compared (DatasetDef.keyAs) from alias `t`, as columns k0, k1, ... */
const keyAsK = (dataset: DatasetName, t: string) =>
  keySql(dataset, `${t}.`)
    .map((k, i) => `${k} AS k${i}`)
    .join(", ");

/** SQL: the key of alias `t` as compared equals the k0, k1, ... of alias `k` (keyAsK), NULLs alike. */
const sameKey = (dataset: DatasetName, t: string, k: string) =>
  keySql(dataset, `${t}.`)
    .map((c, i) => `${c} IS NOT DISTINCT FROM ${k}.k${i}`)
    .join(" AND ");

/** SQL: a join keeping the rows of `t` whose record (by its key as compared) rows of the `added` files hold. */
function addedOnly(dataset: DatasetName, table: string, added: readonly string[]): string {
  return ` SEMI JOIN (SELECT DISTINCT ${keyAsK(dataset, "a")} FROM ${table} a WHERE ${fromFilesSql(dataset, added, "a")}) n
      ON ${sameKey(dataset, "t", "n")}`;
}

/**
 * SQL: a row of `dataset` was read from one of `files` (their paths, as FileReport.rel has them,
 * at least one). A versioned row carries its folder's month (__since) and rows are stored folder by
 * folder, so a bound on it skips the row groups of other folders; a file's path alone is compared on
 * every row (a month's files checked on top of a kept state).
 */
export function fromFilesSql(dataset: DatasetName, files: readonly string[], alias?: string): string {
  const a = alias ? `${alias}.` : "";
  const named = `${a}__file IN (${files.map(lit).join(", ")})`;
  // A month folder's file is data/YYYY-MM/<name> (read/project.ts); a root file has no month.
  const months = files.flatMap((f) => /^data\/(\d{4}-\d{2})\//.exec(f)?.[1] ?? []).map(monthIndex);
  if (DATASETS[dataset].root || months.length === 0) return named;
  return `${a}__since BETWEEN ${Math.min(...months)} AND ${Math.max(...months)} AND ${named}`;
}

/**
 * Once every dataset is read: check that no two ids share a code, and number the ids (numberIds) if
 * two do. From then on a join on codes is a join on ids, exactly (load.ts checks references so).
 * `added`: only codes the rows of these files hold, the rest known not to share one. True when ids
 * were numbered.
 */
export async function checkCodes(db: Db, added?: readonly string[]): Promise<boolean> {
  // Nothing added (every folder read from the state): no code is new, and `__file IN ()` is no SQL.
  if (added?.length === 0) return false;
  let numbered = false;
  for (const { code, column } of ID_CODES) {
    const { shared } = await db.one<{ shared: number }>(sharedCodesSql(code, column, added));
    if (shared > 0) {
      await numberIds(db, code, column);
      numbered = true;
    }
  }
  return numbered;
}

/**
 * SQL: how many codes name more than one id. Every code: the distinct (id, code) pairs counted
 * (min and max of every code's ids kept string states outside DuckDB's memory limit; scale 100: the
 * process 0.6-0.8 GB larger after reading). With `added`, only the codes those files' rows hold,
 * semi-joined before the rows are put together (filtering after a UNION of every row's pair cost
 * twice as much).
 */
function sharedCodesSql(code: string, column: string, added: readonly string[] | undefined): string {
  const datasets = VERSIONED.filter((d) => codesOf(d).some((k) => k.code === code));
  const pairs = (from: (d: DatasetName) => string) =>
    datasets.map((d) => `SELECT t.${ident(column)} AS id, t.${code} AS code FROM ${from(d)}`);
  if (!added)
    return `SELECT count(*) AS shared FROM (SELECT code FROM (${pairs((d) => `raw_${d} t WHERE t.${code} IS NOT NULL`).join(" UNION ")})
      GROUP BY code HAVING count(*) > 1)`;
  const codes = datasets.map((d) => `SELECT ${code} AS code FROM raw_${d} WHERE ${fromFilesSql(d, added)}`).join(" UNION ALL ");
  return `WITH n AS MATERIALIZED (SELECT DISTINCT code FROM (${codes}) WHERE code IS NOT NULL)
    SELECT count(*) AS shared FROM (SELECT code FROM (${pairs((d) => `raw_${d} t SEMI JOIN n ON n.code = t.${code}`).join(" UNION ALL ")})
      GROUP BY code HAVING min(id) <> max(id))`;
}

/** The code of a versioned dataset's id column (ID_CODES), if it has one. */
export function codeOf(column: string): string | undefined {
  return ID_CODES.find((k) => k.column === column)?.code;
}

/** Report months as month indexes, first to last: the as-of tables a build makes. */
export interface MonthSpan {
  first: number;
  last: number;
}

/** Every month: what tables made or changed by hand are linked for. */
const ALL_MONTHS: MonthSpan = { first: -1, last: NEWEST - 1 };

/**
 * Once every dataset is versioned and its codes checked (checkCodes): make the deal tables
 * (DEAL_TABLES, then the deals with their derived lead and each lead's first deal) with the versions
 * valid in some month of `span` (a build that computes only the newest month reads no other), and
 * note the span in __deal_span. Then compress them, where they are (Db.scratch) only, since the
 * work file's rows are compressed by their writer; and only when the tables in memory crowd the
 * memory limit (Db.tablesCrowdMemory): a monthly rebuild's are read by one month's queries, and
 * compressing them cost more than it saved (docs/performance.md).
 */
export async function linkVersions(db: Db, span: MonthSpan = ALL_MONTHS): Promise<void> {
  // In this order: each reads those before it.
  const tables: [string, string][] = [
    ...Object.entries(DEAL_TABLES).map(([table, sql]): [string, string] => [table, `${sql} AND ${validIn(span)}`]),
    ["raw_deal_opportunities", dealOpportunitiesSql(db.scratch, span)],
    ["raw_first_opportunity", firstOpportunitySql(db.scratch)],
  ];
  // One statement list, sent at once: DuckDB goes from one table to the next without waiting for
  // Node's main thread, which a build keeps busy meanwhile (it loads Astro: site/build.ts).
  await db.exec(
    [
      ...tables.map(([table, sql]) => `CREATE OR REPLACE TABLE ${db.scratch}${table} AS ${sql}`),
      `CREATE OR REPLACE TABLE ${db.scratch}__deal_span AS SELECT ${span.first} AS first, ${span.last} AS last`,
    ].join(";\n"),
  );
  if (await db.tablesCrowdMemory()) await db.compactScratch();
}

/** Replace `code` by the ids' numbers, 1 to n in id order, in every dataset with `column`: when two ids share a hash. */
export async function numberIds(db: Db, code: string, column: string): Promise<void> {
  const datasets = VERSIONED.filter((d) => codesOf(d).some((k) => k.code === code));
  await db.exec(`CREATE OR REPLACE TEMP TABLE __ids AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM (
    ${datasets.map((d) => `SELECT ${ident(column)} AS id FROM raw_${d} WHERE ${ident(column)} IS NOT NULL`).join(" UNION ")})`);
  for (const d of datasets) await db.exec(`UPDATE raw_${d} SET ${code} = i.n FROM __ids i WHERE i.id = raw_${d}.${ident(column)}`);
  await db.exec(`DROP TABLE __ids`);
}

/** Version every dataset (versionDataset), check the codes and link them (linkVersions): for tables made or changed by hand. */
export async function createVersions(db: Db): Promise<void> {
  for (const d of VERSIONED) await versionDataset(db, d);
  await checkCodes(db);
  await linkVersions(db);
}

/**
 * Leads that reach a deal: in some version they became SQL or have an opportunity (their own
 * opportunity_id, or an opportunity's lead_id). Conversions, opportunity sources and campaigns,
 * and influence on deals only ever read such leads and their touches, so their as-of tables
 * (deal_leads, deal_touches) are made from these subsets, not from every lead and touch: a tenth
 * of either or so. Joining every as-of lead or touch each month was most of those queries' time.
 */
const DEAL_LEADS = `
  SELECT __lead FROM raw_leads WHERE sql_at IS NOT NULL OR __opp IS NOT NULL
  UNION SELECT __lead FROM raw_opportunities WHERE __lead IS NOT NULL`;
const DEAL_TABLES = {
  raw_deal_leads: `SELECT ${asOfColumns("leads")}, __since, __until FROM raw_leads WHERE __lead IN (${DEAL_LEADS})`,
  raw_deal_touches: `SELECT ${asOfColumns("content_touches")}, __since, __until FROM raw_content_touches WHERE __lead IN (${DEAL_LEADS})`,
};

/**
 * Version and link the raw tables unless done for `span`: the build's reading versions each dataset
 * and checks the codes (load.ts), so only linkVersions is left; tables made by hand get
 * versionDataset and checkCodes too. `versioned`: the caller knows the raw tables are versioned
 * and their codes checked, and that no deal tables were made yet: linkVersions' statements are the
 * first this sends.
 */
export async function ensureVersions(db: Db, span: MonthSpan = ALL_MONTHS, versioned = false): Promise<MonthSpan> {
  if (versioned) {
    await linkVersions(db, span);
    return span;
  }
  const { n } = await db.one<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '__deal_span' AND database_name = ${db.scratchDatabase ? lit(db.scratchDatabase) : "current_database()"}`,
  );
  if (n > 0) {
    const made = await db.one<MonthSpan>(`SELECT first, last FROM ${db.scratch}__deal_span`);
    if (made.first <= span.first && made.last >= span.last) return made;
  }
  let versionedNow = false;
  for (const d of VERSIONED) {
    if ((await columnNames(db, `raw_${d}`)).has("__until")) continue;
    await versionDataset(db, d);
    versionedNow = true;
  }
  if (versionedNow) await checkCodes(db);
  await linkVersions(db, span);
  return span;
}

async function columnNames(db: Db, table: string): Promise<Set<string>> {
  return new Set(
    (await db.all<{ name: string }>(`SELECT column_name AS name FROM duckdb_columns() WHERE table_name = ${lit(table)}`)).map(
      (c) => c.name,
    ),
  );
}

/** SQL: a version (a raw row) belongs to the as-of table of month index `m`. */
export function validAt(m: number, alias?: string): string {
  return validIn({ first: m, last: m }, alias);
}

/** SQL: a version belongs to the as-of table of some month of `span` (it is valid at one of them). */
export function validIn(span: MonthSpan, alias?: string): string {
  const a = alias ? `${alias}.` : "";
  return `${a}__since <= ${span.last} AND ${a}__until > ${span.first}`;
}

/** The span of `months` ('YYYY-MM', in any order, at least one). */
export function spanOf(months: readonly string[]): MonthSpan {
  const indexes = months.map(monthIndex);
  return { first: Math.min(...indexes), last: Math.max(...indexes) };
}

/**
 * Every version of a versioned dataset's records, with the columns of its as-of table and
 * __version (a row id), __since and __until: the as-of rows of month index m are those validAt(m).
 * For metrics computed for every month at once. Not opportunities: their derived source comes
 * from the lead as of the month (createAsOf).
 */
export function versionsSql(dataset: Exclude<DatasetName, "opportunities">): string {
  if (DATASETS[dataset].root) throw new Error(`${dataset} is not versioned`);
  return `SELECT ${asOfColumns(dataset)}, rowid AS __version, __since, __until FROM raw_${dataset}`;
}

/** The columns of a versioned dataset's as-of table: its schema's, the id codes and the DERIVED ones. */
function asOfColumns(dataset: DatasetName): string {
  return [
    ...columnsOf(dataset)
      .map((c) => c.name)
      .filter((c) => !unreadOf(dataset).includes(c)),
    ...codesOf(dataset).map((k) => k.code),
    ...derivedOf(dataset).map((c) => c.name),
  ]
    .map(ident)
    .join(", ");
}

/** The as-of rows of `dataset` for `month`, from its raw table or from `table`, a subset of it. */
function latestSql(dataset: DatasetName, month: string, table = `raw_${dataset}`): string {
  if (DATASETS[dataset].root)
    return `SELECT ${columnsOf(dataset)
      .map((c) => ident(c.name))
      .join(", ")} FROM ${table}`;
  return `SELECT ${asOfColumns(dataset)} FROM ${table} WHERE ${validAt(monthIndex(month))}`;
}

/**
 * Which opportunity a lead became: the lead's opportunity_id, or an opportunity whose lead_id is the
 * lead; one row per lead that has one: its first opportunity's code (__opp: several leads may name
 * one deal), creation time and amount (of two created at one instant, the smaller opportunity_id's).
 * For every month at once, from the deal tables' versions: a lead's pair with a deal (from a deal
 * lead's version, or a deal's with its derived lead) holds while both versions do; each lead's months
 * are cut where one of its pairs starts or ends, and each span takes the first opportunity of the pairs
 * holding at its first month. Equi-joins only (an OR or a one-sided condition in a join made DuckDB plan
 * it slowly), on the id codes.
 */
function firstOpportunitySql(scratch: string): string {
  return `
  WITH o AS (SELECT __opp, __lead, opportunity_id, created_at, amount, __since, __until FROM ${scratch}raw_deal_opportunities),
  k AS (SELECT __lead, __opp, __since, __until FROM ${scratch}raw_deal_leads WHERE __opp IS NOT NULL
        UNION ALL SELECT __lead, __opp, __since, __until FROM o WHERE __lead IS NOT NULL),
  j AS (SELECT k.__lead, o.__opp, o.opportunity_id, o.created_at, o.amount,
          greatest(k.__since, o.__since) AS __since, least(k.__until, o.__until) AS __until
        FROM k JOIN o USING (__opp) WHERE greatest(k.__since, o.__since) < least(k.__until, o.__until)),
  b AS (SELECT __lead, __since AS __at FROM j UNION SELECT __lead, __until FROM j WHERE __until < ${NEWEST}),
  s AS (SELECT __lead, __at, coalesce(lead(__at) OVER (PARTITION BY __lead ORDER BY __at), ${NEWEST}) AS __upto FROM b)
  SELECT s.__lead, arg_min(j.__opp, {'at': j.created_at, 'id': j.opportunity_id}) AS __opp, min(j.created_at) AS created_at,
    arg_min(j.amount, {'at': j.created_at, 'id': j.opportunity_id}) AS amount, s.__at AS __since, s.__upto AS __until
  FROM s JOIN j ON j.__lead = s.__lead AND j.__since <= s.__at AND j.__until > s.__at
  GROUP BY s.__lead, s.__at, s.__upto`;
}

/**
 * The opportunities' versions with their lead (__lead) and source as createAsOf derives them, once for
 * every month of `span`: a deal's own lead when that lead is in deal_leads, else, of the leads whose
 * opportunity_id names it, the smallest lead_id (the codes are hashes, in no order). A CRM that links
 * only from the lead (Salesforce's converted opportunity) then gives its deals their lead's source,
 * industry and size like one that links both ways. Every such lead reaches a deal, so it is in
 * deal_leads, a small part of the leads.
 *
 * What is derived changes when the opportunity's version does or when a version of a lead it reads
 * (its own, or one naming it) starts or ends: each opportunity version is cut at those months into
 * spans (__since, __until) that hold one derivation, taken at the span's first month. Deriving it
 * again every month (joining the month's deals to their deal leads) was most of a month's as-of step.
 */
function dealOpportunitiesSql(scratch: string, span: MonthSpan): string {
  if (span.first === span.last) return monthDealOpportunitiesSql(scratch, span.first);
  return `
    WITH o AS (SELECT rowid AS __v, ${asOfColumns("opportunities")}, __since, __until FROM raw_opportunities WHERE ${validIn(span)}),
    l AS (SELECT __lead, __opp, lead_id, source, __since, __until FROM ${scratch}raw_deal_leads),
    p AS (SELECT __lead, __opp, unnest([__since, __until]) AS __at FROM l),
    b AS (SELECT __v, __since AS __at FROM o
          UNION SELECT o.__v, p.__at FROM o JOIN p ON p.__lead = o.__lead WHERE p.__at > o.__since AND p.__at < o.__until
          UNION SELECT o.__v, p.__at FROM o JOIN p ON p.__opp = o.__opp WHERE p.__at > o.__since AND p.__at < o.__until),
    s AS (SELECT o.*, b.__at, coalesce(lead(b.__at) OVER (PARTITION BY b.__v ORDER BY b.__at), o.__until) AS __upto FROM b JOIN o USING (__v)),
    own AS (SELECT s.__v, s.__at, l.__lead, l.source FROM s JOIN l ON l.__lead = s.__lead AND l.__since <= s.__at AND l.__until > s.__at),
    named AS (SELECT s.__v, s.__at, arg_min(l.__lead, l.lead_id) AS __lead, arg_min(l.source, l.lead_id) AS source
              FROM s JOIN l ON l.__opp = s.__opp AND l.__since <= s.__at AND l.__until > s.__at
              WHERE NOT EXISTS (SELECT 1 FROM own WHERE own.__v = s.__v AND own.__at = s.__at) GROUP BY ALL)
    SELECT s.* EXCLUDE (__v, __at, __upto, __since, __until) REPLACE (
        coalesce(s.source, own.source, n.source) AS source,
        CASE WHEN own.__lead IS NOT NULL THEN s.__lead ELSE coalesce(n.__lead, s.__lead) END AS __lead),
      s.__at AS __since, s.__upto AS __until
    FROM s LEFT JOIN own ON own.__v = s.__v AND own.__at = s.__at LEFT JOIN named n ON n.__v = s.__v AND n.__at = s.__at
    WHERE s.__at <= ${span.last} AND s.__upto > ${span.first}`;
}

/**
 * dealOpportunitiesSql for the one month index `m` (a monthly rebuild's deal tables), the same rows
 * without cutting every version: every deal lead read is then valid at m, so the span holding m
 * starts at the latest start, and ends at the earliest end, of the versions of the deal and of the
 * leads it reads, and none of those starts or ends inside it. The lead naming the deal is derived
 * only where the deal's own lead is not a deal lead, as there.
 */
function monthDealOpportunitiesSql(scratch: string, m: number): string {
  return `
    WITH o AS (SELECT rowid AS __v, ${asOfColumns("opportunities")}, __since, __until FROM raw_opportunities WHERE ${validAt(m)}),
    l AS (SELECT __lead, __opp, lead_id, source, __since, __until FROM ${scratch}raw_deal_leads WHERE ${validAt(m)}),
    own AS (SELECT o.__v, l.source, l.__since, l.__until FROM o JOIN l ON l.__lead = o.__lead),
    named AS (SELECT o.__v, arg_min(l.__lead, l.lead_id) AS __lead, arg_min(l.source, l.lead_id) AS source,
                max(l.__since) AS __since, min(l.__until) AS __until
              FROM o ANTI JOIN own USING (__v) JOIN l ON l.__opp = o.__opp GROUP BY o.__v)
    SELECT o.* EXCLUDE (__v, __since, __until) REPLACE (
        coalesce(o.source, own.source, n.source) AS source,
        CASE WHEN own.__v IS NOT NULL THEN o.__lead ELSE coalesce(n.__lead, o.__lead) END AS __lead),
      greatest(o.__since, coalesce(own.__since, o.__since), coalesce(n.__since, o.__since)) AS __since,
      least(o.__until, coalesce(own.__until, o.__until), coalesce(n.__until, o.__until)) AS __until
    FROM o LEFT JOIN own USING (__v) LEFT JOIN named n USING (__v)`;
}

/**
 * Create (or replace) the as-of tables for `month`: leads, activities, opportunities, ..., and
 * first_opportunity (firstOpportunitySql; three metrics read it), and
 * deal_leads and deal_touches, the leads that reach a deal and their touches (see DEAL_LEADS).
 *
 * Opportunities and first_opportunity are tables, filtered once a month from the versions of every
 * month the deal tables were made for, unless those were made for this month alone: then a view
 * reads them as they are. Copying them was most of a monthly rebuild's as-of step, made by
 * each connection that serves the month (executor.ts), and the copy had nothing to filter.
 */
export async function createAsOf(db: Db, month: string, config: Config): Promise<void> {
  const made = await ensureVersions(db, spanOf([month]));
  for (const d of DATASET_NAMES) {
    if (d === "opportunities") continue;
    await db.exec(`CREATE OR REPLACE TEMP VIEW ${d} AS ${latestSql(d, month)}`);
  }
  await db.exec(`CREATE OR REPLACE TEMP VIEW deal_leads AS ${latestSql("leads", month, `${db.scratch}raw_deal_leads`)}`);
  await db.exec(`CREATE OR REPLACE TEMP VIEW deal_touches AS ${latestSql("content_touches", month, `${db.scratch}raw_deal_touches`)}`);
  const kind = made.first === made.last ? "VIEW" : "TABLE";
  // The deals with their lead and source (dealOpportunitiesSql) and the outcome the config gives them.
  await replaceTemp(db, kind, {
    opportunities: `SELECT * EXCLUDE (__since, __until) REPLACE (${outcomeSql(config)} AS outcome)
      FROM ${db.scratch}raw_deal_opportunities WHERE ${validAt(monthIndex(month))}`,
    first_opportunity: `SELECT * EXCLUDE (__since, __until) FROM ${db.scratch}raw_first_opportunity WHERE ${validAt(monthIndex(month))}`,
  });
}

/**
 * Make each of `objects` (name: SQL) a TEMP view or table of this connection, as `kind` says,
 * whichever it was before: an earlier month's may be of the other kind (the deal tables made again
 * for more months), and DuckDB replaces a view by a view only.
 */
async function replaceTemp(db: Db, kind: "VIEW" | "TABLE", objects: Record<string, string>): Promise<void> {
  const names = Object.keys(objects).map(lit).join(", ");
  const other = await db.all<{ name: string }>(
    kind === "VIEW"
      ? `SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND table_name IN (${names})`
      : `SELECT view_name AS name FROM duckdb_views() WHERE temporary AND view_name IN (${names})`,
  );
  for (const { name } of other) await db.exec(`DROP ${kind === "VIEW" ? "TABLE" : "VIEW"} ${name}`);
  for (const [name, sql] of Object.entries(objects)) await db.exec(`CREATE OR REPLACE TEMP ${kind} ${name} AS ${sql}`);
}

/**
 * SQL: an opportunity row's outcome: its own, else 'won' or 'lost' when its stage is one the config
 * names so, else 'open'. Derived from the row alone, so every version has its own.
 */
export function outcomeSql(config: Config, alias?: string): string {
  const a = alias ? `${alias}.` : "";
  // Stage names compare as enum values do, ignoring case (HubSpot's label is Closed won, the default Closed Won).
  const names = (stages: readonly string[]) => stages.map((s) => lit(s.trim().toLowerCase())).join(", ") || "NULL";
  const stage = `lower(${a}stage)`;
  return `coalesce(${a}outcome, CASE WHEN ${stage} IN (${names(config.stages.won)}) THEN 'won' WHEN ${stage} IN (${names(config.stages.lost)}) THEN 'lost' ELSE 'open' END)`;
}
