// The one DuckDB connection a build uses: native, in memory, with the id macros installed.
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { CANONICAL_ID_MACRO } from "../read/sfid.ts";

export type Row = Record<string, unknown>;

export class Db {
  readonly connection: DuckDBConnection;
  readonly instance: DuckDBInstance;
  constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.instance = instance;
    this.connection = connection;
  }

  async exec(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Rows as plain objects; BIGINT and HUGEINT come back as numbers (counts here never exceed 2^53). */
  async all<T = Row>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = plain(v);
      return out as T;
    });
  }

  async one<T = Row>(sql: string): Promise<T> {
    const rows = await this.all<T>(sql);
    if (!rows[0]) throw new Error(`query returned no row: ${sql.slice(0, 200)}`);
    return rows[0];
  }

  /**
   * Create (or replace) TEMP table `name` with `columns` and append `rows` (values in column order)
   * through DuckDB's appender. For rows computed in Node that queries join: written into a query
   * as a VALUES list, DuckDB parsed and planned them again in every query.
   */
  async tempTable(
    name: string,
    columns: readonly { name: string; type: "VARCHAR" | "BIGINT" }[],
    rows: readonly (readonly (string | number | null)[])[],
  ): Promise<void> {
    await this.exec(`CREATE OR REPLACE TEMP TABLE ${ident(name)} (${columns.map((c) => `${ident(c.name)} ${c.type}`).join(", ")})`);
    const appender = await this.connection.createAppender(name, "main", "temp");
    try {
      for (const row of rows) {
        columns.forEach((c, i) => {
          const v = row[i];
          if (v === null || v === undefined) appender.appendNull();
          else if (c.type === "VARCHAR") appender.appendVarchar(String(v));
          else appender.appendBigInt(BigInt(v)); // throws on a fraction: these columns hold counts
        });
        appender.endRow();
      }
    } finally {
      appender.closeSync();
    }
  }

  /** The database's thread count: a setting of the database, so every connection shares it. */
  async threads(): Promise<number> {
    return (await this.one<{ threads: number }>(`SELECT current_setting('threads') AS threads`)).threads;
  }

  /**
   * Run `fn` with the database's threads set to `n`, and set them back afterwards, whatever
   * happens. `fn` may change them again (`set`) within its run; they are set back all the same.
   */
  async withThreads<T>(n: number, fn: (set: (threads: number) => Promise<void>) => Promise<T>): Promise<T> {
    const before = await this.threads();
    const set = (threads: number) => this.exec(`SET threads = ${Math.max(1, Math.floor(threads))}`);
    await set(n);
    try {
      return await fn(set);
    } finally {
      await set(before);
    }
  }

  /** Another connection to the same database: shares its tables, has its own TEMP tables and views. */
  async fork(): Promise<Db> {
    const db = new Forked(this.instance, await this.instance.connect());
    await prepare(db);
    return db;
  }

  /**
   * Compress the tables written since the last call. An in-memory database is compressed when it
   * checkpoints; automatic checkpoints are off (see openDb), so the writer says when its tables are done.
   */
  async compact(): Promise<void> {
    await this.exec("CHECKPOINT");
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** A second connection: closing it leaves the database open. */
class Forked extends Db {
  override close(): void {
    this.connection.closeSync();
  }
}

async function prepare(db: Db): Promise<void> {
  // Timestamps are stored as local wall-clock time; the session zone only matters for
  // TIMESTAMPTZ conversions, which always name the project's zone explicitly.
  await db.exec(`SET TimeZone = 'UTC'`);
  await db.exec(CANONICAL_ID_MACRO);
}

export async function openDb(options: { threads?: number } = {}): Promise<Db> {
  const instance = await DuckDBInstance.create(":memory:", {
    threads: String(options.threads ?? 2),
    // No automatic checkpoints: each one compressed the whole database again while files were being
    // appended, and reading stalled while it did.
    // Tables are compressed once, when complete (Db.compact).
    checkpoint_threshold: "1TB",
  });
  const db = new Db(instance, await instance.connect());
  await prepare(db);
  return db;
}

/** Quote a string as a SQL literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quote an identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
