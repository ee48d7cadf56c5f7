// The pages rendered on worker threads (site/renderer.ts, renderGroups) are the pages the build's own
// thread renders, byte for byte: a draft's and a published month's (from its edition file), with
// Japanese phrase breaks.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { publishMonth } from "../../src/edition/publish.ts";
import { buildSite } from "../../src/site/build.ts";
import { snapshot } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-workers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("renders the same site on worker threads as on the build's thread alone", async () => {
  const root = join(tmp, "project");
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  const published = await publishMonth({
    root,
    month: "2026-09",
    today: "2026-10-05",
    restate: false,
    tool: { name: "gekkan", version: "test" },
  });
  expect(published.ok).toBe(true);
  const [alone, shared] = [join(tmp, "alone"), join(tmp, "shared")];
  expect((await buildSite({ root, outDir: alone, locale: "ja", renderWorkers: 0 })).ok).toBe(true);
  // Two workers: each is handed two groups of pages as it starts (the site's own, then a month's), so both render.
  const built = await buildSite({ root, outDir: shared, locale: "ja", renderWorkers: 2 });
  expect(built.ok).toBe(true);
  const [a, b] = [snapshot(alone), snapshot(shared)];
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  expect(b).toEqual(a);
  expect(built.pages).toBeGreaterThan(20);
  expect([...a.values()].some((html) => html.includes("<wbr>"))).toBe(true);
}, 120_000);
