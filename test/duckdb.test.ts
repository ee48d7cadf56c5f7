import { describe, expect, it } from "vitest";
import { ident, lit, openDb } from "../src/model/duckdb.ts";

describe("database", () => {
  it("quotes literals and identifiers", () => {
    expect(lit("O'Brien")).toBe("'O''Brien'");
    expect(ident('a"b')).toBe('"a""b"');
  });

  it("fills a temp table from rows, one connection's own, replaced when made again", async () => {
    const db = await openDb();
    const other = await db.fork();
    try {
      const columns = [
        { name: "key", type: "VARCHAR" },
        { name: "n", type: "BIGINT" },
      ] as const;
      await db.tempTable("t", columns, [
        ["株式会社'A'", 3],
        ["b", 2 ** 40],
        ["", 0],
      ]);
      expect(await db.all(`SELECT key, n FROM t ORDER BY n`)).toEqual([
        { key: "", n: 0 },
        { key: "株式会社'A'", n: 3 },
        { key: "b", n: 2 ** 40 },
      ]);
      // TEMP: another connection does not see it.
      await expect(other.all(`SELECT * FROM t`)).rejects.toThrow(/does not exist/);
      await db.tempTable("t", columns, [[null as unknown as string, 1]]);
      expect(await db.all(`SELECT key, n FROM t`)).toEqual([{ key: null, n: 1 }]);
      await db.tempTable("t", columns, []);
      expect(await db.one(`SELECT count(*) AS n FROM t`)).toEqual({ n: 0 });
    } finally {
      other.close();
      db.close();
    }
  });

  it("refuses a fraction in a count column rather than rounding it", async () => {
    const db = await openDb();
    try {
      await expect(db.tempTable("t", [{ name: "n", type: "BIGINT" }], [[1.5]])).rejects.toThrow();
    } finally {
      db.close();
    }
  });
});
