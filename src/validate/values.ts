// Typing raw text in DuckDB SQL: one expression per column kind. The reader stages every file
// as text; these expressions turn text into typed values, and a value that was given but types
// to NULL is a row-level problem.
import type { ColumnKind } from "../schema/column.ts";
import { lit } from "../model/duckdb.ts";

export type DateOrder = "mdy" | "dmy";

export interface TypingContext {
  timeZone: string;
  dateOrder?: DateOrder;
  /** Enum columns: lower-cased accepted text -> canonical value. */
  enumValues?: ReadonlyMap<string, string>;
}

const FULL_WIDTH = "０１２３４５６７８９，．－：／＋％";
const HALF_WIDTH = "0123456789,.-:/+%";

/**
 * The raw text as the typing expressions see it: trimmed, full-width digits folded, blank -> NULL,
 * and with `nfc`, normalized to Unicode NFC (text columns: one name typed two ways is two names).
 * translate() runs only on values that contain a full-width character: it is the costliest step
 * of reading, and almost every value has none. `fold: false` (a file with none of them, see
 * needsFolding) skips even the test for one; `trim: false` (a file with no space at a field's
 * edge, see StagedFile.edgeSpaces) skips trimming; `nfc: false` (a file known to be NFC, see
 * StagedFile.nfc, or a column that is no text) skips normalizing.
 */
export function cleaned(
  column: string,
  file: { fold: boolean; trim: boolean; nfc: boolean } = { fold: true, trim: true, nfc: true },
): string {
  const folded = file.fold
    ? `CASE WHEN regexp_matches(${column}, '[${FULL_WIDTH}]') THEN translate(${column}, '${FULL_WIDTH}', '${HALF_WIDTH}') ELSE ${column} END`
    : column;
  const value = `nullif(${file.trim ? `trim(${folded})` : folded}, '')`;
  return file.nfc ? `nfc_normalize(${value})` : value;
}

/** Does a file whose full-width forms are `chars` (undefined: not known) have any that cleaned() folds? */
export function needsFolding(chars: string | undefined): boolean {
  return chars === undefined || [...chars].some((c) => FULL_WIDTH.includes(c));
}

const YEAR_FIRST = [
  "%Y-%m-%d %H:%M:%S.%f",
  "%Y-%m-%d %H:%M:%S",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%dT%H:%M:%S.%f",
  "%Y-%m-%dT%H:%M:%S",
  "%Y-%m-%dT%H:%M",
  "%Y-%m-%d",
  "%Y/%m/%d %H:%M:%S",
  "%Y/%m/%d %H:%M",
  "%Y/%m/%d",
  "%Y.%m.%d %H:%M:%S",
  "%Y.%m.%d %H:%M",
  "%Y.%m.%d",
  "%Y%m%d",
  "%Y%m%d%H%M%S",
  "%Y年%m月%d日 %H:%M",
  "%Y年%m月%d日",
  "%Y年%m月%d日 %H時%M分%S秒",
  "%Y年%m月%d日 %H時%M分",
];
/** Year-last dates are written with slashes, dashes or dots (an Excel re-save writes 31.12.2017). */
const YEAR_LAST_SEPARATORS = ["/", "-", "."] as const;
const YEAR_LAST = (first: string, second: string) =>
  YEAR_LAST_SEPARATORS.flatMap((s) => [
    `${first}${s}${second}${s}%Y %I:%M:%S %p`,
    `${first}${s}${second}${s}%Y %I:%M %p`,
    `${first}${s}${second}${s}%Y %H:%M:%S`,
    `${first}${s}${second}${s}%Y %H:%M`,
    `${first}${s}${second}${s}%Y`,
  ]);
const MONTH_ONLY = ["%Y-%m", "%Y/%m", "%Y%m", "%Y年%m月"];

/**
 * Dates with the year last (10/1/2026, 1-10-2026, 1.10.2026): their day/month order must be decided,
 * never guessed. One separator throughout (the backreference is not available in DuckDB's RE2, so
 * each is spelled out).
 */
export const YEAR_LAST_PATTERN = "^(\\d{1,2}/\\d{1,2}/|\\d{1,2}-\\d{1,2}-|\\d{1,2}\\.\\d{1,2}\\.)\\d{4}";
const WITH_OFFSET = "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)$";
/**
 * An ISO timestamp with an offset as DuckDB casts it: with seconds, and no space before the offset
 * (ISO 8601 allows 09:05+09:00; DuckDB's cast reads only 09:05:00+09:00).
 */
function castableOffset(v: string): string {
  const joined = `regexp_replace(${v}, '\\s+(Z|[+-]\\d)', '\\1')`;
  return `regexp_replace(${joined}, '^(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2})(Z|[+-])', '\\1:00\\2')`;
}

/**
 * A timestamp cut to microseconds, all %f reads: .NET writes 7 fractional digits, Java and pandas
 * 9 (a cast with an offset reads them; try_strptime does not). Only a value long enough to have
 * them is looked at.
 */
function microseconds(v: string): string {
  return `CASE WHEN length(${v}) > 26 AND regexp_matches(${v}, ':\\d{2}\\.\\d{7}') THEN regexp_replace(${v}, '(:\\d{2}\\.\\d{6})\\d+', '\\1') ELSE ${v} END`;
}

function formats(list: string[]): string {
  return `[${list.map(lit).join(", ")}]`;
}

/**
 * The shapes CRM and MA exports write (LIKE pattern, its one format). try_strptime tries a list's
 * formats in order and each one that fails costs ~0.5 µs, so most values failed several before
 * matching (scale 20: typing leads took 3.1 s). A value of one of these shapes is tried with its
 * format first; when that fails it goes through the whole expression, so results never differ.
 */
const COMMON_SHAPES: readonly [string, string][] = [
  ["____-__-__ __:__:__", "%Y-%m-%d %H:%M:%S"],
  ["____-__-__", "%Y-%m-%d"],
  ["____/__/__ __:__", "%Y/%m/%d %H:%M"],
  ["____/__/__", "%Y/%m/%d"],
];

function datetimeSql(v: string, ctx: TypingContext, extra: string[] = []): string {
  const yearLast = ctx.dateOrder === "dmy" ? YEAR_LAST("%d", "%m") : ctx.dateOrder === "mdy" ? YEAR_LAST("%m", "%d") : [];
  const full = `CASE
    WHEN regexp_full_match(${v}, '${WITH_OFFSET}') THEN timezone(${lit(ctx.timeZone)}, try_cast(${castableOffset(v)} AS TIMESTAMPTZ))
    ELSE try_strptime(${microseconds(v)}, ${formats([...YEAR_FIRST, ...yearLast, ...extra])}) END`;
  const common = `CASE ${COMMON_SHAPES.map(([shape, format]) => `WHEN ${v} LIKE '${shape}' THEN try_strptime(${v}, '${format}')`).join(" ")} END`;
  // coalesce() evaluates its second argument only on the rows where the first is NULL.
  return `coalesce(${common}, ${full})`;
}

// A backslash is the yen sign of Shift_JIS (byte 0x5C, drawn as ¥ by Japanese fonts): an amount typed
// as ¥1,200,000 in a Japanese Excel sheet saved as CSV reads as \1,200,000.
const NUMBER_PREFIX = "^(JPY|USD|EUR|¥|￥|\\\\|\\$|€)\\s*";
const NUMBER_SUFFIX = "\\s*(円|秒|sec|s)$";

/**
 * SQL: the currency an amount's cleaned text names by its sign or code (¥1,200, JPY 1,200, 1,200円,
 * USD 8,000, $8,000, €2,000), or NULL when it names none. The number is read without it, so an
 * amount in another currency than the report's is checked by it (validate/dataset.ts).
 */
export function namedCurrencySql(v: string): string {
  const sign = `regexp_extract(${v}, '${NUMBER_PREFIX.replace("\\s*", "")}', 1)`;
  return `(CASE WHEN ${sign} IN ('JPY', '¥', '￥', '\\') OR ${v} LIKE '%円' THEN 'JPY' WHEN ${sign} IN ('USD', '$') THEN 'USD' WHEN ${sign} IN ('EUR', '€') THEN 'EUR' END)`;
}

function groupedOf(v: string): string {
  const bare = `regexp_replace(regexp_replace(regexp_replace(${v}, '${NUMBER_PREFIX}', ''), '${NUMBER_SUFFIX}', ''), '\\s', '', 'g')`;
  // A comma is only ever a thousands separator (1,200,000); "1.200,50" or "1200,5" is refused, never misread.
  const grouped = `(CASE WHEN NOT contains(${bare}, ',') OR regexp_full_match(${bare}, '[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?')
    THEN try_cast(replace(${bare}, ',', '') AS DOUBLE) END)`;
  return grouped;
}

/** The number in cleaned text `v` (may be NaN/Infinity; finishing rejects those). */
function parseNumber(v: string): string {
  const grouped = groupedOf(v);
  return `CASE
    WHEN regexp_full_match(${v}, '\\d+:\\d{1,2}:\\d{1,2}(\\.\\d+)?') THEN
      split_part(${v}, ':', 1)::DOUBLE * 3600 + split_part(${v}, ':', 2)::DOUBLE * 60 + split_part(${v}, ':', 3)::DOUBLE
    WHEN regexp_full_match(${v}, '(\\d+)分(\\d+(\\.\\d+)?)秒') THEN
      regexp_extract(${v}, '^(\\d+)分', 1)::DOUBLE * 60 + regexp_extract(${v}, '分(\\d+(\\.\\d+)?)秒$', 1)::DOUBLE
    WHEN regexp_full_match(${v}, '-?(\\d{1,3}(,\\d{3})+|\\d*)(\\.\\d+)?\\s*%') THEN try_cast(replace(replace(${v}, '%', ''), ',', '') AS DOUBLE) / 100
    WHEN regexp_full_match(${v}, '\\(([^)]*)\\)') THEN -(${groupedOf(`regexp_extract(${v}, '^\\((.*)\\)$', 1)`)})
    ELSE ${grouped} END`;
}

const TRUE_TEXT = ["true", "t", "1", "yes", "y", "on", "はい", "○", "◯", "済", "有", "あり"];
const FALSE_TEXT = ["false", "f", "0", "no", "n", "off", "いいえ", "×", "未", "無", "なし"];

/**
 * How a kind is typed, in up to two steps: `prepare` (computed once per value, in its own
 * SELECT level) and `finish`, which may refer to the prepared value `p` several times. Two
 * levels keep the SQL small: a count checks its number four times, and repeating the whole
 * number parser each time made binding, not reading, the slowest part of validation.
 */
export interface Typing {
  prepare?: (v: string) => string;
  finish: (v: string, p: string) => string;
}

export function typing(kind: ColumnKind, ctx: TypingContext): Typing {
  switch (kind) {
    case "id":
      return { finish: (v) => `canonical_id(${v})` };
    case "string":
      // NFC already: cleaned() normalizes the text columns of a file that may need it.
      return { finish: (v) => v };
    case "datetime":
      return { finish: (v) => datetimeSql(v, ctx) };
    case "date":
      return { finish: (v) => `(${datetimeSql(v, ctx, MONTH_ONLY)})::DATE` };
    case "month":
      // Or a date in the month, year first: a month column of Excel dates saved as CSV reads 2026/10/1 0:00 or 2026年10月1日.
      return { finish: (v) => `strftime(try_strptime(${v}, ${formats([...MONTH_ONLY, ...YEAR_FIRST])}), '%Y-%m')` };
    case "number":
      // NaN and Infinity are not amounts.
      return { prepare: parseNumber, finish: (_v, p) => `(CASE WHEN isfinite(${p}) THEN ${p} END)` };
    case "count":
      return {
        prepare: parseNumber,
        finish: (_v, p) => `(CASE WHEN isfinite(${p}) AND ${p} = round(${p}) AND abs(${p}) < 9e15 THEN ${p}::BIGINT END)`,
      };
    case "boolean":
      return {
        finish: (v) => `(CASE WHEN lower(${v}) IN (${TRUE_TEXT.map(lit).join(", ")}) THEN true
        WHEN lower(${v}) IN (${FALSE_TEXT.map(lit).join(", ")}) THEN false END)`,
      };
    case "currency":
      return {
        finish: (v) =>
          `(CASE WHEN ${v} IN ('円', '¥', '￥') OR lower(${v}) = 'yen' THEN 'JPY' WHEN regexp_full_match(upper(${v}), '[A-Z]{3}') THEN upper(${v}) END)`,
      };
    case "enum": {
      const pairs = [...(ctx.enumValues ?? new Map())].map(([text, value]) => `WHEN ${lit(text)} THEN ${lit(value)}`);
      return { finish: (v) => (pairs.length ? `(CASE lower(${v}) ${pairs.join(" ")} END)` : "NULL") };
    }
  }
}

/** SQL that types the cleaned text `v` as `kind` in one expression; NULL where the text is not a valid value. */
export function typedSql(kind: ColumnKind, v: string, ctx: TypingContext): string {
  const t = typing(kind, ctx);
  return t.finish(v, t.prepare ? `(${t.prepare(v)})` : "NULL");
}
