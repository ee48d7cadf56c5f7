// The narrative a view shows: the one frozen with its edition, else reports/YYYY-MM.md's, read as
// an edition would freeze it (edition/narrative.ts), so a draft shows the words a publish keeps.
import { readNarrative } from "../edition/narrative.ts";
import { isNotInEdition } from "../sections/section.ts";
import type { MonthView } from "./model.ts";
import { renderMarkdown } from "./markdown.ts";

export async function narrativeOf(view: MonthView) {
  const frozen = view.narrative === null || !isNotInEdition(view.narrative) ? view.narrative : liveNarrative(view.month);
  if (frozen === null) return undefined;
  // Masked when it was read (edition/narrative.ts); the commentary's HTML is rendered by today's
  // renderer (markup, not words): our own safe subset, not Astro's Markdown, which passes raw HTML
  // through.
  return {
    data: { highlights: frozen.highlights, actions: frozen.actions, notes: frozen.notes as Record<string, string | undefined> },
    html: frozen.body ? renderMarkdown(frozen.body) : "",
  };
}

/** The month's narrative file, as the build checked it (npm run check refuses a bad front matter first). */
function liveNarrative(month: string) {
  return readNarrative(process.env.GEKKAN_PROJECT ?? ".", month);
}
