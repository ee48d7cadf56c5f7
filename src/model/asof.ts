// As-of tables: for report month M, each dataset holds the newest version (by folder) of each
// record from folders <= M. Later folders are invisible, so adding a month never changes an
// earlier month's tables. Derived columns (outcome, opportunity source, SLA start) live here.
//
// Each raw row gets, once per build, the month index of its own folder (__since) and of the folder
// of the record's next version (__until). The as-of table for M is then a filter:
// __since <= M < __until. This keeps a build linear in the data; ranking every folder's rows
// again for each month made it quadratic in months. Integers, because every metric query filters
// on them: comparing 'YYYY-MM' strings made a full scan of leads 6x slower.
//
// Metrics join leads to activities, opportunities and touches by id hundreds of times a build, so
// each row also gets integer codes of its ids (__lead, __opp; see ID_CODES) to join on. The ids
// stay, for whatever a page shows.
import { columnsOf, DATASETS, DATASET_NAMES, type DatasetName } from "../schema/dataset.ts";
import type { Config } from "../schema/config.ts";
import { monthIndex } from "../schema/month.ts";
import { ident, lit, type Db } from "./duckdb.ts";

const VERSIONED = DATASET_NAMES.filter((d) => !DATASETS[d].root);

/** SQL: the month index (schema/month.ts) of a 'YYYY-MM' string expression. */
function monthIndexSql(folder: string): string {
  return `(CAST(substr(${folder}, 1, 4) AS INTEGER) * 12 + CAST(substr(${folder}, 6, 2) AS INTEGER) - 1)`;
}

/** __until of a record's newest version: after every month. */
export const NEWEST = 2147483647;

/**
 * Integer codes of the ids metrics join on, one code per distinct id across every dataset with the
 * column. Joining and grouping on an 18-character id cost a quarter more than on an integer
 * (scale 20: metrics 46 s -> 37 s). Codes follow the ids' order, so min() and ORDER BY on a code
 * agree with the id; they are numbered afresh each build and never leave the database.
 */
export const ID_CODES = [
  { code: "__lead", column: "lead_id" },
  { code: "__opp", column: "opportunity_id" },
] as const;

const codesOf = (dataset: DatasetName) => ID_CODES.filter((k) => columnsOf(dataset).some((c) => c.name === k.column));
const codeTable = (code: string) => `${code}_ids`;

/**
 * Columns derived from a row alone, stored beside it by createVersions: a filter on a stored column
 * is pushed into the scan and skips row groups by their min/max, a filter on an expression reads
 * every row (scale 20, a month's handoffs: 13 -> 3 ms a scan).
 */
const DERIVED: Partial<Record<DatasetName, { name: string; sql: string }[]>> = {
  // When the SLA clock starts: the handoff, or the MQL date when there is no handoff.
  leads: [{ name: "sla_start_at", sql: "coalesce(handoff_at, mql_at)" }],
};
const derivedOf = (dataset: DatasetName) => DERIVED[dataset] ?? [];

/**
 * Columns no metric reads (the data contract has them for reports not built yet: target-account
 * coverage, segments by company size, SAL, disqualification and loss reasons). They are validated
 * and cached like every column but left out of the versions, which the build writes, compresses
 * and holds for every month (scale 20, 3 paired cold builds: 0.9 s faster). A metric that comes to
 * read one takes it off this list; until then its query fails to bind, it never reads a wrong value.
 * Never a key column: versioning again (tests do) partitions by the key.
 */
const UNREAD: Partial<Record<DatasetName, string[]>> = {
  leads: ["account_id", "company_size", "target_account", "accepted_at", "disqualify_reason"],
  opportunities: ["account_id", "lost_reason"],
};
const unreadOf = (dataset: DatasetName) => UNREAD[dataset] ?? [];

/**
 * Add __since (the row's folder) and __until (the folder where the record's next version appears,
 * NEWEST for the newest), as month indexes, the id codes and the DERIVED columns to every raw table.
 * Versions are ordered by folder, then file and line, as a person reading the folders would. Then
 * __folder, __file and __line (where a row came from: for messages and the cache, both done by now)
 * are dropped: repeated on every row, they were a quarter of the tables' memory (scale 20: ~230 MB);
 * so are the UNREAD columns.
 * Rows are stored in folder order, so an early month's scans skip the later folders' row groups.
 * Call after the raw tables are complete; createAsOf calls it when it has not been done. Run again
 * (tests do), it numbers the codes afresh; the versions keep their order, since (__since, __until)
 * orders them as (folder, file, line) did: of two versions in one folder, the earlier one's
 * __until is that folder.
 *
 * `keep`: datasets whose validated rows are still wanted afterwards (the build stores them in the
 * validated-file cache while Astro renders): the versioned ones are renamed to validatedTable(dataset),
 * not dropped, and the caller drops them. Returns those datasets.
 */
export async function createVersions(db: Db, options: { keep?: readonly DatasetName[] } = {}): Promise<DatasetName[]> {
  const again = await hasUntil(db, "leads");
  const keep = new Set(again ? [] : (options.keep ?? []).filter((d) => VERSIONED.includes(d)));
  for (const d of keep) await db.exec(`ALTER TABLE raw_${d} RENAME TO ${validatedTable(d)}`);
  /** Where a dataset's rows are read from. */
  const source = (d: DatasetName) => (keep.has(d) ? validatedTable(d) : `raw_${d}`);
  for (const { code, column } of ID_CODES) {
    const sources = VERSIONED.filter((d) => codesOf(d).some((k) => k.code === code))
      .map((d) => `SELECT ${ident(column)} AS id FROM ${source(d)} WHERE ${ident(column)} IS NOT NULL`);
    await db.exec(`CREATE OR REPLACE TABLE ${codeTable(code)} AS
      SELECT id, CAST(row_number() OVER (ORDER BY id) AS INTEGER) AS code FROM (${sources.join(" UNION ")})`);
  }
  const order = again ? ["__since", "__until"] : ["__folder", "__file", "__line"];
  /** The month index of a row's folder. */
  const folderIndex = (alias: string) => (again ? `${alias}__since` : monthIndexSql(`${alias}__folder`));
  for (const d of VERSIONED) {
    const codes = codesOf(d);
    // Run again, the derived columns are computed afresh.
    const dropped = again ? ["__since", "__until", ...codes.map((k) => k.code), ...derivedOf(d).map((c) => c.name)] : ["__folder", "__file", "__line", ...unreadOf(d)];
    const stored = derivedOf(d).map((c) => `, ${c.sql} AS ${ident(c.name)}`).join("");
    const joinCodes = codes.map((k) => `LEFT JOIN ${codeTable(k.code)} ${k.code} ON ${k.code}.id = r.${ident(k.column)}`).join(" ");
    const selectCodes = codes.map((k) => `, ${k.code}.code AS ${k.code}`).join("");
    const key = DATASETS[d].key.map(ident);
    // Only a record with more than one version has an __until before NEWEST, and few do (scale 20:
    // 14% of leads' rows, 0.07% of content touches', no activity's): the window that finds the next
    // version sorts only their rows (row id, key, order), joined back by row id. Keys match as
    // PARTITION BY and GROUP BY match them, NULLs alike (content_touches' action may be empty).
    // Scale 20: versioning leads, activities and touches 2.5 -> 1.5 s.
    await db.exec(`CREATE OR REPLACE TABLE raw_${d} AS
      WITH multi AS (SELECT ${key.join(", ")} FROM ${source(d)} GROUP BY ALL HAVING count(*) > 1),
      u AS (SELECT r.rowid AS rid, lead(${folderIndex("r.")}) OVER (PARTITION BY ${key.map((k) => `r.${k}`).join(", ")} ORDER BY ${order.map((o) => `r.${o}`).join(", ")}) AS __until
            FROM ${source(d)} r SEMI JOIN multi m ON ${key.map((k) => `r.${k} IS NOT DISTINCT FROM m.${k}`).join(" AND ")})
      SELECT r.* EXCLUDE (${dropped.join(", ")})${selectCodes}, ${folderIndex("r.")} AS __since, coalesce(u.__until, ${NEWEST}) AS __until${stored}
      FROM ${source(d)} r
      LEFT JOIN u ON u.rid = r.rowid
      ${joinCodes}
      ORDER BY __since`);
  }
  for (const { code } of ID_CODES) await db.exec(`DROP TABLE ${codeTable(code)}`);
  for (const [table, sql] of Object.entries(DEAL_TABLES)) await db.exec(`CREATE OR REPLACE TABLE ${table} AS ${sql}`);
  // Compressed now: uncompressed, the versions were the build's peak memory (scale 20: ~750 MB of
  // tables, cold build peaks up to 1.9 GB; now ~110 MB and ~1.5 GB), for ~0.85 s.
  await db.compact();
  return [...keep];
}

/**
 * Leads that reach a deal: in some version they became SQL or have an opportunity (their own
 * opportunity_id, or an opportunity's lead_id). Conversions, opportunity sources and campaigns,
 * and influence on deals only ever read such leads and their touches, so their as-of tables
 * (deal_leads, deal_touches) are made from these subsets, not from every lead and touch: scale 20,
 * 9% of the leads' versions and 14% of the touches'. Joining every as-of lead or touch each month
 * was most of those queries' time.
 */
const DEAL_LEADS = `
  SELECT __lead FROM raw_leads WHERE sql_at IS NOT NULL OR __opp IS NOT NULL
  UNION SELECT __lead FROM raw_opportunities WHERE __lead IS NOT NULL`;
const DEAL_TABLES = {
  raw_deal_leads: `SELECT * FROM raw_leads WHERE __lead IN (${DEAL_LEADS})`,
  raw_deal_touches: `SELECT * FROM raw_content_touches WHERE __lead IN (${DEAL_LEADS})`,
};

/** The table createVersions keeps a dataset's validated rows in (see `keep`). */
export const validatedTable = (dataset: DatasetName) => `validated_${dataset}`;

/** Create the versions (createVersions) unless they exist. */
export async function ensureVersions(db: Db): Promise<void> {
  if (!(await hasUntil(db, "leads"))) await createVersions(db);
}

async function hasUntil(db: Db, dataset: DatasetName): Promise<boolean> {
  const { n } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = ${lit(`raw_${dataset}`)} AND column_name = '__until'`);
  return n > 0;
}

/** SQL: a version (a raw row) belongs to the as-of table of month index `m`. */
export function validAt(m: number, alias?: string): string {
  const a = alias ? `${alias}.` : "";
  return `${a}__since <= ${m} AND ${a}__until > ${m}`;
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
  return [...columnsOf(dataset).map((c) => c.name).filter((c) => !unreadOf(dataset).includes(c)), ...codesOf(dataset).map((k) => k.code), ...derivedOf(dataset).map((c) => c.name)].map(ident).join(", ");
}

/** The as-of rows of `dataset` for `month`, from its raw table or from `table`, a subset of it. */
function latestSql(dataset: DatasetName, month: string, table = `raw_${dataset}`): string {
  if (DATASETS[dataset].root) return `SELECT ${columnsOf(dataset).map((c) => ident(c.name)).join(", ")} FROM ${table}`;
  return `SELECT ${asOfColumns(dataset)} FROM ${table} WHERE ${validAt(monthIndex(month))}`;
}

/**
 * Which opportunity a lead became: the lead's opportunity_id, or an opportunity whose lead_id is the
 * lead; one row per lead that has one: its first opportunity's creation time and amount. Equi-joins
 * only (an OR or a one-sided condition in a join made DuckDB plan it slowly), on the id codes.
 */
const FIRST_OPPORTUNITY = `
  SELECT k.__lead, min(o.created_at) AS created_at, arg_min(o.amount, o.created_at) AS amount
  FROM (SELECT __lead, __opp FROM deal_leads WHERE __opp IS NOT NULL
        UNION SELECT __lead, __opp FROM opportunities WHERE __lead IS NOT NULL) k
  JOIN opportunities o USING (__opp)
  GROUP BY k.__lead`;

/**
 * Create (or replace) the as-of tables for `month`: leads, activities, opportunities, ..., and
 * first_opportunity (FIRST_OPPORTUNITY; three metrics read it, so it is made once a month), and
 * deal_leads and deal_touches, the leads that reach a deal and their touches (see DEAL_LEADS).
 */
export async function createAsOf(db: Db, month: string, config: Config): Promise<void> {
  await ensureVersions(db);
  for (const d of DATASET_NAMES) {
    if (d === "opportunities") continue;
    await db.exec(`CREATE OR REPLACE TEMP VIEW ${d} AS ${latestSql(d, month)}`);
  }
  await db.exec(`CREATE OR REPLACE TEMP VIEW deal_leads AS ${latestSql("leads", month, "raw_deal_leads")}`);
  await db.exec(`CREATE OR REPLACE TEMP VIEW deal_touches AS ${latestSql("content_touches", month, "raw_deal_touches")}`);
  // Only the leads whose source is needed are joined: the join builds its hash table on the leads
  // side, and all as-of leads are ~10x the opportunities (scale 20: 26 -> 11 ms a month).
  const opportunities = latestSql("opportunities", month);
  await db.exec(`CREATE OR REPLACE TEMP TABLE opportunities AS
    SELECT o.* REPLACE (
        ${outcomeSql(config, "o")} AS outcome,
        coalesce(o.source, l.source) AS source)
    FROM (${opportunities}) o
    LEFT JOIN (SELECT __lead, source FROM deal_leads WHERE __lead IN (SELECT __lead FROM (${opportunities}) WHERE source IS NULL)) l ON l.__lead = o.__lead`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE first_opportunity AS ${FIRST_OPPORTUNITY}`);
}

/**
 * SQL: an opportunity row's outcome: its own, else 'won' or 'lost' when its stage is one the config
 * names so, else 'open'. Derived from the row alone, so every version has its own.
 */
export function outcomeSql(config: Config, alias?: string): string {
  const a = alias ? `${alias}.` : "";
  const won = config.stages.won.map(lit).join(", ") || "NULL";
  const lost = config.stages.lost.map(lit).join(", ") || "NULL";
  return `coalesce(${a}outcome, CASE WHEN ${a}stage IN (${won}) THEN 'won' WHEN ${a}stage IN (${lost}) THEN 'lost' ELSE 'open' END)`;
}
