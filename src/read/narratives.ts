// The month narratives (reports/YYYY-MM.md) checked as the site will read them, so a typo in the
// front matter is a problem `npm run check` lists with its file and line, not a crash in the
// middle of rendering.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { narrative } from "../schema/narrative.ts";
import type { Problem } from "../validate/problem.ts";
import { entryProblem } from "./entry.ts";
import { frontMatterOf } from "./frontmatter.ts";

const NARRATIVE_FILE = /^\d{4}-\d{2}\.md$/;
/**
 * A name holding a year and a month (2026-10-draft.md, 2026_9.md, 2026-10.markdown, 202610.md):
 * meant as a month's narrative, and left out of every page without a word before.
 */
const MONTH_IN_NAME = /(?<!\d)((?:19|20)\d{2})\D{0,2}(\d{1,2})(?!\d)/;

/** Every problem of the project's narratives (none when it has none). */
export function checkNarratives(root: string): Problem[] {
  const dir = join(root, "reports");
  if (!existsSync(dir)) return [];
  // A file named reports (or a link out of the project) stopped the build with a stack trace.
  const refused = entryProblem(root, dir, "reports/", "folder");
  if (refused) return [refused];
  const problems: Problem[] = [];
  const names = readdirSync(dir).sort();
  for (const name of names) {
    const m = MONTH_IN_NAME.exec(name);
    if (NARRATIVE_FILE.test(name) || !m || name.startsWith(".") || name.endsWith("~") || name === "editions") continue;
    const month = Number(m[2]);
    const meant = month >= 1 && month <= 12 ? `reports/${m[1]}-${String(month).padStart(2, "0")}.md` : "reports/YYYY-MM.md";
    problems.push({
      severity: "warning",
      code: "misnamed-narrative",
      file: `reports/${name}`,
      message: "is not named as a month's narrative, so no month shows it",
      expected: "reports/YYYY-MM.md, the month's own name",
      fix: `rename it to ${meant} if it is that month's narrative (or move it out of reports/)`,
    });
  }
  for (const name of names.filter((f) => NARRATIVE_FILE.test(f))) {
    const rel = `reports/${name}`;
    const refused = entryProblem(root, join(dir, name), rel, "file");
    if (refused) {
      problems.push(refused);
      continue;
    }
    problems.push(...checkNarrative(rel, readFileSync(join(dir, name), "utf8")));
  }
  return problems;
}

/** The problems of one narrative's text. */
export function checkNarrative(rel: string, text: string): Problem[] {
  const bad = (line: number | undefined, message: string, fix: string, extra: Partial<Problem> = {}): Problem => ({
    severity: "error",
    code: "bad-narrative",
    file: rel,
    line,
    message,
    fix,
    ...extra,
  });
  const fm = frontMatterOf(text);
  if (fm === undefined) return [];
  if (fm === "opened") {
    const line =
      text
        .replace(/^\uFEFF/, "")
        .split("\n")
        .findIndex((l) => l.startsWith("---")) + 1;
    return [
      bad(
        line,
        `has front matter opened by --- on line ${line} that is never closed`,
        "end the front matter with a line of three dashes (---)",
      ),
    ];
  }
  const lineCounter = new LineCounter();
  // Without the newline before the closing dashes, so an error at the end is placed on the last line of YAML.
  const doc = parseDocument(fm.yaml.replace(/\r?\n$/, ""), { lineCounter, uniqueKeys: true });
  // The YAML's first line is the rest of the opening line.
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : fm.line - 1 + lineCounter.linePos(offset).line);
  if (doc.errors.length) {
    return doc.errors.map((e) =>
      // The library's own "at line N, column M" counts from the front matter, not the file: the file's line is given instead.
      bad(
        lineAt(e.pos[0]),
        `the front matter is not valid YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
        "fix the YAML between the --- lines (indentation, quotes, colons)",
      ),
    );
  }
  let data: unknown;
  try {
    data = doc.toJS() ?? {};
  } catch (e) {
    return [
      bad(
        undefined,
        `the front matter could not be read: ${(e as Error).message}`,
        "write the front matter out without YAML aliases (*name)",
      ),
    ];
  }
  const result = narrative.safeParse(data);
  if (result.success) return [];
  /** The line of a key (or, for a list index, of the item). */
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1) as (string | number)[], true) : doc.contents;
    const items = (parent as { items?: { key?: { value?: unknown; range?: number[] }; range?: number[] }[] } | null)?.items;
    const last = path.at(-1);
    const item = typeof last === "number" ? items?.[last] : items?.find((p) => p.key?.value === last);
    return lineAt(item?.key?.range?.[0] ?? item?.range?.[0]);
  };
  const keys = Object.keys(narrative.shape);
  return result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) =>
        bad(
          lineOf([...issue.path, key] as PropertyKey[]),
          `has an unknown front-matter key ${[...path, key].join(".")}`,
          "remove it or correct its spelling",
          {
            column: [...path, key].join("."),
            expected: path.length === 0 ? `one of ${keys.join(", ")}` : undefined,
          },
        ),
      );
    }
    return [
      bad(
        lineOf(issue.path),
        `has an invalid front-matter value ${path.join(".") || "(top level)"}: ${issue.message}`,
        "correct the value as the message says",
        {
          column: path.join(".") || undefined,
        },
      ),
    ];
  });
}
