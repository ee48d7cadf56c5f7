import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, lit, type Db } from "../src/model/duckdb.ts";
import type { ColumnKind } from "../src/schema/column.ts";
import { cleaned, typedSql, YEAR_LAST_PATTERN, type TypingContext } from "../src/validate/values.ts";
import { datePattern, notADate } from "../src/validate/datepattern.ts";
import { canonicalId, toSalesforce18 } from "../src/read/sfid.ts";
import { prng } from "./helpers/prng.ts";

let db: Db;
beforeAll(async () => (db = await openDb()));
afterAll(() => db.close());

async function typed(kind: ColumnKind, raw: string, ctx: Partial<TypingContext> = {}): Promise<unknown> {
  const sql = typedSql(kind, cleaned(lit(raw)), { timeZone: "Asia/Tokyo", ...ctx });
  const cast = kind === "datetime" ? `strftime(${sql}, '%Y-%m-%d %H:%M:%S')` : kind === "date" ? `strftime(${sql}, '%Y-%m-%d')` : sql;
  return (await db.one<{ v: unknown }>(`SELECT ${cast} AS v`)).v;
}

describe("datetime", () => {
  it.each([
    ["2026-10-01", "2026-10-01 00:00:00"],
    ["2026/10/01", "2026-10-01 00:00:00"],
    ["2026/10/1 9:05", "2026-10-01 09:05:00"],
    ["2026.10.01", "2026-10-01 00:00:00"],
    ["20261001", "2026-10-01 00:00:00"],
    ["2026-10-01T09:05:00", "2026-10-01 09:05:00"],
    ["2026年10月1日", "2026-10-01 00:00:00"],
    // Japanese Excel's date-time formats, as a CSV saved from it writes them.
    ["2026年10月1日 9時05分", "2026-10-01 09:05:00"],
    ["2026年10月1日 9時05分07秒", "2026-10-01 09:05:07"],
    // With an offset: converted to Asia/Tokyo wall-clock time.
    ["2026-09-30T15:00:00Z", "2026-10-01 00:00:00"],
    ["2026-10-01T09:00:00+09:00", "2026-10-01 09:00:00"],
    // ISO 8601 with an offset but no seconds, or a space before the offset.
    ["2026-09-30T15:00Z", "2026-10-01 00:00:00"],
    ["2026-10-01T09:05+09:00", "2026-10-01 09:05:00"],
    ["2026-10-01 09:05:00 +09:00", "2026-10-01 09:05:00"],
    ["2026-10-01T09:05:00.5 Z", "2026-10-01 18:05:00"],
    // More fractional digits than microseconds (.NET writes 7, Java and pandas 9): cut to microseconds.
    ["2026-10-01T09:05:07.1234567", "2026-10-01 09:05:07"],
    ["2026-10-01 23:59:59.999999999", "2026-10-01 23:59:59"],
    ["２０２６/１０/０１", "2026-10-01 00:00:00"],
  ])("%s", async (raw, want) => expect(await typed("datetime", raw)).toBe(want));

  it("reads year-last dates only in the decided order", async () => {
    expect(await typed("datetime", "10/1/2026 9:05 AM", { dateOrder: "mdy" })).toBe("2026-10-01 09:05:00");
    expect(await typed("datetime", "10/1/2026 9:05 PM", { dateOrder: "mdy" })).toBe("2026-10-01 21:05:00");
    expect(await typed("datetime", "1/10/2026", { dateOrder: "dmy" })).toBe("2026-10-01 00:00:00");
    expect(await typed("datetime", "10/1/2026")).toBeNull();
  });
  it("reads year-last dates with dashes and dots like slashes, in the decided order only", async () => {
    expect(await typed("datetime", "31-12-2017", { dateOrder: "dmy" })).toBe("2017-12-31 00:00:00");
    expect(await typed("datetime", "12-31-2017", { dateOrder: "mdy" })).toBe("2017-12-31 00:00:00");
    expect(await typed("datetime", "31.12.2017", { dateOrder: "dmy" })).toBe("2017-12-31 00:00:00");
    expect(await typed("datetime", "31.12.2017 23:45", { dateOrder: "dmy" })).toBe("2017-12-31 23:45:00");
    expect(await typed("datetime", "12-31-2017 9:05 PM", { dateOrder: "mdy" })).toBe("2017-12-31 21:05:00");
    expect(await typed("datetime", "31-12-2017")).toBeNull();
    expect(await typed("datetime", "12-31-2017", { dateOrder: "dmy" })).toBeNull();
    // One separator throughout.
    expect(await typed("datetime", "31-12.2017", { dateOrder: "dmy" })).toBeNull();
  });
  it.each(["2026-13-01", "yesterday", "2026/02/30"])("rejects %s", async (raw) => expect(await typed("datetime", raw)).toBeNull());
});

describe("month", () => {
  it.each([
    ["2026-10", "2026-10"],
    ["2026/10", "2026-10"],
    ["202610", "2026-10"],
    ["2026年10月", "2026-10"],
    // A month column of Excel dates saved as CSV: the first of the month, as the cell showed it.
    ["2026/10/1", "2026-10"],
    ["2026年10月1日", "2026-10"],
    ["2026/10/01 0:00", "2026-10"],
    ["2026-10-01 00:00:00", "2026-10"],
    ["20261001", "2026-10"],
  ])("%s", async (raw, want) => expect(await typed("month", raw)).toBe(want));
  it.each(["2026-13", "10/2026", "2026"])("rejects %s", async (raw) => expect(await typed("month", raw)).toBeNull());
});

describe("date", () => {
  it("accepts monthly rows", async () => {
    expect(await typed("date", "202610")).toBe("2026-10-01");
    expect(await typed("date", "2026-10")).toBe("2026-10-01");
    expect(await typed("date", "20261015")).toBe("2026-10-15");
  });
});

describe("number", () => {
  it.each([
    ["1200000", 1200000],
    ["1,200,000", 1200000],
    ["¥1,200,000", 1200000],
    ["\\1,200,000", 1200000], // ¥ saved by Japanese Excel in Shift_JIS (0x5C)
    ["JPY 1,200,000", 1200000],
    ["12.5%", 0.125],
    ["35秒", 35],
    ["0:01:35", 95],
    ["1分35秒", 95],
    ["(1,200)", -1200],
    ["1200円", 1200],
    ["-3", -3],
  ])("%s", async (raw, want) => expect(await typed("number", raw)).toBeCloseTo(want, 9));
  it.each(["abc", "¥", "1.2.3", "12,5a"])("rejects %s", async (raw) => expect(await typed("number", raw)).toBeNull());
  it("treats blanks as missing", async () => expect(await typed("number", "   ")).toBeNull());
});

describe("count", () => {
  it("keeps whole numbers and rejects fractions", async () => {
    expect(await typed("count", "1,200")).toBe(1200);
    expect(await typed("count", "12.5")).toBeNull();
  });
});

describe("boolean", () => {
  it.each([
    ["true", true],
    ["TRUE", true],
    ["1", true],
    ["yes", true],
    ["はい", true],
    ["false", false],
    ["0", false],
    ["No", false],
    ["いいえ", false],
  ])("%s", async (raw, want) => expect(await typed("boolean", raw)).toBe(want));
  it("rejects other text", async () => expect(await typed("boolean", "maybe")).toBeNull());
});

describe("currency", () => {
  it.each([
    ["JPY", "JPY"],
    ["jpy", "JPY"],
    [" usd ", "USD"],
    ["円", "JPY"],
    ["¥", "JPY"],
    ["￥", "JPY"],
    ["Yen", "JPY"],
  ])("%s", async (raw, want) => expect(await typed("currency", raw)).toBe(want));
  it("rejects what is not a three-letter code", async () => {
    expect(await typed("currency", "US$")).toBeNull();
    expect(await typed("currency", "ドル")).toBeNull();
    expect(await typed("currency", "dollar")).toBeNull();
  });
});

describe("enum and id", () => {
  it("maps accepted text to canonical values", async () => {
    const enumValues = new Map([
      ["call", "call"],
      ["架電", "call"],
    ]);
    expect(await typed("enum", "Call", { enumValues })).toBe("call");
    expect(await typed("enum", "架電", { enumValues })).toBe("call");
    expect(await typed("enum", "fax", { enumValues })).toBeNull();
  });
  it("joins Salesforce 18-character ids to their 15-character form", async () => {
    expect(await typed("id", "00Q5g00000AbCdEEAV")).toBe("00Q5g00000AbCdE");
    expect(await typed("id", "LEAD-0000000000001")).toBe("LEAD-0000000000001");
  });
  it("agrees with the JavaScript rule on 15- and 18-character ids, valid suffixes or not", async () => {
    const rand = prng(7);
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const ids: string[] = ["ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲ", "00Q5g00000AbCdE-AV", "00Q5g00000AbCdEeav"];
    for (let i = 0; i < 200; i++) {
      const id15 = Array.from({ length: 15 }, () => chars[Math.floor(rand() * chars.length)]).join("");
      ids.push(id15, toSalesforce18(id15), toSalesforce18(id15).toLowerCase(), `${id15}ZZZ`);
    }
    const rows = await db.all<{ id: string; v: string }>(
      `SELECT id, canonical_id(id) AS v FROM (SELECT unnest([${ids.map(lit).join(", ")}]) AS id)`,
    );
    for (const r of rows) expect(r.v, r.id).toBe(canonicalId(r.id));
  });
});

describe("date patterns in messages", () => {
  it("names the pattern a value is written in, and the order a year-last date was read in", () => {
    expect(datePattern("2026-13-01")).toBe("YYYY-MM-DD");
    expect(datePattern("2026/10/1 9:05")).toBe("YYYY/MM/DD hh:mm");
    expect(datePattern("31.12.2017")).toBe("DD.MM.YYYY or MM.DD.YYYY");
    expect(datePattern("12-31-2017", { order: "dmy", by: "config" })).toBe("DD-MM-YYYY");
    expect(datePattern("Oct 1, 2026")).toBe("Oct 9, 9999");
    expect(notADate("12-31-2017", { order: "dmy", by: "config" })).toBe(
      "is not a date: read as DD-MM-YYYY (as dateOrder: dmy in gekkan.config.yaml says), there is no such date or time",
    );
    expect(notADate("yesterday")).toBe("is not a date: its pattern yesterday is not a date format the reader knows");
  });
  it("YEAR_LAST_PATTERN matches year-last dates with one separator throughout", async () => {
    const m = async (v: string) => (await db.one<{ m: boolean }>(`SELECT regexp_matches(${lit(v)}, '${YEAR_LAST_PATTERN}') AS m`)).m;
    expect([
      await m("31/12/2017"),
      await m("31-12-2017"),
      await m("31.12.2017 10:00"),
      await m("2017-12-31"),
      await m("31-12/2017"),
    ]).toEqual([true, true, true, false, false]);
  });
});
