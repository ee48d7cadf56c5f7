// Bad input never yields a broken or partial site: the build renders into a staging directory and
// replaces dist/ only when everything succeeded.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { snapshot } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-atomic-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The fixture project copied to `<tmp>/project<suffix>`, built into `<tmp>/dist<suffix>`, and that site's files. */
async function builtOnce(suffix: string): Promise<{ root: string; out: string; before: Map<string, string> }> {
  const root = join(tmp, `project${suffix}`);
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  const out = join(tmp, `dist${suffix}`);
  expect((await buildSite({ root, outDir: out })).ok).toBe(true);
  return { root, out, before: snapshot(out) };
}

describe("a failed build", () => {
  it("leaves the previous site untouched and names the file and line", async () => {
    const { root, out, before } = await builtOnce("");
    // Break October's leads half-way: line 3 opens a quote that never closes.
    const leads = join(root, "data/2026-10/leads.csv");
    const lines = readFileSync(leads, "utf8").split("\n");
    writeFileSync(leads, [lines[0], lines[1], `L5,"2026-10-04,web,Aoki`, ...lines.slice(2)].join("\n"));
    const failed = await buildSite({ root, outDir: out });
    expect(failed.ok).toBe(false);
    const error = failed.problems.find((p) => p.severity === "error")!;
    expect(error).toMatchObject({ code: "unterminated-quote", file: "data/2026-10/leads.csv", line: 3 });
    expect(snapshot(out)).toEqual(before);
    // No staging directory is left behind beside dist/.
    expect(readdirSync(tmp).sort()).toEqual(["dist", "project"]);
  });

  it("whose metrics fail leaves the previous site and no staging directory", async () => {
    const { root, out, before } = await builtOnce("-metrics");
    const failing = buildSite({
      root,
      outDir: out,
      compute: async () => {
        throw new Error("a section's query failed");
      },
    });
    await expect(failing).rejects.toThrow("a section's query failed");
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(tmp).filter((f) => f.startsWith("dist-metrics"))).toEqual(["dist-metrics"]);
    // Its database was closed and nothing holds the render's lock: the next build renders.
    expect((await buildSite({ root, outDir: out })).ok).toBe(true);
  });
});
