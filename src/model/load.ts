// Read and validate every file of a project into raw_<dataset> tables (all folders), versioned as
// they are read (model/asof.ts), then check references across datasets. Nothing under data/ is
// written: staging goes to a temp dir, the validated-file cache to <project>/.gekkan/cache/.
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATASET_NAMES, DATASETS, type DatasetName } from "../schema/dataset.ts";
import { bytesOf, DEFAULT_MEMORY } from "../schema/memory.ts";
import { isText, readDataFile, stageStructuredFile, stageTextFile, unreadable, type StageResult } from "../read/file.ts";
import { placeInSheet, stageWorkbookFile } from "../read/workbook.ts";
import type { DataFile, Project } from "../read/project.ts";
import { lookalikeOf } from "../read/lookalike.ts";
import {
  admit,
  appendText,
  createRejectedIdsTable,
  createTextTable,
  rawTableSql,
  REJECTED_IDS,
  validateDataset,
  type Admitted,
  type DatasetResult,
} from "../validate/dataset.ts";
import { leadingZeroIds, type NoLeadingZeros } from "../validate/ids.ts";
import type { Problem } from "../validate/problem.ts";
import { findAnomalies } from "./anomalies.ts";
import { checkCodes, codeOf, fromFilesSql, versionColumns, versionDataset } from "./asof.ts";
import { ValidatedCache, type CacheEntry } from "./cache.ts";
import { Db, ident, lit, MemoryLimitError, settleAll } from "./duckdb.ts";
import { Readers } from "./readers.ts";
import { unsourcedDeals } from "./sources.ts";
import { unifySourceSpellings } from "./spellings.ts";

export interface FileReport {
  rel: string;
  dataset: DatasetName;
  folder: string | null;
  format: string;
  encoding?: string;
  delimiter?: string;
  /** The sheet read, for a workbook (.xlsx). */
  sheet?: string;
  bytes: number;
  sha256: string;
  /** Rows loaded. */
  rows: number;
  /** Bad rows skipped under validation.maxSkippedRows. */
  skipped: number;
  /** Preamble, footer and totals lines that were not data. */
  nonData: number;
  /** Time to decode and frame the file and read it into DuckDB (validation is timed per dataset). */
  readMs: number;
}

export interface Loaded {
  files: FileReport[];
  problems: Problem[];
  /** folder -> datasets that folder provides */
  provided: Map<string, Set<DatasetName>>;
  /** folder -> datasets whose export there held no records (allowed by validation.allowEmpty) */
  empty?: Map<string, Set<DatasetName>>;
  /** The validated-file cache, when used: with deferred writes, the caller stores them (writeDeferred). */
  cache?: ValidatedCache;
  /** Two ids shared a code, so every id was numbered instead (model/asof.ts checkCodes). */
  numbered?: boolean;
}

export type Progress = (message: string) => void;

export interface LoadOptions {
  progress?: Progress;
  /**
   * Reuse and update the validated-file cache. Off unless asked for: the CLIs ask, tests choose.
   * A cache opened before: shared by several reads into one database (model/pipeline.ts).
   */
  cache?: boolean | ValidatedCache;
  /** Store newly validated files only when the caller says (Loaded.cache.writeDeferred), not as they are read. */
  deferCacheWrites?: boolean;
  /**
   * Read only these files, appending to the raw tables the database already holds (model/state.ts:
   * the folders of a persisted state are not read again). The checks across datasets then look at
   * the rows of these files only: a row is checked against the folders up to its own, so the rows
   * already held were checked when they were read. Default: every file of the project.
   */
  files?: readonly DataFile[];
  /** Run the checks over the whole of a dataset (no marketing source in a file, leading zeros). Default true. */
  wholeChecks?: boolean;
  /** What the rows held before this read are known not to hold (the state's): the leading-zero check scans the rest. */
  noLeadingZeros?: NoLeadingZeros;
  /** What the reads before this one into the database reported: a file they rejected is not known to hold an id. */
  earlier?: readonly Problem[];
  /** Files read before whose cache entries stay (key: their SHA-256), when not read now. */
  keep?: readonly { file: DataFile; sha256: string }[];
  /** Remove the cache entries no read of this build used. Default true; false for a read that others follow. */
  prune?: boolean;
  /** Datasets validated at once (see loadInLanes). Default: LANES for files added to held rows, when few (smallRead), else 1. */
  lanes?: number;
}

export async function loadData(db: Db, project: Project, options: LoadOptions = {}): Promise<Loaded> {
  const progress = options.progress ?? (() => {});
  // The memory limit changes how the rows are read, not what they are: not part of the cache key.
  const validating = { ...project.config, memory: undefined };
  const cache =
    options.cache instanceof ValidatedCache
      ? options.cache
      : !options.cache
        ? undefined
        : await ValidatedCache.open(db, project.root, validating, project.mapping, options.deferCacheWrites);
  const only = options.files ? new Set(options.files.map((f) => f.rel)) : undefined;
  const run: Run = {
    db,
    project,
    cache,
    tmp: mkdtempSync(join(tmpdir(), `gekkan-stage-${process.pid}-`)),
    staged: 0,
    files: [],
    problems: [],
    provided: new Map(project.months.map((m) => [m, new Set<DatasetName>()])),
    progress,
    added: only !== undefined,
  };
  const datasets = DATASET_NAMES.map((dataset) => ({
    dataset,
    files: (options.files ?? project.files).filter((f) => f.dataset === dataset),
  })).filter((d) => d.files.length > 0);
  let numbered = false;
  const lanes = options.lanes ?? (run.added && smallRead(datasets, db.memory) ? LANES : 1);
  // Each dataset is read into a run of its own, merged into this one in the datasets' order, so
  // the files, problems and folders come out in the same order however the datasets were read.
  const runs = datasets.map(({ dataset }): Run => {
    const tmp = join(run.tmp, dataset);
    mkdirSync(tmp);
    return { ...run, tmp, files: [], problems: [], provided: new Map(project.months.map((m) => [m, new Set<DatasetName>()])) };
  });
  try {
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d, versionColumns(d)));
    await createRejectedIdsTable(db);
    if (lanes === 1) {
      // Two files are read at once (scale 20: read and validate 11.4 -> 10.3 s), see model/readers.ts.
      const readers = await Readers.open(db);
      try {
        for (const [i, { dataset, files }] of datasets.entries()) {
          progress(`reading ${dataset} (${files.length} file${files.length === 1 ? "" : "s"})`);
          const rows = await loadDataset(runs[i]!, readers, dataset, files);
          // A month's rows added to the kept state are left as written (Db.COMPACT_ROWS); many are
          // compressed at once, as a cold build's are, so memory stays bounded.
          if (!run.added || rows > Db.COMPACT_ROWS) await db.compact();
        }
      } finally {
        await readers.close();
      }
    } else await loadInLanes(db, runs, datasets, lanes, progress);
    for (const r of runs) {
      run.files.push(...r.files);
      run.problems.push(...r.problems);
      for (const [folder, ds] of r.provided) for (const d of ds) run.provided.get(folder)?.add(d);
    }
    // Read on top of earlier rows (a state), the new rows take the spellings those already have.
    await unifySourceSpellings(db);
    progress("checking references between datasets");
    numbered = await checkCodes(db, only && [...only]);
    const unread = unreadFiles(project, [...(options.earlier ?? []), ...run.problems]);
    const checks: ((c: Db) => Promise<Problem[]>)[] = [];
    if (only?.size !== 0)
      checks.push(
        (c) => unknownReferences(c, unread, only),
        (c) => findAnomalies(c, project.config, only),
      );
    if (options.wholeChecks !== false)
      checks.push(async (c) => [...(await unsourcedDeals(c, project.config)), ...(await leadingZeroIds(c, options.noLeadingZeros))]);
    run.problems.push(...(await checkAcross(db, checks, lanes > 1)));
    for (const k of options.keep ?? []) cache?.key(k.file, k.sha256);
    if (options.prune !== false) cache?.prune();
  } finally {
    rmSync(run.tmp, { recursive: true, force: true });
  }
  const files = run.files.sort((a, b) => a.rel.localeCompare(b.rel));
  return {
    files,
    problems: run.problems,
    provided: run.provided,
    empty: emptyDatasets(files, run.provided),
    cache,
    ...(numbered ? { numbered } : {}),
  };
}

/**
 * The checks across datasets, their problems in the order given. A small read (lanes) runs them
 * side by side, each on its own connection: each is a chain of small statements, every one waiting
 * for the one before, so one alone leaves a core idle.
 */
async function checkAcross(db: Db, checks: readonly ((c: Db) => Promise<Problem[]>)[], sideBySide: boolean): Promise<Problem[]> {
  const connections = [db];
  try {
    while (sideBySide && connections.length < checks.length) {
      // No connection to be had (memory): those there are take the rest.
      const other = await db.fork().catch(() => undefined);
      if (!other) break;
      connections.push(other);
    }
    const found: Problem[][] = [];
    await settleAll(
      connections.map(async (c, i) => {
        for (let k = i; k < checks.length; k += connections.length) found[k] = await checks[k]!(c);
      }),
    );
    return found.flat();
  } finally {
    for (const c of connections.slice(1)) c.close();
  }
}

/** One loadData run: where it stages, and what it has found so far. */
interface Run {
  db: Db;
  project: Project;
  cache?: ValidatedCache;
  /** The staging directory, and how many files were staged there (each staged file's table is named after it). */
  tmp: string;
  staged: number;
  files: FileReport[];
  problems: Problem[];
  provided: Map<string, Set<DatasetName>>;
  progress: Progress;
  /** Files are read on top of the rows a database holds (LoadOptions.files): versions chain only their records in. */
  added: boolean;
}

/** A file read from its export: its cache key, and its problems (cached with its rows when it has no error). */
interface Own {
  key?: string;
  problems: Problem[];
  staged?: { sheet?: string; letters?: string[]; headers: string[] };
  columns?: ReadonlyMap<string, string>;
}

/** A file whose validated rows are in the cache: reported once its rows are loaded from it. */
interface Cached {
  file: DataFile;
  report: FileReport;
  entry: CacheEntry;
  parquet: string;
}

/** What one pass over a dataset's files read: the files to validate, and those to load from the cache. */
interface Pass {
  admitted: Admitted[];
  cached: Cached[];
  own: Map<string, Own>;
}

/**
 * One dataset: its files staged and read into one text table, then validated together (see
 * validateDataset), then versioned as read and compressed once (model/asof.ts). Files validated by
 * an earlier build with the same code, config and mapping come from the cache instead; normally
 * one pass, a second reads the files whose cache entries were damaged from their exports.
 */
async function loadDataset(run: Run, readers: Readers, dataset: DatasetName, files: DataFile[]): Promise<number> {
  const { db, project } = run;
  const versioned = versionColumns(dataset);
  let pending = files;
  for (let pass = 0; pending.length > 0; pass++) {
    await createTextTable(db, dataset);
    const read = await readers.sharingThreads(() => readFiles(run, readers, pending, pass === 0));
    run.progress(
      `validating ${dataset}${read.cached.length ? ` (${read.cached.length} file${read.cached.length === 1 ? "" : "s"} validated before)` : ""}`,
    );
    const results = await validateDataset(db, dataset, read.admitted, project.config, project.mapping, versioned, { rejectedIds: true });
    await recordValidated(run, results, read.own);
    pending = await loadCached(run, dataset, read.cached, versioned);
  }
  if (versioned.length) await versionDataset(db, dataset, run.added ? files.map((f) => f.rel) : undefined);
  return run.files.reduce((n, f) => n + f.rows, 0);
}

/**
 * Datasets validated at once, each on its own connection, when a read is small (smallRead). A
 * month's rows are fewer than a DuckDB row group, so each query over them runs on one thread, and
 * a dataset's queries run one after another: one dataset at a time left a core idle.
 */
const LANES = 2;

/** A read small enough beside the memory limit to validate LANES datasets at once: its files' bytes are at most 1/16 of it. */
function smallRead(datasets: readonly { files: readonly DataFile[] }[], memory: number | undefined): boolean {
  const bytes = datasets.reduce((n, d) => n + d.files.reduce((m, f) => m + (statSync(f.path, { throwIfNoEntry: false })?.size ?? 0), 0), 0);
  return bytes <= (memory ?? bytesOf(DEFAULT_MEMORY)) / 16;
}

/**
 * Each lane takes the next dataset not yet taken, on its own connection (the first lane on the
 * database's own), reading its files with one reader. Their rows are compressed once all are read
 * (Db.COMPACT_ROWS): a CHECKPOINT waits for no other connection's writes.
 */
async function loadInLanes(
  db: Db,
  runs: readonly Run[],
  datasets: readonly { dataset: DatasetName; files: DataFile[] }[],
  lanes: number,
  progress: Progress,
): Promise<void> {
  const connections = [db];
  let next = 0;
  let rows = 0;
  let failed = false;
  try {
    while (connections.length < Math.min(lanes, datasets.length)) connections.push(await db.fork());
    await settleAll(
      connections.map(async (c) => {
        const readers = await Readers.open(c, 1);
        try {
          for (let i = next++; i < datasets.length && !failed; i = next++) {
            const { dataset, files } = datasets[i]!;
            progress(`reading ${dataset} (${files.length} file${files.length === 1 ? "" : "s"})`);
            rows = Math.max(rows, await loadDataset({ ...runs[i]!, db: c }, readers, dataset, files));
          }
        } catch (e) {
          failed = true; // the other lanes stop after their dataset
          throw e;
        } finally {
          await readers.close();
        }
      }),
    );
  } finally {
    for (const c of connections.slice(1)) c.close();
  }
  if (rows > Db.COMPACT_ROWS) await db.compact();
}

/**
 * Stage each file and give it to the next reader. Framing a text file is Node's work and reading
 * the framed copy is DuckDB's, so file k+2 is framed while DuckDB reads files k and k+1.
 */
async function readFiles(run: Run, readers: Readers, files: readonly DataFile[], useCache: boolean): Promise<Pass> {
  const { problems } = run;
  const pass: Pass = { admitted: [], cached: [], own: new Map() };
  for (const file of files) {
    // The readers take files in turn; this one's previous read is awaited while staging.
    const r = readers.next;
    const started = performance.now();
    let read: ReturnType<typeof readDataFile>;
    try {
      read = readDataFile(file);
    } catch (e) {
      // Replaced, removed or made unreadable since the project was listed.
      problems.push(unreadable(file, e));
      continue;
    }
    const key = run.cache?.key(file, read.sha256);
    const hit = key && useCache ? run.cache!.get(key) : undefined;
    if (hit) {
      const e = hit.entry;
      // Its fields in the order a staged file's report has them: the appendix is hashed as JSON.
      const report = fileReport(file, {
        encoding: e.encoding,
        delimiter: e.delimiter,
        ...(e.sheet === undefined ? {} : { sheet: e.sheet }),
        bytes: read.bytes.length,
        sha256: read.sha256,
        rows: e.rows,
        skipped: e.skipped,
        nonData: e.nonData,
        readMs: Math.round(performance.now() - started),
      });
      pass.cached.push({ file, report, entry: hit.entry, parquet: hit.parquet });
      continue;
    }
    const staged = await stageFile(run, file, read, readers, r);
    const stagedMs = performance.now() - started;
    problems.push(...staged.problems);
    if (!staged.staged) continue;
    const s = staged.staged;
    const a = admit(s, run.project.mapping);
    for (const p of a.problems) placeInSheet(p, s, a.admitted?.columns);
    problems.push(...a.problems);
    pass.own.set(file.rel, { key, problems: [...staged.problems, ...a.problems], staged: s, columns: a.admitted?.columns });
    const report = fileReport(file, {
      encoding: s.encoding,
      delimiter: s.delimiter,
      ...(s.sheet === undefined ? {} : { sheet: s.sheet }),
      bytes: s.bytes,
      sha256: s.sha256,
      rows: 0,
      skipped: 0,
      nonData: s.dropped.filter((d) => d.reason !== "blank").length,
      readMs: Math.round(stagedMs),
    });
    run.files.push(report);
    if (a.admitted) appendFile(run, readers, r, pass, a.admitted, report);
    else if (s.tmp) rmSync(s.tmp, { force: true });
  }
  await readers.idle();
  return pass;
}

/** Stage a file read from its export, once reader `r`'s previous read is done (all readers', when staging asks the database). */
async function stageFile(
  run: Run,
  file: DataFile,
  read: ReturnType<typeof readDataFile>,
  readers: Readers,
  r: number,
): Promise<StageResult> {
  const { bytes, sha256 } = read;
  if (isText(file)) {
    const staged = stageTextFile(file, bytes, sha256, `stage_${run.staged++}`, run.tmp);
    await readers.ready(r);
    return staged;
  }
  if (file.format === "xlsx") {
    // Node's work alone, like a text file's framing. A workbook is held whole: a zip is read
    // from its end, and its size is capped (validation.maxXlsxMegabytes).
    const staged = await stageWorkbookFile(file, Buffer.concat([...bytes.chunks()]), sha256, `stage_${run.staged++}`, run.tmp, {
      mapping: run.project.mapping,
      maxMegabytes: run.project.config.validation.maxXlsxMegabytes,
    }).catch((e: unknown) => ({ problems: [unreadable(file, e)] }));
    await readers.ready(r);
    return staged;
  }
  await readers.idle(); // staging asks the database
  return stageStructuredFile(run.db, file, bytes, sha256);
}

/** Reader `r` appends an admitted file to the text table; a file it cannot read is unreadable, and not validated. */
function appendFile(run: Run, readers: Readers, r: number, pass: Pass, admitted: Admitted, report: FileReport): void {
  const file = admitted.staged.file;
  const tmp = admitted.staged.tmp;
  const appending = performance.now();
  pass.admitted.push(admitted);
  void readers.read(r, (db) =>
    appendText(db, admitted)
      .then(
        () => {},
        (e: unknown) => {
          if (e instanceof MemoryLimitError) throw e; // not the file's fault: the run stops
          pass.admitted.splice(pass.admitted.indexOf(admitted), 1);
          const p = unreadable(file, e);
          run.problems.push(p);
          pass.own.get(file.rel)!.problems.push(p);
        },
      )
      .finally(() => {
        report.readMs += Math.round(performance.now() - appending);
        if (tmp) rmSync(tmp, { force: true });
      }),
  );
}

/** Each validated file's rows and problems: into its report, the run's problems and the cache. */
async function recordValidated(run: Run, results: DatasetResult, own: ReadonlyMap<string, Own>): Promise<void> {
  for (const [rel, r] of results) {
    const mine = own.get(rel)!;
    if (mine.staged) for (const p of r.problems) placeInSheet(p, mine.staged, mine.columns);
    run.problems.push(...r.problems);
    const report = run.files.find((f) => f.rel === rel)!;
    report.rows = r.rows;
    report.skipped = r.skipped;
    mine.problems.push(...r.problems);
    // A file whose bad rows are skipped (validation.maxSkippedRows) has its ragged rows skipped too.
    if (r.skipped > 0) for (const p of mine.problems) if (p.code === "ragged-row") skipped(p);
    provide(run, report, mine.problems);
    if (run.cache && mine.key && !mine.problems.some((p) => p.severity === "error")) {
      await run.cache.put(run.db, report, mine.key, {
        rows: r.rows,
        skipped: r.skipped,
        nonData: report.nonData,
        encoding: report.encoding,
        delimiter: report.delimiter,
        ...(report.sheet === undefined ? {} : { sheet: report.sheet }),
        problems: mine.problems,
      });
    }
  }
}

/** Load the cached files' rows; a stored file that cannot be read back is removed from the cache, and returned to be read from its export. */
async function loadCached(
  run: Run,
  dataset: DatasetName,
  cached: readonly Cached[],
  versioned: ReturnType<typeof versionColumns>,
): Promise<DataFile[]> {
  const damaged = new Set(
    (await run.cache?.load(
      run.db,
      dataset,
      cached.map((c) => c.parquet),
      versioned,
    )) ?? [],
  );
  for (const c of cached.filter((c) => !damaged.has(c.parquet))) {
    run.files.push(c.report);
    run.problems.push(...c.entry.problems);
    provide(run, c.report, c.entry.problems);
  }
  return cached.filter((c) => damaged.has(c.parquet)).map((c) => c.file);
}

/** A month folder provides a dataset when a file of it has no error. */
function provide(run: Run, report: FileReport, fileProblems: readonly Problem[]): void {
  if (report.folder && !fileProblems.some((p) => p.severity === "error")) run.provided.get(report.folder)?.add(report.dataset);
}

/** folder -> datasets whose export there held no records (and was allowed to: it is provided). */
export function emptyDatasets(
  files: readonly FileReport[],
  provided: ReadonlyMap<string, Set<DatasetName>>,
): Map<string, Set<DatasetName>> {
  const empty = new Map<string, Set<DatasetName>>();
  for (const f of files)
    if (f.folder && f.rows === 0 && f.skipped === 0 && provided.get(f.folder)?.has(f.dataset))
      empty.set(f.folder, new Set([...(empty.get(f.folder) ?? []), f.dataset]));
  return empty;
}

/** A ragged row of a file whose bad rows are skipped: a warning, like the other rows skipped. */
function skipped(p: Problem): void {
  if (p.severity !== "error") return;
  p.severity = "warning";
  p.message = `${p.message} (row skipped)`;
}

function fileReport(file: DataFile, read: Omit<FileReport, "rel" | "dataset" | "folder" | "format">): FileReport {
  return { rel: file.rel, dataset: file.dataset, folder: file.folder, format: file.format, ...read };
}

const LISTED = 10;

/** A file of a dataset whose rows were not loaded: it has errors, or looks like the dataset but is not read. */
interface UnreadFile {
  dataset: DatasetName;
  folder: string;
  rel: string;
  /** "rejected": read, with errors; "not read": a lookalike file (read/lookalike.ts). */
  why: "rejected" | "not read";
}

/** The month folders' files whose rows did not load: each error names its file. */
function unreadFiles(project: Project, problems: readonly Problem[]): UnreadFile[] {
  const withErrors = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file));
  const out: UnreadFile[] = project.files
    .filter((f) => f.folder !== null && withErrors.has(f.rel))
    .map((f) => ({ dataset: f.dataset, folder: f.folder!, rel: f.rel, why: "rejected" }));
  for (const p of project.problems) {
    if (p.code !== "unread-dataset-file") continue;
    const m = /^data\/(\d{4}-\d{2})\/([^/]+)$/.exec(p.file);
    const dataset = m ? lookalikeOf(m[2]!) : undefined;
    if (m && dataset) out.push({ dataset, folder: m[1]!, rel: p.file, why: "not read" });
  }
  return out;
}

/**
 * References to ids that no folder up to the referring row's folder knows: warnings, counted per file
 * and column. Each id's first folder (month index, __since) is computed once per referenced dataset
 * and joined by equality: a NOT EXISTS with the folder inequality inside took 1.6x as long and
 * built bigger hash tables. Leads and opportunities are joined on their ids' codes, checked unique
 * before (checkCodes), and only the failing rows' file, line and value are read: grouping and
 * joining 860,000 lead ids as text, carrying every row's text through the join, was most of the
 * time (scale 20: the eight references 0.56-0.61 -> ~0.33 s).
 */
async function unknownReferences(db: Db, unread: readonly UnreadFile[] = [], only?: ReadonlySet<string>): Promise<Problem[]> {
  const onlyFiles = [...(only ?? [])];
  const problems: Problem[] = [];
  const firsts = new Map<string, string>();
  // Unread files whose ids are known (REJECTED_IDS) say where an id is, or that it is not there.
  const known = new Set((await db.all<{ file: string }>(`SELECT DISTINCT file FROM ${REJECTED_IDS}`)).map((r) => r.file));
  const unknownIds = unread.filter((u) => !known.has(u.rel));
  try {
    for (const def of Object.values(DATASETS)) {
      for (const ref of def.references) {
        const target = DATASETS[ref.dataset];
        const { n } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM raw_${ref.dataset}`);
        const unreadOfRef = unknownIds.filter((u) => u.dataset === ref.dataset);
        // The referenced dataset is not provided at all: nothing to check against, unless a file of it was rejected.
        if (n === 0 && !unread.some((u) => u.dataset === ref.dataset)) continue;
        const col = ident(ref.column);
        // On the code when the referring column and the referenced key share one (ID_CODES).
        const own = codeOf(ref.column);
        const code = own !== undefined && own === codeOf(target.key[0]!) ? own : undefined;
        const key = code ?? ident(target.key[0]!);
        // Checking some files' rows only: the first folders of the ids they refer to, for this reference alone.
        const firstKey = only ? `${def.name}:${ref.column}` : `${ref.dataset}:${key}`;
        if (!firsts.has(firstKey)) {
          const table = `__first_${firsts.size}`;
          await db.exec(
            `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${key} AS id, min(__since) AS first FROM raw_${ref.dataset} WHERE ${key} IS NOT NULL${
              only ? ` AND ${key} IN (SELECT ${code ?? col} FROM raw_${def.name} WHERE ${fromFilesSql(def.name, onlyFiles)})` : ""
            } GROUP BY 1`,
          );
          firsts.set(firstKey, table);
        }
        // Each failing row with the newest rejected file up to its folder that holds the id (REJECTED_IDS).
        const rows = await db.all<{ file: string; folder: string; line: number; value: string; rejected: string | null; total: number }>(`
          SELECT file, folder, line, value, rejected, total FROM (
            SELECT *, row_number() OVER (PARTITION BY file, rejected ORDER BY line) AS k, count(*) OVER (PARTITION BY file, rejected) AS total FROM (
              SELECT b.__file AS file, b.__folder AS folder, b.__line AS line, b.${col} AS value,
                (SELECT max_by(x.file, x.folder) FROM ${REJECTED_IDS} x WHERE x.dataset = ${lit(ref.dataset)} AND x.id = b.${col} AND x.folder <= b.__folder) AS rejected
              FROM raw_${def.name} b WHERE ${only ? `${fromFilesSql(def.name, onlyFiles, "b")} AND ` : ""}rowid IN (
                SELECT r.rowid FROM raw_${def.name} r LEFT JOIN ${firsts.get(firstKey)} t ON t.id = r.${code ?? col}
                WHERE r.${code ?? col} IS NOT NULL AND (t.first IS NULL OR t.first > r.__since)${only ? ` AND ${fromFilesSql(def.name, onlyFiles, "r")}` : ""})))
          WHERE k <= ${LISTED} ORDER BY file, line`);
        const first = new Set<string>();
        for (const r of rows) {
          const group = `${r.file}\0${r.rejected ?? ""}`;
          const more = !first.has(group) && r.total > LISTED ? r.total - LISTED : undefined;
          first.add(group);
          if (r.rejected !== null) {
            problems.push({
              severity: ref.severity,
              code: "rejected-reference",
              file: r.file,
              line: r.line,
              column: ref.column,
              value: r.value,
              message: `refers to a ${ref.dataset} record in ${r.rejected}, which was rejected (see its errors)`,
              expected: `a ${target.key[0]} present in ${ref.dataset}`,
              fix: `fix the errors of ${r.rejected}; the reference joins once that file is read`,
              more,
            });
            continue;
          }
          // A file of the dataset up to this folder was not read, so whether it holds the id is not known.
          const maybe = unreadOfRef.filter((u) => u.folder <= r.folder).sort((a, b) => b.folder.localeCompare(a.folder))[0];
          if (maybe) {
            problems.push({
              severity: ref.severity,
              code: "rejected-reference",
              file: r.file,
              line: r.line,
              column: ref.column,
              value: r.value,
              message: `refers to a ${ref.dataset} record that no folder up to this month contains, but ${maybe.rel} was ${maybe.why === "rejected" ? "rejected (see its errors)" : "not read"} and may hold it`,
              expected: `a ${target.key[0]} present in ${ref.dataset}`,
              fix: `fix ${maybe.rel} first; then check again`,
              more,
            });
            continue;
          }
          if (n === 0) continue;
          problems.push({
            severity: ref.severity,
            code: "unknown-reference",
            file: r.file,
            line: r.line,
            column: ref.column,
            value: r.value,
            message: `refers to a ${ref.dataset} record that no folder up to this month contains`,
            expected: `a ${target.key[0]} present in ${ref.dataset}`,
            fix: `check that ${ref.dataset} for this month was exported completely; the row is kept but cannot be joined`,
            more,
          });
        }
      }
    }
  } finally {
    for (const table of firsts.values()) await db.exec(`DROP TABLE IF EXISTS ${table}`);
  }
  return problems;
}

/** What a month's report read: files of folders up to the month and root files, and their problems. */
export function scopeOf(
  month: string,
  files: readonly FileReport[],
  problems: readonly Problem[],
): { files: FileReport[]; problems: Problem[] } {
  const inScope = (rel: string) => {
    const m = /^data\/(\d{4}-\d{2})\//.exec(rel);
    return m === null || m[1]! <= month;
  };
  return { files: files.filter((f) => inScope(f.rel)), problems: problems.filter((p) => inScope(p.file)) };
}
