// The fiscal quarter a report month's coverage looks at, and its won target.
import { addMonths } from "../../metrics/context.ts";
import type { Targets } from "../../metrics/headline.ts";
import { monthIndex, monthKey } from "../../schema/month.ts";

export interface Quarter {
  /** First and last month of the quarter (YYYY-MM). */
  first: string;
  last: string;
  /** The fiscal year (named by the calendar year it starts in) and the quarter in it, 1-4. */
  fiscalYear: number;
  number: number;
  /** Days of the quarter, and those elapsed by the report month's end. */
  days: number;
  elapsed: number;
}

function daysIn(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The fiscal quarter (fiscal years start in `fyStart`, 1-12) whose rest the report month's
 * pipeline is measured against: the quarter of the month after the report month. Mid-quarter that
 * is the report month's own quarter; at a quarter's last month it is the next quarter, all still
 * to come, so the meeting sees what stands behind the quarter it is entering.
 */
export function quarterAhead(month: string, fyStart: number): Quarter {
  const next = monthIndex(month) + 1;
  const offset = ((((next % 12) - (fyStart - 1)) % 12) + 12) % 12;
  const first = next - (offset % 3);
  const months = [0, 1, 2].map((k) => monthKey(first + k));
  const fyFirst = next - offset;
  const upTo = months.filter((m) => monthIndex(m) <= monthIndex(month));
  return {
    first: months[0]!,
    last: months[2]!,
    fiscalYear: Math.floor(fyFirst / 12),
    number: Math.floor(offset / 3) + 1,
    days: months.reduce((a, m) => a + daysIn(m), 0),
    elapsed: upTo.reduce((a, m) => a + daysIn(m), 0),
  };
}

/** The quarter's months, in order. */
export function monthsOf(q: Quarter): string[] {
  return [0, 1, 2].map((k) => addMonths(q.first, k));
}

/**
 * The quarter's won target: the sum of its months' `won_amount` targets, the months that have none
 * listed. null when a month has none: the pipeline spans the whole rest of the quarter, so part of
 * its target would inflate coverage (the plan likewise refuses a period with a month's target missing).
 */
export function quarterTarget(q: Quarter, targets: Targets, metric = "won_amount"): { value: number | null; missing: string[] } {
  const months = monthsOf(q);
  const have = months.filter((m) => targets.has(`${metric}|${m}`));
  return {
    value: have.length === months.length ? have.reduce((a, m) => a + targets.get(`${metric}|${m}`)!, 0) : null,
    missing: months.filter((m) => !have.includes(m)),
  };
}

/**
 * Coverage: open pipeline expected to close in the rest of the quarter / (target - won to date).
 * "met" when won to date already meets the target (never a negative ratio); "no-target" without one.
 */
export function coverageOf(
  openRest: number,
  target: number | null,
  wonToDate: number,
): { status: "ok" | "met" | "no-target"; remaining: number | null; value: number | null } {
  if (target === null) return { status: "no-target", remaining: null, value: null };
  const remaining = target - wonToDate;
  if (remaining <= 0) return { status: "met", remaining: 0, value: null };
  return { status: "ok", remaining, value: openRest / remaining };
}
