// Reading files on top of held rows: datasets validated side by side (loadData's lanes), and the
// checks across datasets run side by side, give what reading them one at a time gives, the same
// rows and the same report, in the same order.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../src/model/duckdb.ts";
import { loadData } from "../src/model/load.ts";
import { loadProject } from "../src/read/project.ts";

const REPO = join(import.meta.dirname, "..");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The raw tables as an order-free hash of their rows. */
async function tables(db: Db): Promise<Record<string, unknown>> {
  const names = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND (table_name LIKE 'raw\\_%' ESCAPE '\\' OR table_name = 'rejected_ids') ORDER BY 1`,
  );
  const out: Record<string, unknown> = {};
  for (const { name } of names)
    out[name] = await db.one(
      `SELECT count(*) AS n, md5(string_agg(h, '' ORDER BY h)) AS h FROM (SELECT md5(t::VARCHAR) AS h FROM "${name}" t)`,
    );
  return out;
}

async function read(lanes: number, root = REPO) {
  const project = loadProject(root);
  const db = await openDb({ threads: 2 });
  const log: string[] = [];
  try {
    // The first months (the sample's first three), then the rest on top of them, as a build reads a state's drafts.
    const first = project.files.filter((f) => f.folder !== null && f.folder <= project.months[Math.min(2, project.months.length - 2)]!);
    await loadData(db, project, { files: first, lanes: 1, prune: false });
    const loaded = await loadData(db, project, {
      files: project.files.filter((f) => !first.includes(f)),
      lanes,
      progress: (m) => log.push(m),
    });
    return {
      files: loaded.files.map(({ readMs: _, ...f }) => f),
      problems: loaded.problems,
      provided: [...loaded.provided].map(([folder, ds]) => [folder, [...ds]]),
      tables: await tables(db),
      read: log.filter((m) => m.startsWith("reading ")).sort(),
    };
  } finally {
    db.close();
  }
}

describe("loadData", () => {
  it("validates datasets side by side as it does one at a time", async () => {
    const one = await read(1);
    const two = await read(2);
    expect(one.problems.length).toBeGreaterThan(0); // the sample's messy month
    expect(two).toEqual(one);
  });

  it("runs the checks across datasets side by side as it does one after another, their problems in the same order", async () => {
    const root = mkdtempSync(join(tmpdir(), "gekkan-load-"));
    dirs.push(root);
    const files: Record<string, string> = {
      "2026-09/leads.csv": "lead_id,created_at,source\nL1,2026-09-01,web\n0123,2026-09-02,web\n",
      // L1 became MQL before it was created (an anomaly); 123 differs from September's 0123 in
      // leading zeros only; O1's lead L8 is not marketing's, and so is no deal of the file.
      "2026-10/leads.csv":
        "lead_id,created_at,source,mql_at\nL1,2026-09-01,web,2026-08-30\n123,2026-10-03,web,\nL8,2026-10-04,Offline Sources,\n",
      // A2 names L9, which no folder has.
      "2026-10/activities.csv":
        "activity_id,occurred_at,type,owner,lead_id\nA1,2026-10-02 10:00,call,Aoki,L1\nA2,2026-10-02 11:00,call,Aoki,L9\n",
      "2026-10/opportunities.csv": "opportunity_id,created_at,amount,stage,lead_id\nO1,2026-10-05,1200000,Proposal,L8\n",
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(root, "data", rel.split("/")[0]!), { recursive: true });
      writeFileSync(join(root, "data", rel), text);
    }
    const one = await read(1, root);
    const two = await read(2, root);
    // One problem of each check at least: references, anomalies, unsourced deals, leading zeros.
    expect(new Set(one.problems.map((p) => p.code))).toEqual(
      new Set(["unknown-reference", "mql-before-created", "no-marketing-source", "leading-zero-ids"]),
    );
    expect(two).toEqual(one);
  });
});
