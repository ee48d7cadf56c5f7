// Project -> validated tables: the read and validate stages, as one call for the CLIs and the build.
import { listEditions } from "../edition/edition.ts";
import { editionProblems } from "../edition/freeze.ts";
import { loadProject, type Project } from "../read/project.ts";
import { sortProblems, type Problem } from "../validate/problem.ts";
import { bytesOf, DEFAULT_MEMORY } from "../schema/memory.ts";
import { openDb, spillDirectory, type Db } from "./duckdb.ts";
import { loadData, type Loaded, type Progress } from "./load.ts";

export interface Validated {
  project: Project;
  loaded: Loaded;
  /** Project and data problems, in file/line order. */
  problems: Problem[];
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
  let loaded: Loaded;
  try {
    loaded = project.problems.some((p) => p.severity === "error" && p.code !== "unknown-file")
      ? { files: [], problems: [], provided: new Map() }
      : await loadData(db, project, { progress, cache: options.cache, deferCacheWrites: options.deferCacheWrites });
  } catch (e) {
    db.close(); // and its spill files with it
    throw e;
  }
  // Published months whose data files changed since publication (and unreadable editions).
  const { editions, errors } = listEditions(root);
  const problems = sortProblems([...project.problems, ...loaded.problems, ...editionProblems(editions, errors, loaded.files)]);
  return { project, loaded, problems, db };
}
