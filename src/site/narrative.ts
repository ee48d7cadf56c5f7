// The narrative a view shows: the one frozen with its edition, else reports/YYYY-MM.md's.
import { getCollection } from "astro:content";
import { isNotInEdition } from "../sections/section.ts";
import type { MonthView } from "./model.ts";
import { maskedValues, maskPersonalMarkdown } from "../validate/mask.ts";
import { renderMarkdown } from "./markdown.ts";
import { hasNarrative } from "./reports.ts";

export async function narrativeOf(view: MonthView) {
  const frozen = view.narrative;
  if (frozen === null) return undefined;
  if (!isNotInEdition(frozen)) {
    // Masked when it was frozen (edition/narrative.ts); the commentary's HTML is rendered by today's
    // renderer (markup, not words).
    const html = frozen.body ? renderMarkdown(frozen.body) : "";
    return {
      data: { highlights: frozen.highlights, actions: frozen.actions, notes: frozen.notes as Record<string, string | undefined> },
      html,
    };
  }
  return liveNarrative(view.month);
}

async function liveNarrative(month: string) {
  // A month without a narrative is normal, not worth a warning: the collection is read only when
  // the month's file exists (getEntry would warn for a missing one, getCollection for an empty one).
  if (!hasNarrative(month)) return undefined;
  const entry = (await getCollection("reports")).find((e) => e.id === month);
  if (!entry) return undefined;
  // Rendered by our own safe subset, not Astro's Markdown (which passes raw HTML through). Emails and
  // phone numbers are masked as in any value a page shows (a note quoting a customer's contact,
  // "TEL.03-... asked for a demo", was published as it was), in the Markdown as an edition freezes it.
  const body = (entry.body ?? "").trim();
  return { data: maskedValues(entry.data), html: body ? renderMarkdown(maskPersonalMarkdown(body)) : "" };
}
