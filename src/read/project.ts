// A project on disk: gekkan.config.yaml, mapping.yaml, data/YYYY-MM/<dataset>.<ext>, data/targets.csv.
// Everything found wrong is returned as problems, never thrown one at a time.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { config as configSchema, type Config } from "../schema/config.ts";
import { DATASET_NAMES, DATASETS, columnsOf, type DatasetName } from "../schema/dataset.ts";
import { mapping as mappingSchema, type Mapping } from "../schema/mapping.ts";
import { MONTH } from "../schema/month.ts";
import { lookalikeOf, lookalikeProblem } from "./lookalike.ts";
import type { Problem } from "../validate/problem.ts";
import { entryProblem, linksToFolder } from "./entry.ts";

export const CONFIG_FILE = "gekkan.config.yaml";
export const MAPPING_FILE = "mapping.yaml";
export const FORMATS = ["csv", "tsv", "xlsx", "parquet", "json", "jsonl"] as const;
export type Format = (typeof FORMATS)[number];

export interface DataFile {
  dataset: DatasetName;
  /** Month folder (YYYY-MM), or null for files at the data root (targets). */
  folder: string | null;
  path: string;
  /** Path relative to the project root, as messages show it. */
  rel: string;
  format: Format;
}

export interface Project {
  root: string;
  config: Config;
  mapping: Mapping;
  /** Month folders, ascending. */
  months: string[];
  files: DataFile[];
  problems: Problem[];
}

export function loadProject(root: string): Project {
  const problems: Problem[] = [];
  const config = loadYaml(root, CONFIG_FILE, configSchema, problems)?.data ?? configSchema.parse({});
  const mappingFile = loadYaml(root, MAPPING_FILE, mappingSchema, problems);
  const mapping = mappingFile?.data ?? mappingSchema.parse({});
  checkMappingTargets(mapping, problems, mappingFile?.lineOf ?? (() => undefined));
  const { months, files } = discover(root, problems);
  return { root, config, mapping, months, files, problems };
}

function discover(root: string, problems: Problem[]): { months: string[]; files: DataFile[] } {
  const dataDir = join(root, "data");
  const months: string[] = [];
  const files: DataFile[] = [];
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    problems.push({
      severity: "error",
      code: "missing-data-folder",
      file: "data/",
      message: "there is no data/ folder in the project",
      fix: "create data/YYYY-MM/ (for example data/2026-10/) and put the month's exports in it",
    });
    return { months, files };
  }
  const dataLink = entryProblem(root, dataDir, "data/", "folder");
  if (dataLink) {
    problems.push(dataLink);
    return { months, files };
  }
  for (const entry of readdirSync(dataDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory() || (entry.isSymbolicLink() && linksToFolder(join(dataDir, entry.name)))) {
      const refused = entryProblem(root, join(dataDir, entry.name), `data/${entry.name}/`, "folder");
      if (refused) {
        problems.push(refused);
        continue;
      }
      if (!MONTH.test(entry.name)) {
        problems.push({
          severity: "error",
          code: "bad-folder-name",
          file: `data/${entry.name}/`,
          value: entry.name,
          message: "is not a month folder",
          expected: "a folder named YYYY-MM, such as 2026-10",
          fix: `rename data/${entry.name}/ to the month it holds, e.g. data/2026-10/`,
        });
        continue;
      }
      months.push(entry.name);
      files.push(...datasetFiles(root, join(dataDir, entry.name), `data/${entry.name}`, entry.name, problems));
    } else {
      files.push(...datasetFiles(root, dataDir, "data", null, problems, entry.name));
    }
  }
  if (months.length === 0 && problems.every((p) => p.code !== "missing-data-folder")) {
    problems.push({
      severity: "error",
      code: "no-months",
      file: "data/",
      message: "data/ has no month folders",
      fix: "add a folder per month, such as data/2026-10/, with that month's exports",
    });
  }
  return { months, files };
}

function datasetFiles(root: string, dir: string, relDir: string, folder: string | null, problems: Problem[], only?: string): DataFile[] {
  const found = new Map<DatasetName, DataFile>();
  /** Files that are no dataset by name: after the loop, an error if they look like one (read/lookalike.ts). */
  const unread: { rel: string; name: string }[] = [];
  const names = only ? [only] : readdirSync(dir).sort();
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const rel = `${relDir}/${name}`;
    const m = /^(.+?)\.(csv|tsv|xlsx|parquet|jsonl|json)$/i.exec(name);
    const dataset = m?.[1]?.toLowerCase() as DatasetName | undefined;
    const known = dataset !== undefined && (DATASET_NAMES as readonly string[]).includes(dataset);
    const placeOk = known && (folder === null) === (DATASETS[dataset].root === true);
    if (!m || !known) {
      unread.push({ rel, name });
      continue;
    }
    if (!placeOk) {
      problems.push({
        severity: "warning",
        code: "misplaced-file",
        file: rel,
        message:
          folder === null
            ? `${dataset} belongs in a month folder, not at the data root; it was not read`
            : `${dataset} belongs at the data root (data/${name}); it was not read`,
        fix: folder === null ? `move it to data/YYYY-MM/${name}` : `move it to data/${name}`,
      });
      continue;
    }
    // Only regular files inside the project are read (read/entry.ts).
    const refused = entryProblem(root, join(dir, name), rel, "file");
    if (refused) {
      problems.push(refused);
      continue;
    }
    const file: DataFile = { dataset, folder, path: join(dir, name), rel, format: m[2]!.toLowerCase() as Format };
    const twin = found.get(dataset);
    if (twin) {
      problems.push({
        severity: "error",
        code: "duplicate-dataset-file",
        file: rel,
        message: `${twin.rel} already provides ${dataset} for this month`,
        fix: "keep one file per dataset and month; delete or rename the other",
      });
      continue;
    }
    found.set(dataset, file);
  }
  for (const { rel, name } of unread) {
    const like = lookalikeOf(name);
    if (like === undefined) problems.push(unknownFile(rel, name, folder));
    else problems.push(lookalikeProblem(rel, name, like, found.get(like)?.rel, (folder === null) !== (DATASETS[like].root === true)));
  }
  return [...found.values()];
}

function unknownFile(rel: string, name: string, folder: string | null): Problem {
  const datasets = DATASET_NAMES.filter((d) => (folder === null) === (DATASETS[d].root === true));
  return {
    severity: "warning",
    code: "unknown-file",
    file: rel,
    value: name,
    message: "is not a dataset the report reads; it was ignored",
    expected: `one of ${datasets.map((d) => `${d}.csv`).join(", ")} (or .tsv, .xlsx, .parquet, .json, .jsonl)`,
    fix: "rename it to the dataset it holds, or move it out of data/",
  };
}

interface YamlFile<T> {
  data: T;
  /** Line of the key at `path` (1-based), when the file has it. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Parse a YAML file against a zod schema; problems name the file, line and key. */
function loadYaml<S extends z.ZodType>(root: string, name: string, schema: S, problems: Problem[]): YamlFile<z.infer<S>> | undefined {
  const path = join(root, name);
  if (!existsSync(path)) return undefined;
  const refused = entryProblem(root, path, name, "file");
  if (refused) {
    problems.push(refused);
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, "utf8"), { lineCounter, uniqueKeys: true });
  /** The line of a key (or, for a list index, of the item). */
  const lineOf = (keyPath: readonly (string | number)[]): number | undefined => {
    const parent = keyPath.length > 1 ? doc.getIn(keyPath.slice(0, -1), true) : doc.contents;
    const last = keyPath.at(-1);
    const items = (parent as { items?: unknown[] } | null)?.items;
    let offset: number | undefined;
    if (Array.isArray(items)) {
      const item = typeof last === "number" ? items[last] : items.find((p) => (p as { key?: { value?: unknown } }).key?.value === last);
      const node = item as { key?: { range?: number[] }; range?: number[] } | undefined;
      offset = node?.key?.range?.[0] ?? node?.range?.[0];
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  for (const e of doc.errors) {
    problems.push({
      severity: "error",
      code: "bad-config",
      file: name,
      line: e.linePos?.[0]?.line,
      message: `is not valid YAML: ${e.message.split("\n")[0]}`,
      fix: "fix the YAML syntax (indentation, quotes, colons)",
    });
  }
  if (doc.errors.length > 0) return undefined;
  let js: unknown;
  try {
    js = doc.toJS() ?? {};
  } catch (e) {
    // The YAML library refuses aliases that expand without bound (a "billion laughs" document).
    problems.push({
      severity: "error",
      code: "bad-config",
      file: name,
      message: `could not be read: ${(e as Error).message}`,
      fix: "write the settings out without YAML aliases (*name), or with far fewer of them",
    });
    return undefined;
  }
  const result = schema.safeParse(js);
  if (result.success) return { data: result.data, lineOf };
  for (const issue of result.error.issues) {
    const keyPath = asWritten(
      js,
      issue.path.map((k) => (typeof k === "number" ? k : String(k))),
    );
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({
          severity: "error",
          code: "bad-config",
          file: name,
          line: lineOf([...keyPath, key]),
          column: [...keyPath, key].join("."),
          message: `unknown setting ${[...keyPath, key].join(".")}`,
          fix: "remove it or check its spelling against the configuration reference in the README",
        });
      }
      continue;
    }
    problems.push({
      severity: "error",
      code: "bad-config",
      file: name,
      line: lineOf(keyPath),
      column: keyPath.join(".") || undefined,
      message: `invalid setting ${keyPath.join(".") || "(top level)"}: ${issue.message}`,
      fix: "correct the value as the message says (see the configuration reference in the README)",
    });
  }
  return undefined;
}

/** A setting's path as the file writes it: `sla` written as the list of rules alone has no `rules` key. */
function asWritten(js: unknown, keyPath: (string | number)[]): (string | number)[] {
  const sla = (js as { sla?: unknown } | null)?.sla;
  return keyPath[0] === "sla" && keyPath[1] === "rules" && Array.isArray(sla) ? ["sla", ...keyPath.slice(2)] : keyPath;
}

function checkMappingTargets(mapping: Mapping, problems: Problem[], lineOf: (path: string[]) => number | undefined): void {
  for (const [dataset, cols] of Object.entries(mapping.columns) as [DatasetName, Record<string, string>][]) {
    const known = columnsOf(dataset).map((c) => c.name);
    for (const [header, target] of Object.entries(cols)) {
      if (!known.includes(target)) {
        problems.push({
          severity: "error",
          code: "bad-mapping",
          file: MAPPING_FILE,
          line: lineOf(["columns", dataset, header]),
          column: `columns.${dataset}.${header}`,
          value: target,
          message: `maps to a column ${dataset} does not have`,
          expected: `one of ${known.join(", ")}`,
          fix: "map the header to one of the canonical columns of the data contract",
        });
      }
    }
  }
}
