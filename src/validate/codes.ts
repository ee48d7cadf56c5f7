// Every problem code the tool reports, once: its severities, what it means and what fixes it.
// `Problem.code` is a key of this catalogue, so a misspelt code does not compile; docs/failures.md
// lists the catalogue (test/failures.test.ts writes it, test/codes.test.ts checks it against this).
import type { Severity } from "./problem.ts";

export interface CodeEntry {
  /** Every severity a problem with this code can have (a warning, e.g., where bad rows are skipped). */
  severities: readonly Severity[];
  /** What is wrong, in a few words. */
  title: string;
  /** What fixes it, in general (each problem's own fix names the file and value). */
  fix: string;
}

/** Severities of the row checks: an error, or a warning when the row is skipped (validation.maxSkippedRows). */
const ROW: readonly Severity[] = ["error", "warning"];
const ERROR: readonly Severity[] = ["error"];
const WARNING: readonly Severity[] = ["warning"];
const INFO: readonly Severity[] = ["info"];

export const PROBLEM_CODES = {
  // The project: folders, files, settings.
  "missing-data-folder": {
    severities: ERROR,
    title: "The project has no data/ folder",
    fix: "create data/YYYY-MM/ and put the month's exports in it",
  },
  "bad-folder-name": {
    severities: ERROR,
    title: "A folder under data/ is not a month (YYYY-MM)",
    fix: "rename the folder to the month it holds",
  },
  "no-months": { severities: ERROR, title: "data/ holds no month folder", fix: "add a folder data/YYYY-MM/ with the month's exports" },
  "misplaced-file": {
    severities: WARNING,
    title: "A dataset file in the wrong place (month folder or data root)",
    fix: "move it to where its dataset belongs",
  },
  "duplicate-dataset-file": {
    severities: ERROR,
    title: "Two files provide one dataset in one folder",
    fix: "keep one file per dataset and month",
  },
  "unknown-file": {
    severities: WARNING,
    title: "A file that is no dataset the report reads",
    fix: "rename it to the dataset it holds, or move it out of data/",
  },
  "unread-dataset-file": {
    severities: ERROR,
    title: "A file that looks like a dataset but is not named as one",
    fix: "rename it to the dataset's exact name, or remove it",
  },
  "not-a-file": {
    severities: ERROR,
    title: "A path that is not a regular file or folder",
    fix: "put the exported file or the month's folder itself there",
  },
  "outside-project": {
    severities: ERROR,
    title: "A link to a path outside the project",
    fix: "copy the file or folder into the project instead of linking to it",
  },
  "bad-config": {
    severities: ERROR,
    title: "gekkan.config.yaml cannot be read or has an invalid setting",
    fix: "correct the YAML or the setting as the message says",
  },
  "bad-mapping": { severities: ERROR, title: "mapping.yaml cannot be read or is invalid", fix: "correct mapping.yaml as the message says" },
  "bad-narrative": {
    severities: ERROR,
    title: "A narrative (reports/YYYY-MM.md) is invalid",
    fix: "correct its front matter as the message says",
  },
  "misnamed-narrative": {
    severities: WARNING,
    title: "A file in reports/ named for a month, but not YYYY-MM.md",
    fix: "rename it to reports/YYYY-MM.md, the month it is about",
  },
  // Reading a file.
  "unreadable-file": {
    severities: ERROR,
    title: "A file that cannot be read in its format",
    fix: "re-export the file from the source tool",
  },
  "empty-file": { severities: ERROR, title: "A file with no header row", fix: "re-export the file from the source tool" },
  "bad-encoding": { severities: ERROR, title: "A text file in no encoding the tool reads", fix: "re-export the file, or save it as UTF-8" },
  "bad-json": { severities: ERROR, title: "A .json or .jsonl file that is not valid JSON", fix: "re-export the file" },
  "unterminated-quote": {
    severities: ERROR,
    title: "A quoted CSV field that is never closed",
    fix: "close the quote, or re-export the file",
  },
  "empty-header": { severities: WARNING, title: "A column with no name in the header", fix: "name the column in the export, or remove it" },
  "duplicate-header": {
    // A note when the report does not read the column: none of them is read.
    severities: ["error", "info"],
    title: "A column name that appears twice in the header",
    fix: "rename or remove the extra column (nothing to do when the report does not read it)",
  },
  "ragged-row": {
    severities: ROW,
    title: "A row with more or fewer fields than the header",
    fix: "quote the value holding a delimiter or line break, or re-export the file unedited",
  },
  "footer-guessed": {
    severities: INFO,
    title: "A last row read as part of a report footer",
    fix: "nothing, if it is a footer; otherwise remove the blank line above it",
  },
  "footer-total-mismatch": {
    severities: WARNING,
    title: "A report footer declares fewer records than the file has",
    fix: "re-export the report unedited",
  },
  "truncated-export": {
    severities: ERROR,
    title: "A report footer declares more records than the file has",
    fix: "re-export the report in full",
  },
  "empty-export": {
    severities: ["error", "info"],
    title: "An export with a header and no records",
    fix: "re-export the file, or list the dataset in validation.allowEmpty",
  },
  "xlsx-too-large": {
    severities: ERROR,
    title: "A workbook larger than validation.maxXlsxMegabytes",
    fix: "export the data as CSV, or raise the limit",
  },
  "xlsx-no-header": {
    severities: ERROR,
    title: "A workbook with no sheet holding the dataset's header",
    fix: "add the missing columns, or map their headers",
  },
  "xlsx-other-sheet": {
    severities: WARNING,
    title: "A second sheet of a workbook holds the dataset too",
    fix: "delete the other sheet, or export each dataset to its own file",
  },
  // Columns.
  "missing-column": {
    severities: ERROR,
    title: "A required column is missing",
    fix: "add the column to the export, or map its header in mapping.yaml",
  },
  "ambiguous-header": {
    severities: WARNING,
    title: "Two headers could be the same column; one was used",
    fix: "map the right header in mapping.yaml if the other was meant",
  },
  "personal-columns-dropped": {
    severities: INFO,
    title: "Personal columns (names, emails, phones) were dropped",
    fix: "nothing; leave them out of the export to avoid the note",
  },
  // Values.
  "bad-value": {
    severities: ROW,
    title: "A value that is not of its column's type",
    fix: "correct the value in the source tool and re-export",
  },
  "missing-value": { severities: ROW, title: "A required value is empty", fix: "fill in the value in the source tool and re-export" },
  "negative-value": { severities: ROW, title: "An amount, cost or count below zero", fix: "correct the value in the source system" },
  "other-currency": {
    severities: ROW,
    title: "An amount in another currency than the report's",
    fix: "export converted amounts, or set currency",
  },
  "date-out-of-range": {
    severities: ROW,
    title: "A date outside its folder's plausible range",
    fix: "check the date, and that the file is in the right month folder",
  },
  "value-out-of-range": {
    severities: ROW,
    title: "A number larger than any plausible value",
    fix: "correct the value, or raise validation.maxAmount",
  },
  "placeholder-date": { severities: INFO, title: "A CRM's placeholder date read as no date", fix: "nothing to do" },
  "blank-value": {
    severities: ["warning", "info"],
    title: "Rows without a value the report groups or sums by",
    fix: "fill in the values in the source system if they are known",
  },
  "duplicate-id": { severities: ERROR, title: "An id that appears twice in a file", fix: "remove the duplicate rows from the export" },
  "leading-zero-ids": {
    severities: WARNING,
    title: "Ids that differ only in leading zeros",
    fix: "export ids as text so their leading zeros are kept",
  },
  "mixed-date-order": {
    severities: ERROR,
    title: "A column mixing day-first and month-first dates",
    fix: "re-export with one regional setting",
  },
  "date-order-conflict": {
    severities: ERROR,
    title: "Dates that contradict the configured dateOrder",
    fix: "correct dateOrder in gekkan.config.yaml or the export's regional settings",
  },
  "ambiguous-date-order": {
    severities: ERROR,
    title: "Day/month order of a column's dates cannot be decided",
    fix: "set dateOrder in gekkan.config.yaml",
  },
  "date-order-decided": { severities: INFO, title: "How a column's day/month order was decided", fix: "nothing to do" },
  // Across datasets.
  "rejected-reference": {
    severities: WARNING,
    title: "A reference to a record in a file that was rejected or not read",
    fix: "fix that file first; the reference joins once it is read",
  },
  "unknown-reference": {
    severities: WARNING,
    title: "A reference to a record no folder up to the month contains",
    fix: "check that the referenced dataset was exported completely",
  },
  "no-marketing-source": {
    severities: WARNING,
    title: "No deal of a month is marketing-sourced",
    fix: "list marketing's source values under marketingSources",
  },
  "unknown-metric": {
    severities: ERROR,
    title: "A target for a metric id the report does not define",
    fix: "use one of the metric ids the message lists",
  },
  // Anomalies: records kept and counted as their dates say.
  "mql-before-created": {
    severities: WARNING,
    title: "A lead became MQL before it was created",
    fix: "check the dates in the source system",
  },
  "sql-before-mql": { severities: WARNING, title: "A lead became SQL before its MQL date", fix: "check the dates in the source system" },
  "won-before-mql": {
    severities: WARNING,
    title: "A deal was won before its lead's MQL date",
    fix: "check the dates in the source system",
  },
  "closed-before-created": {
    severities: WARNING,
    title: "A deal was closed before it was created",
    fix: "check the dates in the source system",
  },
  "won-without-amount": {
    severities: WARNING,
    title: "A won deal without an amount, or of 0",
    fix: "fill in the amount in the source system",
  },
  "closed-stage-as-open": {
    severities: WARNING,
    title: "A deal whose stage reads as closed but is not a configured won or lost stage",
    fix: "add the stage to stages.won or stages.lost in gekkan.config.yaml",
  },
  "activity-before-lead": {
    severities: WARNING,
    title: "An activity before its lead was created",
    fix: "check the dates in the source system",
  },
  "date-after-as-of": {
    severities: WARNING,
    title: "A date after the folder's as-of date, within the export lag",
    fix: "nothing, if the export ran after month close",
  },
  // Building and publishing.
  "cache-unwritable": {
    severities: WARNING,
    title: "The validated-file cache cannot be written",
    fix: "make .gekkan/ writable, or free space on its disk",
  },
  "bad-out-dir": {
    severities: ERROR,
    title: "--out names a folder the build must not replace",
    fix: "build into a new or empty directory",
  },
  "bad-base": {
    severities: ERROR,
    title: "--base is not a path the site can be served under",
    fix: "give the path part of the site's address only",
  },
  "disk-full": { severities: ERROR, title: "The disk is full", fix: "free space on the disk, or build elsewhere" },
  "cannot-write": { severities: ERROR, title: "The output cannot be written", fix: "make the directory writable, or build elsewhere" },
  "bad-edition": { severities: ERROR, title: "A frozen edition file cannot be read", fix: "restore the file from version control" },
  "edition-drift": {
    severities: WARNING,
    title: "A published month's file changed since it was published",
    fix: "restate the month if the change is a correction",
  },
} as const satisfies Record<string, CodeEntry>;

/** A problem's code: a key of the catalogue. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Every code, in catalogue order. */
export const PROBLEM_CODE_LIST = Object.keys(PROBLEM_CODES) as [ProblemCode, ...ProblemCode[]];

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}
