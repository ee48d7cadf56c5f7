import { describe, expect, it } from "vitest";
import {
  formatChange,
  formatCount,
  formatCurrency,
  formatDate,
  formatDays,
  formatMonth,
  formatPercent,
  formatSeconds,
} from "../src/site/format.ts";

const ja = { locale: "ja" as const, currency: "JPY", yenUnits: true };
const en = { locale: "en" as const, currency: "JPY", yenUnits: true };

describe("format", () => {
  it("says not provided instead of zero", () => {
    expect(formatCount(null, ja)).toBe("データなし");
    expect(formatCurrency(null, en)).toBe("not provided");
    expect(formatCount(0, en)).toBe("0");
  });
  it("marks a change with no value with the page's one no-cases mark, '-' in both locales", () => {
    expect(formatChange(null, en)).toBe("-");
    expect(formatChange(null, ja, "points")).toBe("-");
  });
  it("shows yen in 万/億 in Japanese when configured", () => {
    expect(formatCurrency(1_234_567, ja)).toBe("123.5万円");
    expect(formatCurrency(24_000_000, ja)).toBe("2,400万円");
    expect(formatCurrency(123_000_000, ja)).toBe("1.23億円");
    expect(formatCurrency(9_800, ja)).toBe("9,800円");
    expect(formatCurrency(1_234_567, { ...ja, yenUnits: false })).toBe("￥1,234,567");
    expect(formatCurrency(1_234_567, en)).toBe("¥1,234,567");
  });
  it("formats ratios, changes, durations and dates per locale", () => {
    expect(formatPercent(0.4567, en)).toBe("45.7%");
    expect(formatChange(0.123, en)).toBe("+12.3%");
    expect(formatChange(-0.04, en)).toBe("−4.0%");
    expect(formatChange(0.021, en, "points")).toBe("+2.1pt");
    expect(formatDays(3.25, ja)).toBe("3.3日");
    expect(formatSeconds(95, ja)).toBe("1分35秒");
    expect(formatSeconds(95, en)).toBe("1m 35s");
    expect(formatMonth("2026-10", ja)).toBe("2026年10月");
    expect(formatMonth("2026-10", en)).toBe("October 2026");
    expect(formatDate("2026-10-31", ja)).toBe("2026年10月31日");
    expect(formatDate("2026-10-31", en)).toBe("31 Oct 2026");
  });
});

describe("one unit per column", () => {
  it("shows a column of yen in 億円 when its largest value reaches 1億, else as each value's own", async () => {
    const { currencyColumn } = await import("../src/site/format.ts");
    const ja = { locale: "ja" as const, currency: "JPY", yenUnits: true };
    const col = currencyColumn([93_680_000, 116_000_000, null], ja);
    expect([col(93_680_000), col(116_000_000), col(null)]).toEqual(["0.94億円", "1.16億円", "データなし"]);
    expect(currencyColumn([2_010_000, 50_000], ja)(2_010_000)).toBe("201万円");
    expect(currencyColumn([116_000_000], { ...ja, locale: "en" })(116_000_000)).toBe("¥116,000,000");
  });
});
