// What every section's metric code is given: the as-of tables are already in the database.
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { monthIndex, monthKey } from "../schema/month.ts";

export interface MetricContext {
  /** The report month, YYYY-MM. */
  month: string;
  /** The 13 months ending at `month`, ascending (the sparkline and YoY window). */
  window: string[];
  config: Config;
  /** Whether month folder `m` provides `dataset` ("not provided" is never shown as zero). */
  provided(dataset: DatasetName, m: string): boolean;
  /** Whether month folder `m`'s export of `dataset` held no records (validation.allowEmpty). */
  empty?(dataset: DatasetName, m: string): boolean;
}

/**
 * The months of `months` whose folder lacks `dataset`, a month before the first folder included. A
 * figure over several months needs its dataset in each: a month without it would count as zero.
 */
export function monthsLacking(ctx: Pick<MetricContext, "provided">, dataset: DatasetName, months: readonly string[]): string[] {
  return months.filter((m) => !ctx.provided(dataset, m));
}

/** Whether month folder `month` provides every one of `datasets` (what a month's figure reads). */
export function providesAll(ctx: Pick<MetricContext, "provided">, datasets: readonly DatasetName[], month: string): boolean {
  return datasets.every((d) => ctx.provided(d, month));
}

/** Months from `from` to `to` inclusive (YYYY-MM). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthKey(i));
  return out;
}

export function addMonths(month: string, n: number): string {
  return monthKey(monthIndex(month) + n);
}

/** The `count` months ending at `month` (itself included), ascending. */
export function monthsEnding(month: string, count: number): string[] {
  return monthRange(addMonths(month, 1 - count), month);
}

export function windowOf(month: string): string[] {
  return monthsEnding(month, 13);
}

/** Round so a float aggregate never depends on summation order (thread count). */
export function round(value: number | null | undefined, digits = 6): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
