// docs/failures.md: every failure a user can hit, with the exact message and fix, generated from
// real runs here so the document cannot drift from the code (UPDATE=1 rewrites it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publishMonth } from "../src/edition/publish.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { formatProblem } from "../src/validate/problem.ts";

const CORPUS = join(import.meta.dirname, "fixtures/malformed");
const DOC = join(import.meta.dirname, "../docs/failures.md");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-failures-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function firstError(root: string, code: string): Promise<string> {
  const v = await validateProject(root);
  v.db.close();
  const p = v.problems.find((x) => x.code === code);
  if (!p) throw new Error(`${root}: no ${code} among ${v.problems.map((x) => x.code).join(", ")}`);
  return formatProblem(p);
}

const CASES: { failure: string; run: () => Promise<string> }[] = [
  { failure: "No data/ folder", run: () => firstError(mkdtempSync(join(tmp, "empty-")), "missing-data-folder") },
  { failure: "A month folder that is not YYYY-MM", run: () => firstError(join(CORPUS, "bad-folder-word"), "bad-folder-name") },
  { failure: "A required column is missing", run: () => firstError(join(CORPUS, "missing-column-japanese"), "missing-column") },
  {
    failure: "The file is neither UTF-8 nor Shift_JIS (wrong encoding)",
    run: () => firstError(join(CORPUS, "invalid-bytes"), "bad-encoding"),
  },
  { failure: "A value is not a date", run: () => firstError(join(CORPUS, "bad-date"), "bad-value") },
  { failure: "Day/month order cannot be decided", run: () => firstError(join(CORPUS, "ambiguous-date-order"), "ambiguous-date-order") },
  {
    failure: "A year-last date (dashes, dots or slashes) that is no such date",
    run: () => firstError(join(CORPUS, "year-last-dots-no-such-date"), "bad-value"),
  },
  {
    failure: "Day/month order of dashed year-last dates cannot be decided",
    run: () => firstError(join(CORPUS, "year-last-dashes-ambiguous"), "ambiguous-date-order"),
  },
  { failure: "Leads without a source (a warning)", run: () => firstError(join(CORPUS, "blank-source"), "blank-value") },
  { failure: "Deals without an amount (a note)", run: () => firstError(join(CORPUS, "blank-open-amount"), "blank-value") },
  {
    failure: "A file that looks like a dataset but is not read (Leads.CSV.txt, leads_2026-10.csv, leads.xls)",
    run: () => firstError(join(CORPUS, "lookalike-double-extension"), "unread-dataset-file"),
  },
  {
    failure: "A browser's second download beside the dataset (leads (1).csv)",
    run: () => firstError(join(CORPUS, "lookalike-browser-copy"), "unread-dataset-file"),
  },
  { failure: "A file that looks like no dataset (a warning)", run: () => firstError(join(CORPUS, "unknown-file"), "unknown-file") },
  {
    failure: "A reference to a record in a rejected file (a warning beside that file's errors)",
    run: () => firstError(join(CORPUS, "rejected-file-cascade"), "rejected-reference"),
  },
  {
    failure: "A reference while a file of the referenced dataset was not read",
    run: () => firstError(join(CORPUS, "unread-file-cascade"), "rejected-reference"),
  },
  ...(
    [
      ["Anomaly: a lead became MQL before it was created (a warning)", "mql-before-created"],
      ["Anomaly: a lead became SQL before its MQL date (a warning)", "sql-before-mql"],
      ["Anomaly: a deal was won before its lead's MQL date (a warning)", "won-before-mql"],
      ["Anomaly: a deal was closed before it was created (a warning)", "closed-before-created"],
      ["Anomaly: a won deal without an amount, or of 0 (a warning)", "won-without-amount"],
      ["Anomaly: an activity before its lead was created (a warning)", "activity-before-lead"],
      ["Anomaly: a date after the as-of date, within the export lag (a warning)", "date-after-as-of"],
    ] as const
  ).map(([failure, code]) => ({ failure, run: () => firstError(join(CORPUS, "anomalies"), code) })),
  { failure: "A duplicate id", run: () => firstError(join(CORPUS, "duplicate-lead-id"), "duplicate-id") },
  {
    failure: "A bad value in an .xlsx export (sheet, row and cell)",
    run: () => firstError(join(CORPUS, "xlsx-salesforce-bad-date"), "bad-value"),
  },
  {
    failure: "An .xlsx workbook with no sheet holding the dataset's header",
    run: () => firstError(join(CORPUS, "xlsx-no-header"), "xlsx-no-header"),
  },
  { failure: "An .xlsx workbook too large once uncompressed", run: () => firstError(join(CORPUS, "xlsx-too-large"), "xlsx-too-large") },
  { failure: "A file named .xlsx that is no workbook", run: () => firstError(join(CORPUS, "xlsx-not-a-zip"), "unreadable-file") },
  {
    failure: "Two files for one dataset and month (leads.csv beside leads.xlsx)",
    run: () => firstError(join(CORPUS, "xlsx-beside-csv"), "duplicate-dataset-file"),
  },
  { failure: "A deal in another currency than the report's", run: () => firstError(join(CORPUS, "other-currency"), "other-currency") },
  { failure: "A broken config file (YAML syntax)", run: () => firstError(join(CORPUS, "config-broken-yaml"), "bad-config") },
  { failure: "An invalid config value", run: () => firstError(join(CORPUS, "config-invalid-locale"), "bad-config") },
  { failure: "An unclosed quote in a CSV", run: () => firstError(join(CORPUS, "unterminated-quote"), "unterminated-quote") },
  {
    failure: "Publishing a month whose data has errors",
    run: async () => {
      const root = join(tmp, "publish");
      cpSync(join(CORPUS, "bad-date"), root, { recursive: true });
      const r = await publishMonth({
        root,
        month: "2026-10",
        today: "2026-11-05",
        restate: false,
        tool: { name: "gekkan", version: "test" },
      });
      expect(r.ok).toBe(false);
      return `${r.message}\n${r.problems.map(formatProblem).join("\n")}`;
    },
  },
];

function document(rows: { failure: string; message: string }[]): string {
  const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", "<br>");
  return [
    "# Failures and their messages",
    "",
    "Every failure a user can hit, with the exact message `npm run check`, `npm run build` or `npm run publish` prints.",
    "Each message names the file, line, column and value, says what was expected and how to fix it.",
    "Generated by `test/failures.test.ts` from real runs (`UPDATE=1 npx vitest run test/failures.test.ts` rewrites it).",
    "",
    "| failure | message (and fix) |",
    "|---|---|",
    ...rows.map((r) => `| ${r.failure} | ${cell(r.message)} |`),
    "",
  ].join("\n");
}

describe("docs/failures.md", () => {
  it("lists every failure with the exact message the tool prints", async () => {
    const rows = [];
    for (const c of CASES) rows.push({ failure: c.failure, message: await c.run() });
    for (const r of rows) expect(r.message, r.failure).toMatch(/Fix: |fix them/);
    const doc = document(rows);
    if (process.env.UPDATE) writeFileSync(DOC, doc);
    expect(readFileSync(DOC, "utf8")).toBe(doc);
  });
});
