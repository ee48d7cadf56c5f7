// Number and date formats for the report, in both locales (what Intl does for a number, done here
// for the report's units). Yen amounts may be shown in 万/億 units (Japanese readers think in 万),
// everything else with grouping separators.
import type { Unit } from "../sections/section.ts";
import { labelsIn, NO_VALUE } from "./labels.ts";

export type Locale = "ja" | "en";

export interface FormatOptions {
  locale: Locale;
  currency: string;
  /** Use 万/億 for yen in Japanese. */
  yenUnits: boolean;
}

/** "Not provided" (never zero), in the page's locale: the catalogue's word. */
function notProvided(locale: Locale): string {
  return labelsIn(locale).notProvided;
}

function intl(locale: Locale): string {
  return locale === "ja" ? "ja-JP" : "en-US";
}

// Building an Intl formatter costs far more than using one, and a site formats tens of thousands
// of numbers with a handful of distinct options: each is built once.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(tag: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n ${tag} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(tag, options)));
  return f;
}

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${tag} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(tag, options)));
  return f;
}

export function formatCount(value: number | null, o: Pick<FormatOptions, "locale">): string {
  if (value === null) return notProvided(o.locale);
  return numberFormat(intl(o.locale), { maximumFractionDigits: 0 }).format(value);
}

export function formatNumber(value: number | null, o: Pick<FormatOptions, "locale">, digits = 1): string {
  if (value === null) return notProvided(o.locale);
  return numberFormat(intl(o.locale), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function formatPercent(value: number | null, o: Pick<FormatOptions, "locale">, digits = 1): string {
  if (value === null) return notProvided(o.locale);
  return numberFormat(intl(o.locale), { style: "percent", maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

/** A signed change: "+12.3%" / "-4.0%"; percentage points for ratios ("+2.1pt"). */
export function formatChange(value: number | null, o: Pick<FormatOptions, "locale">, kind: "relative" | "points" = "relative"): string {
  if (value === null) return NO_VALUE;
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  const abs = Math.abs(value) * 100;
  const n = numberFormat(intl(o.locale), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(abs);
  return kind === "points" ? `${sign}${n}pt` : `${sign}${n}%`;
}

/** Money: ¥1,234,567, or 123.5万円 / 1.23億円 with yenUnits in Japanese. */
export function formatCurrency(value: number | null, o: FormatOptions): string {
  if (value === null) return notProvided(o.locale);
  if (o.currency === "JPY" && o.locale === "ja" && o.yenUnits) {
    const abs = Math.abs(value);
    const sign = value < 0 ? "−" : "";
    if (abs >= 1e8) return `${sign}${trim(abs / 1e8, 2)}億円`;
    if (abs >= 1e4) return `${sign}${trim(abs / 1e4, abs >= 1e7 ? 0 : 1)}万円`;
    return `${sign}${numberFormat("ja-JP", {}).format(Math.round(abs))}円`;
  }
  return numberFormat(intl(o.locale), { style: "currency", currency: o.currency, maximumFractionDigits: 0 }).format(value);
}

/** Money in few characters, for a small space (a box of the KPI tree): ¥104.9M in English; 万/億 as formatCurrency in Japanese. */
export function formatCurrencyCompact(value: number | null, o: FormatOptions): string {
  if (value === null || (o.currency === "JPY" && o.locale === "ja" && o.yenUnits)) return formatCurrency(value, o);
  return numberFormat(intl(o.locale), { style: "currency", currency: o.currency, notation: "compact", maximumFractionDigits: 1 }).format(
    value,
  );
}

/**
 * Money for one table column: every value in the same unit (億円 when the column's largest value
 * reaches 1億, else as formatCurrency), so a column never mixes 9,368万円 with 1.16億円.
 */
export function currencyColumn(values: readonly (number | null)[], o: FormatOptions): (value: number | null) => string {
  const max = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  if (!(o.currency === "JPY" && o.locale === "ja" && o.yenUnits) || max < 1e8) return (v) => formatCurrency(v, o);
  return (v) => {
    if (v === null) return notProvided(o.locale);
    return `${v < 0 ? "−" : ""}${trim(Math.abs(v) / 1e8, 2)}億円`;
  };
}

function trim(n: number, digits: number): string {
  return numberFormat("ja-JP", { maximumFractionDigits: digits }).format(n);
}

export function formatDays(value: number | null, o: Pick<FormatOptions, "locale">): string {
  if (value === null) return notProvided(o.locale);
  const n = formatNumber(value, o, 1);
  return o.locale === "ja" ? `${n}日` : `${n} days`;
}

export function formatSeconds(value: number | null, o: Pick<FormatOptions, "locale">): string {
  if (value === null) return notProvided(o.locale);
  const s = Math.round(value);
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (o.locale === "ja") return m > 0 ? `${m}分${rest}秒` : `${rest}秒`;
  return m > 0 ? `${m}m ${String(rest).padStart(2, "0")}s` : `${rest}s`;
}

/** "2026年10月" / "October 2026". */
export function formatMonth(month: string, o: Pick<FormatOptions, "locale">, style: "long" | "short" = "long"): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  if (o.locale === "ja") return style === "long" ? `${y}年${m}月` : `${String(y).slice(2)}/${m}`;
  const d = new Date(Date.UTC(y, m - 1, 1));
  return dateFormat("en-US", {
    month: style === "long" ? "long" : "short",
    year: style === "long" ? "numeric" : "2-digit",
    timeZone: "UTC",
  }).format(d);
}

/** Months in a note, short and in order: "26/8・26/9" / "Aug 26・Sep 26". */
export function formatMonths(months: readonly string[], o: Pick<FormatOptions, "locale">): string {
  return months.map((m) => formatMonth(m, o, "short")).join("・");
}

/** "2026年10月31日" / "31 Oct 2026". */
export function formatDate(day: string, o: Pick<FormatOptions, "locale">): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  if (o.locale === "ja") return `${y}年${m}月${d}日`;
  return dateFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A metric's unit (sections/section.ts), which decides its format. */
export type ValueUnit = Unit;

export function formatValue(unit: ValueUnit, value: number | null, o: FormatOptions): string {
  switch (unit) {
    case "count":
      return formatCount(value, o);
    case "currency":
      return formatCurrency(value, o);
    case "ratio":
      return formatPercent(value, o);
    case "days":
      return formatDays(value, o);
    case "seconds":
      return formatSeconds(value, o);
    case "number":
      return formatNumber(value, o, 2);
  }
}
