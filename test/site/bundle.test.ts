// The pages' bundle (site/bundle.ts): made in a process of its own when the tool's files have none,
// kept with the newest few others, and made once when two builds ask for it at once.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_ENTRY, bundleDir, makeBundle } from "../../src/site/bundle.ts";
import { TOOL_ROOT } from "../../src/site/build.ts";

describe("the pages' bundle's folder", () => {
  it("is one per tool's files, under the tool's .astro/", () => {
    expect(bundleDir("/tool", "a")).toBe(bundleDir("/tool", "a"));
    expect(bundleDir("/tool", "a")).not.toBe(bundleDir("/tool", "b"));
    expect(dirname(bundleDir("/tool", "a"))).toBe(join("/tool", ".astro", "renderer"));
  });
});

describe("making the pages' bundle", () => {
  const parent = mkdtempSync(join(tmpdir(), "gekkan-bundle-test-"));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it("makes it when there is none, once for two builds at once, keeping the newest three others", async () => {
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
    await Promise.all([makeBundle({ toolRoot: TOOL_ROOT, dir }), makeBundle({ toolRoot: TOOL_ROOT, dir })]);
    expect(existsSync(join(dir, BUNDLE_ENTRY))).toBe(true);
    expect(readdirSync(parent).sort()).toEqual(["b", "c", "current", "d"]);
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
