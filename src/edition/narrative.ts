// A month's narrative (reports/YYYY-MM.md) as an edition freezes it: its highlights, actions, notes
// and commentary, as the pages show them. A published month's words are its edition's: an edit of the
// file after publication (or for a restatement) never rewrites a revision already published.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { frontMatterOf } from "../read/frontmatter.ts";
import { narrative } from "../schema/narrative.ts";
import { maskedValues, maskPersonalMarkdown } from "../validate/mask.ts";

export interface FrozenNarrative {
  highlights: string[];
  actions: string[];
  notes: Record<string, string>;
  /** The Markdown commentary below the front matter. */
  body: string;
}

/** The month's narrative, read as the build reads it; null when the month has none. */
export function readNarrative(root: string, month: string): FrozenNarrative | null {
  const path = join(root, "reports", `${month}.md`);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, "utf8");
  const fm = frontMatterOf(text);
  const found = typeof fm === "object" ? fm : undefined;
  // The check has refused a front matter that does not parse before anything is published.
  const data = narrative.parse(found ? (parseDocument(found.yaml).toJS() ?? {}) : {});
  const body = (found ? text.slice(found.end) : text.replace(/^\uFEFF/, "")).trim();
  // Emails and phone numbers masked, as the pages mask them; in the Markdown, so that the masks read
  // as themselves once it is rendered.
  return {
    ...maskedValues({ highlights: data.highlights, actions: data.actions, notes: data.notes as Record<string, string> }),
    body: maskPersonalMarkdown(body),
  };
}
