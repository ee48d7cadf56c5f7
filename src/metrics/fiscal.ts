// The fiscal calendar: the fiscal year starts in `fiscalYearStartMonth` (1-12), and its quarters are
// the three-month runs from there. Months are 'YYYY-MM' strings; periods list their months.
import { monthIndex, monthKey } from "../schema/month.ts";

export interface FiscalPeriod {
  /** First and last month of the period. */
  first: string;
  last: string;
  /** Every month of the period, ascending. */
  months: string[];
  /** The fiscal year, named by the calendar year it starts in (FY2026 = April 2026 to March 2027). */
  year: number;
  /** 1-4 for a quarter; undefined for a year. */
  quarter?: number;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => monthKey(from + i));

/** The month index of the first month of the fiscal year that holds `month`. */
function yearStartIndex(month: string, startMonth: number): number {
  const mi = monthIndex(month);
  return mi - ((((mi - (startMonth - 1)) % 12) + 12) % 12);
}

export function fiscalYearOf(month: string, startMonth: number): FiscalPeriod {
  const start = yearStartIndex(month, startMonth);
  const months = range(start, 12);
  return { first: months[0]!, last: months[11]!, months, year: Math.floor(start / 12) };
}

export function fiscalQuarterOf(month: string, startMonth: number): FiscalPeriod {
  const fyStart = yearStartIndex(month, startMonth);
  const q = Math.floor((monthIndex(month) - fyStart) / 3);
  const months = range(fyStart + 3 * q, 3);
  return { first: months[0]!, last: months[2]!, months, year: Math.floor(fyStart / 12), quarter: q + 1 };
}

/** The months of `period` up to and including `month`. */
export function toDate(period: FiscalPeriod, month: string): string[] {
  return period.months.filter((m) => m <= month);
}

/** The months of `period` after `month`. */
export function remaining(period: FiscalPeriod, month: string): string[] {
  return period.months.filter((m) => m > month);
}
