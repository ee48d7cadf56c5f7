// The plan (KPIツリー): the KPI tree against target, the gap's main cause, attainment to date with
// the run-rate, and what next month needs.
import { prepareFunnelCounts, type PreparedStageCounts } from "../../metrics/stages.ts";
import type { Section, SummaryItem } from "../section.ts";
import { datasetOf, planMetrics } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { planSchema, type Plan } from "./schema.ts";

/**
 * The summary's revenue-gap line: the main cause's node, its actual against its target. On target
 * no cause is named, and the won amount's own tile already says it was met: no line.
 */
function summary(p: Plan): SummaryItem[] {
  if (p.driver.how === "on_target") return [];
  const node = p.nodes.find((n) => n.id === p.driver.node);
  if (!node) return [];
  return [
    {
      metric: node.id === "closed" ? "kpi_tree" : node.id,
      role: { en: "Revenue gap's main cause", ja: "売上差の主因" },
      headline: {
        id: node.id,
        value: node.value,
        target: node.target,
        attainment: node.attainment,
        previous: node.previous,
        mom: node.kind === "ratio" || node.previous === null || node.previous === 0 || node.value === null ? null : node.mom,
        yearAgo: null,
        yoy: null,
        series: [],
      },
      maturity: "final",
    },
  ];
}

/** The fiscal year's won amount to date: the period whose attainment is plan_fytd_attainment. */
const fiscalYearWon = (p: Plan) => p.periods.find((r) => r.period === "year" && r.metric === "won_amount");

/**
 * The fiscal year's attainment to date has no target when a month to date has no won amount target
 * (its period's target to date is then null): there is no attainment, whatever the deals.
 */
function untargeted(p: Plan, metric: string): boolean {
  return metric === "plan_fytd_attainment" && fiscalYearWon(p)?.targetToDate === null;
}

/**
 * Against a target to date of zero (each month to date's won amount target 0; or below) the fiscal
 * year's attainment is a ratio over zero, with no value (metrics/attainment.ts), though there is a
 * target: no cases when the deals of every month to date are there (none `missing`, the report
 * month's provided), as the plan page's attainment cell reads; without them it is not provided,
 * there as here.
 */
function noCases(p: Plan, metric: string, provided: readonly string[]): boolean {
  const r = fiscalYearWon(p);
  return (
    metric === "plan_fytd_attainment" &&
    r !== undefined &&
    r.targetToDate !== null &&
    r.targetToDate <= 0 &&
    (r.missing?.length ?? 0) === 0 &&
    provided.includes(datasetOf("won_amount"))
  );
}

export const plan = {
  id: "plan",
  label: { en: "Plan and KPI tree", ja: "計画とKPIツリー" },
  metrics: METRICS,
  schema: planSchema,
  since: 4,
  summary,
  untargeted,
  noCases,
  // The funnel counts of every report month at once, shared with efficiency; they hold no table to release.
  prepare: prepareFunnelCounts,
  compute: (db, ctx, stages, targets) => planMetrics(db, ctx, stages, targets),
} satisfies Section<"plan", Plan, PreparedStageCounts, typeof METRICS>;
