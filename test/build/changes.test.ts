// The summary's biggest changes since last month: a number that moved from zero (its data there last
// month) is the biggest move of all, not left out for having no relative change; an edition older
// than format 13, whose summary left such moves out, keeps its list.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishMonth } from "../../src/edition/publish.ts";
import { buildSite } from "../../src/site/build.ts";
import { writeFiles } from "../helpers/files.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-changes-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// September: 4 leads, all MQL, none SQL. October: 2 more leads and MQLs (4 -> 2, -50%), and three
// of September's leads SQL (0 -> 3).
const SEPTEMBER = ["S1", "S2", "S3", "S4"].map((id, i) => `${id},2026-09-0${i + 1},web,2026-09-1${i},`);
const OCTOBER = [
  "S1,2026-09-01,web,2026-09-10,2026-10-05",
  "S2,2026-09-02,web,2026-09-11,2026-10-06",
  "S3,2026-09-03,web,2026-09-12,2026-10-07",
  SEPTEMBER[3],
  "O1,2026-10-01,web,2026-10-02,",
  "O2,2026-10-03,web,2026-10-04,",
];
const HEADER = "lead_id,created_at,source,mql_at,sql_at";
const FILES: Record<string, string> = {
  "gekkan.config.yaml": "organisation: Changes KK\nlocale: en\nmarketingSources: [web]\n",
  "data/2026-09/leads.csv": [HEADER, ...SEPTEMBER].join("\n"),
  "data/2026-10/leads.csv": [HEADER, ...OCTOBER].join("\n"),
};

let root: string;
/** The biggest changes of a month's summary, one line each. */
const changes = (out: string, month: string) =>
  [...parseHTML(readFileSync(join(out, month, "index.html"), "utf8")).document.querySelectorAll(".exec-changes li")].map((li) =>
    li.textContent!.replace(/\s+/g, " ").trim(),
  );
async function build(name: string) {
  const out = join(tmp, name);
  const result = await buildSite({ root, outDir: out });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  return out;
}

beforeAll(() => {
  root = join(tmp, "project");
  writeFiles(root, FILES);
});

describe("the summary's biggest changes", () => {
  it("list a move from zero first, then the rest by relative change", async () => {
    const out = await build("dist");
    expect(changes(out, "2026-10")).toEqual([
      // SQLs 0 -> 3 has no relative change; the SQL rate (SQLs per MQL handed) 0% -> 150% is +150 points.
      "SQLs up from zero (better) last month 0 → 3",
      "SQL rate +150.0pt (better) last month 0.0% → 150.0%",
      "MQLs −50.0% (worse) last month 4 → 2",
    ]);
  }, 240_000);

  it("keep the list of an edition older than format 13, which left moves from zero out", async () => {
    const published = await publishMonth({
      root,
      month: "2026-10",
      today: "2026-11-05",
      restate: false,
      tool: { name: "gekkan", version: "test" },
    });
    expect(published.message).toContain("published as revision 1");
    const path = join(root, "reports/editions/2026-10.r1.json");
    const { summary: _summary, ...older } = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...older, editionSchemaVersion: 12 }));
    const out = await build("dist-12");
    expect(changes(out, "2026-10")).toEqual(["MQLs −50.0% (worse) last month 4 → 2"]);
  }, 240_000);
});
