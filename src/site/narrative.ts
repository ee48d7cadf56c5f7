// The month's narrative entry, if reports/YYYY-MM.md exists.
import { getCollection } from "astro:content";
import { renderMarkdown } from "./markdown.ts";
import { hasNarrative } from "./reports.ts";

export async function narrativeOf(month: string) {
  // A month without a narrative is normal, not worth a warning: the collection is read only when
  // the month's file exists (getEntry would warn for a missing one, getCollection for an empty one).
  if (!hasNarrative(month)) return undefined;
  const entry = (await getCollection("reports")).find((e) => e.id === month);
  if (!entry) return undefined;
  // Rendered by our own safe subset, not Astro's Markdown (which passes raw HTML through).
  const body = (entry.body ?? "").trim();
  return { data: entry.data, html: body ? renderMarkdown(body) : "" };
}
