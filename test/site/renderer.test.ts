// Rendering with the pages' bundle (site/renderer.ts): a page's error fails the render rather than
// writing an error page, and a page the bundle does not have is refused.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleDir, makeBundle } from "../../src/site/bundle.ts";
import { TOOL_ROOT } from "../../src/site/build.ts";
import { templatesFingerprint } from "../../src/site/carry.ts";
import { withLock } from "../../src/site/lock.ts";
import { provideSite, type SiteModel } from "../../src/site/model.ts";
import { loadApp, renderGroups, renderPages, type SitePage } from "../../src/site/renderer.ts";

describe("rendering with the pages' bundle", () => {
  const dir = bundleDir(TOOL_ROOT, templatesFingerprint(TOOL_ROOT));
  const out = mkdtempSync(join(tmpdir(), "gekkan-renderer-test-"));
  beforeAll(() => makeBundle({ toolRoot: TOOL_ROOT, dir }), 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // A model with no views: a view's page fails on it, with the pages' own error.
  const empty = { config: {}, locale: "en", months: [], views: {}, base: "/", tool: {} } as unknown as SiteModel;
  const render = (pages: SitePage[]) =>
    withLock(join(TOOL_ROOT, ".astro"), async () => {
      const release = provideSite(empty);
      try {
        await renderPages(await loadApp(dir), pages, { dir, outDir: out });
      } finally {
        release();
      }
    });

  it("fails on a page's error, and writes no page for it", async () => {
    await expect(render([{ path: "2026-10/data/", page: "[...view]/data.astro" }])).rejects.toThrow(/no view 2026-10/);
    expect(existsSync(join(out, "2026-10", "data"))).toBe(false);
  });

  it("gives each view's page the view its path names, not a section of the month", async () => {
    // "/2026-10/r1/" would match the section page, as "r1" of "2026-10": the route is given instead.
    await expect(render([{ path: "2026-10/r1/", page: "[...view]/index.astro" }])).rejects.toThrow(/no view 2026-10\/r1/);
  });

  it("fails on a page's error on a worker thread, and writes no page for it", async () => {
    const groups = [[{ path: "2026-09/data/", page: "[...view]/data.astro" }], [{ path: "x/", page: "nothing.astro" }]];
    // The worker starts with the first group; this thread takes the second.
    const rendering = withLock(join(TOOL_ROOT, ".astro"), async () => {
      const release = provideSite(empty);
      try {
        await renderGroups(await loadApp(dir), groups, { dir, outDir: out, model: empty, phraseBreaks: false, helpers: 1 });
      } finally {
        release();
      }
    });
    // This thread's error comes first; the worker's is seen too, in its own words, when it is the only one.
    await expect(rendering).rejects.toThrow(/no page src\/pages\/nothing\.astro|no view 2026-09/);
    const workerOnly = withLock(join(TOOL_ROOT, ".astro"), async () => {
      const release = provideSite(empty);
      try {
        await renderGroups(await loadApp(dir), [groups[0]!, []], { dir, outDir: out, model: empty, phraseBreaks: false, helpers: 1 });
      } finally {
        release();
      }
    });
    await expect(workerOnly).rejects.toThrow(/no view 2026-09/);
    expect(existsSync(join(out, "2026-09"))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it("refuses a page the bundle does not have", async () => {
    await expect(render([{ path: "x/", page: "nothing.astro" }])).rejects.toThrow(/no page src\/pages\/nothing\.astro/);
  });
});
