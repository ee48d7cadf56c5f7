// The persisted as-of state: the validated, versioned raw tables of the published months' folders,
// kept as a DuckDB file under <project>/.gekkan/state/ with what reading them reported. A published
// month's files do not change (a change is drift, model/pipeline.ts), so a build that adds a month
// copies the state and reads only the folders after it; the validated-file cache (model/cache.ts)
// still spares re-validating those. A state that does not match the project exactly (another
// config, mapping or code, a file of its folders changed, added or removed) is not used: the
// folders are read again and the state replaced.
import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { DataFile, Project } from "../read/project.ts";
import type { DatasetName } from "../schema/dataset.ts";
import type { NoLeadingZeros } from "../validate/ids.ts";
import type { Problem } from "../validate/problem.ts";
import { hashOfCode, unwritableWarning } from "./cache.ts";
import type { Db } from "./duckdb.ts";
import { running } from "./process.ts";
import type { FileReport, Loaded } from "./load.ts";

/** Bumped when what a state holds changes shape. */
const FORMAT = 1;
const MANIFEST = "state.json";
/** How old a file's modification time must be to be recorded as its unchanged time (restore). */
const RACY_MS = 2000;
/** The code the state's tables and problems depend on: reading, validation, versioning and the checks across datasets. */
const CODE = ["read", "validate", "schema", "model"];

/** A file the state holds, with what tells it unchanged without reading it (size and modification time). */
export interface StateFile {
  report: FileReport;
  size: number;
  mtimeMs: number;
}

interface Manifest {
  format: number;
  salt: string;
  /** The newest folder the state holds. */
  through: string;
  /** The database file beside the manifest. */
  tables: string;
  files: StateFile[];
  /** What reading these folders reported (their checks across datasets included, the whole-data ones not). */
  problems: Problem[];
  provided: [string, DatasetName[]][];
  /** Datasets whose rows here hold no id of digits with a leading zero (validate/ids.ts). */
  noLeadingZeros?: NoLeadingZeros;
}

/** What a build starts from: the copied tables and what reading them reported. */
export interface Restored {
  through: string;
  files: FileReport[];
  problems: Problem[];
  provided: Map<string, Set<DatasetName>>;
  /** The state's files as the project lists them (their cache entries are kept). */
  held: { file: DataFile; sha256: string }[];
  noLeadingZeros?: NoLeadingZeros;
}

/** Folders a state may hold: up to `through` (root files, such as targets.csv, are always read). */
export function inState(file: Pick<DataFile, "folder">, through: string): boolean {
  return file.folder !== null && file.folder <= through;
}

const DUCKDB_VERSION: string = (createRequire(import.meta.url)("@duckdb/node-api/package.json") as { version: string }).version;

export class AsOfState {
  readonly dir: string;
  private readonly salt: string;
  /** Why the state cannot be kept (the folder is read-only, the disk full): said once, as a warning. */
  readonly warnings: Problem[] = [];

  private constructor(dir: string, salt: string) {
    this.dir = dir;
    this.salt = salt;
  }

  /**
   * The state of the project at `root` for this config and mapping (the memory limit aside). When
   * its folder cannot be written, `usable` is false: the run reads every folder, in memory.
   */
  static open(root: string, config: unknown, mapping: unknown): AsOfState {
    const salt = createHash("sha256")
      .update(JSON.stringify([FORMAT, hashOfCode(CODE), DUCKDB_VERSION, config, mapping]))
      .digest("hex");
    const state = new AsOfState(join(root, ".gekkan", "state"), salt);
    try {
      mkdirSync(state.dir, { recursive: true });
      accessSync(state.dir, constants.W_OK);
    } catch (e) {
      state.unwritable(e);
    }
    return state;
  }

  get usable(): boolean {
    return this.warnings.length === 0;
  }

  /** The state cannot be written: warn once; the run goes on, reading what it could not keep. */
  private unwritable(e: unknown): void {
    if (this.warnings.length) return;
    this.warnings.push(unwritableWarning(e, ".gekkan/state/", "keeping the published months read, so the next one reads them again"));
  }

  /** A database file of this process's own to build in (removed by `discard`). */
  get work(): string {
    return join(this.dir, `work-${process.pid}.duckdb`);
  }

  /**
   * Copy the state into this run's work file when it holds exactly the project's files of its
   * folders (up to `through` at most); undefined when there is none to use (the work file is then
   * new and empty). `sha256` tells the hashes of the files whose size or time changed, all at
   * once; a file found unchanged so is recorded with its new size and time, so the next run need
   * not hash it again.
   */
  async restore(
    project: Project,
    through: string,
    sha256: (files: readonly DataFile[]) => Promise<string[]>,
  ): Promise<Restored | undefined> {
    this.discard();
    const m = this.manifest();
    if (!m || m.salt !== this.salt || m.through > through || !existsSync(join(this.dir, m.tables))) return undefined;
    const listed = project.files.filter((f) => inState(f, m.through));
    if (listed.length !== m.files.length) return undefined;
    const byRel = new Map(listed.map((f) => [f.rel, f]));
    const found: { file: DataFile; size: number; mtimeMs: number }[] = [];
    for (const s of m.files) {
      const file = byRel.get(s.report.rel);
      if (!file) return undefined;
      const st = statSync(file.path, { throwIfNoEntry: false });
      if (!st) return undefined;
      found.push({ file, size: st.size, mtimeMs: st.mtimeMs });
    }
    // Unchanged size and time: the bytes read before (as git tells a file unchanged); else hashed.
    const changed = m.files
      .map((_, i) => i)
      .filter((i) => found[i]!.size !== m.files[i]!.size || found[i]!.mtimeMs !== m.files[i]!.mtimeMs);
    const hashes = changed.length ? await sha256(changed.map((i) => found[i]!.file)) : [];
    if (changed.some((i, k) => hashes[k] !== m.files[i]!.report.sha256)) return undefined;
    const held: Restored["held"] = found.map(({ file }, i) => ({ file, sha256: m.files[i]!.report.sha256 }));
    // A time this recent could be shared by a change still to come (as git treats a "racy" file):
    // such a file keeps its old record and is hashed again next time.
    const now = Date.now();
    const seen = m.files.map((s, i) => {
      const { size, mtimeMs } = found[i]!;
      return changed.includes(i) && now - mtimeMs > RACY_MS ? { ...s, size, mtimeMs } : s;
    });
    try {
      copyFileSync(join(this.dir, m.tables), this.work);
    } catch (e) {
      this.discard();
      this.unwritable(e);
      return undefined;
    }
    // A checkout or a switch of branches gives every file a new time: without the new times kept,
    // each run would hash every published folder's files again (as git keeps them in its index).
    if (seen.some((s, i) => s !== m.files[i])) this.record({ ...m, files: seen });
    return {
      through: m.through,
      files: m.files.map((f) => f.report),
      problems: m.problems,
      provided: new Map(m.provided.map(([folder, ds]) => [folder, new Set(ds)])),
      held,
      ...(m.noLeadingZeros ? { noLeadingZeros: m.noLeadingZeros } : {}),
    };
  }

  /**
   * Keep the work database's tables as the state of folders up to `through`, with what reading
   * them reported. Compacted first, so the file is whole; written beside, then named in the
   * manifest, so a reader sees the old state or the new one.
   */
  async save(
    db: Db,
    project: Project,
    through: string,
    loaded: Pick<Loaded, "files" | "problems" | "provided"> & { noLeadingZeros?: NoLeadingZeros },
  ): Promise<void> {
    await db.compact();
    const tables = `tables-${process.pid}-${Date.now()}.duckdb`;
    const byRel = new Map(project.files.map((f) => [f.rel, f]));
    const files: StateFile[] = [];
    for (const report of loaded.files) {
      const file = byRel.get(report.rel);
      const st = file && statSync(file.path, { throwIfNoEntry: false });
      if (!st) return; // gone while it was read: the next build reads it again
      files.push({ report, size: st.size, mtimeMs: st.mtimeMs });
    }
    const manifest: Manifest = {
      format: FORMAT,
      salt: this.salt,
      through,
      tables,
      files,
      problems: loaded.problems,
      provided: [...loaded.provided].filter(([folder]) => folder <= through).map(([folder, ds]) => [folder, [...ds].sort()]),
      ...(loaded.noLeadingZeros ? { noLeadingZeros: loaded.noLeadingZeros } : {}),
    };
    const part = `.${process.pid}.tmp`;
    try {
      copyFileSync(this.work, join(this.dir, tables + part));
      renameSync(join(this.dir, tables + part), join(this.dir, tables));
      this.writeManifest(manifest);
    } catch (e) {
      for (const f of [tables + part, tables, MANIFEST + part]) rmSync(join(this.dir, f), { force: true });
      this.unwritable(e);
      return;
    }
    // Older tables no manifest names, and files killed runs left.
    for (const name of readdirSync(this.dir))
      if (name !== tables && name !== MANIFEST && !name.startsWith(`work-${process.pid}.`) && !this.ownedByLiveRun(name))
        rmSync(join(this.dir, name), { force: true });
  }

  /** The manifest, written beside and then renamed: a reader sees the old one or the new one. */
  private writeManifest(manifest: Manifest): void {
    const part = join(this.dir, `${MANIFEST}.${process.pid}.tmp`);
    writeFileSync(part, JSON.stringify(manifest));
    renameSync(part, join(this.dir, MANIFEST));
  }

  /**
   * The manifest again with its files' sizes and times as they are now, unless another run saved a
   * state since it was read (that one is newer). Not written, it only costs the next run the hashing.
   * A run that saves between the check and the rename has its state named by neither manifest: the
   * next run finds this one's tables swept and reads every folder, as with no state.
   */
  private record(manifest: Manifest): void {
    if (this.manifest()?.tables !== manifest.tables) return;
    try {
      this.writeManifest(manifest);
    } catch {
      rmSync(join(this.dir, `${MANIFEST}.${process.pid}.tmp`), { force: true });
    }
  }

  /** Remove this run's work database (and its write-ahead log). */
  discard(): void {
    for (const suffix of ["", ".wal"]) rmSync(this.work + suffix, { force: true });
  }

  private manifest(): Manifest | undefined {
    try {
      const m = JSON.parse(readFileSync(join(this.dir, MANIFEST), "utf8")) as Manifest;
      return m?.format === FORMAT && Array.isArray(m.files) ? m : undefined;
    } catch {
      return undefined;
    }
  }

  /** Another run's work file or half-written state, while that run lives. */
  private ownedByLiveRun(name: string): boolean {
    const pid = /^(?:(?:work|tables)-(\d+)[.-]|state\.json\.(\d+)\.tmp$)/.exec(name)?.slice(1).find(Boolean);
    return pid !== undefined && Number(pid) !== process.pid && running(Number(pid));
  }
}
