// Ids as people's tools mangle them: a zero-width space copied in with an id (the join then
// fails on a value that looks identical to a valid one), and a spreadsheet that strips an id's
// leading zeros (00123 becomes 123, and one lead counts as two).
import { columnsOf, DATASETS, DATASET_NAMES, type DatasetName } from "../schema/dataset.ts";
import { ident, type Db } from "../model/duckdb.ts";
import type { Problem } from "./problem.ts";

/** Characters with no glyph that an id never means to hold: zero-width spaces and joiners, direction marks, soft hyphen, BOM. */
const INVISIBLE = "[\\x{00AD}\\x{180E}\\x{200B}-\\x{200F}\\x{202A}-\\x{202E}\\x{2060}-\\x{2064}\\x{2066}-\\x{2069}\\x{FEFF}]";

/** SQL: id text `v` without invisible characters (NULL when nothing else is left). */
export function withoutInvisible(v: string): string {
  return `nullif(regexp_replace(${v}, '${INVISIBLE}', '', 'g'), '')`;
}

const LISTED = 20;

/** The datasets whose ids are compared (a unique id of kind id), with their id column. */
const CHECKED = DATASET_NAMES.flatMap((dataset) => {
  const def = DATASETS[dataset];
  const checked = def.uniqueId && def.key.length === 1 && columnsOf(dataset).some((c) => c.name === def.key[0] && c.kind === "id");
  return checked ? [{ dataset, col: ident(def.key[0]!) }] : [];
});

/** SQL: id `col` is digits alone. */
const digitsSql = (col: string) => `regexp_full_match(${col}, '[0-9]+')`;

/** SQL: id `col` is digits with a leading zero. */
const zeroSql = (col: string) => `starts_with(${col}, '0') AND ${digitsSql(col)}`;

/** SQL: a row of `dataset` read after the rows `known` says hold no such id (every row when it says nothing of them). */
const laterSql = (dataset: DatasetName, known: NoLeadingZeros | undefined) =>
  known?.datasets.includes(dataset) ? `__since > ${known.through}` : "true";

/**
 * Datasets whose rows of folders up to month index `through` hold no id of digits with a leading
 * zero. Kept with the persisted state (model/state.ts): those rows do not change, so a build counts
 * only the rows read on top of them. `earlier`: the same for an older state, whose rows are not counted again.
 */
export interface NoLeadingZeros {
  datasets: readonly DatasetName[];
  through: number;
}

/** NoLeadingZeros of the rows up to `through`, counting only those after `earlier` where it tells. */
export async function noLeadingZeros(db: Db, through: number, earlier?: NoLeadingZeros): Promise<NoLeadingZeros> {
  const datasets: DatasetName[] = [];
  for (const { dataset, col } of CHECKED) {
    const { n } = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM raw_${dataset} WHERE __since <= ${through} AND ${laterSql(dataset, earlier)} AND ${zeroSql(col)}`,
    );
    if (Number(n) === 0) datasets.push(dataset);
  }
  return { datasets, through };
}

/**
 * Warnings for ids of one dataset's records that differ only in leading zeros (00123 and 123), in
 * one file or across folders: they are counted as two records. Only ids of digits alone are
 * compared (a Salesforce id's leading zeros are part of it). `known`: datasets whose earlier rows
 * are known to hold none (the state's), so only the later rows are scanned for one.
 */
export async function leadingZeroIds(db: Db, known?: NoLeadingZeros): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { dataset, col } of CHECKED) {
    const def = DATASETS[dataset];
    const digits = digitsSql(col);
    // Most projects have no id of digits with a leading zero (Salesforce ids are not digits): one scan tells.
    const { n } = await db.one<{ n: number }>(
      `SELECT count(*) AS n FROM raw_${dataset} WHERE ${laterSql(dataset, known)} AND ${zeroSql(col)}`,
    );
    if (Number(n) === 0) continue;
    const groups = await db.all<{ ids: string[]; files: string[]; lines: number[]; total: number }>(`
      WITH zero AS (SELECT DISTINCT ltrim(${col}, '0') AS k FROM raw_${dataset} WHERE ${zeroSql(col)}),
      m AS (SELECT ltrim(${col}, '0') AS k, ${col} AS id, __file, __line FROM raw_${dataset}
            WHERE ${digits} AND ltrim(${col}, '0') IN (SELECT k FROM zero)),
      first AS (SELECT k, id, min({'f': __file, 'l': __line}) AS pos FROM m GROUP BY k, id),
      g AS (SELECT k, list(id ORDER BY pos) AS ids, list(pos.f ORDER BY pos) AS files, list(pos.l ORDER BY pos) AS lines
            FROM first GROUP BY k HAVING count(*) > 1)
      SELECT ids, files, lines, count(*) OVER () AS total FROM g ORDER BY files[1], lines[1] LIMIT ${LISTED}`);
    groups.forEach((g, i) => {
      const where = g.ids.map((id, j) => `'${id}' at ${g.files[j]}:${g.lines[j]}`).join(", ");
      problems.push({
        severity: "warning",
        code: "leading-zero-ids",
        file: g.files[1]!,
        line: Number(g.lines[1]),
        column: def.key[0],
        value: g.ids.join(" / "),
        message: `differ only in leading zeros (${where}), so ${dataset} counts them as ${g.ids.length} different records`,
        expected: "one spelling of each id",
        fix: "export ids as text, so a spreadsheet keeps their leading zeros, or correct them in the source; nothing to do if they really are different records",
        more: i === 0 && Number(g.total) > LISTED ? Number(g.total) - LISTED : undefined,
      });
    });
  }
  return problems;
}
