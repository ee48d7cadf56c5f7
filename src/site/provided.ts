// What a page shows for a value that depends on datasets: the value when the month provides them
// all, "not provided" when it lacks any (never a zero), and "-" for a ratio of no cases with the
// data present.
import type { DatasetName } from "../schema/dataset.ts";
import { formatPercent, formatValue, type FormatOptions, type ValueUnit } from "./format.ts";
import { labelsIn } from "./labels.ts";

export interface Provided {
  /** The month provides every one of `needs`. */
  has(...needs: DatasetName[]): boolean;
  /** Those of `needs` the month lacks, in their order (what a banner names). */
  missing(...needs: DatasetName[]): DatasetName[];
  /** `show()` when the month provides `needs`, else "not provided". */
  given(needs: readonly DatasetName[], show: () => string): string;
  /** A rate: "not provided" without `needs`, "-" when its denominator is zero, else the percentage. */
  rate(needs: readonly DatasetName[], value: number | null, denominator: number | null | undefined): string;
}

/**
 * A headline or a point of its series without a value although its month's data is present: it
 * carries the denominator it was computed over (a rate of 0 / 0; the top loss reason's share of a
 * month that lost no deal with a reason), where a value not provided carries none. It reads "-".
 */
export function noCases(x: { value: number | null; denominator?: number }): boolean {
  return x.value === null && x.denominator !== undefined;
}

/** A headline or a point of its series as a page shows it: "-" for no cases, else its value in `unit` (null: not provided). */
export function shownValue(unit: ValueUnit, x: { value: number | null; denominator?: number }, fo: FormatOptions): string {
  return noCases(x) ? labelsIn(fo.locale).noCases : formatValue(unit, x.value, fo);
}

/** For a month whose report lists `provided` (the datasets it has, reference lists carried forward). */
export function providedBy(provided: readonly string[], fo: FormatOptions): Provided {
  const t = labelsIn(fo.locale);
  const has = (...needs: DatasetName[]) => needs.every((d) => provided.includes(d));
  return {
    has,
    missing: (...needs) => needs.filter((d) => !provided.includes(d)),
    given: (needs, show) => (has(...needs) ? show() : t.notProvided),
    rate: (needs, value, denominator) =>
      !has(...needs)
        ? t.notProvided
        : denominator === 0 || (value === null && denominator === undefined)
          ? t.noCases
          : formatPercent(value, fo),
  };
}
