// The summary's status against target is judged from the configured at-risk threshold
// (config.status.atRisk), as the plan and efficiency pages judge theirs; a published month keeps the
// threshold it was published with, and an edition older than format 13, whose summary used a fixed
// 90% whatever its config, keeps its words.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishMonth } from "../../src/edition/publish.ts";
import { buildSite } from "../../src/site/build.ts";
import { writeFiles } from "../helpers/files.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-status-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 11 leads created and MQL in each month: against a target of 12, 91.7% of it. */
const leads = (month: string) =>
  Array.from({ length: 11 }, (_, i) => `${month.replace("-", "")}L${i + 1},${month}-0${(i % 9) + 1},web,${month}-1${i % 9}`);
const HEADER = "lead_id,created_at,source,mql_at";
const config = (atRisk: number) => `organisation: Status KK\nlocale: en\nmarketingSources: [web]\nstatus:\n  atRisk: ${atRisk}\n`;
const FILES: Record<string, string> = {
  "gekkan.config.yaml": config(0.95),
  "data/2026-09/leads.csv": [HEADER, ...leads("2026-09")].join("\n"),
  "data/2026-10/leads.csv": [HEADER, ...leads("2026-09"), ...leads("2026-10")].join("\n"),
  "data/targets.csv": "month,metric,value\n2026-09,mql,12\n2026-10,mql,12\n",
};

let root: string;
const page = (out: string, path: string) => parseHTML(readFileSync(join(out, path, "index.html"), "utf8")).document as unknown as Document;
const text = (doc: Document, selector: string) => doc.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim();
/** The MQL tile's status and the status rule under the strip, on a month's page. */
const summary = (out: string, month: string) => {
  const doc = page(out, month);
  return { mql: text(doc, "#summary-mql .t-status"), rule: text(doc, ".exec-rule") };
};
async function build(name: string) {
  const out = join(tmp, name);
  const result = await buildSite({ root, outDir: out });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  return out;
}

beforeAll(async () => {
  root = join(tmp, "project");
  writeFiles(root, FILES);
  // September is published with the threshold at 95%.
  const published = await publishMonth({
    root,
    month: "2026-09",
    today: "2026-10-05",
    restate: false,
    tool: { name: "gekkan", version: "test" },
  });
  expect(published.message).toContain("published as revision 1");
}, 240_000);

describe("the summary's status against target", () => {
  it("is missed at 91.7% of target with config.status.atRisk 95%, and the rule says so", async () => {
    const out = await build("dist-95");
    const rule = "Status against target: met at 100% or more, at risk from 95%, missed below (for a cost, the other way round).";
    expect(summary(out, "2026-10")).toEqual({ mql: "✕ Missed · 92% of target", rule });
    expect(summary(out, "2026-09")).toEqual({ mql: "✕ Missed · 92% of target", rule });
  }, 240_000);

  it("keeps a published month's threshold when the config changes; a draft follows the config", async () => {
    writeFileSync(join(root, "gekkan.config.yaml"), config(0.9));
    try {
      const out = await build("dist-90");
      expect(summary(out, "2026-10").mql).toBe("△ At risk · 92% of target");
      expect(summary(out, "2026-09")).toEqual({
        mql: "✕ Missed · 92% of target",
        rule: "Status against target: met at 100% or more, at risk from 95%, missed below (for a cost, the other way round).",
      });
    } finally {
      writeFileSync(join(root, "gekkan.config.yaml"), config(0.95));
    }
  }, 240_000);

  it("keeps 90% in an edition older than format 13, whatever the config it froze", async () => {
    // September's edition as format 12 wrote it: its config says 95%, its summary judged from 90%.
    const path = join(root, "reports/editions/2026-09.r1.json");
    const saved = join(tmp, "2026-09.r1.json");
    cpSync(path, saved);
    const { summary: _summary, ...older } = JSON.parse(readFileSync(path, "utf8"));
    expect(older.config.status).toEqual({ atRisk: 0.95 });
    writeFileSync(path, JSON.stringify({ ...older, editionSchemaVersion: 12 }));
    try {
      const out = await build("dist-12");
      expect(summary(out, "2026-09")).toEqual({
        mql: "△ At risk · 92% of target",
        rule: "Status against target: met at 100% or more, at risk from 90%, missed below (for a cost, the other way round).",
      });
      expect(summary(out, "2026-10").mql).toBe("✕ Missed · 92% of target");
    } finally {
      cpSync(saved, path);
    }
  }, 240_000);
});
