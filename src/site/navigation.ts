// The links between months a month's pages show: the one list the layout and the page carry-over
// (site/carry.ts) both read, so a page is re-rendered whenever a link it shows appears or goes.
import { addMonths } from "../metrics/context.ts";

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
