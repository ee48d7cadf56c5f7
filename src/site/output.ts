// Where a build may write its site, and under which base path it is served. The build replaces its
// output directory as a whole, so a directory that holds anything but a previous site must never
// be one: `--out data` would otherwise delete every export.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, renameSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Problem } from "../validate/problem.ts";
import { removeDeadLeftovers, running } from "../model/process.ts";

/** Written into every site a build makes: a directory holding it may be replaced by the next build. */
export const SITE_MARKER = ".gekkan-site";
export const SITE_MARKER_TEXT = "This directory is a site built by Gekkan (npm run build); the next build replaces it as a whole.\n";

/** `path` with its existing part resolved through symbolic links (the rest appended as given). */
function real(path: string): string {
  const abs = resolve(path);
  let head = abs;
  const tail: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(head), ...tail.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return abs;
      tail.push(basename(head));
      head = up;
    }
  }
}

/** `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const r = relative(outer, inner);
  return r === "" || (!r.startsWith(`..${sep}`) && r !== ".." && !isAbsolute(r));
}

/** A directory an earlier build made: it has the marker, or (sites built before the marker) Gekkan's generator tag. */
export function isPreviousSite(dir: string): boolean {
  if (existsSync(join(dir, SITE_MARKER))) return true;
  try {
    return /<meta name="generator" content="Gekkan /.test(readFileSync(join(dir, "index.html"), "utf8").slice(0, 4096));
  } catch {
    return false;
  }
}

/**
 * Why `outDir` must not receive a site built from the project at `root` (undefined when it may):
 * it is the project, lies above it, or lies inside or above a folder the build must never replace
 * (data/, reports/, .gekkan/, the tool's own code), or it already holds something other than a site.
 */
export function outDirProblem(root: string, outDir: string, toolRoot: string): Problem | undefined {
  const project = real(root);
  const out = real(outDir);
  const shown = within(out, project) ? relative(project, out) || "." : out;
  const refuse = (message: string): Problem => ({
    severity: "error",
    code: "bad-out-dir",
    file: shown === "." ? "./" : `${shown}/`,
    message,
    expected: "a new or empty directory, or one an earlier build wrote (it holds a .gekkan-site file)",
    fix: "build into another directory, e.g. --out dist (the default), or --out a path outside the project",
  });
  if (within(project, out)) {
    return refuse(
      out === project
        ? "is the project folder itself; building there would replace the whole project"
        : "contains the project; building there would replace it",
    );
  }
  const protectedDirs: [string, string][] = [
    [join(project, "data"), "the project's exports (data/)"],
    [join(project, "reports"), "the narratives and published editions (reports/)"],
    [join(project, ".gekkan"), "the validated-file cache (.gekkan/)"],
    [join(project, ".git"), "the project's version history (.git/)"],
    [join(real(toolRoot), "src"), "the tool's code (src/)"],
    [join(real(toolRoot), "node_modules"), "the tool's dependencies (node_modules/)"],
  ];
  for (const [dir, what] of protectedDirs) {
    if (within(out, dir)) return refuse(`${out === dir ? "is" : "is inside"} ${what}; building there would replace files the report reads`);
    if (within(dir, out)) return refuse(`contains ${what}; building there would delete them`);
  }
  if (within(real(toolRoot), out)) return refuse("contains the tool itself; building there would delete it");
  if (!existsSync(out)) return undefined;
  if (!lstatSync(out).isDirectory()) return refuse("is a file, not a directory");
  const entries = readdirSync(out);
  if (entries.length === 0 || isPreviousSite(out)) return undefined;
  const listed = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", ..." : "");
  return refuse(`already holds files that are not a Gekkan site (${listed}); the build replaces its output directory as a whole`);
}

/**
 * A base path as the site needs it: "/" or "/a/b/". "sub", "/sub" and "sub/" all mean "/sub/";
 * anything that is not a plain path (a URL, "..", a query, spaces) is refused.
 */
export function normalizeBase(base: string): { base: string } | { problem: Problem } {
  const segments = base.split("/").filter((s) => s !== "");
  const bad = /[^\w.~-]/.test(segments.join("")) || segments.some((s) => s === "." || s === "..") || base.includes("\\");
  if (bad) {
    return {
      problem: {
        severity: "error",
        code: "bad-base",
        file: "--base",
        value: base,
        message: "is not a path the site can be served under",
        expected: "a path such as /reports/ (letters, digits, '.', '-', '_' and '~' between slashes; no URL, '..', query or space)",
        fix: "give the path part of the site's address only, e.g. --base /reports/gekkan/",
      },
    };
  }
  return { base: segments.length ? `/${segments.join("/")}/` : "/" };
}

/**
 * Remove what killed builds left behind: `<out>.tmp-<pid>` and `<out>.old-<pid>` beside the output
 * directory, and `gekkan-stage-<pid>-*` and `gekkan-bundle-<pid>-*` in the temp directory, of
 * processes that no longer run. A live build's are left alone. `gekkan-build-<pid>-*` no build
 * makes any more (Astro's static build kept its cache there): a killed one's is still swept.
 */
export function removeLeftovers(outDir: string, tmp: string, remove: (path: string) => void): string[] {
  const out = resolve(outDir);
  const escaped = basename(out).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  // A build killed between its swap's two renames left no site: the previous one is put back.
  if (!existsSync(out) && existsSync(dirname(out))) {
    const old = new RegExp(`^${escaped}\\.old-(\\d+)$`);
    const previous = readdirSync(dirname(out)).find((n) => old.test(n) && !running(Number(old.exec(n)![1])));
    if (previous) renameSync(join(dirname(out), previous), out);
  }
  return [
    ...removeDeadLeftovers(dirname(out), new RegExp(`^${escaped}\\.(?:tmp|old)-(\\d+)$`), remove),
    ...removeDeadLeftovers(tmp, /^gekkan-(?:build|stage|bundle)-(\d+)-/, remove),
  ];
}
