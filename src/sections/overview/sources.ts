// Every source value in the data up to the month, with how it was classified (the metric
// source_values): the data page shows
// them, so a project whose CRM's values are not marketing's by name can see why its
// marketing-sourced pipeline reads what it reads.
import type { MetricContext } from "../../metrics/context.ts";
import type { Db } from "../../model/duckdb.ts";
import { classifySource } from "../../model/sources.ts";
import type { SourceRow } from "./schema.ts";

/** The source values of the month's as-of leads and opportunities, most records first. */
export async function sourceMetrics(db: Db, ctx: MetricContext): Promise<SourceRow[]> {
  const rows = await db.all<{ value: string | null; leads: number; opportunities: number }>(`
    SELECT value, coalesce(l.n, 0) AS leads, coalesce(o.n, 0) AS opportunities
    FROM (SELECT source AS value, count(*) AS n FROM leads GROUP BY 1) l
    FULL JOIN (SELECT source AS value, count(*) AS n FROM opportunities GROUP BY 1) o USING (value)
    ORDER BY leads + opportunities DESC, value NULLS LAST`);
  return rows.map((r) => {
    const c = r.value === null ? { marketing: false, by: "none" as const } : classifySource(r.value, ctx.config);
    return { value: r.value, leads: Number(r.leads), opportunities: Number(r.opportunities), marketing: c.marketing, by: c.by };
  });
}
