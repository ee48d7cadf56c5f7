// The funnel's monthly counts over the month's as-of tables, in total or by channel: leads created,
// MQLs and SQLs reached, opportunities created, deals won and lost (closed), won amount. Read by the
// plan (the KPI tree, the back-calculation) and efficiency (cost per stage) sections; the overview
// counts the same stages its own way (prepared across every month at once).
import type { Db } from "../model/duckdb.ts";
import { channelKeySql } from "../schema/dataset.ts";
import { monthIndex, monthKey } from "../schema/month.ts";
import { addMonths, monthRange, shared, type MetricContext } from "./context.ts";
import { AMOUNT_DECIMAL, monthOf } from "./series.ts";

export interface StageCounts {
  leads: number;
  mql: number;
  sql: number;
  opportunities: number;
  won: number;
  lost: number;
  /** Sum of the won deals' amounts; wonWithAmount counts the deals it adds up. */
  wonAmount: number;
  wonWithAmount: number;
}

export const NO_COUNTS: StageCounts = { leads: 0, mql: 0, sql: 0, opportunities: 0, won: 0, lost: 0, wonAmount: 0, wonWithAmount: 0 };

/** The channel a record is counted under: its source, lower-cased and trimmed (spend's channel likewise). */
export const channelSql = channelKeySql;

/**
 * Counts per month of `months` (a contiguous ascending list), key `${month}`; when `byChannel`, per
 * month and channel too, key `${month}|${channel}`, from the same scans (grouping sets). A month
 * without records has no key (callers decide whether that is zero or not provided).
 */
export async function stageCounts(db: Db, months: readonly string[], byChannel = false): Promise<Map<string, StageCounts>> {
  if (months.length === 0) return new Map();
  const lo = monthIndex(months[0]!);
  const hi = monthIndex(months.at(-1)!);
  const from = `TIMESTAMP '${months[0]}-01'`;
  const to = `TIMESTAMP '${monthKey(hi + 1)}-01'`;
  const ch = (col: string) => (byChannel ? channelSql(col) : "''");
  const within = (col: string) => `${col} >= ${from} AND ${col} < ${to}`;
  // Won amounts add up exactly (AMOUNT_DECIMAL), by channel and over the channels alike.
  const rows = await db.all<{ m: number; channel: string; whole: number } & Record<keyof StageCounts, number>>(`
    SELECT m, channel, ${byChannel ? "grouping(channel)" : "1"} AS whole, sum(leads) AS leads, sum(mql) AS mql, sum(sql) AS sql, sum(opportunities) AS opportunities,
      sum(won) AS won, sum(lost) AS lost, CAST(coalesce(sum(won_amount), 0) AS DOUBLE) AS wonAmount, sum(won_with_amount) AS wonWithAmount
    FROM (
      SELECT ${monthOf("created_at")} AS m, ${ch("source")} AS channel, count(*) AS leads, 0 AS mql, 0 AS sql, 0 AS opportunities, 0 AS won, 0 AS lost, 0 AS won_amount, 0 AS won_with_amount
        FROM leads WHERE ${within("created_at")} GROUP BY ALL
      UNION ALL SELECT ${monthOf("mql_at")}, ${ch("source")}, 0, count(*), 0, 0, 0, 0, 0, 0 FROM leads WHERE ${within("mql_at")} GROUP BY ALL
      UNION ALL SELECT ${monthOf("sql_at")}, ${ch("source")}, 0, 0, count(*), 0, 0, 0, 0, 0 FROM deal_leads WHERE ${within("sql_at")} GROUP BY ALL
      UNION ALL SELECT ${monthOf("created_at")}, ${ch("source")}, 0, 0, 0, count(*), 0, 0, 0, 0 FROM opportunities WHERE ${within("created_at")} GROUP BY ALL
      UNION ALL SELECT ${monthOf("closed_at")}, ${ch("source")}, 0, 0, 0, 0, count(*) FILTER (WHERE outcome = 'won'), count(*) FILTER (WHERE outcome = 'lost'),
          sum(CAST(amount AS ${AMOUNT_DECIMAL})) FILTER (WHERE outcome = 'won'), count(amount) FILTER (WHERE outcome = 'won')
        FROM opportunities WHERE outcome IN ('won', 'lost') AND ${within("closed_at")} GROUP BY ALL
    ) WHERE m BETWEEN ${lo} AND ${hi} GROUP BY ${byChannel ? "GROUPING SETS ((m, channel), (m))" : "ALL"}`);
  const out = new Map<string, StageCounts>();
  for (const r of rows) {
    const key = r.whole ? monthKey(r.m) : `${monthKey(r.m)}|${r.channel ?? ""}`;
    out.set(key, {
      leads: Number(r.leads),
      mql: Number(r.mql),
      sql: Number(r.sql),
      opportunities: Number(r.opportunities),
      won: Number(r.won),
      lost: Number(r.lost),
      wonAmount: Number(r.wonAmount),
      wonWithAmount: Number(r.wonWithAmount),
    });
  }
  return out;
}

/**
 * The month's counts as of its end, in total and by channel, from the window's first month less two
 * (a trailing three months for the window's first) to the report month: every span the plan and
 * efficiency sections read lies within it, so the month's report counts once for both.
 */
export function monthStageCounts(db: Db, ctx: Pick<MetricContext, "month" | "window" | "memo">): Promise<Map<string, StageCounts>> {
  return shared(ctx, "stageCounts", () => stageCounts(db, stageCountSpan(ctx), true));
}

/** The months monthStageCounts counts. */
export function stageCountSpan(ctx: Pick<MetricContext, "month" | "window">): string[] {
  return monthRange(addMonths(ctx.window[0]!, -2), ctx.month);
}

/** The counts of several months added up (months without records count nothing). */
export function sumCounts(counts: ReadonlyMap<string, StageCounts>, keys: readonly string[]): StageCounts {
  const total = { ...NO_COUNTS };
  for (const k of keys) {
    const c = counts.get(k);
    if (!c) continue;
    for (const f of Object.keys(total) as (keyof StageCounts)[]) total[f] += c[f];
  }
  return total;
}
