// The site names people only as the project decides: privacy.owners (names, initials, pseudonyms)
// applied when the pages are made, and every page marked noindex unless turned off.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadProject } from "../../src/read/project.ts";
import { config as configSchema } from "../../src/schema/config.ts";
import { buildSite } from "../../src/site/build.ts";
import { initials, pseudonym, withOwnerPolicy } from "../../src/site/privacy.ts";
import { formatProblem } from "../../src/validate/problem.ts";
import { files } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-owners-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, privacy: string): string {
  const root = join(tmp, name);
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  appendFileSync(join(root, "gekkan.config.yaml"), `\nprivacy:\n${privacy}`);
  // The narrative is the team's own words (the fixture's names a rep): only the data's names are the policy's.
  writeFileSync(join(root, "reports/2026-10.md"), "---\nhighlights:\n  - Leads grew.\n---\nCommentary.\n");
  return root;
}
const pages = (out: string) => files(out).filter((f) => f.endsWith(".html"));

describe("owner names", () => {
  it("as initials: the first character of each part", () => {
    expect(initials("Taro Tanaka")).toBe("T.T.");
    expect(initials("田中　太郎")).toBe("田.太.");
    expect(initials("aoki")).toBe("A.");
  });
  it("as pseudonyms: stable, keyed, never the name", () => {
    const a = pseudonym("Aoki", "a secret phrase", "en");
    expect(a).toMatch(/^Rep-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(pseudonym(" Aoki ", "a secret phrase", "en")).toBe(a);
    expect(pseudonym("Aoki", "a secret phrase", "ja")).toBe(a.replace("Rep", "担当者"));
    expect(pseudonym("Aoki", "another phrase!", "en")).not.toBe(a);
    expect(pseudonym("Baba", "a secret phrase", "en")).not.toBe(a);
  });
  it("are replaced wherever a report lists owners, and only there", () => {
    const report = {
      handoff: {
        owners: [{ key: "Aoki", received: 3 }],
        skew: { owners: { topKey: "Aoki", shares: [{ key: "Aoki", share: 1 }] }, industries: { topKey: "IT" } },
      },
      sla: { rules: [{ owners: [{ owner: "Aoki" }, { owner: "unassigned" }] }], untouched: { owners: [{ owner: "Aoki" }] } },
      overview: { key: "Aoki" },
    };
    const privacy = configSchema.parse({ privacy: { owners: "initials" } }).privacy;
    expect(withOwnerPolicy(report, privacy, "en")).toEqual({
      handoff: {
        owners: [{ key: "A.", received: 3 }],
        skew: { owners: { topKey: "A.", shares: [{ key: "A.", share: 1 }] }, industries: { topKey: "IT" } },
      },
      sla: { rules: [{ owners: [{ owner: "A." }, { owner: "unassigned" }] }], untouched: { owners: [{ owner: "A." }] } },
      overview: { key: "Aoki" },
    });
    expect(report.handoff.owners[0]!.key).toBe("Aoki");
  });
  it("as pseudonyms need a key", () => {
    const root = project("no-key", "  owners: pseudonyms\n");
    expect(loadProject(root).problems.map(formatProblem)).toEqual([
      "ERROR gekkan.config.yaml:6 column privacy.owners: invalid setting privacy.owners: pseudonyms need privacy.pseudonymKey, a secret phrase of 8 or more characters (pseudonyms derived from the names alone could be recomputed by anyone who can guess a name). Fix: correct the value as the message says (see the configuration reference in the README)",
    ]);
  });
});

describe("a site built with privacy settings", () => {
  it("shows owners by pseudonym on every page, the same in every month, and marks every page noindex", async () => {
    const root = project("pseudonyms", "  owners: pseudonyms\n  pseudonymKey: correct horse battery\n");
    const out = join(tmp, "pseudonyms-dist");
    expect((await buildSite({ root, outDir: out })).ok).toBe(true);
    const aoki = pseudonym("Aoki", "correct horse battery", "en");
    let seen = 0;
    for (const page of pages(out)) {
      const html = readFileSync(page, "utf8");
      expect(html, page).not.toMatch(/Aoki|Baba/);
      expect(html, page).not.toContain("correct horse battery");
      expect(html, page).toContain('<meta name="robots" content="noindex, nofollow">');
      if (html.includes(aoki)) seen++;
    }
    // The handoff and SLA pages of both months, and their print pages.
    expect(seen).toBeGreaterThanOrEqual(4);
    for (const m of ["2026-09", "2026-10"]) expect(readFileSync(join(out, m, "sla/index.html"), "utf8")).toContain(aoki);
  }, 120_000);

  it("shows initials, and carries no robots tag when noindex is off", async () => {
    const root = project("initials", "  owners: initials\n  noindex: false\n");
    const out = join(tmp, "initials-dist");
    expect((await buildSite({ root, outDir: out })).ok).toBe(true);
    for (const page of pages(out)) {
      const html = readFileSync(page, "utf8");
      expect(html, page).not.toMatch(/Aoki|Baba/);
      expect(html, page).not.toContain('name="robots"');
    }
    expect(readFileSync(join(out, "2026-10/handoff/index.html"), "utf8")).toContain("A.");
  }, 120_000);
});
