// Efficiency (投資対効果): spend against budget, cost per stage, CAC, LTV:CAC, payback, campaign ROI.
import { prepareFunnelCounts, type PreparedStageCounts } from "../../metrics/stages.ts";
import type { Section, SummaryItem } from "../section.ts";
import { efficiencyMetrics } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { efficiencySchema, type Efficiency } from "./schema.ts";

/** The summary's cost of a customer: CAC, marketing-only CAC without sales spend, or cost per SQL when customers are too few. */
function summary(e: Efficiency): SummaryItem[] {
  // Spend lines with a budget but no amount yet: the cost can only rise, so it is provisional.
  const cac = e.cacWindows[0]?.unreported ? "provisional" : "final";
  // A month of the trailing 3 lacks its deals: their new customers are not known, not too few, so
  // CAC reads not provided (cost per SQL does not stand in).
  const w3 = e.cacWindows[0];
  if (w3 && w3.newCustomers === null)
    return w3.salesProvided
      ? [{ metric: "cac", headline: e.cac, maturity: cac }]
      : [{ metric: "cac_marketing", headline: e.cacMarketing, maturity: cac }];
  if (!e.cacFallback && e.cac.value !== null) return [{ metric: "cac", headline: e.cac, maturity: cac }];
  if (!e.cacFallback && e.cacMarketing.value !== null) return [{ metric: "cac_marketing", headline: e.cacMarketing, maturity: cac }];
  return [{ metric: "cost_per_sql", headline: e.costs.sql, maturity: e.unreportedMarketing ? "provisional" : "final" }];
}

/**
 * A trend metric provisional as the efficiency page marks its card: the month's spend with a line
 * not reported yet, its costs with a marketing line not reported yet, CAC with one in its trailing 3
 * months. An edition older than format 5 did not count such lines (null): as it showed them, final.
 */
function provisional(e: Efficiency, metric: string): boolean {
  if (metric === "spend") return !!e.unreported;
  if (metric === "cost_per_lead" || metric === "cost_per_sql") return !!e.unreportedMarketing;
  if (metric === "cac") return !!e.cacWindows[0]?.unreported;
  return false;
}

export const efficiency = {
  id: "efficiency",
  label: { en: "Efficiency", ja: "投資対効果" },
  metrics: METRICS,
  schema: efficiencySchema,
  since: 4,
  summary,
  provisional,
  // The funnel counts of every report month at once (by channel too), shared with plan; they hold no table to release.
  prepare: prepareFunnelCounts,
  compute: (db, ctx, stages, targets) => efficiencyMetrics(db, ctx, stages, targets),
} satisfies Section<"efficiency", Efficiency, PreparedStageCounts, typeof METRICS>;
