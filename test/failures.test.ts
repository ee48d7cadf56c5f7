// docs/failures.md: every failure a user can hit, with the exact message and fix, generated from
// real runs here so the document cannot drift from the code (UPDATE=1 rewrites it).
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publishMonth } from "../src/edition/publish.ts";
import { MemoryLimitError, openDb, spillDirectory } from "../src/model/duckdb.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { buildSite } from "../src/site/build.ts";
import { PROBLEM_CODES, type ProblemCode } from "../src/validate/codes.ts";
import { formatProblem, type Problem } from "../src/validate/problem.ts";

const CORPUS = join(import.meta.dirname, "fixtures/malformed");
const DOC = join(import.meta.dirname, "../docs/failures.md");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-failures-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What a failure prints, and the codes of the problems printed. */
interface Printed {
  codes: ProblemCode[];
  message: string;
}

const printed = (problems: readonly Problem[], before = ""): Printed => ({
  codes: [...new Set(problems.map((p) => p.code))],
  message: `${before}${problems.map(formatProblem).join("\n")}`,
});

async function firstError(root: string, code: ProblemCode): Promise<Printed> {
  const v = await validateProject(root);
  v.db.close();
  const p = v.problems.find((x) => x.code === code);
  if (!p) throw new Error(`${root}: no ${code} among ${v.problems.map((x) => x.code).join(", ")}`);
  return printed([p]);
}

/** A copy of a corpus case in the temp directory, changed by `change`. */
function copy(name: string, as: string, change: (root: string) => void = () => {}): string {
  const root = join(tmp, as);
  // Not the case's .gekkan/ (the cache and spill folders an earlier run left there).
  cpSync(join(CORPUS, name), root, { recursive: true, filter: (src) => !src.split(sep).includes(".gekkan") });
  change(root);
  return root;
}

async function firstNotice(root: string, code: ProblemCode): Promise<Printed> {
  const v = await validateProject(root, undefined, { cache: true });
  v.db.close();
  const p = v.notices.find((x) => x.code === code);
  if (!p) throw new Error(`${root}: no ${code} among ${v.notices.map((x) => x.code).join(", ")}`);
  return printed([p]);
}

async function buildError(root: string, options: Omit<Parameters<typeof buildSite>[0], "root">): Promise<Printed> {
  const r = await buildSite({ root, ...options });
  expect(r.ok).toBe(false);
  return printed(r.problems.filter((p) => p.severity === "error"));
}

const CASES: { failure: string; run: () => Promise<Printed> }[] = [
  { failure: "No data/ folder", run: () => firstError(mkdtempSync(join(tmp, "empty-")), "missing-data-folder") },
  { failure: "A month folder that is not YYYY-MM", run: () => firstError(join(CORPUS, "bad-folder-word"), "bad-folder-name") },
  { failure: "A required column is missing", run: () => firstError(join(CORPUS, "missing-column-japanese"), "missing-column") },
  {
    failure: "The file is neither UTF-8 nor Shift_JIS (wrong encoding)",
    run: () => firstError(join(CORPUS, "invalid-bytes"), "bad-encoding"),
  },
  {
    failure: "A CSV in UTF-16 without a byte-order mark",
    run: () =>
      firstError(
        copy("bad-date", "utf16-no-bom", (r) =>
          writeFileSync(join(r, "data/2026-10/leads.csv"), Buffer.from("lead_id,created_at,source\nL1,2026-10-01,web\n", "utf16le")),
        ),
        "bad-encoding",
      ),
  },
  {
    failure: "An Excel workbook saved with the extension .csv",
    run: () =>
      firstError(
        copy("bad-date", "workbook-as-csv", (r) =>
          cpSync(join(CORPUS, "ok-xlsx-salesforce-formatted/data/2026-10/leads.xlsx"), join(r, "data/2026-10/leads.csv")),
        ),
        "unreadable-file",
      ),
  },
  {
    failure: "An .xlsx workbook cut short (a download that stopped early)",
    run: () =>
      firstError(
        copy("bad-date", "workbook-cut-short", (r) => {
          rmSync(join(r, "data/2026-10/leads.csv"));
          const whole = readFileSync(join(CORPUS, "ok-xlsx-salesforce-formatted/data/2026-10/leads.xlsx"));
          writeFileSync(join(r, "data/2026-10/leads.xlsx"), whole.subarray(0, 4096));
        }),
        "unreadable-file",
      ),
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
      ["Anomaly: a deal whose stage reads as closed but is not a configured won or lost stage (a warning)", "closed-stage-as-open"],
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
  {
    failure: "A target for a metric id the report does not define",
    run: () => firstError(join(CORPUS, "unknown-metric"), "unknown-metric"),
  },
  { failure: "A broken config file (YAML syntax)", run: () => firstError(join(CORPUS, "config-broken-yaml"), "bad-config") },
  { failure: "An invalid config value", run: () => firstError(join(CORPUS, "config-invalid-locale"), "bad-config") },
  { failure: "An unclosed quote in a CSV", run: () => firstError(join(CORPUS, "unterminated-quote"), "unterminated-quote") },
  {
    failure: "--out names a folder of the project (data/, reports/, ...) or one holding other files",
    run: () => buildError(copy("bad-date", "out"), { outDir: join(tmp, "out", "data") }),
  },
  { failure: "--base is not a path", run: () => buildError(copy("bad-date", "base"), { base: "https://intra.example/reports/" }) },
  {
    failure: "A dataset file that is a named pipe (FIFO), a device or a folder",
    run: () =>
      firstError(
        copy("bad-date", "fifo", (r) => {
          rmSync(join(r, "data/2026-10/leads.csv"));
          execFileSync("mkfifo", [join(r, "data/2026-10/leads.csv")]);
        }),
        "not-a-file",
      ),
  },
  {
    failure: "A link to a file outside the project",
    run: () =>
      firstError(
        copy("bad-date", "link", (r) => {
          rmSync(join(r, "data/2026-10/leads.csv"));
          symlinkSync("/etc/passwd", join(r, "data/2026-10/leads.csv"));
        }),
        "outside-project",
      ),
  },
  {
    failure: "YAML aliases that expand without bound (an alias bomb)",
    run: () =>
      firstError(
        copy("bad-date", "alias-bomb", (r) =>
          writeFileSync(
            join(r, "gekkan.config.yaml"),
            [
              "a: &a [x, x, x, x, x, x, x, x, x, x]",
              "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
              "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
              "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
              "",
            ].join("\n"),
          ),
        ),
        "bad-config",
      ),
  },
  {
    failure: "A typo in a narrative's front matter",
    run: () =>
      firstError(
        copy("bad-date", "narrative", (r) => {
          execFileSync("mkdir", ["-p", join(r, "reports")]);
          writeFileSync(join(r, "reports/2026-10.md"), "---\nstatus: draft\nhighlight:\n  - Leads grew.\n---\nCommentary.\n");
        }),
        "bad-narrative",
      ),
  },
  {
    failure: "A narrative not named YYYY-MM.md (a warning)",
    run: () =>
      firstError(
        copy("bad-date", "misnamed-narrative", (r) => {
          execFileSync("mkdir", ["-p", join(r, "reports")]);
          writeFileSync(join(r, "reports/2026-10-draft.md"), "---\nstatus: draft\n---\nCommentary.\n");
        }),
        "misnamed-narrative",
      ),
  },

  { failure: "A date setting that is no calendar day", run: () => firstError(join(CORPUS, "config-impossible-holiday"), "bad-config") },
  {
    failure: "A truncated export (its footer declares more records)",
    run: () => firstError(join(CORPUS, "truncated-export"), "truncated-export"),
  },
  { failure: "An export with a header and no records", run: () => firstError(join(CORPUS, "header-only"), "empty-export") },
  { failure: "An amount above validation.maxAmount", run: () => firstError(join(CORPUS, "amount-too-large"), "value-out-of-range") },
  {
    failure: "A won or lost deal closed after the export (9999-12-31)",
    run: () => firstError(join(CORPUS, "closed-deal-placeholder-date"), "date-out-of-range"),
  },
  {
    failure: "No deal of a month is marketing-sourced (warning)",
    run: () => firstError(join(CORPUS, "no-marketing-source"), "no-marketing-source"),
  },
  {
    failure: "Ids that differ only in leading zeros (warning)",
    run: () => firstError(join(CORPUS, "leading-zero-ids"), "leading-zero-ids"),
  },
  {
    failure: "An email or phone number where a value is shown (masked; warning)",
    run: () => firstError(join(CORPUS, "personal-value-in-id"), "unknown-reference"),
  },
  {
    failure: "Pseudonyms without a key",
    run: () =>
      firstError(
        copy("bad-date", "pseudonyms", (r) => writeFileSync(join(r, "gekkan.config.yaml"), "privacy:\n  owners: pseudonyms\n")),
        "bad-config",
      ),
  },
  {
    failure: "The validated-file cache cannot be written (warning)",
    run: () =>
      firstNotice(
        copy("ok-tsv-tab", "cache", (r) => writeFileSync(join(r, ".gekkan"), "")),
        "cache-unwritable",
      ),
  },
  {
    failure: "The disk is full",
    run: async () => {
      const root = copy("ok-tsv-tab", "full");
      const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      return buildError(root, {
        outDir: join(root, "dist"),
        writeFile: () => {
          throw enospc;
        },
      });
    },
  },
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
      return printed(r.problems, `${r.message}\n`);
    },
  },
];

CASES.push({
  failure: "The memory limit is too low for the data (and the rest cannot be spilled to disk)",
  run: async () => {
    // As check, build and publish print it; here the spill is kept from the disk to make it happen.
    // The lowest limit the configuration accepts (256MB).
    const db = await openDb({ memory: 256 * 1024 * 1024, spill: spillDirectory(mkdtempSync(join(tmp, "memory-"))) });
    try {
      await db.exec(`SET max_temp_directory_size = '1MB'`);
      await db.exec(`CREATE TABLE t AS SELECT range AS id, md5(range::VARCHAR) AS s FROM range(8000000)`);
      throw new Error("the table fitted");
    } catch (e) {
      if (!(e instanceof MemoryLimitError)) throw e;
      return { codes: [], message: `Stopped: ${e.message}` };
    } finally {
      db.close();
    }
  },
});

function document(rows: ({ failure: string } & Printed)[]): string {
  const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", "<br>");
  const codes = (c: readonly string[]) => (c.length ? c.map((x) => `\`${x}\``).join(", ") : "—");
  return [
    "# Failures and their messages",
    "",
    "Every failure a user can hit, with the exact message `npm run check`, `npm run build` or `npm run publish` prints.",
    "Each message names the file, line, column and value, says what was expected and how to fix it.",
    "Generated by `test/failures.test.ts` from real runs (`UPDATE=1 npx vitest run test/failures.test.ts` rewrites it).",
    "",
    "| failure | code | message (and fix) |",
    "|---|---|---|",
    ...rows.map((r) => `| ${r.failure} | ${codes(r.codes)} | ${cell(r.message)} |`),
    "",
    "## Problem codes",
    "",
    "Every code a problem can carry (the catalogue in `src/validate/codes.ts`), with the severities it is reported at.",
    "Each problem's own fix names its file and value; the fix here says what fixes it in general.",
    "",
    "| code | severity | what | fix |",
    "|---|---|---|---|",
    ...Object.entries(PROBLEM_CODES).map(([code, e]) => `| \`${code}\` | ${e.severities.join(", ")} | ${cell(e.title)} | ${cell(e.fix)} |`),
    "",
  ].join("\n");
}

describe("docs/failures.md", () => {
  it("lists every failure with the exact message the tool prints", async () => {
    const rows = [];
    for (const c of CASES) rows.push({ failure: c.failure, ...(await c.run()) });
    for (const r of rows) expect(r.message, r.failure).toMatch(/Fix: |fix them/);
    const doc = document(rows);
    if (process.env.UPDATE) writeFileSync(DOC, doc);
    expect(readFileSync(DOC, "utf8")).toBe(doc);
  });
});
