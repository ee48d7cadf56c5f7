// Amounts added up in SQL: the same total whatever DuckDB's thread count. A DOUBLE sum adds the
// threads' partial sums in the order they finish, so amounts with cents (a converted or dollar
// amount) could differ in the last digits from build to build, and a published edition with them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../src/model/duckdb.ts";
import { prepareStageCounts } from "../src/metrics/stages.ts";
import { NEWEST } from "../src/model/asof.ts";
import { config } from "../src/schema/config.ts";

let db: Db;
beforeAll(async () => {
  db = await openDb({ threads: 1 });
  // 600,000 deals won in October 2026 (several of DuckDB's row groups), amounts with cents.
  // The versions the counts read: every deal in October 2026 (month index 24321) and after.
  await db.exec(`
    CREATE TABLE raw_deal_opportunities AS SELECT 24321 AS __since, ${NEWEST} AS __until, TIMESTAMP '2026-10-01' + INTERVAL (i % 1000) MINUTE AS created_at,
      TIMESTAMP '2026-10-10' + INTERVAL (i % 1000) MINUTE AS closed_at, 'won' AS outcome, 'Won' AS stage, 'web' AS source,
      ((i * 7919) % 5000000) + ((i * 31) % 100) / 100.0 AS amount FROM range(600000) r(i);
    CREATE TABLE raw_leads (__since INTEGER, __until INTEGER, created_at TIMESTAMP, mql_at TIMESTAMP, source VARCHAR);
    CREATE TABLE raw_deal_leads (__since INTEGER, __until INTEGER, sql_at TIMESTAMP, source VARCHAR);`);
});
afterAll(() => db.close());

describe("won amounts", () => {
  it("add up to the same total at any thread count", async () => {
    const total = async (threads: number) =>
      db.withThreads(
        threads,
        async () => (await prepareStageCounts(db, ["2026-10"], config.parse({}), true)).get("2026-10")!.get("2026-10")!.wonAmount,
      );
    const one = await total(1);
    // The exact sum, in integers of cents.
    const cents = await db.one<{ c: bigint | number }>(`SELECT sum(CAST(round(amount * 100) AS HUGEINT)) AS c FROM raw_deal_opportunities`);
    expect(one).toBe(Number(cents.c) / 100);
    for (const threads of [2, 4, 3, 4, 2]) expect(await total(threads)).toBe(one);
  });
});
