// Project -> validated tables: the read and validate stages, as one call for the CLIs and the build.
import { listEditions } from "../edition/edition.ts";
import { editionProblems } from "../edition/freeze.ts";
import { unknownTargetMetrics } from "../metrics/targets.ts";
import { loadProject, type Project } from "../read/project.ts";
import { targetIds } from "../sections/registry.ts";
import { sortProblems, type Problem } from "../validate/problem.ts";
import { openDb, type Db } from "./duckdb.ts";
import { loadData, type Loaded, type Progress } from "./load.ts";

export interface Validated {
  project: Project;
  loaded: Loaded;
  /** Project and data problems, in file/line order. */
  problems: Problem[];
  db: Db;
}

export async function validateProject(
  root: string,
  progress?: Progress,
  options: { threads?: number; cache?: boolean; deferCacheWrites?: boolean } = {},
): Promise<Validated> {
  const project = loadProject(root);
  const db = await openDb(options);
  const loaded = project.problems.some((p) => p.severity === "error" && p.code !== "unknown-file")
    ? { files: [], problems: [], provided: new Map() }
    : await loadData(db, project, { progress, cache: options.cache, deferCacheWrites: options.deferCacheWrites });
  // targets.csv names metrics by id: each must be one the report's sections define.
  const targets = loaded.files.some((f) => f.dataset === "targets") ? await unknownTargetMetrics(db, targetIds(project.config)) : [];
  // Published months whose data files changed since publication (and unreadable editions).
  const { editions, errors } = listEditions(root);
  const problems = sortProblems([...project.problems, ...loaded.problems, ...targets, ...editionProblems(editions, errors, loaded.files)]);
  return { project, loaded, problems, db };
}
