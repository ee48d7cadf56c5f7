// Read and validate every file of a project into raw_<dataset> tables (all folders), versioned as
// they are read (model/asof.ts), then check references across datasets. Nothing under data/ is
// written: staging goes to a temp dir, the validated-file cache to <project>/.gekkan/cache/.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATASET_NAMES, DATASETS, type DatasetName } from "../schema/dataset.ts";
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
} from "../validate/dataset.ts";
import { leadingZeroIds } from "../validate/ids.ts";
import type { Problem } from "../validate/problem.ts";
import { findAnomalies } from "./anomalies.ts";
import { checkCodes, codeOf, versionColumns, versionDataset } from "./asof.ts";
import { ValidatedCache, type CacheEntry } from "./cache.ts";
import { ident, lit, MemoryLimitError, type Db } from "./duckdb.ts";
import { unsourcedDeals } from "./sources.ts";

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
}

export type Progress = (message: string) => void;

export interface LoadOptions {
  progress?: Progress;
  /** Reuse and update the validated-file cache. Off unless asked for: the CLIs ask, tests choose. */
  cache?: boolean;
  /** Store newly validated files only when the caller says (Loaded.cache.writeDeferred), not as they are read. */
  deferCacheWrites?: boolean;
}

export async function loadData(db: Db, project: Project, options: LoadOptions = {}): Promise<Loaded> {
  const progress = options.progress ?? (() => {});
  // The memory limit changes how the rows are read, not what they are: not part of the cache key.
  const validating = { ...project.config, memory: undefined };
  const cache = !options.cache
    ? undefined
    : await ValidatedCache.open(db, project.root, validating, project.mapping, options.deferCacheWrites);
  const tmp = mkdtempSync(join(tmpdir(), `gekkan-stage-${process.pid}-`));
  const files: FileReport[] = [];
  const problems: Problem[] = [];
  const provided = new Map<string, Set<DatasetName>>(project.months.map((m) => [m, new Set<DatasetName>()]));
  const provide = (report: FileReport, fileProblems: readonly Problem[]) => {
    if (report.folder && !fileProblems.some((p) => p.severity === "error")) provided.get(report.folder)?.add(report.dataset);
  };
  // Reading a file is single-threaded in DuckDB (it keeps the file's order, see read/file.ts), so two
  // files are read at once, each on its own connection (scale 20: read and validate 11.4 -> 10.3 s),
  // with the database's threads shared among them: an idle second thread per read only spun (scale
  // 20, leads on one connection: 2.3 s and 3.0 s of CPU with two threads, 1.7 s with one).
  const readers = [db, await db.fork()];
  const { threads } = await db.one<{ threads: number }>(`SELECT current_setting('threads') AS threads`);
  const readThreads = Math.max(1, Math.floor(threads / readers.length));
  /** The file each reader is reading (settled before the readers close, whatever happened). */
  let reading: Promise<void>[] = [];
  try {
    for (const d of DATASET_NAMES) await db.exec(rawTableSql(d, versionColumns(d)));
    await createRejectedIdsTable(db);
    let n = 0;
    // One dataset at a time: its files are staged and read into one text table, then validated
    // together (see validateDataset). Framing a text file is Node's work and reading the framed
    // copy is DuckDB's, so file k+2 is framed while DuckDB reads files k and k+1. Files validated
    // by an earlier build with the same code, config and mapping come from the cache instead.
    for (const dataset of DATASET_NAMES) {
      const ofDataset = project.files.filter((f) => f.dataset === dataset);
      if (ofDataset.length === 0) continue;
      progress(`reading ${dataset} (${ofDataset.length} file${ofDataset.length === 1 ? "" : "s"})`);
      // Normally one pass; a second reads the files whose cache entries were damaged from their exports.
      let pending = ofDataset;
      const versioned = versionColumns(dataset);
      for (let pass = 0; pending.length > 0; pass++) {
        await createTextTable(db, dataset);
        const admitted: Admitted[] = [];
        /** Files whose validated rows are in the cache: reported once their rows are loaded from it. */
        const cached: { file: DataFile; report: FileReport; entry: CacheEntry; parquet: string }[] = [];
        /** Problems of each file read from its export (cached with its rows when it has no error). */
        const own = new Map<
          string,
          {
            key?: string;
            problems: Problem[];
            staged?: { sheet?: string; letters?: string[]; headers: string[] };
            columns?: ReadonlyMap<string, string>;
          }
        >();
        reading = readers.map(() => Promise.resolve());
        let next = 0;
        await db.exec(`SET threads = ${readThreads}`);
        for (const file of pending) {
          // The readers take files in turn; this one's previous read is awaited below.
          const r = next;
          const started = performance.now();
          let read: ReturnType<typeof readDataFile>;
          try {
            read = readDataFile(file);
          } catch (e) {
            // Replaced, removed or made unreadable since the project was listed.
            problems.push(unreadable(file, e));
            continue;
          }
          const { bytes, sha256 } = read;
          const key = cache?.key(file, sha256);
          const hit = key && pass === 0 ? cache!.get(key) : undefined;
          if (hit) {
            const e = hit.entry;
            const report = fileReport(file, {
              encoding: e.encoding,
              delimiter: e.delimiter,
              ...(e.sheet === undefined ? {} : { sheet: e.sheet }),
              bytes: bytes.length,
              sha256,
              rows: e.rows,
              skipped: e.skipped,
              nonData: e.nonData,
              readMs: Math.round(performance.now() - started),
            });
            cached.push({ file, report, entry: e, parquet: hit.parquet });
            continue;
          }
          let staged: StageResult;
          if (isText(file)) {
            staged = stageTextFile(file, bytes, sha256, `stage_${n++}`, tmp);
            await reading[r];
          } else if (file.format === "xlsx") {
            // Node's work alone, like a text file's framing. A workbook is held whole: a zip is read
            // from its end, and its size is capped (validation.maxXlsxMegabytes).
            staged = await stageWorkbookFile(file, Buffer.concat([...bytes.chunks()]), sha256, `stage_${n++}`, tmp, {
              mapping: project.mapping,
              maxMegabytes: project.config.validation.maxXlsxMegabytes,
            }).catch((e: unknown) => ({ problems: [unreadable(file, e)] }));
            await reading[r];
          } else {
            await Promise.all(reading); // staging asks the database
            staged = await stageStructuredFile(db, file, bytes, sha256);
          }
          const stagedMs = performance.now() - started;
          problems.push(...staged.problems);
          if (!staged.staged) continue;
          const a = admit(staged.staged, project.mapping);
          for (const p of a.problems) placeInSheet(p, staged.staged, a.admitted?.columns);
          problems.push(...a.problems);
          own.set(file.rel, { key, problems: [...staged.problems, ...a.problems], staged: staged.staged, columns: a.admitted?.columns });
          const s = staged.staged;
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
          files.push(report);
          const admittedFile = a.admitted;
          if (!admittedFile) {
            if (s.tmp) rmSync(s.tmp, { force: true });
            continue;
          }
          const appending = performance.now();
          next = (next + 1) % readers.length;
          admitted.push(admittedFile);
          reading[r] = appendText(readers[r]!, admittedFile)
            .then(
              () => {},
              (e: unknown) => {
                if (e instanceof MemoryLimitError) throw e; // not the file's fault: the run stops
                admitted.splice(admitted.indexOf(admittedFile), 1);
                const p = unreadable(file, e);
                problems.push(p);
                own.get(file.rel)!.problems.push(p);
              },
            )
            .finally(() => {
              report.readMs += Math.round(performance.now() - appending);
              if (s.tmp) rmSync(s.tmp, { force: true });
            });
        }
        await Promise.all(reading);
        await db.exec(`SET threads = ${threads}`);
        progress(
          `validating ${dataset}${cached.length ? ` (${cached.length} file${cached.length === 1 ? "" : "s"} validated before)` : ""}`,
        );
        const results = await validateDataset(db, dataset, admitted, project.config, project.mapping, versioned, { rejectedIds: true });
        for (const [rel, r] of results) {
          const mine = own.get(rel)!;
          if (mine.staged) for (const p of r.problems) placeInSheet(p, mine.staged, mine.columns);
          problems.push(...r.problems);
          const report = files.find((f) => f.rel === rel)!;
          report.rows = r.rows;
          report.skipped = r.skipped;
          mine.problems.push(...r.problems);
          // A file whose bad rows are skipped (validation.maxSkippedRows) has its ragged rows skipped too.
          if (r.skipped > 0) for (const p of mine.problems) if (p.code === "ragged-row") skipped(p);
          provide(report, mine.problems);
          if (cache && mine.key && !mine.problems.some((p) => p.severity === "error")) {
            await cache.put(db, report, mine.key, {
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
        // A stored file that cannot be read back is removed from the cache and read from its export.
        const damaged = new Set(
          (await cache?.load(
            db,
            dataset,
            cached.map((c) => c.parquet),
            versioned,
          )) ?? [],
        );
        for (const c of cached.filter((c) => !damaged.has(c.parquet))) {
          files.push(c.report);
          problems.push(...c.entry.problems);
          provide(c.report, c.entry.problems);
        }
        pending = cached.filter((c) => damaged.has(c.parquet)).map((c) => c.file);
      }
      // Versioned as read, then compressed once (model/asof.ts).
      if (versioned.length) await versionDataset(db, dataset);
      await db.compact();
    }
    progress("checking references between datasets");
    await checkCodes(db);
    problems.push(...(await unknownReferences(db, unreadFiles(project, problems))));
    progress("checking for anomalies");
    problems.push(...(await findAnomalies(db, project.config)));
    problems.push(...(await unsourcedDeals(db, project.config)));
    problems.push(...(await leadingZeroIds(db)));
    cache?.prune();
  } finally {
    await Promise.allSettled(reading);
    for (const r of readers.slice(1)) r.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  files.sort((a, b) => a.rel.localeCompare(b.rel));
  const empty = new Map<string, Set<DatasetName>>();
  for (const f of files)
    if (f.folder && f.rows === 0 && f.skipped === 0 && provided.get(f.folder)?.has(f.dataset))
      empty.set(f.folder, new Set([...(empty.get(f.folder) ?? []), f.dataset]));
  return { files, problems, provided, empty, cache };
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
async function unknownReferences(db: Db, unread: readonly UnreadFile[] = []): Promise<Problem[]> {
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
        const firstKey = `${ref.dataset}:${key}`;
        if (!firsts.has(firstKey)) {
          const table = `__first_${firsts.size}`;
          await db.exec(
            `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${key} AS id, min(__since) AS first FROM raw_${ref.dataset} WHERE ${key} IS NOT NULL GROUP BY 1`,
          );
          firsts.set(firstKey, table);
        }
        // Each failing row with the newest rejected file up to its folder that holds the id (REJECTED_IDS).
        const rows = await db.all<{ file: string; folder: string; line: number; value: string; rejected: string | null; total: number }>(`
          SELECT file, folder, line, value, rejected, total FROM (
            SELECT *, row_number() OVER (PARTITION BY file, rejected ORDER BY line) AS k, count(*) OVER (PARTITION BY file, rejected) AS total FROM (
              SELECT b.__file AS file, b.__folder AS folder, b.__line AS line, b.${col} AS value,
                (SELECT max_by(x.file, x.folder) FROM ${REJECTED_IDS} x WHERE x.dataset = ${lit(ref.dataset)} AND x.id = b.${col} AND x.folder <= b.__folder) AS rejected
              FROM raw_${def.name} b WHERE rowid IN (
                SELECT r.rowid FROM raw_${def.name} r LEFT JOIN ${firsts.get(firstKey)} t ON t.id = r.${code ?? col}
                WHERE r.${code ?? col} IS NOT NULL AND (t.first IS NULL OR t.first > r.__since))))
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
