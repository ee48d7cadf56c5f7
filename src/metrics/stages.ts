// The funnel's monthly counts over the month's as-of tables, in total or by channel: leads created,
// MQLs and SQLs reached, opportunities created, deals won and lost (closed), won amount. Read by the
// plan (the KPI tree, the back-calculation) and efficiency (cost per stage) sections, each prepared
// across every month at once; the overview counts the same stages its own way.
import type { Db } from "../model/duckdb.ts";
import { channelKeySql } from "../schema/dataset.ts";
import { outcomeSql } from "../model/asof.ts";
import type { Config } from "../schema/config.ts";
import { monthKey } from "../schema/month.ts";
import { monthsEnding, type MetricContext } from "./context.ts";
import { acrossMonthsSql, AMOUNT_DECIMAL } from "./series.ts";

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

/** The months a report month's counts reach: the window and the two months before it (a trailing three months for the window's first). */
const STAGE_MONTHS = 15;

/** Counts per report month (key 'YYYY-MM'), each keyed as `stageCounts` gives them. */
export type PreparedStageCounts = ReadonlyMap<string, ReadonlyMap<string, StageCounts>>;

/**
 * For every report month of `months` at once (acrossMonthsSql, from the versions), the counts as of
 * its end of the months from its window's first less two to itself (stageCountSpan), in total, key
 * `${month}`, and when `byChannel` per channel too, key `${month}|${channel}`. A month without
 * records has no key (callers decide whether that is zero or not provided). The stages: leads created
 * (leads by created_at), MQLs reached (mql_at), SQLs reached (deal leads by sql_at), opportunities
 * created (created_at), deals won and lost (closed_at, with the outcome the config gives), and the
 * won deals' amount (wonWithAmount counts the deals it adds up). Counting them month by month read
 * every as-of lead and deal again for each report month.
 */
export async function prepareStageCounts(
  db: Db,
  months: readonly string[],
  config: Config,
  byChannel: boolean,
): Promise<PreparedStageCounts> {
  const out = new Map<string, Map<string, StageCounts>>();
  if (months.length === 0) return out;
  const ch = byChannel ? channelSql("source") : "''";
  const names = ["leads", "mql", "sql", "opportunities", "won", "lost", "won_amount", "won_with_amount"] as const;
  const stage = (from: string, date: string, values: Partial<Record<(typeof names)[number], string>>, where = "true") =>
    `SELECT __since, __until, ${date} AS __at, ${ch} AS channel, ${names.map((n) => `${values[n] ?? "0"} AS ${n}`).join(", ")}
     FROM ${from} WHERE ${where}`;
  const relation = [
    stage("raw_leads", "created_at", { leads: "1" }),
    stage("raw_leads", "mql_at", { mql: "1" }),
    stage(`${db.scratch}raw_deal_leads`, "sql_at", { sql: "1" }),
    stage(`${db.scratch}raw_deal_opportunities`, "created_at", { opportunities: "1" }),
    // Won amounts add up exactly (AMOUNT_DECIMAL), by channel and over the channels alike.
    stage(
      `(SELECT *, ${outcomeSql(config)} AS __outcome FROM ${db.scratch}raw_deal_opportunities)`,
      "closed_at",
      {
        won: "CAST(__outcome = 'won' AS INTEGER)",
        lost: "CAST(__outcome = 'lost' AS INTEGER)",
        won_amount: `CASE WHEN __outcome = 'won' THEN CAST(amount AS ${AMOUNT_DECIMAL}) END`,
        won_with_amount: "CAST(__outcome = 'won' AND amount IS NOT NULL AS INTEGER)",
      },
      "__outcome IN ('won', 'lost')",
    ),
  ].join("\n    UNION ALL ");
  const rows = await db.all<{ r: number; m: number; channel: string | null; whole: number } & Record<keyof StageCounts, number>>(`
    SELECT r, m, ${byChannel ? "channel, grouping(channel)" : "NULL AS channel, 1"} AS whole, sum(leads) AS leads, sum(mql) AS mql, sum(sql) AS sql,
      sum(opportunities) AS opportunities, sum(won) AS won, sum(lost) AS lost, CAST(coalesce(sum(won_amount), 0) AS DOUBLE) AS wonAmount,
      sum(won_with_amount) AS wonWithAmount
    FROM (${acrossMonthsSql({
      relation,
      months,
      date: "__at",
      keys: byChannel ? ["channel"] : [],
      values: names.map((name) => ({ name, sql: name })),
      windowMonths: STAGE_MONTHS,
    })})
    GROUP BY ${byChannel ? "GROUPING SETS ((r, m, channel), (r, m))" : "r, m"}`);
  for (const r of rows) {
    const month = monthKey(r.r);
    const counts = out.get(month) ?? new Map<string, StageCounts>();
    out.set(month, counts);
    counts.set(r.whole ? monthKey(r.m) : `${monthKey(r.m)}|${r.channel ?? ""}`, {
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
 * The prepare step plan and efficiency share (the executor runs it once for both): every report
 * month's counts, in total and by channel. Plan reads the totals, which are those counted without
 * channels; each section preparing its own ran the query twice.
 */
export function prepareFunnelCounts(db: Db, months: readonly string[], config: Config): Promise<PreparedStageCounts> {
  return prepareStageCounts(db, months, config, true);
}

/** The report month's counts (prepareStageCounts). */
export function monthStageCounts(prepared: PreparedStageCounts, ctx: Pick<MetricContext, "month">): ReadonlyMap<string, StageCounts> {
  return prepared.get(ctx.month) ?? new Map();
}

/** The months a report month's counts reach (prepareStageCounts). */
export function stageCountSpan(ctx: Pick<MetricContext, "month">): string[] {
  return monthsEnding(ctx.month, STAGE_MONTHS);
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
