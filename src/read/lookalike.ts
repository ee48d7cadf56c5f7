// A file in data/ that is not read but looks like a dataset (leads_2026-10.csv, Leads.CSV.txt,
// "leads (1).csv", leads.xls, 商談一覧.csv) is an error, not a warning: a month must never lose a
// dataset silently because its export was saved under another name.
//
// "Looks like a dataset": the file's name, whatever its extension, holds the dataset's name or one
// of its aliases below as a word (English words are split at anything that is not a letter and at
// a change from lower to upper case, so "LeadsExport" and "leads_2026-10" hold "leads", "leader"
// does not), or, for a Japanese alias, anywhere in the name. Where several datasets match, the
// longest alias wins ("content_touches" over "content").
import { DATASET_NAMES, DATASETS, type DatasetName } from "../schema/dataset.ts";
import type { Problem } from "../validate/problem.ts";

/** Words (English, lower case; several words for one alias are written together) and Japanese names of each dataset. */
const ALIASES: Record<DatasetName, { words: string[]; ja: string[] }> = {
  leads: { words: ["leads", "lead"], ja: ["リード"] },
  activities: { words: ["activities", "activity"], ja: ["活動"] },
  opportunities: { words: ["opportunities", "opportunity", "opps", "deals", "deal"], ja: ["商談"] },
  campaigns: { words: ["campaigns", "campaign"], ja: ["キャンペーン"] },
  content: { words: ["content", "contents"], ja: ["コンテンツ"] },
  content_touches: { words: ["contenttouches", "contenttouch", "touches"], ja: ["コンテンツ接触"] },
  web_traffic: { words: ["webtraffic", "traffic", "ga4"], ja: ["アクセス", "Webアクセス"] },
  spend: { words: ["spend", "spending", "budget", "budgets"], ja: ["予算", "費用"] },
  accounts: { words: ["accounts", "account", "companies"], ja: ["取引先"] },
  targets: { words: ["targets", "target"], ja: ["目標"] },
};

/** The name's words: split at non-letters-or-digits and at a lower-to-upper case change, lower-cased. */
function words(name: string): string[] {
  return name
    .normalize("NFKC")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
}

/** The dataset a file name looks like, if any (see the module comment). */
export function lookalikeOf(name: string): DatasetName | undefined {
  // An Excel lock file (~$leads.xlsx) exists while the workbook is open: no export.
  if (name.startsWith("~$")) return undefined;
  const ws = words(name);
  // Runs of up to three consecutive words, joined: "web traffic" -> "webtraffic".
  const runs = new Set<string>();
  for (let i = 0; i < ws.length; i++) for (let k = 1; k <= 3 && i + k <= ws.length; k++) runs.add(ws.slice(i, i + k).join(""));
  const nfkc = name.normalize("NFKC");
  let best: { dataset: DatasetName; length: number } | undefined;
  for (const dataset of DATASET_NAMES) {
    const { words: en, ja } = ALIASES[dataset];
    for (const alias of [...en.filter((a) => runs.has(a)), ...ja.filter((a) => nfkc.includes(a))]) {
      if (!best || alias.length > best.length) best = { dataset, length: alias.length };
    }
  }
  return best?.dataset;
}

/** The names a dataset is read from, for messages. */
export function readableNames(dataset: DatasetName): string {
  return `${dataset}.csv, .tsv, .xlsx, .parquet, .json or .jsonl`;
}

/**
 * The error for a file that looks like `dataset` but is not read. `twin`: the file that provides the
 * dataset in the same folder, if one does.
 */
export function lookalikeProblem(rel: string, name: string, dataset: DatasetName, twin?: string, misplaced = false): Problem {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  const dir = rel.slice(0, rel.length - name.length);
  const rename =
    ext === "xls"
      ? `save it as ${dir}${dataset}.xlsx (Excel: Save As, Excel Workbook) or export it as ${dataset}.csv`
      : ext === "txt"
        ? `rename it to ${dir}${dataset}.csv if it holds CSV text`
        : ext === "csv" || ext === "tsv" || ext === "xlsx" || ext === "parquet" || ext === "json" || ext === "jsonl"
          ? `rename it to ${dir}${dataset}.${ext}`
          : `export it as ${dir}${dataset}.csv or ${dataset}.xlsx`;
  return {
    severity: "error",
    code: "unread-dataset-file",
    file: rel,
    value: name,
    message: `looks like ${dataset} (${DATASETS[dataset].title.en} / ${DATASETS[dataset].title.ja}) but is not read: a dataset is read only from a file with its exact name`,
    expected: `one file per dataset and month, named ${readableNames(dataset)}`,
    fix: misplaced
      ? DATASETS[dataset].root
        ? `move it to data/${dataset}.csv (${dataset} lives at the data root), or out of data/`
        : `move it into its month folder as data/YYYY-MM/${dataset}.csv (or .xlsx ...), or out of data/`
      : twin
        ? `${twin} already provides ${dataset}: delete this file if it is a copy of it; otherwise merge the two exports into one and delete this one`
        : `${rename}; or move it out of data/ if it is not this month's ${dataset}`,
  };
}
