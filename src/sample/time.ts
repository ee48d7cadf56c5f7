// Time in the simulated company: seconds since 1970-01-01 00:00 of Tokyo wall-clock time (Japan
// has no daylight saving, so wall time is a plain number line). Days are integer day numbers.
// The working calendar knows weekends, Japanese public holidays and the quieter weeks
// (Golden Week bridge days, Obon, year-end) when inside sales make fewer calls.
import holidayJp from "@holiday-jp/holiday_jp";
import type { Rng } from "./random.ts";

/** Seconds of local wall-clock time since 1970-01-01 00:00. */
export type Sec = number;
export const DAY = 86_400;
export const HOUR = 3_600;
export const MINUTE = 60;

export const dayOf = (t: Sec): number => Math.floor(t / DAY);
/** 0 = Sunday ... 6 = Saturday (day 0, 1970-01-01, was a Thursday). */
export const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

export { monthIndex, monthKey } from "../schema/month.ts";

/** Calendar month 1..12 of a month index. */
export const monthOfYear = (mi: number): number => (mi % 12) + 1;

/** First day (day number) of a month index. */
export function monthStartDay(mi: number): number {
  return Date.UTC(Math.floor(mi / 12), mi % 12, 1) / 86_400_000;
}

export const monthStart = (mi: number): Sec => monthStartDay(mi) * DAY;

export function monthOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

const isoCache = new Map<number, string>();

/** YYYY-MM-DD of a day number. */
export function dayIso(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function clock(t: Sec): { h: number; m: number; s: number } {
  const r = t - dayOf(t) * DAY;
  return { h: Math.floor(r / HOUR), m: Math.floor((r % HOUR) / MINUTE), s: r % MINUTE };
}

/** 2026-10-01 09:05:00 */
export function isoDateTime(t: Sec): string {
  const { h, m, s } = clock(t);
  return `${dayIso(dayOf(t))} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** 2026-10-01 09:05 */
export function isoMinute(t: Sec): string {
  const { h, m } = clock(t);
  return `${dayIso(dayOf(t))} ${pad2(h)}:${pad2(m)}`;
}

/** 2026/10/01 (Salesforce Japanese UI date). */
export function slashDate(day: number): string {
  return dayIso(day).replaceAll("-", "/");
}

/** 2026/10/01 9:05 (Salesforce Japanese UI date-time: the hour is not padded). */
export function slashDateTime(t: Sec): string {
  const { h, m } = clock(t);
  return `${slashDate(dayOf(t))} ${h}:${pad2(m)}`;
}

/** 20261001 (GA4 date dimension). */
export function compactDate(day: number): string {
  return dayIso(day).replaceAll("-", "");
}

/** The working calendar of the simulated company. */
export class WorkCalendar {
  private readonly holidays: Record<string, unknown> = holidayJp.holidays;

  isHoliday(day: number): boolean {
    return dayIso(day) in this.holidays;
  }

  /** The company's year-end closure (12/29-1/3), as gekkan.config.yaml lists it. */
  isClosure(day: number): boolean {
    const md = dayIso(day).slice(5);
    return md >= "12-29" || md <= "01-03";
  }

  /** A day the company works: not a weekend, a public holiday or the year-end closure. */
  isBusinessDay(day: number): boolean {
    const w = weekday(day);
    return w !== 0 && w !== 6 && !this.isHoliday(day) && !this.isClosure(day);
  }

  /** `day` itself when it is a business day, else the next one. */
  onOrAfter(day: number): number {
    let d = day;
    while (!this.isBusinessDay(d)) d++;
    return d;
  }

  /** The business day `n` business days after `day` (not counting `day`). */
  addBusinessDays(day: number, n: number): number {
    let d = day;
    for (let left = n; left > 0; ) {
      d++;
      if (this.isBusinessDay(d)) left--;
    }
    return d;
  }

  /** Business days from `from` to `to`: 0 on the same day. */
  businessDaysBetween(from: number, to: number): number {
    let n = 0;
    for (let d = from + 1; d <= to; d++) if (this.isBusinessDay(d)) n++;
    return n;
  }

  /**
   * Share of normal inside-sales capacity on a day: 0 on weekends, holidays and the closure,
   * lower on Golden Week bridge days, during Obon and either side of the year-end closure.
   */
  capacity(day: number): number {
    if (!this.isBusinessDay(day)) return 0;
    const iso = dayIso(day);
    const md = iso.slice(5);
    if (md === "12-28" || md === "01-04" || md === "01-05") return 0.4;
    if (md >= "08-12" && md <= "08-16") return 0.35;
    if (md >= "04-28" && md <= "05-06") return 0.5;
    return 1;
  }

  /** A business day on or after `day` on which work actually happens (quiet weeks push work later). */
  workDay(rng: Rng, day: number): number {
    let d = this.onOrAfter(day);
    while (!rng.chance(this.capacity(d))) d = this.addBusinessDays(d, 1);
    return d;
  }

  /** A time in working hours on `day`, not before `after` (when given); undefined when the day is over. */
  workTime(rng: Rng, day: number, after?: Sec, from = 9.25, to = 18.75): Sec | undefined {
    const start = day * DAY + from * HOUR;
    const end = day * DAY + to * HOUR;
    const lo = after === undefined ? start : Math.max(start, after + 5 * MINUTE);
    if (lo >= end) return undefined;
    // Early in the window is likelier: a follow-up right after the handoff, calls in the morning.
    const u = rng.next();
    return roundToMinute(lo + (end - lo) * u * (0.55 + 0.45 * u));
  }

  /** A working-hours time at least `n` business days after the day of `t` (0: the same day if possible), and after `t`. */
  workAfter(rng: Rng, t: Sec, n = 0): Sec {
    let d = n === 0 ? this.onOrAfter(dayOf(t)) : this.addBusinessDays(dayOf(t), n);
    for (;;) {
      const x = this.workTime(rng, d, t);
      if (x !== undefined) return x;
      d = this.addBusinessDays(d, 1);
    }
  }

  /** A time of day any day of the week (web forms): mostly office hours, some evening, little at night. */
  anyTime(rng: Rng, day: number): Sec {
    const hour = rng.weighted(HOURS, HOUR_WEIGHTS);
    return day * DAY + hour * HOUR + rng.int(0, 59) * MINUTE + rng.int(0, 59);
  }
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 8, 9, 9, 6, 8, 9, 9, 8, 7, 5, 4, 4, 3, 2, 1.5];

export function roundToMinute(t: Sec): Sec {
  return Math.floor(t / MINUTE) * MINUTE;
}
