// One spelling per lead source. Exports spell a value differently over the years or between tools
// ("Web", "web", " Web "), and the marketing classification and the spend by channel already compare
// sources lower-case and trimmed (channelKeySql); grouped as written, win/loss and the pipeline split
// one channel into rows of a few deals each. Each source takes the spelling first seen (by folder,
// file and line), trimmed, so a later folder never renames what an earlier month showed.
import { channelKeySql } from "../schema/dataset.ts";
import type { Db } from "./duckdb.ts";

/** The tables whose `source` is grouped by the report. */
const SOURCED = ["raw_leads", "raw_opportunities"] as const;

export async function unifySourceSpellings(db: Db): Promise<void> {
  const rows = SOURCED.map((t) => `SELECT source, __since, __file, __line FROM ${t} WHERE source IS NOT NULL`).join(" UNION ALL ");
  // Only sources written more than one way are rewritten: usually none, and nothing is written.
  await db.exec(`CREATE OR REPLACE TEMP TABLE __source_spelling AS
    SELECT k, trim(first(source ORDER BY __since, __file, __line)) AS spelling
    FROM (SELECT ${channelKeySql("source")} AS k, * FROM (${rows})) GROUP BY k
    HAVING count(DISTINCT source) > 1 OR bool_or(source <> trim(source))`);
  for (const t of SOURCED)
    await db.exec(`UPDATE ${t} SET source = s.spelling FROM __source_spelling s
      WHERE ${channelKeySql(`${t}.source`)} = s.k AND ${t}.source <> s.spelling`);
  await db.exec("DROP TABLE __source_spelling");
}
