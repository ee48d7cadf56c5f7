// Content performance's headline number for the month's executive summary.
import type { SummaryItem } from "../section.ts";
import type { ContentPerformance } from "./schema.ts";

/** Leads whose first content touch fell in the month: final at the month's end. */
export function contentSummary(c: ContentPerformance): SummaryItem[] {
  return [{ metric: "content_leads", headline: c.contentLeads, maturity: "final" }];
}
