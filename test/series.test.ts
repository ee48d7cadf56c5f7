import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEWEST } from "../src/model/asof.ts";
import { openDb, type Db } from "../src/model/duckdb.ts";
import { acrossMonthsSql, spanFilter } from "../src/metrics/series.ts";

// Month indexes: 2026-08 = 24319, 2026-09 = 24320, 2026-10 = 24321.
let db: Db;
beforeAll(async () => {
  db = await openDb();
  // Four records' versions: A replaced in October (its MQL date moved), B only in August's folder
  // and replaced in September, C new in October, D created long before the window.
  await db.exec(`CREATE TABLE v AS SELECT * FROM (VALUES
    ('A', 24319, 24321, TIMESTAMP '2026-08-10', TIMESTAMP '2026-08-20'),
    ('A', 24321, ${NEWEST}, TIMESTAMP '2026-08-10', TIMESTAMP '2026-10-03'),
    ('B', 24319, 24320, TIMESTAMP '2026-08-15', NULL),
    ('B', 24320, ${NEWEST}, TIMESTAMP '2026-08-15', TIMESTAMP '2026-09-01'),
    ('C', 24321, ${NEWEST}, TIMESTAMP '2026-10-01', NULL),
    ('D', 24319, ${NEWEST}, TIMESTAMP '2024-01-05', TIMESTAMP '2024-02-01')
  ) t(id, __since, __until, created_at, mql_at)`);
});
afterAll(() => db.close());

type Row = { r: number; m?: number; n: number };
const counts = async (months: string[], date: string | undefined, span: "window" | "month" | "toDate" | "any") =>
  (await db.all<Row>(acrossMonthsSql({ relation: "SELECT * FROM v", months, date, values: [{ name: "n", sql: "1" }], span })))
    .map((x) => ({ ...x, n: Number(x.n) }))
    .sort((a, b) => a.r - b.r || (a.m ?? 0) - (b.m ?? 0));

describe("acrossMonthsSql", () => {
  it("counts each report month's as-of versions by the month of the date, as counted by hand", async () => {
    // As of September: A's August version (MQL 08-20), B's September version (MQL 09-01), D (MQL 2024, out of the window).
    // As of October: A's October version (MQL 10-03), B (09-01); C has no MQL date.
    expect(await counts(["2026-09", "2026-10"], "mql_at", "window")).toEqual([
      { r: 24320, m: 24319, n: 1 },
      { r: 24320, m: 24320, n: 1 },
      { r: 24321, m: 24320, n: 1 },
      { r: 24321, m: 24321, n: 1 },
    ]);
    // Leads created to date: September A, B, D; October A, B, C, D.
    expect(await counts(["2026-09", "2026-10"], "created_at", "toDate")).toEqual([
      { r: 24320, n: 3 },
      { r: 24321, n: 4 },
    ]);
  });

  it("gives a month computed alone the rows it has among all months (the pre-filter is exact)", async () => {
    const all = ["2026-08", "2026-09", "2026-10"];
    for (const span of ["window", "month", "toDate", "any"] as const)
      for (const date of ["created_at", "mql_at"])
        for (const month of all) {
          const together = (await counts(all, span === "any" ? undefined : date, span)).filter(
            (x) => x.r === Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1,
          );
          expect(await counts([month], span === "any" ? undefined : date, span)).toEqual(together);
        }
  });

  it("reads only versions valid in some report month, with a date in a month's span", () => {
    expect(spanFilter(["2026-10"], "month", "mql_at")).toBe(
      "__since <= 24321 AND __until > 24321 AND mql_at >= TIMESTAMP '2026-10-01' AND mql_at < TIMESTAMP '2026-11-01'",
    );
    expect(spanFilter(["2026-10", "2026-09"], "window", "d")).toBe(
      "__since <= 24321 AND __until > 24320 AND d >= TIMESTAMP '2025-09-01' AND d < TIMESTAMP '2026-11-01'",
    );
    expect(spanFilter(["2026-10"], "toDate", "d")).toBe("__since <= 24321 AND __until > 24321 AND d < TIMESTAMP '2026-11-01'");
    expect(spanFilter(["2026-10"], "any")).toBe("__since <= 24321 AND __until > 24321");
    expect(spanFilter([], "window", "d")).toBe("false");
  });
});
