// A build that fails for a reason outside the data says where and why, not with a stack trace.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { writeFailure } from "../../src/site/failure.ts";
import { formatProblem } from "../../src/validate/problem.ts";

const ROOT = "/work/project";
const places = [
  { dir: "/work/project", label: "/work/project/dist", what: "the site", elsewhere: "build elsewhere with --out" },
  { dir: "/tmp", what: "the build's temporary files" },
];
const plenty = () => 1e12;
const enospc = (path?: string) =>
  Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: "ENOSPC", ...(path ? { path } : {}) });

describe("a write that fails", () => {
  it("for a full disk names the place and the fix", () => {
    expect(formatProblem(writeFailure(enospc("/work/project/dist.tmp-42/2026-10/index.html"), ROOT, places, plenty)!)).toBe(
      "ERROR dist: the site could not be written there: no space left on the device (ENOSPC writing dist.tmp-42/2026-10/index.html). Fix: free space on the disk that holds dist (df -h shows it), or build elsewhere with --out",
    );
    // Without a path (Node's write() says none): the place whose disk is full.
    expect(formatProblem(writeFailure(enospc(), ROOT, places, (d) => (d === "/tmp" ? 0 : 1e12))!)).toBe(
      "ERROR /tmp: the build's temporary files could not be written there: no space left on the device (ENOSPC writing /tmp). Fix: free space on the disk that holds /tmp (df -h shows it)",
    );
  });
  it("with a bundler's own message (no error code) is put down to the disk that is full", () => {
    const panic = new Error("Rolldown panicked. This is a bug in Rolldown, please report this to rolldown");
    expect(writeFailure(panic, ROOT, places, plenty)).toBeUndefined();
    expect(writeFailure(panic, ROOT, places, (d) => (d === "/work/project" ? 4096 : 1e12))?.code).toBe("disk-full");
  });
  it("finds the code in a wrapped cause", () => {
    const wrapped = new Error("Build failed", {
      cause: Object.assign(new Error("EROFS: read-only file system, open 'x'"), { code: "EROFS" }),
    });
    expect(formatProblem(writeFailure(wrapped, ROOT, places, plenty)!)).toBe(
      "ERROR dist: the site could not be written there: the file system is read-only (EROFS writing dist). Fix: make dist writable for this user, or build elsewhere with --out",
    );
  });
  it("because a file stands where a folder of the path should be names that file, not a stack trace", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "gekkan-enotdir-"));
    try {
      writeFileSync(join(tmp, "site"), "a file, not a folder\n");
      const built = await buildSite({ root: join(import.meta.dirname, "../fixtures/basic"), outDir: join(tmp, "site/dist") });
      expect(built.ok).toBe(false);
      expect(built.problems.map(formatProblem)).toEqual([
        `ERROR ${join(tmp, "site/dist")}: the site could not be written there: a part of the path is a file, not a folder (ENOTDIR writing ${join(tmp, "site")}). Fix: move or rename the file ${join(tmp, "site")} (a folder is expected there), or build elsewhere with --out`,
      ]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
  it("that is a bug is not turned into a problem", () => {
    expect(writeFailure(new TypeError("x is undefined"), ROOT, places, plenty)).toBeUndefined();
  });
});
