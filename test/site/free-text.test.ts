// Personal data typed into the free text the pages do show (a lost reason, a disqualify reason, a
// source, a campaign's name, a stage, a content title, the narrative), or carried in a file's name or a row the
// reader skipped, reaches neither the site nor a published edition: emails and phone numbers are
// masked, and a skipped row's raw text (its personal columns included) is never frozen.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishMonth } from "../../src/edition/publish.ts";
import { buildSite } from "../../src/site/build.ts";
import { files } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-free-text-"));
const root = join(tmp, "project");
const out = join(tmp, "dist");
/** What was planted: none of it may be published. */
const PLANTED = [
  "hanako@victim.example",
  "090-3333-4444",
  "sato@victim.example",
  "090-2222-9999",
  "taro@victim.example",
  "ind@victim.example",
  "080-7777-8888",
  "kenji@victim.example",
  "03-5555-6666",
  "memo@victim.example",
  "Raggy Person",
  "lead7@victim.example",
  "narr@victim.example",
  "９９９９－８８８８",
  "03-7777-1111",
];

beforeAll(async () => {
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  writeFileSync(
    join(root, "gekkan.config.yaml"),
    "organisation: Fixture KK\nlocale: en\nmarketingSources: [web, event]\npublishRecords: true\nvalidation:\n  maxSkippedRows: 1\n",
  );
  const d = join(root, "data/2026-10");
  writeFileSync(
    join(d, "leads.csv"),
    [
      "lead_id,Full Name,created_at,source,owner,mql_at,handoff_at,sql_at,opportunity_id,industry,campaign_id,content_id,disqualified_at,disqualify_reason",
      "L1,Yamada,2026-09-01 10:00:00,web,Aoki,2026-09-02 09:00:00,2026-09-02 09:00:00,2026-10-05,O1,IT ind@victim.example,C1,CT1,,",
      "L4,Kato,2026-10-03,web,Baba,2026-10-04,2026-10-05,,,IT,C1,CT1,2026-10-20,個人 sato@victim.example 090-2222-9999",
      "L5,Ito,2026-10-04,referral from taro@victim.example,Aoki,2026-10-04,2026-10-05,,,IT,C1,CT1,,",
      // An id that is an email, listed (with publishRecords) among the leads that became MQL before they were created.
      "lead7@victim.example,Sato,2026-10-04,web,Aoki,2026-10-01,2026-10-05,,,IT,C1,CT1,,",
      // One field too many: skipped, and its text holds a name from a column never read.
      "L6,Raggy Person,2026-10-05,web,Aoki,2026-10-06,,,,IT,C1,CT1,,,extra",
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(d, "opportunities.csv"),
    [
      "opportunity_id,created_at,amount,stage,lead_id,owner,closed_at,outcome,lost_reason,campaign_id",
      "O1,2026-10-05,1200000,Proposal,L1,Aoki,2026-10-25,lost,担当 hanako@victim.example 不在 090-3333-4444,C1",
      "O2,2026-10-06,500000,Proposal call 080-7777-8888,L4,Baba,2026-12-25,open,,C1",
      "",
    ].join("\n"),
  );
  writeFileSync(join(d, "campaigns.csv"), "campaign_id,name,cost\nC1,Webinar host kenji@victim.example,100000\n");
  writeFileSync(join(d, "content.csv"), "content_id,title,type\nCT1,Call 03-5555-6666 now,blog\n");
  writeFileSync(join(d, "notes memo@victim.example.txt"), "not a dataset\n");
  // The narrative is the team's words, and may quote a customer's contact as a note to the meeting.
  writeFileSync(
    join(root, "reports/2026-10.md"),
    "---\nstatus: draft\nhighlights:\n  - Call back narr@victim.example\nnotes:\n  winloss: 担当 ０８０－９９９９－８８８８\n---\nOctober: TEL.03-7777-1111 asked for a demo.\n",
  );
  const built = await buildSite({ root, outDir: out });
  expect(built.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(built.ok).toBe(true);
  const published = await publishMonth({
    root,
    month: "2026-10",
    today: "2026-11-05",
    restate: false,
    tool: { name: "gekkan", version: "test" },
  });
  expect(published.message).toContain("published as revision 1");
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const leaks = (dir: string) =>
  files(dir).flatMap((f) => {
    const text = readFileSync(f, "utf8");
    return PLANTED.filter((v) => text.includes(v)).map((v) => `${f}: ${v}`);
  });

describe("personal data in free text, file names and skipped rows", () => {
  it("is masked on every page", () => {
    expect(leaks(out)).toEqual([]);
    const winloss = readFileSync(join(out, "2026-10/winloss/index.html"), "utf8");
    expect(winloss).toContain("担当 h***@v***.example 不在 ***-****-**44");
    expect(readFileSync(join(out, "2026-10/content/index.html"), "utf8")).toContain("Call **-****-**66 now");
    const data = readFileSync(join(out, "2026-10/data/index.html"), "utf8");
    expect(data).toContain("notes m***@v***.txt");
    expect(data).toContain("l***@v***.example");
    const overview = readFileSync(join(out, "2026-10/index.html"), "utf8");
    expect(overview).toContain("Call back n***@v***.example");
    expect(overview).toContain("TEL.**-****-**11 asked");
  });
  it("is masked in the published edition, which keeps no skipped row's text", () => {
    expect(leaks(join(root, "reports/editions"))).toEqual([]);
    const edition = readFileSync(join(root, "reports/editions/2026-10.r1.json"), "utf8");
    expect(edition).toContain("担当 h***@v***.example 不在 ***-****-**44");
    expect(edition).not.toContain("L6,");
  });
});
