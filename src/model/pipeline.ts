// Project -> validated tables: the read and validate stages, as one call for the CLIs and the build.
import { loadProject, type Project } from "../read/project.ts";
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

export async function validateProject(root: string, progress?: Progress, options: { threads?: number } = {}): Promise<Validated> {
  const project = loadProject(root);
  const db = await openDb(options);
  const loaded = project.problems.some((p) => p.severity === "error" && p.code !== "unknown-file")
    ? { files: [], problems: [], provided: new Map() }
    : await loadData(db, project, progress);
  const problems = sortProblems([...project.problems, ...loaded.problems]);
  return { project, loaded, problems, db };
}
