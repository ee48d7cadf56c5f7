// The validated-file cache: a rebuild reads the rows it validated before from Parquet instead of
// decoding, framing, typing and checking the file again. Months are committed once and rarely
// change, so after the first build only a new month's files are read from their exports.
//
// An entry is keyed by everything that decides a file's validated rows and its problems: the
// file's bytes and path (the folder sets the plausible date range), the config, the mapping, the
// code that reads and validates, and the DuckDB version. Only files without errors are cached,
// and the rows hold no personal column (those are never read). Entries live in
// <project>/.gekkan/cache/, never under data/; an entry no build used is removed after a build.
import { createHash } from "node:crypto";
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { DataFile } from "../read/project.ts";
import { columnsOf, type DatasetName } from "../schema/dataset.ts";
import { rowColumnSql, type RowColumn } from "../validate/dataset.ts";
import type { Problem } from "../validate/problem.ts";
import { ident, lit, settleAll, type Db } from "./duckdb.ts";
import { running } from "./process.ts";

/** What a file's validation produced, apart from its rows (those are in the Parquet file). */
export interface CacheEntry {
  rows: number;
  skipped: number;
  nonData: number;
  encoding?: string;
  delimiter?: string;
  /** The sheet read, for a workbook (.xlsx). */
  sheet?: string;
  problems: Problem[];
  /** Size of the Parquet file as written: a file of another size (cut short) is a miss. */
  parquetBytes?: number;
}

/**
 * 2: Parquet format version 2 (scale 20, leads' 36 files on one thread: written in 0.79-0.83 s,
 * not 0.86; read back in 0.53-0.56 s, not 0.61-0.64; 39 MB, not 50).
 */
const FORMAT = 2;
const SRC = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The code a cached result depends on: reading, validation, the schema, and this stage. */
const CODE = ["read", "validate", "schema", "model/load.ts", "model/cache.ts"];

const codeHashes = new Map<string, string>();
/**
 * A hash of the source files under `code` (paths relative to src/), and of the tool's `files`
 * (relative to its root: package-lock.json for the packages' versions): what was validated or
 * computed by other code is not reused. Default: the code reading and validation depend on (CODE).
 */
export function hashOfCode(code: readonly string[] = CODE, files: readonly string[] = []): string {
  const id = `${code.join("\0")}\0\0${files.join("\0")}`;
  const known = codeHashes.get(id);
  if (known) return known;
  const h = createHash("sha256");
  const sources: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (p.endsWith(".ts")) sources.push(p);
  };
  for (const c of code) walk(join(SRC, c));
  for (const f of sources.sort()) h.update(relative(SRC, f)).update("\0").update(readFileSync(f)).update("\0");
  // A file the tool was installed without (no lock file) is hashed as absent.
  for (const f of files)
    h.update(`../${f}\0`)
      .update(existsSync(join(SRC, "..", f)) ? readFileSync(join(SRC, "..", f)) : "\0absent")
      .update("\0");
  const hash = h.digest("hex");
  codeHashes.set(id, hash);
  return hash;
}

/** Remove a file if it can be (cleaning up after a failed write, which may have failed for the same reason). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // left for the next run's prune
  }
}

/** What is under .gekkan/ (`file`) cannot be written, and why (`e`): the run goes on `without` it. */
export function unwritableWarning(e: unknown, file: string, without: string): Problem {
  const detail = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message.split("\n")[0] : String(e));
  return {
    severity: "warning",
    code: "cache-unwritable",
    file,
    message: `cannot be written (${detail}); this run goes on without ${without}`,
    fix: "make .gekkan/ writable, or free space on its disk; deleting .gekkan/ is always safe",
  };
}

/** The Parquet file is `bytes` long and begins and ends with Parquet's magic number (a file cut short does not end with it). */
function isWholeParquet(path: string, bytes: number | undefined): boolean {
  const fd = openSync(path, "r");
  try {
    const size = statSync(path).size;
    if (bytes === undefined || size !== bytes || size < 12) return false;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    readSync(fd, tail, 0, 4, size - 4);
    return head.toString("latin1") === "PAR1" && tail.toString("latin1") === "PAR1";
  } finally {
    closeSync(fd);
  }
}

/**
 * Rows a batch of stored files reaches before it is closed. The build stores files while Astro
 * renders, and a statement list's completion waits for a turn of the busy event loop: one statement
 * per file waited ~250 times (scale 20: the store took 4.7-6.4 s beside the render, against 2.5 s
 * alone then). A few batches a dataset keep those waits few, and still give a second connection its share.
 */
const BATCH_ROWS = 250_000;

/** A dataset's files in batches of about BATCH_ROWS rows, dataset after dataset. */
export function storeBatches<P extends { file: { dataset: string }; entry: { rows: number } }>(pending: readonly P[]): P[][] {
  const batches: P[][] = [];
  for (const dataset of new Set(pending.map((p) => p.file.dataset))) {
    let batch: P[] = [];
    let rows = 0;
    for (const p of pending.filter((q) => q.file.dataset === dataset)) {
      batch.push(p);
      rows += p.entry.rows;
      if (rows >= BATCH_ROWS) {
        batches.push(batch);
        [batch, rows] = [[], 0];
      }
    }
    if (batch.length) batches.push(batch);
  }
  return batches;
}

/** Which file's rows to store: its dataset, path and folder (null for a root file), as read. */
type StoredFile = Pick<DataFile, "dataset" | "rel" | "folder">;

/** A file validated by this build, to be stored (ValidatedCache.put with `defer`). */
interface Pending {
  file: StoredFile;
  key: string;
  entry: CacheEntry;
}

export class ValidatedCache {
  readonly dir: string;
  private readonly salt: string;
  private readonly used = new Set<string>();
  /** With `defer`, put() only notes a file; writeDeferred() stores them all. */
  private readonly pending: Pending[] | undefined;
  /** Why nothing more is stored (the folder is read-only, the disk full): said once, as a warning. */
  readonly warnings: Problem[] = [];

  private constructor(dir: string, salt: string, defer: boolean) {
    this.dir = dir;
    this.salt = salt;
    this.pending = defer ? [] : undefined;
    try {
      mkdirSync(dir, { recursive: true });
      accessSync(dir, constants.W_OK);
    } catch (e) {
      this.unwritable(e);
    }
  }

  /** The cache cannot be written: warn once, and store nothing more in this run. */
  private unwritable(e: unknown): void {
    if (this.warnings.length) return;
    this.warnings.push(unwritableWarning(e, ".gekkan/cache/", "storing what it validated, so the next one reads every changed file again"));
  }

  get writable(): boolean {
    return this.warnings.length === 0;
  }

  /**
   * The cache of the project at `root`, for this config and mapping (any change starts afresh).
   * `defer`: store new entries only when asked (writeDeferred), for a caller that has a better moment.
   */
  static async open(db: Db, root: string, config: unknown, mapping: unknown, defer = false): Promise<ValidatedCache> {
    const { v } = await db.one<{ v: string }>(`SELECT version() AS v`);
    const salt = JSON.stringify([FORMAT, hashOfCode(), v, config, mapping]);
    return new ValidatedCache(join(root, ".gekkan", "cache"), salt, defer);
  }

  /** Datasets with files noted but not stored yet (see `defer`). */
  get deferred(): DatasetName[] {
    return [...new Set((this.pending ?? []).map((p) => p.file.dataset))];
  }

  /**
   * Store the files put() noted, from raw_<dataset>, in batches of a dataset's files (storeBatches),
   * on `db`, and once `more` settles on a second connection too; one thread each. A file's copy is
   * a row group or two, written on one thread: more threads only spin, a second connection stores
   * other batches meanwhile (scale 20, the store alone on one connection 3.0-3.6 s; on two, two
   * threads 2.2-2.4 s, one thread 1.5-1.8 s and a third less CPU). The build stores them while
   * Astro renders, on `db` alone so the render keeps a core, and says `more` once it has rendered.
   */
  async writeDeferred(db: Db, more: Promise<unknown> = Promise.resolve()): Promise<void> {
    const batches = storeBatches(this.pending?.splice(0) ?? []);
    if (!batches.length) return;
    const store = async (on: Db) => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) await this.write(on, batch);
    };
    await db.withThreads(1, async () => {
      const first = store(db);
      const second = (async () => {
        // Not after the first has stored everything: `more` may never come (a render that failed).
        await Promise.race([more.catch(() => {}), first.catch(() => {})]);
        if (!batches.length) return;
        // No second connection to be had (memory): the first stores the rest, as it would alone.
        const other = await db.fork().catch(() => undefined);
        if (!other) return;
        try {
          await store(other);
        } finally {
          other.close();
        }
      })();
      await settleAll([first, second]);
    });
  }

  key(file: DataFile, sha256: string): string {
    const key = createHash("sha256").update(this.salt).update("\0").update(file.rel).update("\0").update(sha256).digest("hex").slice(0, 32);
    this.used.add(key);
    return key;
  }

  /**
   * The entry for `key` and its Parquet path, when both were written whole. A damaged entry (cut
   * short, not JSON, not Parquet) is a miss: the file is read from its export and stored again.
   */
  get(key: string): { entry: CacheEntry; parquet: string } | undefined {
    const json = join(this.dir, `${key}.json`);
    const parquet = join(this.dir, `${key}.parquet`);
    if (!existsSync(json) || !existsSync(parquet)) return undefined;
    try {
      const entry = JSON.parse(readFileSync(json, "utf8")) as CacheEntry;
      if (typeof entry?.rows !== "number" || !Array.isArray(entry.problems) || !isWholeParquet(parquet, entry.parquetBytes))
        return undefined;
      return { entry, parquet };
    } catch {
      return undefined;
    }
  }

  /** Store a validated file: its rows from raw_<dataset> (now, or with `defer` when asked). */
  async put(db: Db, file: StoredFile, key: string, entry: CacheEntry): Promise<void> {
    if (!this.writable) return;
    if (this.pending) this.pending.push({ file, key, entry });
    else await this.write(db, [{ file, key, entry }]);
  }

  /**
   * Files' validated rows from raw_<dataset>, then their entries (written last, so a half-written
   * entry is a miss). Only the validated columns: what the loader adds beside them is computed
   * again as the rows are loaded (load's `extra`).
   */
  private async write(db: Db, files: readonly Pending[]): Promise<void> {
    if (!this.writable) return;
    const part = `.${process.pid}.tmp`;
    const stored = files.map((p) => ({ ...p, parquet: join(this.dir, `${p.key}.parquet`), json: join(this.dir, `${p.key}.json`) }));
    const copies = stored.map(({ file, parquet }) => {
      const columns = ["__folder", "__file", "__line", ...columnsOf(file.dataset).map((c) => c.name)].map(ident).join(", ");
      // The folder too: short enough for DuckDB's min/max of a row group, so other folders' row groups
      // are skipped, where a path's first 8 characters are all alike (scale 20: 2.8 -> 2.3 s a build).
      const where = `__folder = ${lit(file.folder ?? "")} AND __file = ${lit(file.rel)}`;
      return `COPY (SELECT ${columns} FROM raw_${file.dataset} WHERE ${where}) TO ${lit(parquet + part)} (FORMAT parquet, PARQUET_VERSION v2)`;
    });
    // A cache that cannot be written (read-only, disk full) is warned about, never a failed run.
    try {
      mkdirSync(this.dir, { recursive: true });
      await db.exec(copies.join(";\n"));
    } catch (e) {
      // The statements before the failing one wrote their parts: none is left behind.
      for (const { parquet } of stored) removeQuietly(parquet + part);
      this.unwritable(e);
      return;
    }
    for (const { parquet, json, entry } of stored) {
      try {
        renameSync(parquet + part, parquet);
        writeFileSync(json + part, JSON.stringify({ ...entry, parquetBytes: statSync(parquet).size }));
        renameSync(json + part, json);
      } catch (e) {
        for (const f of [parquet + part, json + part]) removeQuietly(f);
        this.unwritable(e);
      }
    }
  }

  /**
   * Append cached rows to raw_<dataset>, with the `extra` columns computed from them. Returns the
   * Parquet files that could not be read (damaged on disk): their entries are removed, and the
   * caller reads those files from their exports. All are read in one statement; only when that
   * fails, one by one (a failed statement appends nothing).
   */
  async load(db: Db, dataset: DatasetName, parquets: readonly string[], extra: readonly RowColumn[] = []): Promise<string[]> {
    if (parquets.length === 0) return [];
    const computed = extra.map((c) => `, ${rowColumnSql(c)}`).join("");
    const insert = (list: readonly string[]) =>
      db.exec(`INSERT INTO raw_${dataset} BY NAME SELECT *${computed} FROM read_parquet([${list.map(lit).join(", ")}])`);
    try {
      await insert(parquets);
      return [];
    } catch {
      const damaged: string[] = [];
      for (const p of parquets) {
        try {
          await insert([p]);
        } catch {
          damaged.push(p);
          try {
            for (const f of [p.replace(/\.parquet$/, ".json"), p]) rmSync(f, { force: true });
          } catch (e) {
            this.unwritable(e);
          }
        }
      }
      return damaged;
    }
  }

  /** Remove entries this build did not use (older versions of files, other configs). */
  prune(): void {
    if (!existsSync(this.dir) || !this.writable) return;
    try {
      for (const name of readdirSync(this.dir)) {
        const key = name.split(".")[0]!;
        // A file a killed run was writing (<key>.parquet.<pid>.tmp) is never used.
        const writer = /\.(\d+)\.tmp$/.exec(name)?.[1];
        const abandoned = writer !== undefined && Number(writer) !== process.pid && !running(Number(writer));
        if (!this.used.has(key) || abandoned) rmSync(join(this.dir, name), { force: true });
      }
    } catch (e) {
      this.unwritable(e);
    }
  }
}
