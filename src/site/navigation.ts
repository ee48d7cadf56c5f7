// The links between months a month's pages show: the one list the layout and the page carry-over
// (site/carry.ts) both read, so a page is re-rendered, or its links rewritten, whenever a link it
// shows appears or goes.
import { addMonths } from "../metrics/context.ts";
import type { PageId } from "../sections/registry.ts";
import { escapeHtml } from "./markdown.ts";
import { formatMonth, type Locale } from "./format.ts";
import { labelsIn } from "./labels.ts";
import { hrefUnder, viewPageHref } from "./links.ts";

export interface MonthNavigation {
  prev?: string;
  next?: string;
  lastYear?: string;
}

/** The month before, the month after and the same month last year, those the site has. */
export function monthNavigation(month: string, months: readonly string[]): MonthNavigation {
  const has = (m: string) => months.includes(m);
  const nav: MonthNavigation = {};
  const prev = addMonths(month, -1);
  const next = addMonths(month, 1);
  const lastYear = addMonths(month, -12);
  if (has(prev)) nav.prev = prev;
  if (has(next)) nav.next = next;
  if (has(lastYear)) nav.lastYear = lastYear;
  return nav;
}

/** An attribute's value as Astro writes it: ampersands and double quotes escaped. */
const attribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;");

/**
 * The masthead's links (HTML): to `nav`'s months, each at the same page as this one (`page`; the
 * month's home for a page that is not one of a month's pages), then the trends and the archive.
 * Written here rather than in the layout's markup so that the carry-over rewrites a carried page's
 * links to exactly what a render writes.
 */
export function monthNavHtml(nav: MonthNavigation, page: PageId, o: { base: string; locale: Locale }): string {
  const t = labelsIn(o.locale);
  const to = (month: string) => attribute(viewPageHref(o.base, month, page));
  const links = [
    nav.prev ? `<a href="${to(nav.prev)}" rel="prev">← ${escapeHtml(formatMonth(nav.prev, o))}</a>` : "",
    nav.next ? `<a href="${to(nav.next)}" rel="next">${escapeHtml(formatMonth(nav.next, o))} →</a>` : "",
    nav.lastYear ? `<a href="${to(nav.lastYear)}">${escapeHtml(t.sameMonthLastYear)}</a>` : "",
    `<a href="${attribute(hrefUnder(o.base, "trends/"))}">${escapeHtml(t.trends)}</a>`,
    `<a href="${attribute(hrefUnder(o.base, ""))}">${escapeHtml(t.archive)}</a>`,
  ];
  // Spaced as the layout's compressed markup was: one space on each side of every link, shown or not.
  return `<nav class="monthnav" aria-label="${attribute(t.archive)}"> ${links.join(" ")} </nav>`;
}
