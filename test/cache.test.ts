// The validated-file cache: a rebuild reuses what an earlier build validated, and only that.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publishMonth } from "../src/edition/publish.ts";
import { storeBatches } from "../src/model/cache.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { buildSite } from "../src/site/build.ts";
import { DATASET_NAMES } from "../src/schema/dataset.ts";
import type { DataFile } from "../src/read/project.ts";
import { formatProblem } from "../src/validate/problem.ts";
import { hashes } from "./helpers/files.ts";
import { makeReadOnly } from "./helpers/readonly.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(): string {
  const root = mkdtempSync(join(tmpdir(), "gekkan-cache-"));
  dirs.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  rmSync(join(root, "dist"), { recursive: true, force: true });
  rmSync(join(root, ".gekkan"), { recursive: true, force: true });
  return root;
}

/** Every raw table, every problem, and which datasets were read from the cache. */
async function read(root: string, options: { cache?: boolean } = {}) {
  const messages: string[] = [];
  const v = await validateProject(root, (m) => messages.push(m), { cache: true, ...options });
  const tables: Record<string, unknown[]> = {};
  for (const d of DATASET_NAMES) {
    tables[d] = (await v.db.all<{ j: string }>(`SELECT to_json(t)::VARCHAR AS j FROM raw_${d} t ORDER BY __file, __line`)).map((r) => r.j);
  }
  v.db.close();
  const reused = messages.filter((m) => m.includes("validated before"));
  return { tables, problems: v.problems, files: v.loaded.files.map(({ readMs: _t, ...f }) => f), provided: v.loaded.provided, reused };
}

const entries = (root: string) =>
  existsSync(join(root, ".gekkan/cache")) ? readdirSync(join(root, ".gekkan/cache")).filter((f) => f.endsWith(".json")) : [];

describe("validated-file cache", () => {
  it("gives a rebuild the same rows, problems and file records, without reading the exports again", async () => {
    const root = project();
    const data = hashes(join(root, "data"));
    const cold = await read(root);
    expect(cold.reused).toEqual([]);
    // One entry per file read (3 in October, 1 in September, targets).
    expect(entries(root)).toHaveLength(5);
    const warm = await read(root);
    expect(warm.reused).toEqual([
      "validating leads (2 files validated before)",
      "validating activities (1 file validated before)",
      "validating opportunities (1 file validated before)",
      "validating targets (1 file validated before)",
    ]);
    expect(warm.tables).toEqual(cold.tables);
    expect(warm.problems).toEqual(cold.problems);
    expect(warm.files).toEqual(cold.files);
    expect(warm.provided).toEqual(cold.provided);
    // And the same as a read that does not use the cache at all.
    const uncached = await read(root, { cache: false });
    expect(uncached.tables).toEqual(cold.tables);
    expect(uncached.problems).toEqual(cold.problems);
    expect(hashes(join(root, "data"))).toEqual(data);
  });

  it("is written by a build: the next read takes every file from it and gets the same rows", async () => {
    const root = project();
    const built = await buildSite({ root, cache: true });
    expect(built.ok).toBe(true);
    expect(entries(root)).toHaveLength(5);
    const warm = await read(root);
    expect(warm.reused).toHaveLength(4);
    const uncached = await read(root, { cache: false });
    expect(warm.tables).toEqual(uncached.tables);
    expect(warm.problems).toEqual(uncached.problems);
    // No half-written entry is left behind.
    expect(readdirSync(join(root, ".gekkan/cache")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 120_000);

  it("stores a batch's files together: when one cannot be written, its batch leaves nothing behind", async () => {
    const root = project();
    const v = await validateProject(root, () => {}, { cache: true, deferCacheWrites: true });
    const cache = v.loaded.cache!;
    expect(cache.deferred).toContain("leads");
    const leads = v.loaded.files.filter((f) => f.dataset === "leads");
    expect(leads).toHaveLength(2);
    const keyOf = (f: (typeof leads)[number]) => cache.key({ rel: f.rel } as DataFile, f.sha256);
    // A directory where the second leads file's Parquet goes: its COPY fails after the first one's succeeded.
    const blocked = join(cache.dir, `${keyOf(leads[1]!)}.parquet.${process.pid}.tmp`);
    mkdirSync(blocked, { recursive: true });
    try {
      // A cache that cannot be written is warned about; the run goes on.
      await cache.writeDeferred(v.db);
    } finally {
      v.db.close();
    }
    expect(cache.warnings.map((p) => p.code)).toEqual(["cache-unwritable"]);
    rmSync(blocked, { recursive: true });
    // The leads' batch left no file; another batch the second connection stored meanwhile is whole.
    const left = readdirSync(cache.dir);
    expect(left.filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(left.filter((f) => leads.some((l) => f.startsWith(keyOf(l))))).toEqual([]);
    expect(left.filter((f) => f.endsWith(".json")).map((f) => f.replace(/json$/, "parquet"))).toEqual(
      left.filter((f) => f.endsWith(".parquet")),
    );
    // The next read validates the rest again, reuses what was stored, and stores every file.
    const next = await read(root);
    expect(next.reused).not.toContain(expect.stringMatching(/^validating leads/));
    expect(next.reused).toHaveLength(left.filter((f) => f.endsWith(".json")).length);
    expect(entries(root)).toHaveLength(5);
    expect(next.tables).toEqual((await read(root, { cache: false })).tables);
  });

  it("stores every file on the first connection when the second is never called in (a render that failed)", async () => {
    const root = project();
    const v = await validateProject(root, () => {}, { cache: true, deferCacheWrites: true });
    try {
      const threads = await v.db.threads();
      await v.loaded.cache!.writeDeferred(v.db, new Promise(() => {}));
      // One thread each while storing, then the database's own count again.
      expect(await v.db.threads()).toBe(threads);
    } finally {
      v.db.close();
    }
    expect(entries(root)).toHaveLength(5);
    expect((await read(root)).reused).toHaveLength(4);
  });

  it("batches a dataset's files by rows, dataset after dataset", () => {
    const f = (dataset: string, rows: number) => ({ file: { dataset }, entry: { rows } });
    const [a, b, c, d] = [f("leads", 100_000), f("leads", 150_000), f("leads", 10), f("leads", 300_000)];
    const [e, g] = [f("spend", 5), f("spend", 7)];
    // A batch closes once it reaches 250,000 rows: a+b (250,000), c+d (300,010); spend's two together.
    expect(storeBatches([a, b, e, c, d, g])).toEqual([
      [a, b],
      [c, d],
      [e, g],
    ]);
    expect(storeBatches([])).toEqual([]);
  });

  it("is written by a build that stops on errors, for its files without errors", async () => {
    const root = project();
    appendFileSync(join(root, "data/2026-10/opportunities.csv"), "O9,2026-10-20,not a number,Proposal,L1\n");
    const built = await buildSite({ root, cache: true });
    expect(built.ok).toBe(false);
    expect(entries(root)).toHaveLength(4);
    const warm = await read(root);
    expect(warm.tables).toEqual((await read(root, { cache: false })).tables);
  }, 120_000);

  it("is written by a build with nothing to compute, every month published", async () => {
    const root = project();
    const published = await publishMonth({
      root,
      month: ["2026-09", "2026-10"],
      today: "2026-11-05",
      restate: false,
      tool: { name: "gekkan", version: "test" },
    });
    expect(published.ok).toBe(true);
    expect(entries(root)).toEqual([]);
    expect((await buildSite({ root, cache: true })).ok).toBe(true);
    expect(entries(root)).toHaveLength(5);
    // Without the published months' state (model/state.ts), which would spare reading them at all.
    rmSync(join(root, ".gekkan/state"), { recursive: true, force: true });
    const warm = await read(root);
    expect(warm.reused).toHaveLength(4);
    expect(warm.tables).toEqual((await read(root, { cache: false })).tables);
  }, 120_000);

  it("reads a changed file again, and drops the entry of its old version", async () => {
    const root = project();
    await read(root);
    appendFileSync(join(root, "data/2026-10/leads.csv"), "L9,2026-10-20,event,Aoki,,,,,z@x.example\n");
    const after = await read(root);
    expect(after.reused).toContain("validating leads (1 file validated before)");
    expect(after.tables.leads!.some((j) => String(j).includes('"lead_id":"L9"'))).toBe(true);
    expect(entries(root)).toHaveLength(5);
  });

  it("starts afresh when the config or the mapping changes", async () => {
    const root = project();
    await read(root);
    appendFileSync(join(root, "gekkan.config.yaml"), "\nvalidation:\n  exportLagDays: 20\n");
    expect((await read(root)).reused).toEqual([]);
    writeFileSync(join(root, "mapping.yaml"), "columns:\n  leads:\n    担当者: owner\n");
    expect((await read(root)).reused).toEqual([]);
    expect(entries(root)).toHaveLength(5);
  });

  it("never keeps a file with errors, so its errors are found again on every read", async () => {
    const root = project();
    appendFileSync(join(root, "data/2026-10/opportunities.csv"), "O9,2026-10-20,not a number,Proposal,L1\n");
    const first = await read(root);
    const errors = first.problems.filter((p) => p.severity === "error");
    expect(errors.map((p) => [p.file, p.column, p.value])).toEqual([["data/2026-10/opportunities.csv", "amount", "not a number"]]);
    expect(entries(root)).toHaveLength(4);
    const second = await read(root);
    expect(second.problems.filter((p) => p.severity === "error")).toEqual(errors);
    expect(second.reused).not.toContain("validating opportunities (1 file validated before)");
  });

  const parquets = (root: string) =>
    readdirSync(join(root, ".gekkan/cache"))
      .filter((f) => f.endsWith(".parquet"))
      .map((f) => join(root, ".gekkan/cache", f));

  it("treats a Parquet file cut short as a miss: the file is read from its export and stored again", async () => {
    const root = project();
    const cold = await read(root);
    // The largest entry (a leads file), cut to half its size.
    const victim = parquets(root).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const size = statSync(victim).size;
    truncateSync(victim, Math.floor(size / 2));
    const after = await read(root);
    expect(after.tables).toEqual(cold.tables);
    expect(after.problems).toEqual(cold.problems);
    expect(after.files).toEqual(cold.files);
    expect(after.reused).toContain("validating leads (1 file validated before)");
    // Stored again, whole.
    expect(statSync(victim).size).toBe(size);
    expect((await read(root)).reused).toContain("validating leads (2 files validated before)");
  });

  it("treats a Parquet file damaged inside (its size and ends intact) as a miss, read from its export", async () => {
    const root = project();
    const cold = await read(root);
    const victim = parquets(root).sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const size = statSync(victim).size;
    const fd = openSync(victim, "r+");
    writeSync(fd, Buffer.alloc(Math.floor(size / 2), 0xff), 0, Math.floor(size / 2), 4);
    closeSync(fd);
    const after = await read(root);
    expect(after.tables).toEqual(cold.tables);
    expect(after.problems).toEqual(cold.problems);
    expect(after.files).toEqual(cold.files);
    expect((await read(root)).reused).toContain("validating leads (2 files validated before)");
  });

  it("treats an entry that is not JSON as a miss", async () => {
    const root = project();
    const cold = await read(root);
    for (const e of entries(root)) writeFileSync(join(root, ".gekkan/cache", e), '{"rows": 3, "probl');
    const after = await read(root);
    expect(after.reused).toEqual([]);
    expect(after.tables).toEqual(cold.tables);
    expect((await read(root)).reused).toHaveLength(4);
  });

  it("goes on without storing when .gekkan/cache cannot be written, and says so once", async () => {
    const root = project();
    const cold = await read(root);
    appendFileSync(join(root, "data/2026-10/leads.csv"), "L9,2026-10-20,event,Aoki,,,,,z@x.example\n");
    const dir = join(root, ".gekkan/cache");
    const before = hashes(dir);
    const undo = makeReadOnly(dir);
    // Where no directory can be made read-only here, a file in the cache's place cannot be written either.
    if (!undo) {
      rmSync(join(root, ".gekkan"), { recursive: true });
      writeFileSync(join(root, ".gekkan"), "");
    }
    try {
      const messages: string[] = [];
      const v = await validateProject(root, (m) => messages.push(m), { cache: true });
      v.db.close();
      expect(v.problems.filter((p) => p.severity === "error")).toEqual([]);
      expect(v.loaded.files.find((f) => f.rel === "data/2026-10/leads.csv")!.rows).toBe(
        cold.files.find((f) => f.rel === "data/2026-10/leads.csv")!.rows + 1,
      );
      expect(v.notices.map(formatProblem)).toEqual([
        expect.stringMatching(
          /^WARNING \.gekkan\/cache\/: cannot be written \((EROFS|EACCES|ENOTDIR|EEXIST)\); this run goes on without storing what it validated, so the next one reads every changed file again\. Fix: make \.gekkan\/ writable, or free space on its disk; deleting \.gekkan\/ is always safe$/,
        ),
      ]);
      // Not a data problem: never on a page.
      expect(v.problems.some((p) => p.code === "cache-unwritable")).toBe(false);
      if (undo) expect(hashes(dir)).toEqual(before);
      // A build goes on too.
      const built = await buildSite({ root, cache: true, outDir: join(root, "site") });
      expect(built.ok).toBe(true);
      expect(built.notices?.map((p) => p.code)).toEqual(["cache-unwritable"]);
    } finally {
      undo?.();
    }
  }, 120_000);
});
