// The web benchmark's per-session rates of a channel with no sessions: its columns given, each is a
// ratio over zero with the data present, "-" (no cases); a channel whose row leaves them blank reads
// not provided. Every expected cell is worked out by hand below.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { writeFiles } from "../helpers/files.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-benchmark-no-cases-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// October: Direct 10 sessions (6 engaged, 20 views, 300 s); Referral no sessions from its 2 users,
// every column given; Email 4 sessions, its engagement, views and engaged sessions blank.
const FILES: Record<string, string> = {
  "gekkan.config.yaml": "organisation: No Sessions KK\nlocale: en\n",
  "data/2026-10/leads.csv": "lead_id,created_at,source\nL1,2026-10-03,web\n",
  "data/2026-10/web_traffic.csv": `date,channel,sessions,users,engaged_sessions,engagement_seconds,pageviews
2026-10-01,Direct,10,8,6,300,20
2026-10-01,Referral,0,2,0,0,0
2026-10-01,Email,4,4,,,
`,
};

let doc: Document;
beforeAll(async () => {
  const root = join(tmp, "project");
  writeFiles(root, FILES);
  const result = await buildSite({ root, outDir: join(root, "dist") });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  doc = parseHTML(readFileSync(join(root, "dist/2026-10/benchmark/index.html"), "utf8")).document as unknown as Document;
}, 60_000);

const rows = (table: string) =>
  [...doc.querySelectorAll(`#${table} tbody tr`)].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, " ").trim()));

describe("the web benchmark's channels", () => {
  it("read a channel's per-session rates over no sessions as no cases, and over blank columns as not provided", () => {
    // Channel, sessions, share, MoM, users, engagement per session, views per session, bounce rate.
    expect(rows("channels-table")).toEqual([
      ["Direct", "10", "71.4%", "-", "8", "30s", "2", "40.0%"],
      ["Email", "4", "28.6%", "-", "4", "not provided", "not provided", "not provided"],
      ["Referral", "0", "0.0%", "-", "2", "-", "-", "-"],
    ]);
  });
});
