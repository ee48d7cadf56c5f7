// Win/loss: Paretos of lost and disqualify reasons (the month, 3 and 12 months) with their trend and
// breakdowns, win rate, deal size and sales cycle by segment, and the full funnel per source.
import { lit, type Db } from "../../model/duckdb.ts";
import { UNKNOWN_SOURCE, type DatasetName } from "../../schema/dataset.ts";
import { monthIndex } from "../../schema/month.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, monthsEnding, monthsLacking, providesAll, round } from "../../metrics/context.ts";
import { stageDaysSql } from "../../metrics/days.ts";
import type { Targets } from "../../metrics/headline.ts";
import { amountSum, monthOf, points } from "../../metrics/series.ts";
import { datasetsOf, headlineOf } from "../section.ts";
import { METRICS, SMALL_N } from "./metrics.ts";
import { JUNK, pareto, topReason, type ReasonCount } from "./pareto.ts";
import { SPANS, type Breakdowns, type SegmentRow, type Span, type Winloss } from "./schema.ts";

const metricHeadline = headlineOf(METRICS);

/** Breakdown columns: the 12 months' most frequent reasons; the rest are OTHER, no reason NONE. */
const BREAKDOWN_REASONS = 6;
export const OTHER = "(other)";
export const NONE = "(none)";

const endOf = (month: string) => `TIMESTAMP '${addMonths(month, 1)}-01 00:00:00'`;
const startOf = (month: string) => `TIMESTAMP '${month}-01 00:00:00'`;

/**
 * Records with a reason, as SQL: columns happened_at, reason, amount, source, campaign,
 * owner, industry, size. `from`: the 13-month window's start.
 */
type Records = (from: string) => string;

const lostRecords =
  (ctx: MetricContext): Records =>
  (from) =>
    `
    SELECT o.closed_at AS happened_at, o.lost_reason AS reason, o.amount, coalesce(o.source, ${lit(UNKNOWN_SOURCE)}) AS source,
      coalesce(c.name, o.campaign_id) AS campaign, o.owner, l.industry, l.company_size AS size
    FROM opportunities o
    LEFT JOIN deal_leads l ON l.__lead = o.__lead
    LEFT JOIN campaigns c ON c.campaign_id = o.campaign_id
    WHERE o.outcome = 'lost' AND o.closed_at >= ${from} AND o.closed_at < ${endOf(ctx.month)}`;

const disqualifiedRecords =
  (ctx: MetricContext): Records =>
  (from) =>
    `
    SELECT l.disqualified_at AS happened_at, l.disqualify_reason AS reason, 0.0 AS amount, l.source,
      coalesce(c.name, l.campaign_id) AS campaign, l.owner, l.industry, l.company_size AS size
    FROM leads l
    LEFT JOIN campaigns c ON c.campaign_id = l.campaign_id
    WHERE l.disqualified_at >= ${from} AND l.disqualified_at < ${endOf(ctx.month)}`;

type MonthReason = { m: number; reason: string | null; n: number; amount: number; no_amount: number };

/** Per month of the window and reason: count, amount and those without an amount. */
async function byMonthAndReason(db: Db, ctx: MetricContext, records: Records): Promise<MonthReason[]> {
  return db.all<MonthReason>(`
    SELECT ${monthOf("happened_at")} AS m, reason, count(*) AS n, coalesce(${amountSum("amount")}, 0) AS amount, count(*) FILTER (WHERE amount IS NULL) AS no_amount
    FROM (${records(startOf(ctx.window[0]!))}) GROUP BY ALL`);
}

function sumReasons(rows: readonly MonthReason[]): ReasonCount[] {
  const out = new Map<string | null, ReasonCount>();
  for (const r of rows) {
    const x = out.get(r.reason) ?? { reason: r.reason, count: 0, amount: 0, noAmount: 0 };
    x.count += r.n;
    x.amount += r.amount;
    x.noAmount += r.no_amount;
    out.set(r.reason, x);
  }
  return [...out.values()].map((x) => ({ ...x, amount: round(x.amount) ?? 0 }));
}

/**
 * The Pareto of each span (the month, 3 and 12 months) over the records of `dataset`. A span with a
 * month whose folder lacks the dataset (a month before the first folder included) is not provided
 * (total and rows null) and names those months: a sum over it would count that month as zero, or as
 * the records a later export happens to hold for it.
 */
/** A span as computed now: its months lacking the dataset are always known (null only in old editions). */
type Checked = Span & { missing: string[] };

function spansOf(ctx: MetricContext, rows: readonly MonthReason[], dataset: DatasetName): Checked[] {
  const r = monthIndex(ctx.month);
  return SPANS.map((months) => {
    const missing = monthsLacking(ctx, dataset, monthsEnding(ctx.month, months));
    if (missing.length > 0) return { months, total: null, rows: null, missing };
    const mine = rows.filter((x) => x.m > r - months && x.m <= r);
    const ranked = pareto(sumReasons(mine)).map((x) => ({ ...x, share: round(x.share) ?? 0, cumulative: round(x.cumulative) ?? 0 }));
    return { months, total: ranked.reduce((a, x) => a + x.count, 0), rows: ranked, missing };
  });
}

/** The span of `months` months (spansOf gives one of each of SPANS). */
const spanOf = (spans: readonly Checked[], months: (typeof SPANS)[number]) => spans.find((x) => x.months === months)!;

/**
 * The last 3 months' records by a dimension and reason (the reasons given columns, the rest OTHER or
 * NONE). Not provided (null) when one of the 3 months' folders lacks the records' dataset, as the 3
 * months' span (`missing`, its months lacking it). The records are written once to TEMP table
 * `table` (of this connection) and read from it by each breakdown: each of them reading the as-of
 * tables again was most of the section's time.
 */
async function breakdowns(
  db: Db,
  ctx: MetricContext,
  records: Records,
  table: string,
  reasons: readonly string[],
  missing: string[],
): Promise<Breakdowns> {
  if (missing.length > 0)
    return { reasons: [...reasons], missing, bySource: null, byCampaign: null, byIndustry: null, bySize: null, owners: null };
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS ${records(startOf(addMonths(ctx.month, -2)))}`);
  const column = `CASE WHEN reason IS NULL THEN ${lit(NONE)} WHEN reason IN (${reasons.map(lit).join(", ") || "NULL"}) THEN reason ELSE ${lit(OTHER)} END`;
  const by = async (dimension: string, blank: string) => {
    const rows = await db.all<{ key: string; reason: string; n: number; amount: number }>(`
      SELECT coalesce(${dimension}, ${lit(blank)}) AS key, ${column} AS reason, count(*) AS n, coalesce(${amountSum("amount")}, 0) AS amount
      FROM ${table} GROUP BY ALL`);
    const out = new Map<string, { key: string; total: number; amount: number; reasons: Record<string, number> }>();
    for (const r of rows) {
      const x = out.get(r.key) ?? { key: r.key, total: 0, amount: 0, reasons: {} };
      x.total += r.n;
      x.amount += r.amount;
      x.reasons[r.reason] = (x.reasons[r.reason] ?? 0) + r.n;
      out.set(r.key, x);
    }
    return [...out.values()]
      .map((x) => ({ ...x, amount: round(x.amount) ?? 0 }))
      .sort((a, b) => b.total - a.total || b.amount - a.amount || Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  };
  return {
    reasons: [...reasons],
    missing,
    bySource: await by("source", UNKNOWN_SOURCE),
    byCampaign: await by("campaign", NONE),
    byIndustry: await by("industry", NONE),
    bySize: await by("size", NONE),
    owners: (await by("owner", "unassigned")).map(({ key, ...x }) => ({ owner: key, ...x })),
  };
}

/**
 * The 12 months' most frequent reasons given (the breakdowns' and the trend's columns), over those of
 * the 12 months whose folder has the records' dataset (`spans`' 12 months' `missing` names the
 * others): the 12 months' Pareto when it is provided, and never the records a later export holds for
 * a month without its own.
 */
function topReasons(ctx: MetricContext, rows: readonly MonthReason[], spans: readonly Checked[]): string[] {
  const lacking = new Set(spanOf(spans, 12).missing.map(monthIndex));
  const r = monthIndex(ctx.month);
  return pareto(sumReasons(rows.filter((x) => x.m > r - 12 && x.m <= r && !lacking.has(x.m))))
    .filter((x) => x.reason !== null)
    .slice(0, BREAKDOWN_REASONS)
    .map((x) => x.reason!);
}

async function lostReasons(db: Db, ctx: MetricContext, targets: Targets): Promise<Winloss["lost"]> {
  const records = lostRecords(ctx);
  const rows = await byMonthAndReason(db, ctx, records);
  const spans = spansOf(ctx, rows, "opportunities");
  const reasons = topReasons(ctx, rows, spans);
  // A month of the window whose folder lacks what the share reads (its deals) is not provided, as
  // its share's point is (points): its top reason, counts and trend too, not the records a later
  // export happens to hold for it, nor zero.
  const needs = datasetsOf(METRICS, "top_loss_reason_share");
  const provided = (month: string) => providesAll(ctx, needs, month);
  type Top = Winloss["lost"]["topByMonth"][number];
  const tops = new Map(
    ctx.window.map((month): [string, Top] => {
      if (!provided(month)) return [month, { month, reason: null, count: null, total: null }];
      const ranked = pareto(sumReasons(rows.filter((x) => x.m === monthIndex(month))));
      const total = ranked.reduce((a, x) => a + x.count, 0);
      const top = topReason(ranked);
      return [month, { month, reason: top?.reason ?? null, count: top?.count ?? 0, total }];
    }),
  );
  const series = points(
    ctx,
    needs,
    (month) => {
      const t = tops.get(month)!;
      // A month that lost no deal with a reason has no top reason: no value, with its lost deals as
      // the denominator, so it reads "-" (no cases), not "not provided" (a month without its deals).
      return t.reason === null
        ? { value: null, denominator: t.total! }
        : { value: t.count! / t.total!, numerator: t.count!, denominator: t.total! };
    },
    "null",
  );
  // The month's top reason is compared with the same reason's share then, never with that month's
  // own top reason (another reason): 0 when it lost deals with reasons but none with this one; no
  // comparison when it lost none with a reason, or its data is not provided (its point is null).
  const reason = tops.get(ctx.month)!.reason;
  const sameReason = (month: string): number | null => {
    const then = series.find((p) => p.month === month);
    if (reason === null || then === undefined || then.value === null) return null;
    const count = rows.filter((x) => x.m === monthIndex(month) && x.reason === reason).reduce((a, x) => a + x.n, 0);
    return round(count / tops.get(month)!.total!);
  };
  return {
    spans,
    topShare: metricHeadline("top_loss_reason_share", series, ctx.month, targets, {
      previous: sameReason(addMonths(ctx.month, -1)),
      yearAgo: sameReason(addMonths(ctx.month, -12)),
    }),
    topByMonth: [...tops.values()],
    trend: reasons.map((reason) => ({
      reason,
      counts: ctx.window.map((month) =>
        provided(month) ? rows.filter((x) => x.m === monthIndex(month) && x.reason === reason).reduce((a, x) => a + x.n, 0) : null,
      ),
    })),
    breakdowns: await breakdowns(db, ctx, records, "__winloss_lost", reasons, spanOf(spans, 3).missing),
  };
}

async function disqualifyReasons(db: Db, ctx: MetricContext): Promise<Winloss["disqualified"]> {
  const records = disqualifiedRecords(ctx);
  const rows = await byMonthAndReason(db, ctx, records);
  const spans = spansOf(ctx, rows, "leads");
  // The month's junk: not provided (null) when its folder lacks the leads, as its Pareto is.
  const month = spans[0]!;
  const junkCount =
    month.rows === null ? null : month.rows.filter((x) => x.reason !== null && JUNK.test(x.reason)).reduce((a, x) => a + x.count, 0);
  return {
    spans,
    junkShare: junkCount !== null && month.total ? round(junkCount / month.total) : null,
    junkCount,
    breakdowns: await breakdowns(db, ctx, records, "__winloss_disqualified", topReasons(ctx, rows, spans), spanOf(spans, 3).missing),
  };
}

/**
 * A deal's sales cycle in days, created to closed, by calendar day (stageDaysSql): a deal won the day
 * it was created, with a close date and no time, takes 0 days; one closed on a day before its
 * creation is out of order (negative) and left out of the median.
 */
const CYCLE_DAYS = stageDaysSql("created_at", "closed_at");

/** Deals closed in the last 12 months by segment: win rate, average deal size and median cycle. */
async function segments(db: Db, ctx: MetricContext): Promise<Winloss["segments"]> {
  // A month of the 12 whose folder lacks the deals would count as none closed, or as the deals a
  // later export holds for it (monthsLacking): with any, no segment is provided.
  const missing = monthsLacking(ctx, "opportunities", monthsEnding(ctx.month, 12));
  if (missing.length > 0) return { smallN: SMALL_N, missing, byIndustry: null, bySize: null, bySource: null, byType: null };
  const from = startOf(addMonths(ctx.month, -11));
  const closed = `
    SELECT o.outcome, o.amount, o.created_at, o.closed_at, o.type, coalesce(o.source, ${lit(UNKNOWN_SOURCE)}) AS source,
      l.industry, l.company_size AS size
    FROM opportunities o LEFT JOIN deal_leads l ON l.__lead = o.__lead
    WHERE o.outcome IN ('won', 'lost') AND o.closed_at >= ${from} AND o.closed_at < ${endOf(ctx.month)}`;
  // Written once: each breakdown joining the deals to their leads again was most of the section's time.
  await db.exec(`CREATE OR REPLACE TEMP TABLE __winloss_closed AS ${closed}`);
  const by = async (dimension: string): Promise<SegmentRow[]> => {
    const rows = await db.all<{
      key: string | null;
      won: number;
      lost: number;
      won_amount: number | null;
      with_amount: number;
      cycle: number | null;
    }>(`
      SELECT ${dimension} AS key, count(*) FILTER (WHERE outcome = 'won') AS won, count(*) FILTER (WHERE outcome = 'lost') AS lost,
        ${amountSum("amount", `outcome = 'won'`)} AS won_amount, count(amount) FILTER (WHERE outcome = 'won') AS with_amount,
        quantile_cont(cycle, 0.5) FILTER (WHERE outcome = 'won' AND cycle >= 0) AS cycle
      FROM (SELECT *, ${CYCLE_DAYS} AS cycle FROM __winloss_closed) GROUP BY 1`);
    return rows
      .map((r) => ({
        key: r.key,
        won: r.won,
        lost: r.lost,
        winRate: r.won + r.lost > 0 ? round(r.won / (r.won + r.lost)) : null,
        avgDealSize: r.with_amount > 0 ? round((r.won_amount ?? 0) / r.with_amount) : null,
        cycleDays: round(r.cycle, 1),
        smallClosed: r.won + r.lost < SMALL_N,
        smallWon: r.won < SMALL_N,
      }))
      .sort(
        (a, b) =>
          b.won + b.lost - (a.won + a.lost) ||
          (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
          Buffer.compare(Buffer.from(a.key ?? ""), Buffer.from(b.key ?? "")),
      );
  };
  const byType = await by("type");
  // Not provided when no closed deal has a type; with no deal closed at all, only when no deal has one
  // (the column is missing), else no cases: an empty table, not "not provided".
  const typed =
    byType.some((r) => r.key !== null) ||
    (byType.length === 0 && Number((await db.one<{ n: number }>("SELECT count(type) AS n FROM opportunities")).n) > 0);
  return {
    smallN: SMALL_N,
    missing,
    byIndustry: await by("industry"),
    bySize: await by("size"),
    bySource: await by("source"),
    byType: typed ? byType : null,
  };
}

/** The months of the last 12 whose folder lacks the leads the funnel follows. */
const funnelMissing = (ctx: MetricContext) => monthsLacking(ctx, "leads", monthsEnding(ctx.month, 12));

/** The leads created in the last 12 months, by source, and how far they got by the month's end. */
async function funnel(db: Db, ctx: MetricContext): Promise<Winloss["funnel"]> {
  // Leads created in a month of the 12 whose folder lacks them would count as none, or as the leads
  // a later export holds for it (funnelMissing, monthsLacking): then the funnel is not provided.
  if (funnelMissing(ctx).length > 0) return null;
  const E = endOf(ctx.month);
  const rows = await db.all<{
    source: string;
    leads: number;
    mql: number;
    sql: number;
    opportunities: number;
    pipeline: number;
    won: number;
    won_amount: number;
  }>(`
    -- The 12 months' leads, read again by each of f and d: a range scan costs less than writing them out once.
    WITH c AS NOT MATERIALIZED (SELECT __lead, source, mql_at, sql_at FROM leads WHERE created_at >= ${startOf(addMonths(ctx.month, -11))} AND created_at < ${E}),
    k AS (SELECT __lead, __opp FROM deal_leads WHERE __opp IS NOT NULL UNION SELECT __lead, __opp FROM opportunities WHERE __lead IS NOT NULL),
    o AS (SELECT DISTINCT k.__lead, o.__opp, o.amount, o.outcome = 'won' AND o.closed_at < ${E} AS won
          FROM k JOIN opportunities o USING (__opp) WHERE o.created_at < ${E}),
    -- A lead has one as-of version, so the leads are counted without the deals (joined, a lead with
    -- two deals is two rows, and counting its distinct ids was most of the query).
    f AS (SELECT source, count(*) AS leads, count(*) FILTER (WHERE mql_at < ${E}) AS mql, count(*) FILTER (WHERE sql_at < ${E}) AS sql
          FROM c GROUP BY 1),
    -- Deals once per source: two leads of a source converted into one deal add its amount once.
    d AS (SELECT source, count(*) AS opportunities, coalesce(${amountSum("amount")}, 0) AS pipeline,
            count(*) FILTER (WHERE won) AS won, coalesce(${amountSum("amount", `won`)}, 0) AS won_amount
          FROM (SELECT DISTINCT c.source, o.__opp, o.amount, o.won FROM c JOIN o USING (__lead)) GROUP BY 1)
    SELECT f.source, f.leads, f.mql, f.sql, coalesce(d.opportunities, 0) AS opportunities, coalesce(d.pipeline, 0) AS pipeline,
      coalesce(d.won, 0) AS won, coalesce(d.won_amount, 0) AS won_amount
    FROM f LEFT JOIN d ON d.source IS NOT DISTINCT FROM f.source ORDER BY leads DESC, source`);
  return rows.map((r) => ({
    source: r.source,
    leads: r.leads,
    mql: r.mql,
    sql: r.sql,
    opportunities: r.opportunities,
    pipeline: round(r.pipeline) ?? 0,
    won: r.won,
    wonAmount: round(r.won_amount) ?? 0,
  }));
}

export async function winlossMetrics(db: Db, ctx: MetricContext, _prepared: undefined, targets: Targets): Promise<Winloss> {
  try {
    return {
      provided: { opportunities: ctx.provided("opportunities", ctx.month), leads: ctx.provided("leads", ctx.month) },
      lost: await lostReasons(db, ctx, targets),
      disqualified: await disqualifyReasons(db, ctx),
      segments: await segments(db, ctx),
      funnelMissing: funnelMissing(ctx),
      funnel: await funnel(db, ctx),
    };
  } finally {
    await db.exec(
      "DROP TABLE IF EXISTS __winloss_lost; DROP TABLE IF EXISTS __winloss_disqualified; DROP TABLE IF EXISTS __winloss_closed",
    );
  }
}
