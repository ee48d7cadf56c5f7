// Project -> validated tables: the read and validate stages, as one call for the CLIs and the build.
import { listEditions } from "../edition/edition.ts";
import { editionProblems } from "../edition/freeze.ts";
import { unknownTargetMetrics } from "../metrics/targets.ts";
import { checkNarratives } from "../read/narratives.ts";
import { loadProject, type Project } from "../read/project.ts";
import { targetIds } from "../sections/registry.ts";
import { maskedProblem } from "../validate/mask.ts";
import { sortProblems, type Problem } from "../validate/problem.ts";
import { bytesOf, DEFAULT_MEMORY } from "../schema/memory.ts";
import { openDb, spillDirectory, type Db } from "./duckdb.ts";
import { loadData, type Loaded, type Progress } from "./load.ts";

export interface Validated {
  project: Project;
  loaded: Loaded;
  /** Project and data problems, in file/line order. */
  problems: Problem[];
  /** About this machine, not the data (a cache that cannot be written): said by the CLIs, never on a page. */
  notices: Problem[];
  db: Db;
}

export interface ValidateOptions {
  threads?: number;
  cache?: boolean;
  deferCacheWrites?: boolean;
  /** The database's memory limit (a size such as 2GB): the project's `memory` setting, or 2GB, when unset. */
  memory?: string;
}

export async function validateProject(root: string, progress?: Progress, options: ValidateOptions = {}): Promise<Validated> {
  const project = loadProject(root);
  const memory = bytesOf(options.memory ?? project.config.memory ?? DEFAULT_MEMORY);
  const db = await openDb({ threads: options.threads, memory, spill: spillDirectory(root) });
  // File-level problems (a file not read) leave the rest readable: every problem is reported at once.
  const read = !project.problems.some((p) => p.severity === "error" && p.code !== "unknown-file" && p.code !== "unread-dataset-file");
  let loaded: Loaded;
  let targets: Problem[];
  try {
    loaded = !read
      ? { files: [], problems: [], provided: new Map() }
      : await loadData(db, project, { progress, cache: options.cache, deferCacheWrites: options.deferCacheWrites });
    // targets.csv names metrics by id: each must be one the report's sections define.
    targets = loaded.files.some((f) => f.dataset === "targets") ? await unknownTargetMetrics(db, targetIds(project.config)) : [];
  } catch (e) {
    db.close(); // and its spill files with it
    throw e;
  }
  const notices = loaded.cache?.warnings ?? [];
  // Published months whose data files changed since publication (and unreadable editions).
  const { editions, errors } = listEditions(root);
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
  return { project, loaded, problems, db, notices };
}
