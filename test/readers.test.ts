import { describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { openDb } from "../src/model/duckdb.ts";
import { Readers } from "../src/model/readers.ts";

/** The connection a query runs on, told apart by a TEMP table only it has. */
async function mark(db: Db, name: string): Promise<void> {
  await db.exec(`CREATE TEMP TABLE whoami AS SELECT '${name}' AS name`);
}
const who = async (db: Db) => (await db.one<{ name: string }>(`SELECT name FROM whoami`)).name;

describe("Readers", () => {
  it("give reads to their connections in turn, one read after another on each", async () => {
    const db = await openDb({ threads: 2 });
    const readers = await Readers.open(db);
    try {
      expect(readers.count).toBe(2);
      const seen: string[] = [];
      const order: number[] = [];
      for (let k = 0; k < 4; k++) {
        const r = readers.next;
        expect(r).toBe(k % 2);
        void readers.read(r, async (c) => {
          if (k < 2) await mark(c, k === 0 ? "main" : "fork");
          // The first read on reader 0 is slow: its second read still waits for it.
          if (k === 0) await new Promise((done) => setTimeout(done, 50));
          seen.push(`${k}:${await who(c)}`);
          order.push(k);
        });
      }
      await readers.idle();
      // Reader 0 is the database's own connection: the TEMP table marked on it is there.
      expect(await who(db)).toBe("main");
      expect(seen.sort()).toEqual(["0:main", "1:fork", "2:main", "3:fork"]);
      expect(order.indexOf(2)).toBeGreaterThan(order.indexOf(0));
    } finally {
      await readers.close();
      db.close();
    }
  });

  it("share the database's threads while reading and set them back, also when a read fails", async () => {
    const db = await openDb({ threads: 4 });
    const readers = await Readers.open(db);
    try {
      const during = await readers.sharingThreads(async () => db.threads());
      expect(during).toBe(2);
      expect(await db.threads()).toBe(4);
      let settled = false;
      await expect(
        readers.sharingThreads(async () => {
          void readers.read(0, async () => {
            await new Promise((done) => setTimeout(done, 30));
            settled = true;
          });
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      // The read started inside had settled before the threads were set back.
      expect(settled).toBe(true);
      expect(await db.threads()).toBe(4);
    } finally {
      await readers.close();
      db.close();
    }
  });

  it("keep at least one thread each, and close only the connections they opened", async () => {
    const db = await openDb({ threads: 1 });
    const readers = await Readers.open(db);
    expect(await readers.sharingThreads(() => db.threads())).toBe(1);
    await readers.close();
    // The database's own connection is still open.
    expect(await db.threads()).toBe(1);
    db.close();
  });
});
