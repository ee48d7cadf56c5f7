// The pages' bundle (site/renderer.ts): made once for the tool's files and a base path, loaded
// instead of made again, and a page's error fails the render rather than writing an error page.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TOOL_ROOT } from "../../src/site/build.ts";
import { withLock } from "../../src/site/lock.ts";
import { provideSite, type SiteModel } from "../../src/site/model.ts";
import { bundleDir, openRenderer, renderPages, type Renderer, type SitePage } from "../../src/site/renderer.ts";

describe("the pages' bundle's folder", () => {
  it("is one per tool's files and base path, under the tool's .astro/", () => {
    expect(bundleDir("/tool", "a", "/")).toBe(bundleDir("/tool", "a", "/"));
    expect(bundleDir("/tool", "a", "/")).not.toBe(bundleDir("/tool", "b", "/"));
    expect(bundleDir("/tool", "a", "/")).not.toBe(bundleDir("/tool", "a", "/reports/"));
    expect(dirname(bundleDir("/tool", "a", "/"))).toBe(join("/tool", ".astro", "renderer"));
  });
});

describe("rendering with the pages' bundle", () => {
  const parent = mkdtempSync(join(tmpdir(), "gekkan-renderer-"));
  const dir = join(parent, "current");
  const out = join(parent, "site");
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  // A model with no views: a view's page fails on it, with the pages' own error.
  const empty = { config: {}, locale: "en", months: [], views: {}, base: "/", tool: {} } as unknown as SiteModel;
  const render = (renderer: Renderer, pages: SitePage[]) =>
    withLock(join(TOOL_ROOT, ".astro"), async () => {
      const release = provideSite(empty);
      try {
        await renderPages(renderer, pages, { toolRoot: TOOL_ROOT, dir, base: "/", cacheDir: join(parent, "cache"), outDir: out });
      } finally {
        release();
      }
    });

  it("is made when none was, keeping the newest of the others, and loaded from then on", async () => {
    // Four bundles of other files, the oldest first.
    for (const [i, name] of ["a", "b", "c", "d"].entries()) {
      mkdirSync(join(parent, name, "server"), { recursive: true });
      const day = new Date(Date.UTC(2026, 0, i + 1));
      utimesSync(join(parent, name), day, day);
    }
    const first = await openRenderer(dir);
    expect("astro" in first).toBe(true);
    await expect(render(first, [{ path: "2026-10/", page: "[...view]/index.astro" }])).rejects.toThrow(/no view 2026-10/);
    expect(existsSync(join(dir, "server", "entry.mjs"))).toBe(true);
    expect(
      readdirSync(parent)
        .filter((n) => n.length === 1 || n === "current")
        .sort(),
    ).toEqual(["b", "c", "d", "current"].sort());
    expect("app" in (await openRenderer(dir))).toBe(true);
  }, 120_000);

  it("fails on a page's error, and writes no page for it", async () => {
    const loaded = await openRenderer(dir);
    await expect(render(loaded, [{ path: "2026-10/data/", page: "[...view]/data.astro" }])).rejects.toThrow(/no view 2026-10/);
    expect(existsSync(join(out, "2026-10", "data"))).toBe(false);
  });

  it("refuses a page the bundle does not have", async () => {
    await expect(render(await openRenderer(dir), [{ path: "x/", page: "nothing.astro" }])).rejects.toThrow(
      /no page src\/pages\/nothing\.astro/,
    );
  });
});
