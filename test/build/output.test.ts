// The output directory: a build never replaces a directory that holds anything but an earlier site
// (`--out data` deleted every export), and --base is a path or refused.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TOOL_ROOT } from "../../src/site/build.ts";
import { normalizeBase, outDirProblem, removeLeftovers, SITE_MARKER } from "../../src/site/output.ts";
import { formatProblem } from "../../src/validate/problem.ts";
import { hashes } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const NODE = join(TOOL_ROOT, "node_modules/.bin/node");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-output-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = join(tmp, "project");
cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });

const refusal = (out: string) => {
  const p = outDirProblem(root, join(root, out), TOOL_ROOT);
  return p && formatProblem(p);
};
const TAIL =
  "Expected a new or empty directory, or one an earlier build wrote (it holds a .gekkan-site file). Fix: build into another directory, e.g. --out dist (the default), or --out a path outside the project";

describe("the output directory", () => {
  it("is refused when it is the project, above it, or inside or above a folder the build must not replace", () => {
    expect(refusal("data")).toBe(
      `ERROR data/: is the project's exports (data/); building there would replace files the report reads. ${TAIL}`,
    );
    expect(refusal("data/2026-10")).toBe(
      `ERROR data/2026-10/: is inside the project's exports (data/); building there would replace files the report reads. ${TAIL}`,
    );
    expect(refusal("reports")).toBe(
      `ERROR reports/: is the narratives and published editions (reports/); building there would replace files the report reads. ${TAIL}`,
    );
    expect(refusal("reports/editions")).toMatch(/^ERROR reports\/editions\/: is inside the narratives/);
    expect(refusal(".gekkan")).toMatch(/^ERROR \.gekkan\/: is the validated-file cache/);
    expect(refusal(".git")).toMatch(/^ERROR \.git\/: is the project's version history/);
    expect(refusal(".")).toBe(`ERROR ./: is the project folder itself; building there would replace the whole project. ${TAIL}`);
    expect(refusal("..")).toBe(`ERROR ${tmp}/: contains the project; building there would replace it. ${TAIL}`);
    expect(formatProblem(outDirProblem(root, join(TOOL_ROOT, "src"), TOOL_ROOT)!)).toMatch(/is the tool's code \(src\/\)/);
    expect(formatProblem(outDirProblem(root, join(TOOL_ROOT, "src/site"), TOOL_ROOT)!)).toMatch(/is inside the tool's code/);
  });

  it("is refused through a symbolic link too", () => {
    const link = join(tmp, "link-to-data");
    spawnSync("ln", ["-s", join(root, "data"), link]);
    expect(formatProblem(outDirProblem(root, link, TOOL_ROOT)!)).toMatch(/^ERROR data\/: is the project's exports/);
  });

  it("is refused when it holds anything but an earlier site; a new, empty or earlier site's directory is used", () => {
    const other = join(root, "notes");
    mkdirSync(other);
    writeFileSync(join(other, "todo.txt"), "x");
    writeFileSync(join(other, "plan.md"), "x");
    expect(refusal("notes")).toBe(
      `ERROR notes/: already holds files that are not a Gekkan site (plan.md, todo.txt); the build replaces its output directory as a whole. ${TAIL}`,
    );
    writeFileSync(join(root, "afile"), "x");
    expect(refusal("afile")).toMatch(/^ERROR afile\/: is a file, not a directory/);
    expect(refusal("dist-new")).toBeUndefined();
    mkdirSync(join(root, "empty"));
    expect(refusal("empty")).toBeUndefined();
    mkdirSync(join(root, "site"));
    writeFileSync(join(root, "site", SITE_MARKER), "");
    writeFileSync(join(root, "site", "index.html"), "<!doctype html>");
    expect(refusal("site")).toBeUndefined();
    // A site built before the marker existed: Gekkan's generator tag.
    mkdirSync(join(root, "old-site"));
    writeFileSync(join(root, "old-site", "index.html"), '<!doctype html><html><head><meta name="generator" content="Gekkan 0.1.0" />');
    expect(refusal("old-site")).toBeUndefined();
  });

  it("npm run build -- --out data exits 1 and leaves every export as it was", () => {
    const before = hashes(join(root, "data"));
    const r = spawnSync(NODE, ["src/cli/build.ts", "--project", root, "--out", join(root, "data"), "--quiet"], {
      cwd: TOOL_ROOT,
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`ERROR data/: is the project's exports (data/); building there would replace files the report reads.`);
    expect(r.stderr).toContain("Build stopped: 1 error(s). Nothing was written");
    expect(hashes(join(root, "data"))).toEqual(before);
  });
});

describe("--base", () => {
  it("is normalised to /path/", () => {
    expect(normalizeBase("sub")).toEqual({ base: "/sub/" });
    expect(normalizeBase("/sub")).toEqual({ base: "/sub/" });
    expect(normalizeBase("sub/")).toEqual({ base: "/sub/" });
    expect(normalizeBase("reports/gekkan")).toEqual({ base: "/reports/gekkan/" });
    expect(normalizeBase("/")).toEqual({ base: "/" });
    expect(normalizeBase("")).toEqual({ base: "/" });
  });
  it("refuses what is not a path", () => {
    for (const bad of ["http://example.com/", "../up", "a b", "/x?y=1", "/x#y", "a\\b"]) {
      const r = normalizeBase(bad);
      expect("problem" in r, bad).toBe(true);
    }
    const r = normalizeBase("https://intra.example/reports/") as { problem: Parameters<typeof formatProblem>[0] };
    expect(formatProblem(r.problem)).toBe(
      "ERROR --base: 'https://intra.example/reports/' is not a path the site can be served under. Expected a path such as /reports/ (letters, digits, '.', '-', '_' and '~' between slashes; no URL, '..', query or space). Fix: give the path part of the site's address only, e.g. --base /reports/gekkan/",
    );
  });
});

describe("leftovers of killed builds", () => {
  it("are removed when their process is gone, never while it runs", () => {
    const dir = join(tmp, "leftovers");
    const temp = join(dir, "tmp");
    mkdirSync(temp, { recursive: true });
    // A process that has exited: its pid names no running process.
    const gone = spawnSync(NODE, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    for (const name of [`dist.tmp-${gone}`, `dist.old-${gone}`, `dist.tmp-${process.pid}`, `dist.tmp-1`, "dist", "distant.tmp-5"])
      mkdirSync(join(dir, name));
    for (const name of [
      `gekkan-build-${gone}-abc`,
      `gekkan-stage-${gone}-def`,
      `gekkan-bundle-${gone}-ghi`,
      `gekkan-build-${process.pid}-x`,
      "gekkan-other",
    ])
      mkdirSync(join(temp, name));
    const removed = removeLeftovers(join(dir, "dist"), temp, (p) => rmSync(p, { recursive: true }));
    expect(removed.map((p) => p.slice(dir.length + 1)).sort()).toEqual(
      [
        `dist.old-${gone}`,
        `dist.tmp-${gone}`,
        `tmp/gekkan-build-${gone}-abc`,
        `tmp/gekkan-stage-${gone}-def`,
        `tmp/gekkan-bundle-${gone}-ghi`,
      ].sort(),
    );
    expect(existsSync(join(dir, `dist.tmp-${process.pid}`))).toBe(true);
    expect(existsSync(join(dir, "dist.tmp-1"))).toBe(true);
    expect(existsSync(join(temp, `gekkan-build-${process.pid}-x`))).toBe(true);
  });

  it("put the previous site back when a build was killed between its swap's two renames", () => {
    const dir = join(tmp, "half-swapped");
    const gone = spawnSync(NODE, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    mkdirSync(join(dir, `dist.old-${gone}`), { recursive: true });
    writeFileSync(join(dir, `dist.old-${gone}`, "index.html"), "previous");
    mkdirSync(join(dir, `dist.tmp-${gone}`));
    removeLeftovers(join(dir, "dist"), join(dir, "tmp"), (p) => rmSync(p, { recursive: true }));
    expect(readFileSync(join(dir, "dist/index.html"), "utf8")).toBe("previous");
    expect(existsSync(join(dir, `dist.tmp-${gone}`))).toBe(false);
  });
});
