// Every source value in the data up to the month, with how it was classified: the data page shows
// them, so a project whose CRM's values are not marketing's by name can see why its
// marketing-sourced pipeline reads what it reads.
import type { Db } from "../model/duckdb.ts";
import { classifySource, type SourceClass } from "../model/sources.ts";
import type { Definition, MetricContext } from "./context.ts";

export const DEFINITIONS: Definition[] = [
  {
    id: "source_values",
    unit: "count",
    label: { en: "Source values", ja: "ソースの値" },
    definition: {
      en: "Each source value of the leads and opportunities as of the month (an opportunity without its own source takes its lead's), the records having it, and whether it counts as marketing: by marketingSources when configured, otherwise by the generic channel names and Salesforce's and HubSpot's standard values.",
      ja: "当月時点のリードと商談のソースの値ごとの件数（ソースの無い商談はリードのソース）と、マーケティング起点に数えるか：marketingSources の設定、無い場合は一般的なチャネル名と Salesforce・HubSpot の標準値による。",
    },
  },
];

export interface SourceRow {
  /** null: opportunities with no source of their own and no lead's. */
  value: string | null;
  leads: number;
  opportunities: number;
  marketing: boolean;
  by: SourceClass["by"];
}

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
