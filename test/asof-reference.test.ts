// The as-of rule kept in its plain form, as a reference: for month M, each dataset holds, of each
// record (its key), the row from the newest folder <= M (the last one by file and line within that
// folder). Written here as a row_number over the key, it is compared with the fast path the metrics
// read (model/asof.ts: versions filtered by __since and __until, the as-of views, the derived
// opportunity columns and the deal subsets) for every month of the committed sample and every dataset.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsOf, ID_CODES, validAt, versionsSql } from "../src/model/asof.ts";
import type { Db } from "../src/model/duckdb.ts";
import { validateProject, type Validated } from "../src/model/pipeline.ts";
import { DATASETS, DATASET_NAMES, type DatasetName } from "../src/schema/dataset.ts";
import { monthIndex } from "../src/schema/month.ts";

const SAMPLE = join(import.meta.dirname, "..");
let v: Validated;

beforeAll(async () => {
  v = await validateProject(SAMPLE);
  expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
});
afterAll(() => v?.db.close());

const q = (name: string) => `"${name}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const CODES: readonly string[] = ID_CODES.map((k) => k.code);

/** The reference: each record's row from the newest folder <= month, from the raw rows alone. */
function reference(dataset: DatasetName, month: string): string {
  if (DATASETS[dataset].root) return `SELECT * FROM raw_${dataset}`;
  const key = DATASETS[dataset].key.map(q).join(", ");
  return `SELECT * EXCLUDE (__rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY ${key} ORDER BY __folder DESC, __file DESC, __line DESC) AS __rn
    FROM raw_${dataset} WHERE __folder <= ${lit(month)}) WHERE __rn = 1`;
}

/** The columns of a table or view, less the id codes (hashes: never part of what a row says). */
async function columns(db: Db, relation: string): Promise<string[]> {
  return (await db.all<{ column_name: string }>(`DESCRIBE ${relation}`)).map((c) => c.column_name).filter((c) => !CODES.includes(c));
}

/**
 * Whether `a` and `b` hold the same rows over `cols` (an expression for each column, in one order on both sides), as multisets:
 * the count and the sum of the rows' hashes (a multiset's fingerprint, cheaper than EXCEPT ALL).
 */
async function sameRows(db: Db, a: string, b: string, cols: { a: string[]; b: string[] }): Promise<{ same: boolean; rows: number }> {
  const fingerprint = (relation: string, c: string[]) =>
    `SELECT count(*) AS n, CAST(coalesce(sum(hash(${c.join(", ")})::HUGEINT), 0) AS VARCHAR) AS h FROM (${relation})`;
  const [x, y] = [
    await db.one<{ n: number; h: string }>(fingerprint(a, cols.a)),
    await db.one<{ n: number; h: string }>(fingerprint(b, cols.b)),
  ];
  return { same: x.n === y.n && x.h === y.h, rows: x.n };
}

/** The plain form of a column the as-of tables derive from the row (model/asof.ts DERIVED). */
const plain = (dataset: DatasetName, column: string) =>
  dataset === "leads" && column === "sla_start_at" ? `coalesce(handoff_at, mql_at)` : q(column);

describe("the as-of tables against the plain as-of rule, every month of the sample", () => {
  it("hold each record's row from the newest folder up to the month, for every dataset", async () => {
    const { db, project } = v;
    const config = project.config;
    const won = config.stages.won.map(lit).join(", ");
    const lost = config.stages.lost.map(lit).join(", ");
    const dealLeads = `SELECT lead_id FROM raw_leads WHERE sql_at IS NOT NULL OR opportunity_id IS NOT NULL
      UNION SELECT lead_id FROM raw_opportunities WHERE lead_id IS NOT NULL`;
    const checked: string[] = [];
    const differences: string[] = [];
    const compare = async (what: string, fast: string, ref: string, cols: { a: string[]; b: string[] }) => {
      const d = await sameRows(db, fast, ref, cols);
      checked.push(what);
      if (!d.same) differences.push(`${what}: the fast path's rows differ from the reference's`);
      return d.rows;
    };
    let rows = 0;
    expect(project.months.length).toBeGreaterThan(12);
    for (const month of project.months) {
      await createAsOf(db, month, config);
      const m = monthIndex(month);
      for (const dataset of DATASET_NAMES) {
        if (dataset === "opportunities") continue;
        const cols = await columns(db, dataset);
        const same = { a: cols.map(q), b: cols.map((c) => plain(dataset, c)) };
        rows += await compare(`${month} ${dataset}`, `SELECT * FROM ${dataset}`, reference(dataset, month), same);
        if (!DATASETS[dataset].root)
          await compare(
            `${month} ${dataset} versions`,
            `SELECT * FROM (${versionsSql(dataset)}) WHERE ${validAt(m)}`,
            reference(dataset, month),
            same,
          );
      }
      // Opportunities: the outcome from the row's own or its stage, the source from the deal's lead as
      // of the month when the row has none: its lead_id's, else the smallest lead_id naming it.
      const oCols = (await columns(db, "opportunities")).filter((c) => c !== "outcome" && c !== "source");
      rows += await compare(
        `${month} opportunities`,
        `SELECT * FROM opportunities`,
        `WITH lv AS (${reference("leads", month)}), ov AS (${reference("opportunities", month)})
         SELECT o.*, l.source AS lead_source FROM ov o
         LEFT JOIN lv l ON l.lead_id = coalesce((SELECT own.lead_id FROM lv own WHERE own.lead_id = o.lead_id),
           (SELECT min(n.lead_id) FROM lv n WHERE n.opportunity_id = o.opportunity_id))`,
        {
          a: [...oCols.map(q), "outcome", "source"],
          b: [
            ...oCols.map(q),
            `coalesce(outcome, CASE WHEN stage IN (${won}) THEN 'won' WHEN stage IN (${lost}) THEN 'lost' ELSE 'open' END)`,
            "coalesce(source, lead_source)",
          ],
        },
      );
      await compare(
        `${month} opportunities versions`,
        `SELECT * FROM raw_opportunities WHERE ${validAt(m)}`,
        reference("opportunities", month),
        { a: oCols.map(q), b: oCols.map(q) },
      );
      // The deal subsets: the as-of leads (and their touches) of leads that reach a deal in some version.
      for (const [table, dataset] of [
        ["deal_leads", "leads"],
        ["deal_touches", "content_touches"],
      ] as const) {
        const cols = await columns(db, table);
        await compare(
          `${month} ${table}`,
          `SELECT * FROM ${table}`,
          `SELECT * FROM (${reference(dataset, month)}) WHERE lead_id IN (${dealLeads})`,
          { a: cols.map(q), b: cols.map((c) => plain(dataset, c)) },
        );
      }
    }
    expect(differences).toEqual([]);
    // Every month, every dataset, and rows enough that the comparison means something.
    // Per month: each dataset's view, each versioned dataset's versions, the opportunities' two, the deal subsets.
    const versioned = DATASET_NAMES.filter((d) => !DATASETS[d].root).length;
    expect(checked.length).toBe(v.project.months.length * (DATASET_NAMES.length + versioned + 2));
    expect(rows).toBeGreaterThan(100_000);
  });
});
