// Where the month narratives (reports/YYYY-MM.md) are, and which months have one. Both the content
// collection and the pages ask here, so a project without narratives reads no collection at all:
// Astro warns on every read of an empty collection, once per page.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** A narrative's file name, for the collection's glob loader and as a test here. */
export const NARRATIVE_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9].md";
const NARRATIVE_FILE = /^\d{4}-\d{2}\.md$/;

export function reportsDir(): string {
  return process.env.GEKKAN_REPORTS ?? join(process.env.GEKKAN_PROJECT ?? ".", "reports");
}

/** Whether any month has a narrative (the collection has a loader only then). */
export function hasNarratives(dir = reportsDir()): boolean {
  return existsSync(dir) && readdirSync(dir).some((f) => NARRATIVE_FILE.test(f));
}

export function hasNarrative(month: string, dir = reportsDir()): boolean {
  return existsSync(join(dir, `${month}.md`));
}
