// The web benchmark's headline number for the month's executive summary.
import type { SummaryItem } from "../section.ts";
import type { Benchmark } from "./schema.ts";

/** Sessions in the month: final at the month's end. */
export function benchmarkSummary(b: Benchmark): SummaryItem[] {
  return [{ metric: "sessions", headline: b.sessions, maturity: "final" }];
}
