// The pattern a date value is written in, named as a person reads it (YYYY-MM-DD, DD.MM.YYYY), for
// the message that says a value is not a date: the pattern the reader saw and, for a year-last date,
// the day/month order it read it in.
import type { DateOrder } from "./values.ts";

/** How the day/month order of a file's year-last dates was decided. */
export interface OrderDecision {
  order: DateOrder;
  /** By a value in the column that can be read one way only, or by dateOrder in gekkan.config.yaml. */
  by: "evidence" | "config";
}

const YEAR_FIRST = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(.*)$/s;
const YEAR_LAST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(.*)$/s;
const COMPACT = /^\d{8}$/;

/** The time part after a date, as a pattern: " 9:05" -> " hh:mm", "T09:05:00Z" -> "Thh:mm:ssZ". */
function timePattern(rest: string): string {
  return rest
    .replace(/\d{1,2}:\d{2}:\d{2}(\.\d+)?/, "hh:mm:ss")
    .replace(/\d{1,2}:\d{2}/, "hh:mm")
    .replace(/\d/g, "9");
}

/** A value's shape where no date pattern fits: digits as 9, the rest as written ("Oct 1, 2026" -> "Oct 9, 9999"). */
function shape(value: string): string {
  return value.replace(/\d/g, "9");
}

/** The pattern `value` is written in; year-last dates in the order `decided` (both orders when undecided). */
export function datePattern(value: string, decided?: OrderDecision): string {
  const v = value.trim();
  const first = YEAR_FIRST.exec(v);
  if (first) return `YYYY${first[2]}MM${first[2]}DD${timePattern(first[5]!)}`;
  const last = YEAR_LAST.exec(v);
  if (last) {
    const s = last[2]!;
    const time = timePattern(last[5]!);
    const dmy = `DD${s}MM${s}YYYY${time}`;
    const mdy = `MM${s}DD${s}YYYY${time}`;
    return decided === undefined ? `${dmy} or ${mdy}` : decided.order === "dmy" ? dmy : mdy;
  }
  if (COMPACT.test(v)) return "YYYYMMDD";
  return shape(v);
}

/** Is `value` written in a pattern the reader knows (so a failure means no such day or time exists)? */
export function knownDatePattern(value: string): boolean {
  const v = value.trim();
  return YEAR_FIRST.test(v) || YEAR_LAST.test(v) || COMPACT.test(v);
}

/**
 * Why a date value could not be read, for the bad-value message: the pattern seen and, for a
 * year-last date, which order it was read in and what decided it.
 */
export function notADate(value: string, decided?: OrderDecision): string {
  const pattern = datePattern(value, decided);
  if (!knownDatePattern(value)) return `is not a date: its pattern ${pattern} is not a date format the reader knows`;
  const yearLast = YEAR_LAST.test(value.trim());
  const how =
    yearLast && decided
      ? decided.by === "config"
        ? ` (as dateOrder: ${decided.order} in gekkan.config.yaml says)`
        : ` (${decided.order === "dmy" ? "day-first" : "month-first"}, as a value in the column can only be read that way)`
      : "";
  return `is not a date: read as ${pattern}${how}, there is no such date or time`;
}
