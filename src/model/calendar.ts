// Business days: weekends never count; Japanese public holidays (from @holiday-jp/holiday_jp,
// a maintained table through 2050) and company holidays from the config do not either.
// SLA deadlines in business days are computed in SQL against the `calendar` table built here.
import holidayJp from "@holiday-jp/holiday_jp";
import type { Config } from "../schema/config.ts";
import type { Db } from "./duckdb.ts";

export interface BusinessCalendar {
  isBusinessDay(day: string): boolean;
  /** The day on which `n` business days after `day` (not counting `day` itself) have passed. */
  addBusinessDays(day: string, n: number): string;
  holidayName(day: string): string | undefined;
}

const DAY_MS = 86_400_000;

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function next(day: string, by = 1): string {
  return dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + by * DAY_MS));
}

export function businessCalendar(calendar: Config["calendar"]): BusinessCalendar {
  const holidays: Record<string, { name: string }> = calendar.holidays === "jp" ? holidayJp.holidays : {};
  const extra = new Set(calendar.extraHolidays);
  const isBusinessDay = (day: string) => {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6 && !(day in holidays) && !extra.has(day);
  };
  return {
    isBusinessDay,
    addBusinessDays(day, n) {
      let d = day;
      for (let left = n; left > 0; ) {
        d = next(d);
        if (isBusinessDay(d)) left--;
      }
      return d;
    },
    holidayName: (day) => holidays[day]?.name ?? (extra.has(day) ? "company holiday" : undefined),
  };
}

/**
 * calendar(day DATE, business BOOLEAN, bidx INTEGER): bidx counts business days up to and including
 * `day`, so "N business days after d" is the first business day whose bidx = bidx(d) + N.
 */
export async function createCalendarTable(db: Db, calendar: Config["calendar"], from: string, to: string): Promise<void> {
  const cal = businessCalendar(calendar);
  const rows: string[] = [];
  let bidx = 0;
  for (let d = from; d <= to; d = next(d)) {
    const business = cal.isBusinessDay(d);
    if (business) bidx++;
    rows.push(`('${d}', ${business}, ${bidx})`);
  }
  await db.exec(`CREATE OR REPLACE TABLE calendar (day DATE PRIMARY KEY, business BOOLEAN, bidx INTEGER)`);
  for (let i = 0; i < rows.length; i += 5000) await db.exec(`INSERT INTO calendar VALUES ${rows.slice(i, i + 5000).join(", ")}`);
}
