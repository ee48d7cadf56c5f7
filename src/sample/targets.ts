// Monthly targets as marketing ops would set them from the plan (not from the actuals): volume
// targets follow the planned lead and traffic curves with a little stretch, rounded to
// round numbers; the follow-up SLA target is 90% on time.
import { monthKey, monthOfYear } from "./time.ts";
import { plannedLeads, plannedSessions } from "./world.ts";

export interface TargetRow {
  month: string;
  metric: string;
  value: number;
}

const roundTo = (n: number, to: number) => Math.round(n / to) * to;
/** Average deal size the plan assumes (yen). */
const PLAN_DEAL = 3_000_000;

export function targetsFor(firstMi: number, lastMi: number, rangeStartMi: number, scale: number): TargetRow[] {
  const rows: TargetRow[] = [];
  // Targets are set per fiscal year (April start): a stretch that steps up in April.
  const stretch = (mi: number) => 1.04 + 0.03 * Math.floor((mi - 3) / 12 - Math.floor((rangeStartMi - 3) / 12));
  const mqlPlan = (mi: number) => plannedLeads(mi, rangeStartMi) * 0.4 * scale * stretch(mi);
  const sqlPlan = (mi: number) => mqlPlan(mi) * 0.25;
  // The plan runs to the fiscal year's end (March): next month and the rest of the quarter have targets.
  const planEnd = lastMi + ((3 - (lastMi % 12) + 11) % 12);
  for (let mi = firstMi; mi <= planEnd; mi++) {
    const month = monthKey(mi);
    const mql = Math.max(10, roundTo(mqlPlan(mi), 10));
    const sql = Math.max(5, roundTo(sqlPlan(mi), 5));
    // Deals close two to three months after they open: the won target follows the earlier plan.
    const won = ((sqlPlan(mi - 2) + sqlPlan(mi - 3)) / 2) * 0.3 * PLAN_DEAL;
    const wonAmount = Math.max(1_000_000, roundTo(won * (monthOfYear(mi) === 3 ? 1.25 : 1), 1_000_000));
    rows.push(
      { month, metric: "mql", value: mql },
      { month, metric: "sql", value: sql },
      // The KPI tree's plan: every SQL becomes an opportunity, deals of the planned size.
      { month, metric: "opportunities", value: sql },
      { month, metric: "won", value: Math.max(1, Math.round(wonAmount / PLAN_DEAL)) },
      { month, metric: "pipeline_amount", value: Math.max(1_000_000, roundTo(sql * PLAN_DEAL, 1_000_000)) },
      { month, metric: "won_amount", value: wonAmount },
      { month, metric: "sessions", value: Math.max(1000, roundTo(plannedSessions(mi, rangeStartMi) * scale * stretch(mi), 1000)) },
      { month, metric: "sla_first_call", value: 0.9 },
    );
  }
  return rows;
}
