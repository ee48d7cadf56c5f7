import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAsOf, createVersions, ID_CODES, linkVersions, NEWEST, validAt } from "../src/model/asof.ts";
import { openDb } from "../src/model/duckdb.ts";
import { config as configSchema } from "../src/schema/config.ts";
import { DATASET_NAMES } from "../src/schema/dataset.ts";
import { rawTableSql } from "../src/validate/dataset.ts";
import { validateProject } from "../src/model/pipeline.ts";
import type { Db } from "../src/model/duckdb.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A table's rows, without the id codes (numbered afresh each build, never shown). */
async function dump(db: Db, table: string): Promise<string> {
  const columns = (await db.all<{ column_name: string }>(`DESCRIBE ${table}`)).map((c) => c.column_name);
  const codes = ID_CODES.map((k) => k.code).filter((c) => columns.includes(c));
  const rows = await db.all<{ j: string }>(
    `SELECT to_json(t)::VARCHAR AS j FROM (SELECT *${codes.length ? ` EXCLUDE (${codes.join(", ")})` : ""} FROM ${table}) t ORDER BY j`,
  );
  return rows.map((r) => r.j).join("\n");
}

async function tablesAsOf(root: string, month: string): Promise<Record<string, string>> {
  const v = await validateProject(root);
  expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
  await createAsOf(v.db, month, v.project.config);
  const out: Record<string, string> = {};
  for (const t of ["leads", "opportunities", "activities", "content_touches", "web_traffic", "campaigns", "content"])
    out[t] = await dump(v.db, t);
  v.db.close();
  return out;
}

describe("as-of tables", () => {
  it("take the newest version of each record from folders up to the month", async () => {
    const v = await validateProject(FIXTURE);
    await createAsOf(v.db, "2026-09", v.project.config);
    const sep = await v.db.all<{ lead_id: string; sql_at: string | null }>(
      `SELECT lead_id, CAST(sql_at AS VARCHAR) AS sql_at FROM leads ORDER BY lead_id`,
    );
    expect(sep.map((r) => r.lead_id)).toEqual(["L1", "L2", "L3"]);
    expect(sep[0]!.sql_at).toBeNull();
    await createAsOf(v.db, "2026-10", v.project.config);
    const oct = await v.db.all<{ lead_id: string; sql_at: string | null }>(
      `SELECT lead_id, CAST(sql_at AS VARCHAR) AS sql_at FROM leads ORDER BY lead_id`,
    );
    expect(oct.map((r) => r.lead_id)).toEqual(["L1", "L2", "L3", "L4"]);
    expect(oct[0]!.sql_at).toBe("2026-10-05 00:00:00");
    // The opportunity has no outcome column: derived from its stage; source derived from the lead.
    const opp = await v.db.one<{ outcome: string; source: string }>(`SELECT outcome, source FROM opportunities`);
    expect(opp).toEqual({ outcome: "open", source: "web" });
    v.db.close();
  });

  it("never change for an earlier month when a later month is added", async () => {
    const before = { sep: await tablesAsOf(FIXTURE, "2026-09"), oct: await tablesAsOf(FIXTURE, "2026-10") };
    const root = mkdtempSync(join(tmpdir(), "gekkan-asof-"));
    dirs.push(root);
    cpSync(FIXTURE, root, { recursive: true });
    mkdirSync(join(root, "data/2026-11"));
    // November restates L1 and L4, closes O1 as won, and adds a lead.
    writeFileSync(
      join(root, "data/2026-11/leads.csv"),
      "lead_id,created_at,source,owner,mql_at,sql_at,opportunity_id\nL1,2026-09-01,ads,Chiba,2026-09-03,2026-10-06,O1\nL4,2026-10-03,web,Baba,2026-10-04,2026-11-02,O2\nL5,2026-11-01,web,Aoki,,,\n",
    );
    writeFileSync(
      join(root, "data/2026-11/opportunities.csv"),
      "opportunity_id,created_at,amount,stage,lead_id,closed_at\nO1,2026-10-05,1300000,Closed Won,L1,2026-11-20\n",
    );
    const after = {
      sep: await tablesAsOf(root, "2026-09"),
      oct: await tablesAsOf(root, "2026-10"),
      nov: await tablesAsOf(root, "2026-11"),
    };
    expect(after.sep).toEqual(before.sep);
    expect(after.oct).toEqual(before.oct);
    expect(after.nov.leads).not.toEqual(after.oct.leads);
    expect(after.nov.opportunities).toContain("won");
  });

  /** Every reference joins on its code exactly as it does on its id (every version), and no two ids share a code. */
  async function codesJoinAsIds(db: Db): Promise<void> {
    const { shared } = await db.one<{ shared: number }>(
      `SELECT count(*) AS shared FROM (SELECT __lead FROM (SELECT DISTINCT lead_id, __lead FROM raw_leads) GROUP BY 1 HAVING count(*) > 1)`,
    );
    expect(shared).toBe(0);
    for (const [t, code, id] of [
      ["activities", "__lead", "lead_id"],
      ["opportunities", "__lead", "lead_id"],
      ["leads", "__opp", "opportunity_id"],
    ]) {
      const target = code === "__lead" ? "leads" : "opportunities";
      const { byId, byCode, mismatched } = await db.one<{ byId: number; byCode: number; mismatched: number }>(`
        SELECT (SELECT count(*) FROM raw_${t} r JOIN raw_${target} x ON x.${id} = r.${id}) AS "byId",
          (SELECT count(*) FROM raw_${t} r JOIN raw_${target} x ON x.${code} = r.${code}) AS "byCode",
          (SELECT count(*) FROM raw_${t} r JOIN raw_${target} x ON x.${code} = r.${code} WHERE x.${id} <> r.${id}) AS mismatched`);
      expect({ t, code, byCode, mismatched }).toEqual({ t, code, byCode: byId, mismatched: 0 });
      expect(byId).toBeGreaterThan(0);
    }
  }

  it("give each id one code, the same in every dataset, also when run again", async () => {
    const v = await validateProject(FIXTURE);
    await createAsOf(v.db, "2026-10", v.project.config);
    await codesJoinAsIds(v.db);
    await createVersions(v.db);
    await createAsOf(v.db, "2026-10", v.project.config);
    await codesJoinAsIds(v.db);
    v.db.close();
  });

  it("number the ids instead when two of them share a hash", async () => {
    const v = await validateProject(FIXTURE);
    // As if L2 hashed to L1's code: in every dataset, as a real collision would be.
    for (const t of ["raw_leads", "raw_activities", "raw_opportunities", "raw_content_touches"]) {
      await v.db.exec(`UPDATE ${t} SET __lead = (SELECT any_value(__lead) FROM raw_leads WHERE lead_id = 'L1') WHERE lead_id = 'L2'`);
    }
    const { n } = await v.db.one<{ n: number }>(`SELECT count(DISTINCT __lead) AS n FROM raw_leads WHERE lead_id IN ('L1', 'L2')`);
    expect(n).toBe(1);
    // Reading checks the codes (load.ts); tables changed since are checked again when versioned again.
    await createVersions(v.db);
    await createAsOf(v.db, "2026-10", v.project.config);
    await codesJoinAsIds(v.db);
    // Numbered in id order, from 1.
    const codes = await v.db.all<{ lead_id: string; code: number }>(
      `SELECT DISTINCT lead_id, __lead AS code FROM raw_leads ORDER BY lead_id`,
    );
    expect(codes.map((c) => c.code)).toEqual(codes.map((_, i) => i + 1));
    v.db.close();
  });
  it("give a lead's first opportunity's amount, of two created at one instant the smaller opportunity_id's", async () => {
    for (const order of [
      ["O2", "O1"],
      ["O1", "O2"],
    ]) {
      const db = await openDb();
      for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
      const amount = (id: string) => (id === "O1" ? 200 : 100);
      await db.exec(`
        INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source, sql_at) VALUES
          ('2026-10', 'data/2026-10/leads.csv', 2, 'L1', '2026-10-01', 'web', '2026-10-02');
        INSERT INTO raw_opportunities (__folder, __file, __line, opportunity_id, created_at, amount, stage, lead_id) VALUES
          ${order.map((id, i) => `('2026-10', 'data/2026-10/opportunities.csv', ${i + 2}, '${id}', '2026-10-05 10:00', ${amount(id)}, 'Open', 'L1')`).join(", ")};`);
      await createAsOf(db, "2026-10", configSchema.parse({}));
      expect(await db.all(`SELECT CAST(created_at AS VARCHAR) AS at, amount FROM first_opportunity`)).toEqual([
        { at: "2026-10-05 10:00:00", amount: 200 },
      ]);
      db.close();
    }
  });

  it("link a deal to its own lead, else to the smallest lead_id of the leads that name it, and take that lead's source", async () => {
    const db = await openDb();
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
    // O1 names no lead and L2 and L1 name it (L1 is the smaller id); O2 names L3, which also names O1's
    // sibling O9 (no matter: O2's own lead wins); O3 names a lead that is not there, L4 names O3; O4
    // names no lead and none names it; O5 has a source of its own.
    await db.exec(`
      INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source, industry, opportunity_id) VALUES
        ('2026-10', 'data/2026-10/leads.csv', 2, 'L2', '2026-10-01', 'ads', 'Retail', 'O1'),
        ('2026-10', 'data/2026-10/leads.csv', 3, 'L1', '2026-10-01', 'web', 'IT', 'O1'),
        ('2026-10', 'data/2026-10/leads.csv', 4, 'L3', '2026-10-01', 'event', 'Finance', 'O9'),
        ('2026-10', 'data/2026-10/leads.csv', 5, 'L4', '2026-10-01', 'partner', 'Energy', 'O3'),
        ('2026-10', 'data/2026-10/leads.csv', 6, 'L5', '2026-10-01', 'seminar', 'Media', 'O5');
      INSERT INTO raw_opportunities (__folder, __file, __line, opportunity_id, created_at, amount, stage, lead_id, source) VALUES
        ('2026-10', 'data/2026-10/opportunities.csv', 2, 'O1', '2026-10-05', 100, 'Open', NULL, NULL),
        ('2026-10', 'data/2026-10/opportunities.csv', 3, 'O2', '2026-10-05', 100, 'Open', 'L3', NULL),
        ('2026-10', 'data/2026-10/opportunities.csv', 4, 'O3', '2026-10-05', 100, 'Open', 'LX', NULL),
        ('2026-10', 'data/2026-10/opportunities.csv', 5, 'O4', '2026-10-05', 100, 'Open', NULL, NULL),
        ('2026-10', 'data/2026-10/opportunities.csv', 6, 'O5', '2026-10-05', 100, 'Open', NULL, 'sales');`);
    await createAsOf(db, "2026-10", configSchema.parse({}));
    expect(
      await db.all(`SELECT o.opportunity_id AS id, l.lead_id AS lead, l.industry, o.source
        FROM opportunities o LEFT JOIN deal_leads l ON l.__lead = o.__lead ORDER BY 1`),
    ).toEqual([
      { id: "O1", lead: "L1", industry: "IT", source: "web" },
      { id: "O2", lead: "L3", industry: "Finance", source: "event" },
      { id: "O3", lead: "L4", industry: "Energy", source: "partner" },
      { id: "O4", lead: null, industry: null, source: null },
      { id: "O5", lead: "L5", industry: "Media", source: "sales" },
    ]);
    db.close();
  });

  it("chain each record's versions by folder, keys with an empty part included, and leave a single version open", async () => {
    const db = await openDb();
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
    await db.exec(`
      INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source) VALUES
        ('2026-11', 'data/2026-11/leads.csv', 2, 'L1', '2026-09-01', 'web'),
        ('2026-09', 'data/2026-09/leads.csv', 2, 'L1', '2026-09-01', 'web'),
        ('2026-10', 'data/2026-10/leads.csv', 2, 'L1', '2026-09-01', 'web'),
        ('2026-10', 'data/2026-10/leads.csv', 3, 'L2', '2026-10-01', 'web');
      INSERT INTO raw_content_touches (__folder, __file, __line, lead_id, content_id, occurred_at, action) VALUES
        ('2026-09', 'data/2026-09/content_touches.csv', 2, 'L1', 'C1', '2026-09-01', NULL),
        ('2026-10', 'data/2026-10/content_touches.csv', 2, 'L1', 'C1', '2026-09-01', NULL),
        ('2026-10', 'data/2026-10/content_touches.csv', 3, 'L1', 'C1', '2026-09-01', 'view');`);
    await createVersions(db);
    // Month indexes: 2026-09 = 24320, 2026-10 = 24321, 2026-11 = 24322.
    const versions = async (t: string, key: string) =>
      (
        await db.all<{ k: string; since: number; until: number }>(
          `SELECT ${key} AS k, __since AS since, __until AS until FROM ${t} ORDER BY k, since`,
        )
      ).map((r) => [r.k, r.since, r.until]);
    expect(await versions("raw_leads", "lead_id")).toEqual([
      ["L1", 24320, 24321],
      ["L1", 24321, 24322],
      ["L1", 24322, NEWEST],
      ["L2", 24321, NEWEST],
    ]);
    expect(await versions("raw_content_touches", "coalesce(action, '(none)')")).toEqual([
      ["(none)", 24320, 24321],
      ["(none)", 24321, NEWEST],
      ["view", 24321, NEWEST],
    ]);
    db.close();
  });

  it("keep in deal_leads and deal_touches exactly the leads that reach a deal in some version, with all their versions", async () => {
    const db = await openDb();
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
    // L1 becomes SQL in October only; L2 names its opportunity; L3 is named by an opportunity;
    // L4 never converts. Each has a touch.
    await db.exec(`
      INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source, sql_at, opportunity_id) VALUES
        ('2026-09', 'data/2026-09/leads.csv', 2, 'L1', '2026-09-01', 'web', NULL, NULL),
        ('2026-10', 'data/2026-10/leads.csv', 2, 'L1', '2026-09-01', 'web', '2026-10-02', NULL),
        ('2026-10', 'data/2026-10/leads.csv', 3, 'L2', '2026-10-01', 'web', NULL, 'O2'),
        ('2026-10', 'data/2026-10/leads.csv', 4, 'L3', '2026-10-01', 'web', NULL, NULL),
        ('2026-10', 'data/2026-10/leads.csv', 5, 'L4', '2026-10-01', 'web', NULL, NULL);
      INSERT INTO raw_opportunities (__folder, __file, __line, opportunity_id, created_at, amount, stage, lead_id) VALUES
        ('2026-10', 'data/2026-10/opportunities.csv', 2, 'O2', '2026-10-05', 100, 'Open', NULL),
        ('2026-10', 'data/2026-10/opportunities.csv', 3, 'O3', '2026-10-06', 100, 'Open', 'L3');
      INSERT INTO raw_content_touches (__folder, __file, __line, lead_id, content_id, occurred_at, action) VALUES
        ${["L1", "L2", "L3", "L4"].map((l, i) => `('2026-10', 'data/2026-10/content_touches.csv', ${i + 2}, '${l}', 'C1', '2026-09-20', 'view')`).join(", ")};`);
    await createVersions(db);
    const ids = async (t: string) =>
      (await db.all<{ k: string; since: number }>(`SELECT lead_id AS k, __since AS since FROM ${t} ORDER BY k, since`)).map(
        (r) => `${r.k}@${r.since}`,
      );
    expect(await ids("raw_deal_leads")).toEqual(["L1@24320", "L1@24321", "L2@24321", "L3@24321"]);
    expect(await ids("raw_deal_touches")).toEqual(["L1@24321", "L2@24321", "L3@24321"]);
    // As of September L1 is not SQL yet, but its version is there: the as-of view filters it as leads does.
    await createAsOf(db, "2026-09", configSchema.parse({}));
    expect(await db.all(`SELECT lead_id, sql_at FROM deal_leads`)).toEqual([{ lead_id: "L1", sql_at: null }]);
    db.close();
  });

  it("read the month's deals through views when the deal tables hold that month alone, else copy them, the same rows either way", async () => {
    const v = await validateProject(FIXTURE);
    const db = v.db;
    const kinds = async () =>
      Object.fromEntries(
        (
          await db.all<{ name: string; kind: string }>(`
            SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE temporary AND table_name IN ('opportunities', 'first_opportunity')
            UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE temporary AND view_name IN ('opportunities', 'first_opportunity')`)
        ).map((r) => [r.name, r.kind]),
      );
    const rows = async () => ({ opportunities: await dump(db, "opportunities"), first: await dump(db, "first_opportunity") });
    await createAsOf(db, "2026-10", v.project.config);
    expect(await kinds()).toEqual({ opportunities: "view", first_opportunity: "view" });
    const alone = await rows();
    expect(alone.opportunities).not.toBe("");
    expect(alone.first).not.toBe("");
    // The deal tables made again for both months (a build of both): the month's rows are copied.
    await linkVersions(db, { first: 24320, last: 24321 });
    await createAsOf(db, "2026-10", v.project.config);
    expect(await kinds()).toEqual({ opportunities: "table", first_opportunity: "table" });
    expect(await rows()).toEqual(alone);
    // And back to October alone, on the same connection.
    await linkVersions(db, { first: 24321, last: 24321 });
    await createAsOf(db, "2026-10", v.project.config);
    expect(await kinds()).toEqual({ opportunities: "view", first_opportunity: "view" });
    expect(await rows()).toEqual(alone);
    db.close();
  });

  it("make the deal tables for the report months only, and again when an earlier month is asked for", async () => {
    const db = await openDb();
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
    await db.exec(`
      INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source, sql_at) VALUES
        ('2026-09', 'data/2026-09/leads.csv', 2, 'L1', '2026-09-01', 'web', '2026-09-02'),
        ('2026-10', 'data/2026-10/leads.csv', 2, 'L1', '2026-09-01', 'ads', '2026-09-02');`);
    await createVersions(db);
    const config = configSchema.parse({});
    // A build of October alone: September's version of L1 (until October) is left out.
    await linkVersions(db, { first: 24321, last: 24321 });
    expect(await db.all(`SELECT source FROM raw_deal_leads`)).toEqual([{ source: "ads" }]);
    await createAsOf(db, "2026-10", config);
    expect(await db.all(`SELECT source FROM deal_leads`)).toEqual([{ source: "ads" }]);
    // September asked for afterwards (a test, or one section's numbers): the tables are made again.
    await createAsOf(db, "2026-09", config);
    expect(await db.all(`SELECT source FROM deal_leads`)).toEqual([{ source: "web" }]);
    db.close();
  });

  it("compress the deal tables only when the tables in memory crowd the memory limit", async () => {
    const compressions = async (db: Db) =>
      (await db.all<{ c: string }>(`SELECT DISTINCT compression AS c FROM pragma_storage_info('raw_deal_leads') ORDER BY c`)).map(
        (r) => r.c,
      );
    // 40,000 leads that reach a deal: ~30 MB as written, every table in memory (no work file).
    const leads = `INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source, sql_at)
      SELECT '2026-10', 'data/2026-10/leads.csv', i + 2, 'L' || i, DATE '2026-10-01', 'web', DATE '2026-10-02' FROM range(40000) r(i)`;
    const made = async (memory: number) => {
      const spill = mkdtempSync(join(tmpdir(), "gekkan-spill-"));
      dirs.push(spill);
      const db = await openDb({ memory, spill });
      for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
      await db.exec(leads);
      await createVersions(db);
      return db;
    };
    // Ample room (the build's default limit): left as written.
    const roomy = await made(2 * 1024 ** 3);
    expect(await roomy.tablesCrowdMemory()).toBe(false);
    expect(await compressions(roomy)).toEqual(["Uncompressed"]);
    roomy.close();
    // A limit the written tables take more than a quarter of DuckDB's share of: compressed.
    const crowded = await made(64 * 1024 ** 2);
    expect((await compressions(crowded)).filter((c) => c !== "Uncompressed")).not.toEqual([]);
    expect(await crowded.tablesCrowdMemory()).toBe(false);
    crowded.close();
  });

  it("make a month's deal tables alone as the tables made for every month hold them in that month", async () => {
    const db = await openDb();
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
    // O1 names no lead: L1 names it until November (its source changes in October), L2 from
    // September. O2's own lead L3 has no source, and L0 names O2 too: the own lead is taken, with no
    // source. O3's lead L4 changes its source in October, O3 its amount in October.
    const lead = (folder: string, line: number, id: string, source: string | null, opp: string | null) =>
      `('${folder}', 'data/${folder}/leads.csv', ${line}, '${id}', '2026-08-01', ${source ? `'${source}'` : "NULL"}, ${opp ? `'${opp}'` : "NULL"})`;
    const opp = (folder: string, line: number, id: string, amount: number, leadId: string | null) =>
      `('${folder}', 'data/${folder}/opportunities.csv', ${line}, '${id}', '2026-08-05', ${amount}, 'Open', ${leadId ? `'${leadId}'` : "NULL"})`;
    await db.exec(`
      INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source, opportunity_id) VALUES
        ${[
          lead("2026-08", 2, "L1", "web", "O1"),
          lead("2026-09", 2, "L1", "web", "O1"),
          lead("2026-10", 2, "L1", "ads", "O1"),
          lead("2026-11", 2, "L1", "ads", null),
          lead("2026-09", 3, "L2", "event", "O1"),
          lead("2026-08", 4, "L3", null, "O2"),
          lead("2026-08", 5, "L0", "partner", "O2"),
          lead("2026-08", 6, "L4", "seminar", null),
          lead("2026-10", 6, "L4", "web", null),
        ].join(", ")};
      INSERT INTO raw_opportunities (__folder, __file, __line, opportunity_id, created_at, amount, stage, lead_id) VALUES
        ${[opp("2026-08", 2, "O1", 100, null), opp("2026-10", 2, "O1", 150, null), opp("2026-09", 3, "O2", 50, "L3"), opp("2026-11", 3, "O2", 60, "L3"), opp("2026-08", 4, "O3", 70, "L4"), opp("2026-10", 4, "O3", 80, "L4")].join(", ")};`);
    await createVersions(db);
    const tables = ["raw_deal_leads", "raw_deal_touches", "raw_deal_opportunities", "raw_first_opportunity"];
    const heldAt = async (m: number) => {
      const out: Record<string, string> = {};
      for (const t of tables) {
        // With the lead_id of the lead a row's code names (dump leaves the codes out): a deal's lead is derived.
        await db.exec(`CREATE OR REPLACE TEMP VIEW held AS SELECT t.* EXCLUDE (__since, __until), l.lead_id AS of_lead
          FROM ${db.scratch}${t} t LEFT JOIN (SELECT DISTINCT __lead, lead_id FROM raw_leads) l ON l.__lead = t.__lead
          WHERE ${validAt(m, "t")}`);
        out[t] = await dump(db, "held");
      }
      return out;
    };
    for (const m of [24319, 24320, 24321, 24322]) {
      await linkVersions(db);
      const every = await heldAt(m);
      await linkVersions(db, { first: m, last: m });
      expect(await heldAt(m)).toEqual(every);
      // Made for m alone, every deal version holds in m.
      expect(
        await db.one(`SELECT count(*) FILTER (WHERE NOT (${validAt(m)})) AS outside FROM ${db.scratch}raw_deal_opportunities`),
      ).toEqual({
        outside: 0,
      });
    }
    await createAsOf(db, "2026-11", configSchema.parse({}));
    expect(
      await db.all(`SELECT o.opportunity_id AS id, l.lead_id AS lead, o.source, o.amount
        FROM opportunities o LEFT JOIN deal_leads l ON l.__lead = o.__lead ORDER BY 1`),
    ).toEqual([
      { id: "O1", lead: "L2", source: "event", amount: 150 },
      { id: "O2", lead: "L3", source: null, amount: 60 },
      { id: "O3", lead: "L4", source: "web", amount: 80 },
    ]);
    db.close();
  });
});
