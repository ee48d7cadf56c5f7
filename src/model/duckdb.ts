// The one DuckDB connection a build uses: native, in memory, with the id macros installed, within a
// memory limit beyond which it spills to a directory of its own.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { CANONICAL_ID_MACRO } from "../read/sfid.ts";
import { bytesOf, DEFAULT_MEMORY } from "../schema/memory.ts";
import { removeDeadLeftovers } from "./process.ts";

export type Row = Record<string, unknown>;

export class Db {
  readonly connection: DuckDBConnection;
  readonly instance: DuckDBInstance;
  constructor(instance: DuckDBInstance, connection: DuckDBConnection) {
    this.instance = instance;
    this.connection = connection;
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.connection.run(sql);
    } catch (e) {
      throw this.explained(e);
    }
  }

  /** Rows as plain objects; BIGINT and HUGEINT come back as numbers (counts here never exceed 2^53). */
  async all<T = Row>(sql: string): Promise<T[]> {
    let reader: Awaited<ReturnType<DuckDBConnection["runAndReadAll"]>>;
    try {
      reader = await this.connection.runAndReadAll(sql);
    } catch (e) {
      throw this.explained(e);
    }
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

  /**
   * Run `fn` with DuckDB's memory_limit at `share` of the build's limit (none set: as it is), and set
   * it back afterwards. Lowering it evicts what DuckDB holds above the new limit to its work file or
   * spill directory; when it cannot (DuckDB refuses), `fn` runs within the limit as it is.
   */
  async withMemoryShare<T>(share: number, fn: () => Promise<T>): Promise<T> {
    if (this.memory === undefined) return fn();
    const bytes = (s: number) => `SET memory_limit = '${Math.floor(this.memory! * s)}B'`;
    const lowered = await this.exec(bytes(share)).then(
      () => true,
      () => false,
    );
    try {
      return await fn();
    } finally {
      if (lowered) await this.exec(bytes(DATABASE_SHARE));
    }
  }

  /** Another connection to the same database: shares its tables, has its own TEMP tables and views. */
  async fork(): Promise<Db> {
    const db = new Forked(this.instance, await this.instance.connect());
    db.memory = this.memory;
    db.spill = this.spill;
    db.scratchDatabase = this.scratchDatabase;
    await prepare(db);
    return db;
  }

  /**
   * Compress the tables written since the last call. An in-memory database is compressed when it
   * checkpoints; automatic checkpoints are off (see openDb), so the writer says when its tables are done.
   */
  async compact(): Promise<void> {
    await this.exec(`CHECKPOINT${this.scratchDatabase ? `; CHECKPOINT ${this.scratchDatabase}` : ""}`);
  }

  /**
   * Compress the derived tables (Db.scratch) written since the last call, not the work file's: its
   * tables are compressed by their writer when they are many, and a CHECKPOINT writes all of it out.
   */
  async compactScratch(): Promise<void> {
    await this.exec(`CHECKPOINT${this.scratchDatabase ? ` ${this.scratchDatabase}` : ""}`);
  }

  /**
   * Whether the tables held in memory (the derived ones of Db.scratch; every table, without a work
   * file) take more than TABLES_SHARE of DuckDB's memory limit, leaving too little for the queries:
   * then they are worth compressing. Without a limit set, the build's default is assumed.
   */
  async tablesCrowdMemory(): Promise<boolean> {
    const { bytes } = await this.one<{ bytes: number | null }>(
      `SELECT sum(memory_usage_bytes) AS bytes FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`,
    );
    return Number(bytes ?? 0) > (this.memory ?? bytesOf(DEFAULT_MEMORY)) * DATABASE_SHARE * TABLES_SHARE;
  }

  /**
   * Where a build's derived tables go, as a prefix of their names: tables made from the raw ones
   * for one build and shared by its connections (the deal tables, a prepare step's). With a work
   * file, an attached in-memory database, so they are not written to the file and its write-ahead
   * log only to be thrown away; in memory, the database itself ("").
   */
  get scratch(): string {
    return this.scratchDatabase ? `${this.scratchDatabase}.` : "";
  }

  /** The attached database of Db.scratch, if any. */
  scratchDatabase?: string;

  /**
   * Rows a writer leaves as written rather than compacting them: a CHECKPOINT of the file-backed
   * work database writes all of it out, too much for a month's rows added to a kept state; more are
   * compressed, so memory stays bounded.
   */
  static readonly COMPACT_ROWS = 500_000;

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.spill) rmSync(this.spill, { recursive: true, force: true });
    if (this.path) for (const f of [this.path, `${this.path}.wal`]) rmSync(f, { force: true });
  }

  /** The work file this database lives in (openDb's `path`), removed on close; none when in memory. */
  path?: string;

  /** The directory this database spills to (openDb's `spill`), removed on close. */
  spill?: string;
  /** The memory limit in bytes (openDb's `memory`), for the message when it is too low. */
  memory?: number;

  /** DuckDB's out-of-memory error as a MemoryLimitError; any other error as it is. */
  private explained(e: unknown): unknown {
    if (!(e instanceof Error) || !/^Out of Memory Error/.test(e.message)) return e;
    return new MemoryLimitError(this.memory, e.message.split("\n")[0]!.replace(/\.$/, ""));
  }
}

/**
 * The database needed more memory than its limit and could not spill the rest (or the disk was
 * full). Not a problem of the data: the run stops with this, whatever it was reading.
 */
export class MemoryLimitError extends Error {
  /** `detail`: DuckDB's own message (its `cause`). */
  constructor(limit: number | undefined, detail: string) {
    const size = limit === undefined ? "its memory" : `its share of the ${Math.round(limit / 1048576)} MB memory limit`;
    super(
      `the database needs more than ${size} and could not spill the rest to disk. ` +
        "Fix: raise the limit with memory: in gekkan.config.yaml or --memory (e.g. --memory 4GB), and check that the disk holding .gekkan/spill/ has room",
      { cause: detail },
    );
    this.name = "MemoryLimitError";
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

export interface DbOptions {
  threads?: number;
  /**
   * The build's memory limit in bytes. DuckDB's buffer manager (tables, intermediate results,
   * caches) may hold DATABASE_SHARE of it; beyond that, DuckDB writes blocks to `spill`. Unset:
   * DuckDB's own default, 80% of RAM.
   */
  memory?: number;
  /** A directory of this database's own to spill to (it, or its parent, must exist; removed on close). */
  spill?: string;
  /**
   * A work file to open (created when missing) instead of memory, removed on close: its tables are
   * written there when compacted, and the buffer manager evicts them to it rather than spilling.
   * model/state.ts copies a persisted state into it, and keeps it as the next state.
   */
  path?: string;
}

/**
 * The part of the build's memory limit DuckDB's memory_limit is set to. The limit bounds DuckDB's
 * buffer manager only: its other allocations, its allocator's retained memory and Node come on top
 * (scale 100 with the whole limit given to DuckDB: DuckDB accounted for 1.9-2.0 GB, the process
 * held 2.5-2.9 GB). A quarter is left for them, so the process's peak stays near the limit
 * (scale 100 at 2 GB: 2.1-2.2 GB); it is not a hard cap.
 */
export const DATABASE_SHARE = 0.75;

/**
 * The part of DuckDB's memory limit tables in memory may take before they are compressed
 * (Db.tablesCrowdMemory): the rest is the queries' (hash tables, sorts), four connections' at once.
 */
const TABLES_SHARE = 0.25;

/** The in-memory database a work file's build keeps its derived tables in (Db.scratch). */
const SCRATCH = "scratch";

export async function openDb(options: DbOptions = {}): Promise<Db> {
  const config: Record<string, string> = {
    threads: String(options.threads ?? 2),
    // No automatic checkpoints: each one compressed the whole database again while files were being
    // appended, and reading stalled while it did.
    // Tables are compressed once, when complete (Db.compact).
    checkpoint_threshold: "1TB",
    // Memory DuckDB frees (a dropped table's) goes back to the system by jemalloc's background
    // threads; without them it stayed in the process, above the memory limit.
    allocator_background_threads: "true",
  };
  if (options.memory !== undefined) config.memory_limit = `${Math.floor(options.memory * DATABASE_SHARE)}B`;
  if (options.spill !== undefined) config.temp_directory = options.spill;
  const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
  const db = new Db(instance, await instance.connect());
  db.spill = options.spill;
  db.memory = options.memory;
  db.path = options.path;
  // The work file is removed on close (a state is kept by copying it once compacted, state.ts):
  // a checkpoint as it closes would only write out what is then thrown away.
  if (options.path) {
    await db.exec("PRAGMA disable_checkpoint_on_shutdown");
    await db.exec(`ATTACH ':memory:' AS ${SCRATCH}`);
    db.scratchDatabase = SCRATCH;
  }
  await prepare(db);
  return db;
}

/**
 * This process's spill directory under <root>/.gekkan/spill/ (named by its pid, so concurrent runs
 * never share files; DuckDB creates it when it first spills), after removing those of runs that
 * are no longer running (a killed run cannot remove its own). A project that cannot be written
 * spills to the system's temp directory instead.
 */
export function spillDirectory(root: string): string {
  const parent = join(root, ".gekkan", "spill");
  try {
    mkdirSync(parent, { recursive: true });
  } catch {
    return mkdtempSync(join(tmpdir(), "gekkan-spill-"));
  }
  removeDeadLeftovers(parent, /^(\d+)$/, (path) => rmSync(path, { recursive: true, force: true }));
  return join(parent, String(process.pid));
}

/**
 * Every promise settled, then the first failure thrown: work running on several connections at
 * once, a connection is closed only once nothing runs on it any more.
 */
export async function settleAll(work: readonly Promise<unknown>[]): Promise<void> {
  const failure = (await Promise.allSettled(work)).find((r) => r.status === "rejected");
  if (failure) throw failure.reason;
}

/** Quote a string as a SQL literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quote an identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
