// The overview's headline numbers for the month's executive summary: the demand it created and won.
import type { SummaryItem } from "../section.ts";
import type { Overview } from "./schema.ts";

/** Counts and amounts of events in the month: all final at the month's end. */
export function overviewSummary(o: Overview): SummaryItem[] {
  return [
    { metric: "mql", headline: o.volumes.mql, maturity: "final" },
    { metric: "sql", headline: o.volumes.sql, maturity: "final" },
    { metric: "pipeline_amount", headline: o.pipeline, maturity: "final" },
    { metric: "won_amount", headline: o.wonAmount, maturity: "final" },
    { metric: "win_rate", headline: o.winRate, maturity: "final" },
  ];
}
