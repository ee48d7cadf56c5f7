// Update the front matter of reports/YYYY-MM.md in place, keeping its comments, order and body.
import { existsSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { frontMatterOf } from "../read/frontmatter.ts";
import { writeAtomic } from "./atomic.ts";

/** `root`: the project, whose .gekkan/tmp/ holds the file while it is written (edition/atomic.ts). */
export function setFrontMatter(path: string, fields: Record<string, string>, root: string): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  // Found where the build finds it (read/frontmatter.ts): after a BOM, with spaces after the dashes.
  const found = frontMatterOf(text);
  const fm = typeof found === "object" ? found : undefined;
  // The rest of the opening line (spaces) is no YAML; an empty front matter parses to no contents: start from an empty map then.
  const yaml = fm ? fm.yaml.replace(/^[ \t]*\r?\n/, "") : "";
  const doc = parseDocument(yaml.trim() ? yaml : "{}");
  if (doc.errors.length) throw new Error(`${path}: the front matter is not valid YAML: ${doc.errors[0]!.message}`);
  for (const [k, v] of Object.entries(fields)) doc.set(k, v);
  // The body after the closing line; a BOM goes, since the front matter must open the file.
  const body = fm ? text.slice(fm.end).replace(/^[ \t]*\r?\n?/, "") : text.replace(/^\uFEFF/, "");
  writeAtomic(root, path, `---\n${String(doc).trimEnd()}\n---\n${body}`);
}
