// A headline number with its context: target and attainment, previous month, same month last
// year, and the 13-month series behind the sparkline.
import { z } from "zod";
import { attainmentOf } from "./attainment.ts";
import { addMonths, round } from "./context.ts";
import type { Targets } from "./targets.ts";

export type { Targets } from "./targets.ts";

export const point = z.strictObject({
  month: z.string(),
  /**
   * null: the data for that month is not provided (never shown as zero); or, with a denominator, the
   * data is there and the month has no cases (a rate of 0 / 0; site/provided.ts noCases).
   */
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  /** targets.csv's value for the month, when there is one (drawn as the dashed target line). */
  target: z.number().optional(),
  /** The month's export of a dataset the value needs held no records (validation.allowEmpty). */
  empty: z.literal(true).optional(),
});
export type Point = z.infer<typeof point>;

export const headlineSchema = z.strictObject({
  /** The metric id (a targets.csv metric). */
  id: z.string(),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  target: z.number().nullable(),
  /**
   * value / target; target / value for a lower-is-better metric (metrics/attainment.ts: a spend 5%
   * over budget is at risk, not 105% attained). An edition of format 10 or older froze value / target
   * for those too, read as frozen.
   */
  attainment: z.number().nullable(),
  previous: z.number().nullable(),
  /** Relative change from the previous month: (value - previous) / previous. */
  mom: z.number().nullable(),
  yearAgo: z.number().nullable(),
  yoy: z.number().nullable(),
  series: z.array(point),
  /** The month's export held no records: the value is no change from earlier months (none is given). */
  empty: z.literal(true).optional(),
});
export type Headline = z.infer<typeof headlineSchema>;

function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return round((now - before) / Math.abs(before));
}

/**
 * What a month is compared with when it is not the series' own value of the previous month and of
 * the same month last year: for a metric whose months each measure their own thing (the top loss
 * reason's share compares the same reason's share then, not that month's own top reason's).
 */
export interface Against {
  previous: number | null;
  yearAgo: number | null;
}

export function headline(
  id: string,
  series: Point[],
  month: string,
  targets: Targets,
  against?: Against,
  better: "higher" | "lower" = "higher",
): Headline {
  const at = (m: string) => series.find((p) => p.month === m);
  const current = at(month);
  const value = current?.value ?? null;
  const previous = against ? against.previous : (at(addMonths(month, -1))?.value ?? null);
  const yearAgo = against ? against.yearAgo : (at(addMonths(month, -12))?.value ?? null);
  const target = targets.get(`${id}|${month}`) ?? null;
  const withTargets = series.map((p) => {
    const t = targets.get(`${id}|${p.month}`);
    return t === undefined ? p : { ...p, target: t };
  });
  const h: Headline = {
    id,
    value,
    target,
    // A target of zero has no attainment either way (a ratio over zero; site/summary.ts statusOf: none).
    attainment: !target ? null : better === "lower" ? attainmentOf(value, target, "lower") : value !== null ? round(value / target) : null,
    previous,
    mom: change(value, previous),
    yearAgo,
    yoy: change(value, yearAgo),
    series: withTargets,
  };
  // An export that held no records is not a fall to zero: no change is computed from it or to it.
  if (current?.empty) Object.assign(h, { empty: true, mom: null, yoy: null });
  if (at(addMonths(month, -1))?.empty) h.mom = null;
  if (at(addMonths(month, -12))?.empty) h.yoy = null;
  if (current?.numerator !== undefined) h.numerator = current.numerator;
  if (current?.denominator !== undefined) h.denominator = current.denominator;
  return h;
}
