// Month-series helpers shared by the sections: group-by-month SQL and gap filling that keeps
// "not provided" (null) apart from zero.
import { NEWEST, spanOf, validIn } from "../model/asof.ts";
import type { Db } from "../model/duckdb.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { monthIndex, monthKey } from "../schema/month.ts";
import type { MetricContext } from "./context.ts";
import { addMonths, providesAll, round } from "./context.ts";
import type { Point } from "./headline.ts";

/**
 * SQL for "the month of timestamp or date column `col`", as a month index (schema/month.ts);
 * timestamps are local wall-clock time already. Rows are grouped on an integer, not on text: strftime
 * cost several times year() and month() a row (docs/performance.md). byMonth turns indexes back into 'YYYY-MM'.
 */
export function monthOf(col: string): string {
  return `(year(${col}) * 12 + month(${col}) - 1)`;
}

/**
 * The SQL type amounts are added up in: a DOUBLE sum adds the threads' partial sums in the order they
 * finish, so amounts with cents came out with other last digits at another thread count (more than
 * round() evens out on a large total), and a build with them was not reproducible. Each amount to 6
 * decimals (as round() keeps every figure) adds up exactly as a DECIMAL, in any order.
 */
export const AMOUNT_DECIMAL = "DECIMAL(38, 6)";

/** SQL: the exact sum of amount column `col` (AMOUNT_DECIMAL), over the rows `filter` keeps, as a DOUBLE. */
export function amountSum(col: string, filter?: string): string {
  return `CAST(sum(CAST(${col} AS ${AMOUNT_DECIMAL}))${filter ? ` FILTER (WHERE ${filter})` : ""} AS DOUBLE)`;
}

/** SQL: the month index of 'YYYY-MM' `month`, to compare with monthOf. */
export function monthSql(month: string): string {
  return String(monthIndex(month));
}

/** SQL: timestamp or date `col` falls in `month`. A range test, so no row is formatted as text. */
export function inMonth(col: string, month: string): string {
  return `(${col} >= TIMESTAMP '${month}-01' AND ${col} < TIMESTAMP '${addMonths(month, 1)}-01')`;
}

/** SQL: the first instant of the window's 13 months. */
export function windowStart(ctx: MetricContext): string {
  return `TIMESTAMP '${ctx.window[0]}-01'`;
}

/** SQL: `col` falls in the window's 13 months (filter before grouping by monthOf). */
export function inWindow(col: string, ctx: MetricContext): string {
  return `(${col} >= ${windowStart(ctx)} AND ${col} < TIMESTAMP '${addMonths(ctx.month, 1)}-01')`;
}

/** SQL list of the window's months (month indexes, as monthOf gives them). */
export function windowList(ctx: MetricContext): string {
  return `(${ctx.window.map(monthSql).join(", ")})`;
}

/** SQL relation of the window's months: one row each, column m (a month index). */
export function windowMonths(ctx: MetricContext): string {
  return `SELECT unnest([${ctx.window.map(monthSql).join(", ")}]) AS m`;
}

export type MonthRows = ReadonlyMap<string, Record<string, number | null>>;

/** Rows keyed by their month as 'YYYY-MM' (m is a month index from monthOf). */
export function byMonth<T extends { m: number }>(rows: T[]): Map<string, T> {
  return new Map(rows.map((r) => [monthKey(r.m), r]));
}

/**
 * The window as points: the value where the month's folder provides `needs`, 0 for a provided
 * month with no rows, null for a month whose data is not provided.
 */
export function points(
  ctx: MetricContext,
  needs: readonly DatasetName[],
  get: (month: string) => { value: number | null; numerator?: number; denominator?: number } | undefined,
  zero: "zero" | "null" = "zero",
): Point[] {
  return ctx.window.map((month) => {
    if (!providesAll(ctx, needs, month)) return { month, value: null };
    const got = get(month);
    const empty = needs.some((d) => ctx.empty?.(d, month)) ? { empty: true as const } : {};
    if (!got) return { month, value: zero === "zero" ? 0 : null, ...empty };
    const p: Point = { month, value: round(got.value), ...empty };
    if (got.numerator !== undefined) p.numerator = got.numerator;
    if (got.denominator !== undefined) p.denominator = got.denominator;
    return p;
  });
}

/** A ratio point: null when the denominator is zero (no rate, rather than a fake 0%). */
export function ratio(numerator: number, denominator: number): { value: number | null; numerator: number; denominator: number } {
  return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

/**
 * SQL: sums over the versions valid at each report month, for every month of `months` in one pass.
 * A version counts for report month r while __since <= r < __until (model/asof.ts), so a sum by
 * month is a running sum of its values at __since, less them at __until: each version is read once
 * for all months, where computing each month alone read every earlier version again.
 *
 * `relation` has __since, __until and the `date` column (timestamp or date; rows where it is NULL
 * are left out; no `date`: every row, span "any"), plus the `keys` and the columns `values` read.
 * Rows: r (the report month's index), the keys, m (the month of `date`, as monthOf gives) and each
 * value's sum, where a sum is not zero, for m in `span`: "window", the `windowMonths` months ending at
 * r (13, the report's window, unless given);
 * "month", r itself; "toDate", every month up to r, summed together (no m); "any", every month,
 * summed together (no m). Values must be integers: a running sum of fractions could leave a
 * remainder where the month's own sum has none.
 *
 * Only versions that can count are read (`spanFilter`): a build that computes only the newest month
 * reads the versions valid then, with a date in its window.
 */
export function acrossMonthsSql(o: {
  relation: string;
  months: readonly string[];
  date?: string;
  values: readonly { name: string; sql: string }[];
  keys?: readonly string[];
  span?: "window" | "month" | "toDate" | "any";
  windowMonths?: number;
}): string {
  const keys = (o.keys ?? []).map((k) => `${k}, `).join("");
  const values = o.values.map((v) => `${v.sql} AS ${v.name}`).join(", ");
  const span = o.date === undefined ? "any" : (o.span ?? "window");
  const month = o.date === undefined ? "0" : monthOf(o.date);
  const back = (o.windowMonths ?? 13) - 1;
  const window = { window: `d.m BETWEEN r - ${back} AND r`, month: "d.m = r", toDate: "d.m <= r", any: "true" }[span];
  return `
    WITH v AS NOT MATERIALIZED (SELECT * FROM (${o.relation}) WHERE ${spanFilter(o.months, span, o.date, o.windowMonths)}),
    d AS (SELECT ${keys}m, step, ${o.values.map((v) => `sum(sign * ${v.name}) AS ${v.name}`).join(", ")} FROM (
      SELECT ${keys}${month} AS m, __since AS step, 1 AS sign, ${values} FROM v
      UNION ALL
      SELECT ${keys}${month}, __until, -1, ${values} FROM v WHERE __until < ${NEWEST}
    ) GROUP BY ALL)
    SELECT r, ${keys}${span === "toDate" || span === "any" ? "" : "m, "}${o.values.map((v) => `sum(${v.name}) AS ${v.name}`).join(", ")}
    FROM (SELECT unnest([${o.months.map(monthSql).join(", ")}]) AS r) JOIN d ON d.step <= r AND ${window}
    GROUP BY ALL HAVING ${o.values.map((v) => `sum(${v.name}) <> 0`).join(" OR ")}`;
}

/**
 * SQL: the versions that can count for some report month of `months` (sorted or not), and whose
 * `date` falls in a month `span` reaches from one of them. Exact: a version that ends (__until) by
 * the first report month adds and takes away its values before every report month, one that starts
 * after the last adds nothing, and a date outside every report month's span is never summed. A
 * range on the stored column, so row groups outside it are skipped by their min/max.
 */
export function spanFilter(
  months: readonly string[],
  span: "window" | "month" | "toDate" | "any",
  date?: string,
  windowMonths = 13,
): string {
  if (months.length === 0) return "false";
  const { first, last } = spanOf(months);
  const versions = validIn({ first, last });
  if (span === "any" || date === undefined) return versions;
  const end = `${date} < TIMESTAMP '${monthKey(last + 1)}-01'`;
  if (span === "toDate") return `${versions} AND ${end}`;
  const from = span === "window" ? first - (windowMonths - 1) : first;
  return `${versions} AND ${date} >= TIMESTAMP '${monthKey(from)}-01' AND ${end}`;
}

/**
 * Rows computed beforehand (e.g. from acrossMonthsSql) as TEMP table `name` of this connection, one
 * column per `columns` entry, in its order (see Db.tempTable); returns SQL selecting them.
 */
export async function rowsTable(
  db: Db,
  name: string,
  columns: readonly { name: string; type: "VARCHAR" | "BIGINT" }[],
  rows: readonly (readonly (string | number)[])[],
): Promise<string> {
  await db.tempTable(name, columns, rows);
  return `SELECT * FROM ${name}`;
}

/**
 * Counts from several acrossMonthsSql queries of one value (n) each, merged: per report month r,
 * one record per key (`key` of a row) with every query's count under its name, 0 where it has
 * none. Keys come in the order they first appear.
 */
export function mergeCounts<N extends string, T extends { r: number; n: number }, K>(
  counts: Record<N, readonly T[]>,
  key: (row: T) => K,
): Map<number, Map<K, Record<N, number>>> {
  const names = Object.keys(counts) as N[];
  const out = new Map<number, Map<K, Record<N, number>>>();
  for (const name of names) {
    for (const x of counts[name]) {
      const month = out.get(x.r) ?? out.set(x.r, new Map()).get(x.r)!;
      const k = key(x);
      const record = month.get(k) ?? month.set(k, Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>).get(k)!;
      record[name] = x.n;
    }
  }
  return out;
}
