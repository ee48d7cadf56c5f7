// The pages rendered on worker threads (site/renderer.ts, renderGroups) are the pages the build's own
// thread renders, byte for byte.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { snapshot } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-workers-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("renders the same site on worker threads as on the build's thread alone", async () => {
  const alone = join(tmp, "alone");
  const shared = join(tmp, "shared");
  expect((await buildSite({ root: FIXTURE, outDir: alone, renderWorkers: 0 })).ok).toBe(true);
  // Two workers: each starts with a group of pages (the site's own, then the first month's), so both render.
  const built = await buildSite({ root: FIXTURE, outDir: shared, renderWorkers: 2 });
  expect(built.ok).toBe(true);
  const [a, b] = [snapshot(alone), snapshot(shared)];
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  expect(b).toEqual(a);
  expect(built.pages).toBeGreaterThan(20);
}, 120_000);
