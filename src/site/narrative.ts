// The narrative a view shows, as its pages render it: the words as the build read or froze them
// (site/model.ts), the commentary's HTML by today's renderer (markup, not words): our own safe subset,
// not Astro's Markdown, which passes raw HTML through.
import type { MonthView } from "./model.ts";
import { renderMarkdown } from "./markdown.ts";

export function narrativeOf(view: MonthView) {
  const n = view.narrative;
  if (n === null) return undefined;
  return {
    data: { highlights: n.highlights, actions: n.actions, notes: n.notes as Record<string, string | undefined> },
    html: n.body ? renderMarkdown(n.body) : "",
  };
}
