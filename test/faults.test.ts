// Fault injection: builds and publishes killed (SIGKILL) at seeded random moments, a damaged and a
// read-only cache, a full disk, two builds at once. After each: data/ and reports/ are unchanged
// (a killed publish leaves each file of reports/ as it was or as a finished publish writes it),
// dist/ is the old site or the new one, never a part, and the next build succeeds.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, TOOL_ROOT } from "../src/site/build.ts";
import { formatProblem } from "../src/validate/problem.ts";
import { hashes } from "./helpers/files.ts";
import { prng } from "./helpers/prng.ts";
import { makeReadOnly } from "./helpers/readonly.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
const NODE = join(TOOL_ROOT, "node_modules/.bin/node");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-faults-"));
const root = join(tmp, "project");
const dist = join(root, "dist");
const random = prng(26);
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.reverse()) c();
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run a CLI of the tool on the project; with `killAfter`, SIGKILL it after that many ms. */
function cli(args: string[], killAfter?: number, env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  const child: ChildProcess = spawn(NODE, args, { cwd: TOOL_ROOT, env: { ...process.env, GEKKAN_TODAY: "2026-11-05", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfter);
  return new Promise((done) =>
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, ms: Date.now() - started });
    }),
  );
}
const build = (killAfter?: number) => cli(["src/cli/build.ts", "--project", root, "--quiet"], killAfter);
const publish = (killAfter?: number) => cli(["src/cli/publish.ts", "2026-10", "--project", root], killAfter);

/** Files of `dir` with their hashes, or null when it does not exist. */
const tree = (dir: string) => (existsSync(dir) ? Object.fromEntries(hashes(dir)) : null);
/** What killed runs left beside dist/ or in the temp directory. */
const leftovers = () => [
  ...readdirSync(root).filter((n) => /^dist\.(tmp|old)-/.test(n)),
  ...readdirSync(tmpdir()).filter((n) => /^gekkan-(build|stage)-\d+-/.test(n) && !alive(Number(n.split("-")[2]))),
];
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(() => {
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
});

describe("faults", () => {
  /** The site as the last complete build made it. */
  let site: Record<string, string>;
  /** dist/ after each killed build, to compare with the old site and the new one. */
  const killed: { delay: number; state: Record<string, string> | null }[] = [];
  let old: Record<string, string>;

  it("SIGKILL at random moments of a publish leaves each file of reports/ old or new; publishing again completes it", async () => {
    // The old site, which killed builds (next test) must leave or replace whole.
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    old = tree(dist)!;
    const data = tree(join(root, "data"));
    const before = tree(join(root, "reports"))!;
    const states: Record<string, string>[] = [];
    for (let i = 0; i < 2; i++) {
      const r = await publish(Math.round(200 + random() * 1400));
      states.push(tree(join(root, "reports"))!);
      expect(tree(join(root, "data"))).toEqual(data);
      if (r.signal !== "SIGKILL") break;
    }
    // A publish killed before its edition was written left the month unpublished: publishing again completes it.
    const again = await publish();
    expect(again.code === 0 || /already published/.test(again.stderr), again.stderr).toBe(true);
    const after = tree(join(root, "reports"))!;
    expect(Object.keys(after)).toContain("editions/2026-10.r1.json");
    for (const s of states) {
      for (const [file, hash] of Object.entries(s)) expect([before[file], after[file]], file).toContain(hash);
      expect(Object.keys(s).every((f) => f in before || f in after)).toBe(true);
    }
    expect(tree(join(root, "data"))).toEqual(data);
    expect(readdirSync(join(root, ".gekkan/tmp")).filter((n) => !alive(Number(n.split(".").at(-2))))).toEqual([]);
  }, 120_000);

  it("SIGKILL at random moments of a build leaves data/ and reports/ as they were", async () => {
    const data = tree(join(root, "data"));
    const reports = tree(join(root, "reports"));
    for (let i = 0; i < 3; i++) {
      // Anywhere from reading the data to past the end of the render and swap (a build takes ~first.ms).
      const delay = Math.round(1000 + random() * 5000);
      const r = await build(delay);
      killed.push({ delay: r.signal === "SIGKILL" ? delay : -delay, state: tree(dist) });
      expect(tree(join(root, "data")), `data after a kill at ${delay} ms`).toEqual(data);
      expect(tree(join(root, "reports")), `reports after a kill at ${delay} ms`).toEqual(reports);
    }
    expect(
      killed.some((k) => k.delay > 0),
      `kills: ${killed.map((k) => k.delay)}`,
    ).toBe(true);
  }, 120_000);

  it("two builds at once (the next after the killed ones) both succeed; every killed build left the old site or this one", async () => {
    const [a, b] = await Promise.all([build(), build()]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(leftovers()).toEqual([]);
    site = tree(dist)!;
    expect(site).toHaveProperty(".gekkan-site");
    // Published since the old site was built: the new site differs from it.
    expect(site).not.toEqual(old);
    for (const k of killed) expect([old, site], `dist after a kill at ${k.delay} ms`).toContainEqual(k.state);
  }, 120_000);

  it("a damaged cache entry is read again from its export; a read-only cache is warned about", async () => {
    const cache = join(root, ".gekkan/cache");
    const parquets = readdirSync(cache).filter((n) => n.endsWith(".parquet"));
    expect(parquets.length).toBeGreaterThan(0);
    for (const p of parquets) truncateSync(join(cache, p), Math.floor(statSync(join(cache, p)).size / 3));
    const damaged = await buildSite({ root, cache: true });
    expect(damaged.ok, damaged.problems.map(formatProblem).join("\n")).toBe(true);
    // The same site as the two builds at once made.
    expect(tree(dist)).toEqual(site);
    const undo = makeReadOnly(cache);
    if (!undo) {
      // No directory can be made read-only here: a file in the cache's place cannot be written either.
      rmSync(join(root, ".gekkan"), { recursive: true });
      writeFileSync(join(root, ".gekkan"), "");
    }
    try {
      // A new month: files the cache has never seen.
      mkdirSync(join(root, "data/2026-11"));
      writeFileSync(join(root, "data/2026-11/leads.csv"), "lead_id,created_at,source,owner\nL20,2026-11-02,web,Baba\n");
      const readOnly = await buildSite({ root, cache: true });
      expect(readOnly.ok, readOnly.problems.map(formatProblem).join("\n")).toBe(true);
      expect(readOnly.notices?.map(formatProblem)).toEqual([
        expect.stringMatching(
          /^WARNING \.gekkan\/cache\/: cannot be written \((EROFS|EACCES|ENOTDIR|EEXIST)\); this run goes on without storing/,
        ),
      ]);
      expect(tree(dist)).not.toEqual(site);
    } finally {
      if (undo) undo();
      else rmSync(join(root, ".gekkan"));
    }
    site = tree(dist)!;
  }, 120_000);

  it("a full disk stops the build with where and why; the old site stays, and the next build succeeds", async () => {
    // A small temporary file system for the site, where the machine allows mounting one.
    const mount = join(tmp, "small-disk");
    mkdirSync(mount);
    let mounted = false;
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mount], { stdio: "ignore" });
      mounted = true;
      cleanups.push(() => execFileSync("umount", [mount], { stdio: "ignore" }));
    } catch {
      // not allowed here: the write error is injected instead (below)
    }
    const out = join(mount, "dist");
    // The last site, as an earlier build into this disk would have left it.
    cpSync(dist, out, { recursive: true });
    const before = tree(out);
    appendFileSync(join(root, "data/2026-11/leads.csv"), "L21,2026-11-03,web,Aoki\n");
    const data = tree(join(root, "data"));
    let failed: Awaited<ReturnType<typeof buildSite>>;
    if (mounted) {
      // Fill the disk: the site's files no longer fit.
      const filler = join(mount, "filler");
      try {
        writeFileSync(filler, Buffer.alloc(8 << 20));
      } catch {
        // full
      }
      failed = await buildSite({ root, outDir: out });
      rmSync(filler, { force: true });
    } else {
      const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      failed = await buildSite({
        root,
        outDir: out,
        writeFile: () => {
          throw enospc;
        },
      });
    }
    expect(failed.ok).toBe(false);
    expect(failed.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^ERROR ${out}: the site could not be written there: no space left on the device \\(ENOSPC writing .*\\)\\. Fix: free space on the disk that holds ${out} \\(df -h shows it\\), or build elsewhere with --out$`,
        ),
      ),
    ]);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(mount).filter((n) => n !== "dist")).toEqual([]);
    expect(tree(join(root, "data"))).toEqual(data);
    const next = await buildSite({ root, outDir: out });
    expect(next.ok).toBe(true);
    expect(tree(out)).not.toEqual(before);
  }, 120_000);
});
