// As-of tables: for report month M, each dataset holds the newest version (by folder) of each
// record from folders <= M. Later folders are invisible, so adding a month never changes an
// earlier month's tables. Derived columns (outcome, opportunity source, SLA start) live here.
import { columnsOf, DATASETS, DATASET_NAMES, type DatasetName } from "../schema/dataset.ts";
import type { Config } from "../schema/config.ts";
import { ident, lit, type Db } from "./duckdb.ts";

function latestSql(dataset: DatasetName, month: string): string {
  const def = DATASETS[dataset];
  const cols = columnsOf(dataset).map((c) => ident(c.name)).join(", ");
  if (def.root) return `SELECT ${cols} FROM raw_${dataset}`;
  const key = def.key.map(ident).join(", ");
  return `SELECT ${cols}, __folder FROM raw_${dataset} WHERE __folder <= ${lit(month)}
    QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY __folder DESC, __line DESC) = 1`;
}

/** Create (or replace) the as-of tables for `month`: leads, activities, opportunities, ... */
export async function createAsOf(db: Db, month: string, config: Config): Promise<void> {
  for (const d of DATASET_NAMES) {
    if (d === "leads" || d === "opportunities") continue;
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${d} AS ${latestSql(d, month)}`);
  }
  await db.exec(`CREATE OR REPLACE TEMP TABLE leads AS
    SELECT *, coalesce(handoff_at, mql_at) AS sla_start_at FROM (${latestSql("leads", month)})`);
  const won = config.stages.won.map(lit).join(", ") || "NULL";
  const lost = config.stages.lost.map(lit).join(", ") || "NULL";
  await db.exec(`CREATE OR REPLACE TEMP TABLE opportunities AS
    SELECT o.* REPLACE (
        coalesce(o.outcome, CASE WHEN o.stage IN (${won}) THEN 'won' WHEN o.stage IN (${lost}) THEN 'lost' ELSE 'open' END) AS outcome,
        coalesce(o.source, l.source) AS source)
    FROM (${latestSql("opportunities", month)}) o
    LEFT JOIN leads l ON l.lead_id = o.lead_id`);
}
