// The site's pages: the site's own three, and for every view rendered, its home, each other
// section of the registry, the data appendix and the two print editions.
import { describe, expect, it } from "vitest";
import { MONTH_HOME, SECTIONS } from "../../src/sections/registry.ts";
import type { MonthView, SiteModel } from "../../src/site/model.ts";
import { sitePages } from "../../src/site/pages.ts";

const view = (key: string): MonthView => ({ key, month: key.slice(0, 7) }) as MonthView;
const model = (keys: string[], carried?: string[]): SiteModel =>
  ({ months: [], views: Object.fromEntries(keys.map((k) => [k, view(k)])), carried }) as unknown as SiteModel;

describe("the site's pages", () => {
  it("are the site's own and every view's, each with the file that renders it", () => {
    const pages = sitePages(model(["2026-10"]));
    expect(pages.slice(0, 3)).toEqual([
      { path: "", page: "index.astro" },
      { path: "trends/", page: "trends.astro" },
      { path: "latest/", page: "latest/index.astro" },
    ]);
    const month = pages.slice(3);
    expect(month).toContainEqual({ path: "2026-10/", page: "[...view]/index.astro" });
    for (const s of SECTIONS.filter((x) => x.id !== MONTH_HOME))
      expect(month).toContainEqual({ path: `2026-10/${s.id}/`, page: "[...view]/[section].astro" });
    expect(month).not.toContainEqual(expect.objectContaining({ path: `2026-10/${MONTH_HOME}/` }));
    expect(month.filter((p) => !p.page.includes("[section]")).map((p) => p.path)).toEqual([
      "2026-10/",
      "2026-10/data/",
      "2026-10/print/",
      "2026-10/print-full/",
    ]);
    expect(month).toHaveLength(SECTIONS.length - 1 + 4);
    expect(new Set(pages.map((p) => p.path)).size).toBe(pages.length);
  });

  it("include an older revision's pages under its own key", () => {
    const paths = sitePages(model(["2026-10", "2026-10/r1"])).map((p) => p.path);
    expect(paths).toContain("2026-10/r1/");
    expect(paths).toContain("2026-10/r1/data/");
    expect(paths.filter((p) => p.startsWith("2026-10/r1/"))).toHaveLength(SECTIONS.length - 1 + 4);
  });

  it("leave out every view of a month whose pages are carried over", () => {
    const paths = sitePages(model(["2026-09", "2026-09/r1", "2026-10"], ["2026-09"])).map((p) => p.path);
    expect(paths.some((p) => p.startsWith("2026-09"))).toBe(false);
    expect(paths).toContain("2026-10/");
  });
});
