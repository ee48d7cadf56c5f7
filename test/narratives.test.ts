// A narrative's front matter is checked by `npm run check` with its file and line: a typo or bad
// YAML passed the check and then crashed the build (step 4 of the monthly workflow).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setFrontMatter } from "../src/edition/frontmatter.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { checkNarrative, checkNarratives } from "../src/read/narratives.ts";
import { buildSite } from "../src/site/build.ts";
import { formatProblem } from "../src/validate/problem.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-narratives-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const check = (frontMatter: string) => checkNarrative("reports/2026-10.md", `---\n${frontMatter}---\nBody.\n`).map(formatProblem);

describe("narrative front matter", () => {
  it("accepts a valid one, and a file without front matter", () => {
    expect(check("status: draft\nhighlights:\n  - a\nnotes:\n  sla: b\npublished: 2026-11-05\n")).toEqual([]);
    expect(checkNarrative("reports/2026-10.md", "Just commentary.\n")).toEqual([]);
    expect(check("")).toEqual([]);
  });

  it("names the file, line and key of a typo", () => {
    expect(check("status: draft\nhighlight:\n  - typo\n")).toEqual([
      "ERROR reports/2026-10.md:3 column highlight: has an unknown front-matter key highlight. Expected one of status, publisher, published, highlights, actions, notes. Fix: remove it or correct its spelling",
    ]);
    expect(check("notes:\n  ovreview: x\n")).toEqual([
      "ERROR reports/2026-10.md:3 column notes.ovreview: has an unknown front-matter key notes.ovreview. Fix: remove it or correct its spelling",
    ]);
    expect(check("status: publishd\n")).toEqual([
      'ERROR reports/2026-10.md:2 column status: has an invalid front-matter value status: Invalid option: expected one of "draft"|"published". Fix: correct the value as the message says',
    ]);
    expect(check("published: 2026-02-30\n")).toEqual([
      "ERROR reports/2026-10.md:2 column published: has an invalid front-matter value published: a real calendar date (YYYY-MM-DD). Fix: correct the value as the message says",
    ]);
  });

  it("names the file's line of bad YAML", () => {
    expect(check("status: draft\nhighlights: [a\n")).toEqual([
      "ERROR reports/2026-10.md:3: the front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix: fix the YAML between the --- lines (indentation, quotes, colons)",
    ]);
    expect(checkNarrative("reports/2026-10.md", "---\nstatus: draft\nBody.\n").map(formatProblem)).toEqual([
      "ERROR reports/2026-10.md:1: has front matter opened by --- on line 1 that is never closed. Fix: end the front matter with a line of three dashes (---)",
    ]);
  });

  it("is found where the build finds it: after a BOM or blank lines, with spaces after its dashes", () => {
    const typo = "status: draft\nhighlight:\n  - typo\n";
    const unknown = (line: number) =>
      `ERROR reports/2026-10.md:${line} column highlight: has an unknown front-matter key highlight. Expected one of status, publisher, published, highlights, actions, notes. Fix: remove it or correct its spelling`;
    for (const [text, line] of [
      [`\uFEFF---\n${typo}---\nBody.\n`, 3],
      [`--- \n${typo}---\t\nBody.\n`, 3],
      [`---\r\n${typo.replaceAll("\n", "\r\n")}---\r\nBody.\r\n`, 3],
      [`\n\n---\n${typo}---\nBody.\n`, 5],
    ] as const)
      expect(checkNarrative("reports/2026-10.md", text).map(formatProblem), JSON.stringify(text)).toEqual([unknown(line)]);
  });

  it("is updated in place by a publish, whatever the BOM, line ends or spaces after its dashes", () => {
    const dir = join(tmp, "publish");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, "2026-10.md");
    for (const text of [
      "\uFEFF---\nstatus: draft\nhighlights:\n  - Leads grew.\n---\nBody.\n",
      "--- \nstatus: draft\nhighlights:\n  - Leads grew.\n--- \nBody.\n",
      "---\r\nstatus: draft\r\nhighlights:\r\n  - Leads grew.\r\n---\r\nBody.\r\n",
    ]) {
      writeFileSync(path, text);
      setFrontMatter(path, { status: "published", published: "2026-11-05" }, dir);
      const written = readFileSync(path, "utf8");
      expect(written.replace(/\r/g, ""), JSON.stringify(text)).toBe(
        "---\nstatus: published\nhighlights:\n  - Leads grew.\npublished: 2026-11-05\n---\nBody.\n",
      );
      expect(checkNarrative("reports/2026-10.md", written)).toEqual([]);
    }
  });

  it("named otherwise than YYYY-MM.md is a warning, never silently left out", () => {
    const root = join(tmp, "misnamed");
    mkdirSync(join(root, "reports/editions"), { recursive: true });
    for (const name of ["2026-10-draft.md", "2026_9.md", "2026-10.markdown", "README.md", ".2026-10.md.swp", "2026-11.md"])
      writeFileSync(join(root, "reports", name), "---\nstatus: draft\n---\nBody.\n");
    expect(checkNarratives(root).map(formatProblem)).toEqual([
      "WARNING reports/2026-10-draft.md: is not named as a month's narrative, so no month shows it. Expected reports/YYYY-MM.md, the month's own name. Fix: rename it to reports/2026-10.md if it is that month's narrative (or move it out of reports/)",
      "WARNING reports/2026-10.markdown: is not named as a month's narrative, so no month shows it. Expected reports/YYYY-MM.md, the month's own name. Fix: rename it to reports/2026-10.md if it is that month's narrative (or move it out of reports/)",
      "WARNING reports/2026_9.md: is not named as a month's narrative, so no month shows it. Expected reports/YYYY-MM.md, the month's own name. Fix: rename it to reports/2026-09.md if it is that month's narrative (or move it out of reports/)",
    ]);
  });

  it("in a reports/ that is a file is an error, not a crash of the build", async () => {
    const root = join(tmp, "reports-file");
    cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") && !src.includes("/reports") });
    writeFileSync(join(root, "reports"), "not a folder\n");
    const expected = [
      "ERROR reports/: is a file, not a regular folder; it was not read. Expected a regular folder. Fix: replace reports/ with a regular folder",
    ];
    expect(checkNarratives(root).map(formatProblem)).toEqual(expected);
    const built = await buildSite({ root, outDir: join(tmp, "reports-file-dist") });
    expect(built.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual(expected);
  });

  it("refuses an alias bomb", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const [k, p] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
    ])
      bomb.push(`${k}: &${k} [${Array(10).fill(`*${p}`).join(", ")}]`);
    expect(check(`${bomb.join("\n")}\n`)).toEqual([
      "ERROR reports/2026-10.md: the front matter could not be read: Excessive alias count indicates a resource exhaustion attack. Fix: write the front matter out without YAML aliases (*name)",
    ]);
  });

  it("stops check and build with the message, not a crash", async () => {
    const root = join(tmp, "project");
    cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
    writeFileSync(join(root, "reports/2026-10.md"), "---\nstatus: draft\nhighlight:\n  - typo\n---\nBody.\n");
    const v = await validateProject(root);
    v.db.close();
    expect(v.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([
      "ERROR reports/2026-10.md:3 column highlight: has an unknown front-matter key highlight. Expected one of status, publisher, published, highlights, actions, notes. Fix: remove it or correct its spelling",
    ]);
    const built = await buildSite({ root, outDir: join(tmp, "dist") });
    expect(built.ok).toBe(false);
    expect(built.problems.filter((p) => p.severity === "error").map((p) => p.code)).toEqual(["bad-narrative"]);
  });
});
