// What a killed run left behind is removed once its process is gone, never while it runs: the shared
// sweep (model/process.ts), the callers that sweep with it (the spill folders, the atomic writes),
// and the render lock (site/lock.ts).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeStaleWrites } from "../src/edition/atomic.ts";
import { spillDirectory } from "../src/model/duckdb.ts";
import { removeDeadLeftovers, running } from "../src/model/process.ts";
import { withLock } from "../src/site/lock.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-process-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The pid of a process that has exited: it names no running process. */
const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;

describe("running", () => {
  it("tells this process from one that has exited", () => {
    expect(running(process.pid)).toBe(true);
    expect(running(Number(gone))).toBe(false);
  });

  it("counts a process of another user as running (init, pid 1: not signalled but there, unless this runs as root)", () => {
    expect(running(1)).toBe(true);
  });
});

describe("removeDeadLeftovers", () => {
  it("removes the entries of exited processes only, and says which", () => {
    const dir = join(tmp, "sweep");
    mkdirSync(dir);
    for (const name of [`x-${gone}`, `x-${process.pid}`, `x-${process.ppid}`, `y-${gone}`, "x-"]) writeFileSync(join(dir, name), "");
    const removed = removeDeadLeftovers(dir, /^x-(\d+)$/, (path) => rmSync(path));
    expect(removed).toEqual([join(dir, `x-${gone}`)]);
    expect(readdirSync(dir).sort()).toEqual(["x-", `x-${process.pid}`, `x-${process.ppid}`, `y-${gone}`].sort());
  });

  it("finds nothing in a folder that cannot be read", () => {
    expect(removeDeadLeftovers(join(tmp, "missing"), /(\d+)/, () => expect.unreachable())).toEqual([]);
  });
});

describe("its callers", () => {
  it("spillDirectory removes an exited run's spill folder and keeps a live one's", () => {
    const root = join(tmp, "spill");
    const parent = join(root, ".gekkan", "spill");
    for (const name of [gone, String(process.ppid), "notes"]) mkdirSync(join(parent, name), { recursive: true });
    expect(spillDirectory(root)).toBe(join(parent, String(process.pid)));
    expect(readdirSync(parent).sort()).toEqual([String(process.ppid), "notes"].sort());
  });

  it("removeStaleWrites removes an exited publish's half-written file and keeps a live one's", () => {
    const root = join(tmp, "writes");
    const dir = join(root, ".gekkan", "tmp");
    mkdirSync(dir, { recursive: true });
    for (const name of [`2026-10.md.${gone}.tmp`, `2026-10.md.${process.ppid}.tmp`, "2026-10.md"]) writeFileSync(join(dir, name), "");
    removeStaleWrites(root);
    expect(readdirSync(dir).sort()).toEqual(["2026-10.md", `2026-10.md.${process.ppid}.tmp`].sort());
  });
});

describe("the render lock", () => {
  const held = (name: string, owner: string) => {
    const dir = join(tmp, name);
    mkdirSync(join(dir, "gekkan-render.lock"), { recursive: true });
    writeFileSync(join(dir, "gekkan-render.lock", "pid"), owner);
    return dir;
  };

  it("is taken over from a build that has exited, and released after", async () => {
    const dir = held("lock-gone", gone);
    expect(await withLock(dir, async () => readdirSync(join(dir, "gekkan-render.lock")))).toEqual(["pid"]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("is waited for while its owner runs, also another user's (pid 1), then fails saying so", async () => {
    for (const owner of [String(process.ppid), "1"]) {
      const dir = held(`lock-${owner}`, owner);
      await expect(withLock(dir, async () => expect.unreachable(), 300)).rejects.toThrow(/another build holds/);
      expect(readdirSync(join(dir, "gekkan-render.lock"))).toEqual(["pid"]);
    }
  });
});
