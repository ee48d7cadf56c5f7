// The connections that read staged files into DuckDB, taking the files in turn. Reading a file is
// single-threaded in DuckDB (it keeps the file's order, see read/file.ts), so two files are read at
// once, each on its own connection, with the database's threads shared among them (an idle second
// thread per read only spun). The threads are set only through Db.withThreads, which sets them back.
import type { Db } from "./duckdb.ts";

export class Readers {
  /** The reader whose turn is next. */
  private turn = 0;
  /** The read each reader is doing (settled before the readers close, whatever happened). */
  private reading: Promise<void>[];

  private readonly db: Db;
  private readonly connections: readonly Db[];

  private constructor(db: Db, connections: readonly Db[]) {
    this.db = db;
    this.connections = connections;
    this.reading = connections.map(() => Promise.resolve());
  }

  /** `count` readers: `db` itself and count - 1 forks of it. */
  static async open(db: Db, count = 2): Promise<Readers> {
    const connections = [db];
    while (connections.length < count) connections.push(await db.fork());
    return new Readers(db, connections);
  }

  get count(): number {
    return this.connections.length;
  }

  /** The reader the next read goes to (it moves on once a read is given to it). */
  get next(): number {
    return this.turn;
  }

  /**
   * Run `fn` with the database's threads shared equally among the readers, and set them back
   * afterwards; every read started inside has settled when this returns or throws.
   */
  async sharingThreads<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.withThreads((await this.db.threads()) / this.count, async () => {
      try {
        return await fn();
      } finally {
        await this.settled();
      }
    });
  }

  /** Reader `r`'s read so far (resolves when it is done; a failed read is the caller's to handle). */
  ready(r: number): Promise<void> {
    return this.reading[r]!;
  }

  /** Every reader's read so far. */
  async idle(): Promise<void> {
    await Promise.all(this.reading);
  }

  /** Give reader `r` its next read: `read` runs on its connection once its previous read is done. */
  read(r: number, read: (db: Db) => Promise<void>): Promise<void> {
    this.turn = (r + 1) % this.count;
    const previous = this.reading[r]!;
    const next = previous.then(() => read(this.connections[r]!));
    this.reading[r] = next;
    return next;
  }

  /** Every read settled, failed or not. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.reading);
  }

  /** Wait for the reads, then close the forked connections (not the database's own). */
  async close(): Promise<void> {
    await this.settled();
    for (const c of this.connections.slice(1)) c.close();
  }
}
