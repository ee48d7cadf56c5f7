// Update the front matter of reports/YYYY-MM.md in place, keeping its comments, order and body.
import { existsSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { writeAtomic } from "./atomic.ts";

/** `root`: the project, whose .gekkan/tmp/ holds the file while it is written (edition/atomic.ts). */
export function setFrontMatter(path: string, fields: Record<string, string>, root: string): void {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  // An empty front matter parses to no contents: start from an empty map then.
  const doc = parseDocument(m && m[1]!.trim() ? m[1]! : "{}");
  if (doc.errors.length) throw new Error(`${path}: the front matter is not valid YAML: ${doc.errors[0]!.message}`);
  for (const [k, v] of Object.entries(fields)) doc.set(k, v);
  const body = m ? text.slice(m[0].length) : text;
  writeAtomic(root, path, `---\n${String(doc).trimEnd()}\n---\n${body}`);
}
