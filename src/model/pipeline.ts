// Project -> validated tables: the read and validate stages, as one call for the CLIs and the build.
import { checkedEditions, type CheckedEditions } from "../edition/checked.ts";
import { listEditions, type Edition } from "../edition/edition.ts";
import { editionProblems } from "../edition/freeze.ts";
import { shareTargetsAboveOne, unknownTargetMetrics } from "../metrics/targets.ts";
import { checkNarratives } from "../read/narratives.ts";
import { loadProject, type Project } from "../read/project.ts";
import { shareTargetIds, targetIds } from "../sections/registry.ts";
import { maskedProblem } from "../validate/mask.ts";
import { sortProblems, type Problem } from "../validate/problem.ts";
import { bytesOf, DEFAULT_MEMORY } from "../schema/memory.ts";
import { sha256OfFiles } from "../read/sha256.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { hasErrors } from "../validate/problem.ts";
import { noLeadingZeros } from "../validate/ids.ts";
import { monthIndex } from "../schema/month.ts";
import { hashOfCode, ValidatedCache } from "./cache.ts";
import { openDb, spillDirectory, type Db } from "./duckdb.ts";
import { emptyDatasets, loadData, type Loaded, type Progress } from "./load.ts";
import { AsOfState, inState } from "./state.ts";

export interface Validated {
  project: Project;
  loaded: Loaded;
  /** Project and data problems, in file/line order. */
  problems: Problem[];
  /** About this machine, not the data (a cache that cannot be written): said by the CLIs, never on a page. */
  notices: Problem[];
  db: Db;
  /** The published months' editions, as read for the checks (the build renders from them: read once). */
  editions: Map<string, Edition[]>;
  /** Each edition's file's SHA-256. */
  editionHashes: Map<Edition, string>;
  /** With the cache: what earlier runs found of these editions' files, for the build to add to and save. */
  checked?: CheckedEditions;
}

export interface ValidateOptions {
  threads?: number;
  /** The validated-file cache, and the persisted state of the published months' folders (model/state.ts). */
  cache?: boolean;
  /** With the cache: the newest month whose folders are kept as state. Default: the newest published month. */
  stateThrough?: string;
  deferCacheWrites?: boolean;
  /** The database's memory limit (a size such as 2GB): the project's `memory` setting, or 2GB, when unset. */
  memory?: string;
}

export async function validateProject(root: string, progress?: Progress, options: ValidateOptions = {}): Promise<Validated> {
  const project = loadProject(root);
  const memory = bytesOf(options.memory ?? project.config.memory ?? DEFAULT_MEMORY);
  // Published months whose data files changed since publication (and unreadable editions).
  // With the cache, files checked by earlier runs of this code are not checked again (edition/checked.ts).
  const checked = options.cache ? checkedEditions(root, hashOfCode(["."], ["package-lock.json"])) : undefined;
  const { editions, errors, sha256: editionHashes } = listEditions(root, checked);
  // File-level problems (a file not read) leave the rest readable: every problem is reported at once.
  const read = !project.problems.some((p) => p.severity === "error" && p.code !== "unknown-file" && p.code !== "unread-dataset-file");
  // The published months' folders are kept read as a persisted state: a build reads only the folders after them.
  const through =
    !options.cache || !read
      ? undefined
      : (options.stateThrough ??
        [...editions.keys()]
          .filter((m) => project.months.includes(m))
          .sort()
          .at(-1));
  const spill = spillDirectory(root);
  const state = through === undefined ? undefined : AsOfState.open(root, { ...project.config, memory: undefined }, project.mapping);
  let targets: Problem[];
  const fromState =
    through !== undefined && state?.usable ? await loadFromState(project, state, through, progress, options, { memory, spill }) : undefined;
  let loaded: Loaded;
  let db: Db;
  if (fromState) ({ db, loaded } = fromState);
  else {
    db = await openDb({ threads: options.threads, memory, spill });
    try {
      loaded = !read
        ? { files: [], problems: [], provided: new Map() }
        : await loadData(db, project, { progress, cache: options.cache, deferCacheWrites: options.deferCacheWrites });
    } catch (e) {
      db.close(); // and its spill files with it
      throw e;
    }
  }
  try {
    // targets.csv names metrics by id: each must be one the report's sections define.
    // A share's target above 1 is a percentage without its sign: every month would read missed.
    targets = loaded.files.some((f) => f.dataset === "targets")
      ? [
          ...(await unknownTargetMetrics(db, targetIds(project.config))),
          ...(await shareTargetsAboveOne(db, shareTargetIds(project.config))),
        ]
      : [];
  } catch (e) {
    db.close();
    throw e;
  }
  // One warning when .gekkan/ cannot be written: the cache's, else the state's.
  const cacheWarnings = loaded.cache?.warnings ?? [];
  const notices = cacheWarnings.length ? cacheWarnings : (state?.warnings ?? []);
  // Values that look like personal data are masked before anything shows or freezes them.
  const problems = sortProblems(
    [
      ...project.problems,
      ...checkNarratives(root),
      ...loaded.problems,
      ...targets,
      // Drift is only known once the data is read: unread, every published file would look gone.
      ...editionProblems(read ? editions : new Map(), errors, loaded.files),
    ].map(maskedProblem),
  );
  return { project, loaded, problems, db, notices, editions, editionHashes, checked };
}

/**
 * Read the project into a work database that starts from the persisted state of folders up to
 * `through` (the newest published month) when it matches: the state's folders are not read again,
 * the folders after it up to `through` are read and kept as the new state, and the rest (the
 * drafts' folders, root files) are read on top. Without a usable state, every folder is read, and
 * those up to `through` kept.
 */
async function loadFromState(
  project: Project,
  state: AsOfState,
  through: string,
  progress: Progress | undefined,
  options: ValidateOptions,
  limits: { memory: number; spill: string },
): Promise<{ db: Db; loaded: Loaded } | undefined> {
  let restored = await state.restore(project, through, (files) => sha256OfFiles(files.map((f) => f.path)));
  if (!state.usable) return undefined; // no room to copy it: read in memory
  let db: Db;
  try {
    db = await openDb({ threads: options.threads, ...limits, path: state.work });
  } catch {
    // A state file this DuckDB cannot open is read again; a work file that cannot be made, in memory.
    state.discard();
    restored = undefined;
    try {
      db = await openDb({ threads: options.threads, ...limits, path: state.work });
    } catch {
      state.discard();
      return undefined;
    }
  }
  try {
    if (restored) progress?.(`starting from the state of the folders up to ${restored.through}`);
    const cache = options.cache
      ? await ValidatedCache.open(db, project.root, { ...project.config, memory: undefined }, project.mapping, options.deferCacheWrites)
      : undefined;
    const held = restored?.held ?? [];
    const published = project.files.filter((f) => inState(f, through) && !(restored && inState(f, restored.through)));
    const before =
      published.length === 0
        ? { files: [], problems: [], provided: new Map<string, Set<DatasetName>>() }
        : await loadData(db, project, { progress, cache, files: published, wholeChecks: false, prune: false });
    const kept = { files: [...(restored?.files ?? []), ...before.files], problems: [...(restored?.problems ?? []), ...before.problems] };
    const provided = union(restored?.provided, before.provided);
    // The leading-zero check of the state's rows, kept with it: later builds scan only the rows read on top.
    const noZeros =
      published.length === 0 ? restored?.noLeadingZeros : await noLeadingZeros(db, monthIndex(through), restored?.noLeadingZeros);
    // Ids numbered because two shared a code (never seen) are numbered again with the next month's: not kept.
    if (published.length > 0 && !hasErrors(kept.problems) && !before.numbered)
      await state.save(db, project, through, { ...kept, provided, noLeadingZeros: noZeros });
    const byRel = new Map(project.files.map((f) => [f.rel, f]));
    const after = await loadData(db, project, {
      progress,
      cache,
      files: project.files.filter((f) => !inState(f, through)),
      keep: [...held, ...before.files.map((r) => ({ file: byRel.get(r.rel)!, sha256: r.sha256 }))],
      earlier: kept.problems,
      noLeadingZeros: noZeros,
    });
    const files = [...kept.files, ...after.files].sort((a, b) => a.rel.localeCompare(b.rel));
    const all = union(provided, after.provided);
    return {
      db,
      loaded: { files, problems: [...kept.problems, ...after.problems], provided: all, empty: emptyDatasets(files, all), cache },
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Folder -> datasets, of two reads together. */
function union(
  a: ReadonlyMap<string, ReadonlySet<DatasetName>> | undefined,
  b: ReadonlyMap<string, ReadonlySet<DatasetName>>,
): Map<string, Set<DatasetName>> {
  const out = new Map<string, Set<DatasetName>>();
  for (const m of [a ?? new Map(), b]) for (const [folder, ds] of m) out.set(folder, new Set([...(out.get(folder) ?? []), ...ds]));
  return out;
}
