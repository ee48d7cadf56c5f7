// Internal links, always through the configured base path.
import { MONTH_HOME, type PageId } from "../sections/registry.ts";
import { site } from "./model.ts";

/** `path` under the site's base path `base` ("/" or "/reports/"). */
export function hrefUnder(base: string, path: string): string {
  return `${base}${path.replace(/^\//, "")}`;
}

/** A page of a view ("2026-10" or an older revision "2026-10/r1") under `base`: the month's home, a section or the data appendix. */
export function viewPageHref(base: string, view: string, page: PageId): string {
  return hrefUnder(base, page === MONTH_HOME ? `${view}/` : `${view}/${page}/`);
}

// The base comes from the site model rather than import.meta.env.BASE_URL, which a host process's
// environment (a test runner's BASE_URL, say) can override.
export function href(path: string): string {
  return hrefUnder(site().base, path);
}

/** A page of a view, under the site's base path. */
export function sectionHref(view: string, page: PageId): string {
  return viewPageHref(site().base, view, page);
}
