import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryLimitError, openDb, spillDirectory } from "../src/model/duckdb.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { loadProject } from "../src/read/project.ts";
import { bytesOf, memorySize } from "../src/schema/memory.ts";

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "gekkan-memory-"));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
const MB = 1024 * 1024;

describe("the memory setting", () => {
  it("reads sizes as people write them, in binary units", () => {
    expect(bytesOf("2GB")).toBe(2 * 1024 * MB);
    expect(bytesOf("1.5GB")).toBe(1536 * MB);
    expect(bytesOf("1536MB")).toBe(1536 * MB);
    expect(bytesOf("512 mb")).toBe(512 * MB);
    for (const ok of ["2GB", " 4 GB ", "256MB"]) expect(memorySize.safeParse(ok).success, ok).toBe(true);
    for (const bad of ["2", "2TB", "2GiB", "-1GB", "lots", "100MB"]) expect(memorySize.safeParse(bad).success, bad).toBe(false);
  });

  it("is a config key, unset by default (so the configuration shown stays as written), checked like the rest", () => {
    expect(loadProject(project({ "data/2026-10/leads.csv": "" })).config.memory).toBeUndefined();
    expect(loadProject(project({ "gekkan.config.yaml": "memory: 3GB\n", "data/2026-10/leads.csv": "" })).config.memory).toBe("3GB");
    const low = loadProject(project({ "gekkan.config.yaml": "locale: en\nmemory: 64MB\n", "data/2026-10/leads.csv": "" }));
    expect(low.problems[0]).toMatchObject({ severity: "error", code: "bad-config", line: 2 });
    expect(low.problems[0]!.message).toContain("256MB");
  });

  it("gives the build's database three quarters of the limit (the project's setting, or 2GB; a run's own option first) and removes its spill directory after", async () => {
    const root = project({
      "gekkan.config.yaml": "memory: 768MB\n",
      "data/2026-10/campaigns.csv": "campaign_id,name,channel,type,cost,started_at\nC1,Spring,ads,Search,1000,2026-10-01\n",
    });
    const limit = async (memory?: string) => {
      const v = await validateProject(root, undefined, { memory });
      try {
        return (await v.db.one<{ m: string }>(`SELECT current_setting('memory_limit') AS m`)).m;
      } finally {
        v.db.close();
      }
    };
    expect(await limit()).toBe("576.0 MiB");
    expect(await limit("1GB")).toBe("768.0 MiB");
    writeFileSync(join(root, "gekkan.config.yaml"), "locale: ja\n");
    expect(await limit()).toBe("1.5 GiB");
    expect(existsSync(join(root, ".gekkan", "spill", String(process.pid)))).toBe(false);
  });
});

describe("the database's memory limit", () => {
  it("spills tables beyond it to a directory of its own, removed on close", async () => {
    const spill = spillDirectory(project({}));
    const db = await openDb({ memory: 64 * MB, spill });
    try {
      await db.exec(`CREATE TABLE t AS SELECT range AS id, md5(range::VARCHAR) || md5((range + 1)::VARCHAR) AS s FROM range(2000000)`);
      const { spilled } = await db.one<{ spilled: number }>(`SELECT sum(temporary_storage_bytes) AS spilled FROM duckdb_memory()`);
      expect(spilled).toBeGreaterThan(32 * MB);
      expect(existsSync(spill)).toBe(true);
      expect(await db.one(`SELECT count(*) AS n, sum(length(s)) AS chars FROM t`)).toEqual({ n: 2_000_000, chars: 128_000_000 });
    } finally {
      db.close();
    }
    expect(existsSync(spill)).toBe(false);
  });

  it("stops with what to do when the limit is too low and spilling cannot help", async () => {
    const spill = spillDirectory(project({}));
    const db = await openDb({ memory: 64 * MB, spill });
    try {
      await db.exec(`SET max_temp_directory_size = '1MB'`);
      const made = db.exec(
        `CREATE TABLE t AS SELECT range AS id, md5(range::VARCHAR) || md5((range + 1)::VARCHAR) AS s FROM range(2000000)`,
      );
      await expect(made).rejects.toBeInstanceOf(MemoryLimitError);
      await expect(made).rejects.toThrow(
        /needs more than its share of the 64 MB memory limit and could not spill the rest to disk\. Fix: .*--memory/,
      );
      await expect(made).rejects.toMatchObject({ cause: expect.stringMatching(/^Out of Memory Error/) });
    } finally {
      db.close();
    }
  });

  it("holds a smaller share for a while, evicting what it held above it, and gets its own share back", async () => {
    const spill = spillDirectory(project({}));
    const db = await openDb({ memory: 256 * MB, spill });
    const limit = async () => (await db.one<{ m: string }>(`SELECT current_setting('memory_limit') AS m`)).m;
    const held = async () => (await db.one<{ b: number }>(`SELECT sum(memory_usage_bytes)::DOUBLE AS b FROM duckdb_memory()`)).b;
    try {
      await db.exec(`CREATE TABLE t AS SELECT range AS id, md5(range::VARCHAR) || md5((range + 1)::VARCHAR) AS s FROM range(1000000)`);
      const own = await limit();
      expect(await held()).toBeGreaterThan(64 * MB);
      const during = await db.withMemoryShare(0.25, async () => ({ limit: await limit(), held: await held() }));
      // 0.25 x 256 MB; what it held above that went to disk.
      expect(during.limit).toBe("64.0 MiB");
      expect(during.held).toBeLessThanOrEqual(64 * MB);
      expect(await limit()).toBe(own);
      expect(own).toBe("192.0 MiB");
      expect(await db.one(`SELECT count(*) AS n FROM t`)).toEqual({ n: 1_000_000 });
    } finally {
      db.close();
    }
  });

  it("removes the spill directories of runs no longer running, never a running one's", () => {
    const root = project({});
    const parent = join(root, ".gekkan", "spill");
    const dead = join(parent, "999999999");
    const alive = join(parent, String(process.ppid));
    mkdirSync(dead, { recursive: true });
    mkdirSync(alive, { recursive: true });
    expect(spillDirectory(root)).toBe(join(parent, String(process.pid)));
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
  });
});
