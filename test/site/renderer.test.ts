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
import { loadApp, receivedError, renderGroups, renderPages, sentError, type SitePage } from "../../src/site/renderer.ts";

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

  /** renderGroups with one worker, under the lock, with the empty model; `bundle`: the worker's (default the real one). */
  const renderShared = (groups: SitePage[][], bundle = dir) =>
    withLock(join(TOOL_ROOT, ".astro"), async () => {
      const release = provideSite(empty);
      try {
        await renderGroups(await loadApp(dir), groups, { dir: bundle, outDir: out, model: empty, phraseBreaks: false, helpers: 1 });
      } finally {
        release();
      }
    });

  it("fails on a page's error on a worker thread, in the worker's words, and writes no page for it", async () => {
    // The worker is handed both groups (two at a time); the second is empty, so this thread renders nothing.
    await expect(renderShared([[{ path: "2026-09/data/", page: "[...view]/data.astro" }], []])).rejects.toThrow(/no view 2026-09/);
    expect(existsSync(join(out, "2026-09"))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  }, 60_000);

  it("renders the groups of a worker that cannot start on its own thread", async () => {
    // The worker's bundle is missing: it never starts, and this thread renders its groups, failing on
    // the page the bundle lacks (not on the worker's failure to load).
    const groups = [[{ path: "x/", page: "nothing.astro" }], []];
    await expect(renderShared(groups, join(out, "no-bundle"))).rejects.toThrow(/no page src\/pages\/nothing\.astro/);
  }, 60_000);

  it("sends a worker's error back with the system code and path its cause holds", () => {
    const full = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", path: "/x/dist.tmp-1/a/index.html" });
    const back = receivedError(sentError(new Error("writing a page failed", { cause: full }))) as Error & { code?: string; path?: string };
    expect([back.message, back.code, back.path]).toEqual(["writing a page failed", "ENOSPC", "/x/dist.tmp-1/a/index.html"]);
  });

  it("refuses a page the bundle does not have", async () => {
    await expect(render([{ path: "x/", page: "nothing.astro" }])).rejects.toThrow(/no page src\/pages\/nothing\.astro/);
  });
});
