// The pages a build renders, each with the file under src/pages/ that renders it: the one list of
// the site's pages (site/renderer.ts asks the pages' bundle for each, so their files declare no
// paths of their own).
import { MONTH_HOME, SECTIONS } from "../sections/registry.ts";
import { renderedViews, type SiteModel } from "./model.ts";
import type { SitePage } from "./renderer.ts";

/** The site's own pages and every page of the views this build renders (not the carried months'). */
export function sitePages(model: SiteModel): SitePage[] {
  return sitePageGroups(model).flat();
}

/**
 * sitePages in groups that share their charts: the site's own pages, then each view's pages (a
 * month's section page and its print pages show the same figures, rendered once: site/model.ts).
 */
export function sitePageGroups(model: SiteModel): SitePage[][] {
  const groups: SitePage[][] = [
    [
      { path: "", page: "index.astro" },
      { path: "trends/", page: "trends.astro" },
      { path: "latest/", page: "latest/index.astro" },
    ],
  ];
  for (const view of renderedViews(model)) {
    groups.push([
      { path: `${view}/`, page: "[...view]/index.astro" },
      ...SECTIONS.filter((s) => s.id !== MONTH_HOME).map((s) => ({ path: `${view}/${s.id}/`, page: "[...view]/[section].astro" })),
      { path: `${view}/data/`, page: "[...view]/data.astro" },
      { path: `${view}/print/`, page: "[...view]/print.astro" },
      { path: `${view}/print-full/`, page: "[...view]/print-full.astro" },
    ]);
  }
  return groups;
}
