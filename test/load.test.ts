// Reading files on top of held rows: datasets validated side by side (loadData's lanes) give what
// reading them one at a time gives, the same rows and the same report, in the same order.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb, type Db } from "../src/model/duckdb.ts";
import { loadData } from "../src/model/load.ts";
import { loadProject } from "../src/read/project.ts";

const REPO = join(import.meta.dirname, "..");

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

async function read(lanes: number) {
  const project = loadProject(REPO);
  const db = await openDb({ threads: 2 });
  const log: string[] = [];
  try {
    // The sample's first months, then the rest on top of them, as a build reads a state's drafts.
    const first = project.files.filter((f) => f.folder !== null && f.folder <= project.months[2]!);
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
});
