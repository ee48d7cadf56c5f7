// The handoff's headline number for the month's executive summary.
import type { SummaryItem } from "../section.ts";
import type { Handoff } from "./schema.ts";

/** The month's SQLs per MQL handed to sales: a flow rate of events in the month, final at its end. */
export function handoffSummary(h: Handoff): SummaryItem[] {
  return [{ metric: "sql_rate", headline: h.sqlRate, maturity: "final" }];
}
