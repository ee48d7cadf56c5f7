// The pages' bundle (site/bundle.ts): made in a process of its own when the tool's files have none,
// kept with the newest few others, and made once when two builds ask for it at once.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_ENTRY, bundleDir, makeBundle } from "../../src/site/bundle.ts";
import { TOOL_ROOT } from "../../src/site/build.ts";

const BUNDLER = join(TOOL_ROOT, "src", "site", "bundle.ts");

describe("the pages' bundle's folder", () => {
  it("is one per tool's files and their place, under the tool's .astro/", () => {
    expect(bundleDir("/tool", "a")).toBe(bundleDir("/tool", "a"));
    expect(bundleDir("/tool", "a")).not.toBe(bundleDir("/tool", "b"));
    // A copy of the tool elsewhere: the bundle imports the tool's modules by absolute path.
    expect(basename(bundleDir("/tool", "a"))).not.toBe(basename(bundleDir("/copy", "a")));
    expect(dirname(bundleDir("/tool", "a"))).toBe(join("/tool", ".astro", "renderer"));
  });
});

describe("making the pages' bundle", () => {
  const parent = mkdtempSync(join(tmpdir(), "gekkan-bundle-test-"));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("is made by two processes at once as one, the newest three others kept", async () => {
    // Half made by a process that has exited: its pid names no running process.
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    mkdirSync(join(parent, `e.tmp-${gone}`));
    // Four bundles of other files, the oldest first.
    for (const [i, name] of ["a", "b", "c", "d"].entries()) {
      mkdirSync(join(parent, name, "server"), { recursive: true });
      const day = new Date(Date.UTC(2026, 0, i + 1));
      utimesSync(join(parent, name), day, day);
    }
    const dir = join(parent, "current");
    // As two builds' processes run it (makeBundle), side by side.
    const child = () =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, [BUNDLER, JSON.stringify({ toolRoot: TOOL_ROOT, dir })], { stdio: "ignore" }).on("close", resolve),
      );
    expect(await Promise.all([child(), child()])).toEqual([0, 0]);
    expect(existsSync(join(dir, BUNDLE_ENTRY))).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(["b", "c", "current", "d"]);
  }, 120_000);

  it("is made once for two builds at once in one process", async () => {
    const dir = join(parent, "shared");
    const [first, second] = [makeBundle({ toolRoot: TOOL_ROOT, dir }), makeBundle({ toolRoot: TOOL_ROOT, dir })];
    expect(second).toBe(first);
    await first;
    expect(existsSync(join(dir, BUNDLE_ENTRY))).toBe(true);
  }, 120_000);

  it("does nothing when it is there", async () => {
    const dir = join(parent, "there");
    mkdirSync(join(dir, "server"), { recursive: true });
    writeFileSync(join(dir, BUNDLE_ENTRY), "export const app = null;\n");
    await makeBundle({ toolRoot: TOOL_ROOT, dir });
    expect(readdirSync(dir)).toEqual(["server"]);
    expect(readdirSync(join(dir, "server"))).toEqual(["entry.mjs"]);
  });

  it("fails with what Astro said when it cannot be made, and leaves no bundle", async () => {
    const dir = join(parent, "broken");
    await expect(makeBundle({ toolRoot: join(parent, "no-such-tool"), dir })).rejects.toThrow(/bundling the pages failed \(exit 1\):\n\S/);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(parent).some((n) => n.includes(".tmp-"))).toBe(false);
  }, 60_000);
});
