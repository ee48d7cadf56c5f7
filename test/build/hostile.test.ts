// Hostile text is inert: owner names, campaign names, content titles and narrative text carrying
// markup, script, javascript: links and very long strings are rendered escaped.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { TABS_SCRIPT } from "../../src/site/tabs.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
const JS = "javascript:alert(1)";
const LONG = "長".repeat(3000);
const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
let tmp: string;
let out: string;

function html(dir: string): string[] {
  return readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? html(join(dir, f)) : f.endsWith(".html") ? [join(dir, f)] : [],
  );
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "gekkan-hostile-"));
  const root = join(tmp, "project");
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  writeFileSync(
    join(root, "data/2026-10/leads.csv"),
    `${[
      "lead_id,created_at,source,owner,mql_at,handoff_at,sql_at,opportunity_id,campaign_id,content_id,industry",
      `L1,2026-09-01 10:00:00,web,${q(SCRIPT)},2026-09-02 09:00:00,2026-09-02 09:00:00,2026-10-05,O1,C1,CT1,${q(IMG)}`,
      `L4,2026-10-03,web,${q(IMG)},2026-10-04,2026-10-05,,,C1,CT1,${q(LONG)}`,
    ].join("\n")}\n`,
  );
  writeFileSync(join(root, "data/2026-10/campaigns.csv"), `campaign_id,name,cost\nC1,${q(`${SCRIPT} ${IMG} ${JS}`)},100000\n`);
  writeFileSync(join(root, "data/2026-10/content.csv"), `content_id,title,type,url\nCT1,${q(`${SCRIPT}${LONG}`)},blog,${JS}\n`);
  writeFileSync(
    join(root, "reports/2026-10.md"),
    `---\nhighlights:\n  - ${JSON.stringify(SCRIPT)}\nactions:\n  - ${JSON.stringify(IMG)}\nnotes:\n  sla: ${JSON.stringify(JS)}\n---\n${SCRIPT}\n\n[click](${JS}) ${IMG}\n`,
  );
  out = join(tmp, "dist");
  const result = await buildSite({ root, outDir: out });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hostile text", () => {
  it("is escaped everywhere it appears", () => {
    const pages = html(out);
    let seen = 0;
    for (const page of pages) {
      const text = readFileSync(page, "utf8");
      // Parsed as a browser would: no injected element, handler or javascript: link exists.
      const doc = parseHTML(text).document;
      // The site's one script (the section tabs') and no other.
      for (const s of doc.querySelectorAll("script")) expect(s.textContent, page).toBe(TABS_SCRIPT);
      expect(doc.querySelectorAll("script").length, page).toBeLessThanOrEqual(1);
      expect(doc.querySelectorAll("img, [onerror]").length, page).toBe(0);
      for (const a of doc.querySelectorAll("[href], [src]"))
        expect(a.getAttribute("href") ?? a.getAttribute("src"), page).not.toMatch(/^\s*javascript:/i);
      if (text.includes("&lt;script&gt;alert(1)&lt;/script&gt;")) seen++;
    }
    // The strings are shown (escaped) on the overview narrative, SLA, handoff and content pages.
    expect(seen).toBeGreaterThanOrEqual(4);
  });
  it("lets long values wrap instead of widening the page", () => {
    const css = readFileSync(html(out).find((f) => f.endsWith("2026-10/content/index.html"))!, "utf8");
    expect(css).toContain(LONG.slice(0, 50));
    expect(css).toMatch(/td\.text\{[^}]*overflow-wrap:anywhere/);
  });
});
