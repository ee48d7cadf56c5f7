// Is an export complete? A file with a header and no records, or whose report footer declares more
// records than it holds, is not a month's data: published, it read as "リード 0, -100.0%".
import type { Config } from "../schema/config.ts";
import type { DatasetName } from "../schema/dataset.ts";
import type { Problem } from "./problem.ts";

/**
 * The problem of a file with a header and no records: an error, unless `validation.allowEmpty`
 * lists its dataset (the month then reads it as an export that held no records).
 */
export function emptyExport(rel: string, dataset: DatasetName, config: Config): Problem {
  if (config.validation.allowEmpty.includes(dataset)) {
    return {
      severity: "info",
      code: "empty-export",
      file: rel,
      message: `has a header and no records; validation.allowEmpty lists ${dataset}, so the month's ${dataset} numbers read as an export that held no records`,
      fix: "nothing to do if the month really had none",
    };
  }
  return {
    severity: "error",
    code: "empty-export",
    file: rel,
    line: 1,
    message: "has a header and no records, so it is not read as the month's data",
    expected: "at least one record (an export cut short, or run with a filter that matched nothing?)",
    fix: `re-export the file; if the month really had no ${dataset}, add ${dataset} to validation.allowEmpty in gekkan.config.yaml`,
  };
}

/** The problem of a report whose footer declares more records than the file holds: a truncated export. */
export function truncatedExport(rel: string, line: number | undefined, declared: number, read: string): Problem {
  return {
    severity: "error",
    code: "truncated-export",
    file: rel,
    line,
    message: `the report footer declares ${declared} records but the file has ${read}, so the export is incomplete`,
    expected: `${declared} data rows`,
    fix: "re-export the report in full (a download cut short, or a file edited by hand)",
  };
}
