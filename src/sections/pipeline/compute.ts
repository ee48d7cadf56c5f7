// Pipeline: open deals at the month's end by stage and expected close month, the month's movement,
// coverage of the rest of the fiscal quarter against its won target, the weighted pipeline and the
// quarter's landing forecast, stale deals per owner, and marketing's share of what is open.
import { openAtSql } from "../../metrics/open.ts";
import { outcomeSql, spanOf, validAt, validIn } from "../../model/asof.ts";
import { lit, type Db } from "../../model/duckdb.ts";
import { marketingSql } from "../../model/sources.ts";
import type { Config } from "../../schema/config.ts";
import { UNKNOWN_SOURCE } from "../../schema/dataset.ts";
import { monthIndex, monthKey } from "../../schema/month.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, round, windowOf } from "../../metrics/context.ts";
import type { Headline, Targets } from "../../metrics/headline.ts";
import { amountSum, points } from "../../metrics/series.ts";
import { datasetsOf, headlineOf } from "../section.ts";
import { METRICS } from "./metrics.ts";
import { coverageOf, quarterAhead, quarterTarget, type Quarter } from "./quarter.ts";
import { CLOSE_BUCKETS_AHEAD, type CountAmount, type Pipeline } from "./schema.ts";

const metricHeadline = headlineOf(METRICS);

/** SQL: the first instant after month `month` (its end, exclusive). */
export function endOf(month: string): string {
  return `TIMESTAMP '${addMonths(month, 1)}-01 00:00:00'`;
}

/**
 * A close date in or after this year is a CRM's placeholder for "no date" (9999-12-31, 2099-12-31).
 * The reader already reads such dates as blank and notes how many on the data page; this keeps a
 * table made any other way from counting one as a date.
 */
export const PLACEHOLDER_YEAR = 2099;

/** SQL: the expected close date of `closed_at`: NULL when blank or a placeholder. */
export function expectedSql(col = "closed_at"): string {
  return `(CASE WHEN year(${col}) >= ${PLACEHOLDER_YEAR} THEN NULL ELSE ${col} END)`;
}

/** SQL: the folders (__since) whose opportunities export gives the probability in percent (確度 (%)): some value above 1. */
const PERCENT_FOLDERS = "SELECT DISTINCT __since FROM raw_opportunities WHERE probability > 1";

/**
 * SQL: a deal's probability of winning, 0..1: its probability column, else the configured
 * probability of its stage; NULL when neither. The column's scale is decided per export, not per
 * value: `percent` (SQL) is true for a deal from a folder whose export has a value above 1, where 1
 * means 1%, not 100%; an export of values 0-1 gives shares.
 */
export function probabilitySql(config: Config, alias: string | undefined, percent: string): string {
  const a = alias ? `${alias}.` : "";
  const stages = Object.entries(config.pipeline.stageProbabilities);
  const byStage = stages.length ? `CASE ${a}stage ${stages.map(([s, p]) => `WHEN ${lit(s)} THEN ${p}`).join(" ")} END` : "NULL";
  return `coalesce(CASE WHEN ${percent} THEN ${a}probability / 100.0 ELSE ${a}probability END, ${byStage})`;
}

/** SQL: count, amount sum and deals without an amount of the rows `filter` keeps, named n, amount, no_amount (after `prefix`). */
const AMOUNTS = (filter: string, prefix = "") =>
  `count(*) FILTER (WHERE ${filter}) AS ${prefix}n, coalesce(${amountSum("amount", filter)}, 0) AS ${prefix}amount, count(*) FILTER (WHERE ${filter} AND amount IS NULL) AS ${prefix}no_amount`;

type AmountRow = { n: number; amount: number; no_amount: number };
const countAmount = (r: AmountRow | undefined): CountAmount => ({
  count: r?.n ?? 0,
  amount: round(r?.amount ?? 0) ?? 0,
  noAmount: r?.no_amount ?? 0,
});

/** What preparePipeline counts for a month, as of its own end. */
export type QuarterRow = {
  r: number;
  open_amount: number;
  won_to_date: number;
  rest_n: number;
  rest_amount: number;
  rest_no_amount: number;
  rest_weighted: number | null;
  open_n: number;
  dated_n: number;
};

/** What the pipeline's prepare step counted: each window month of the report months, by month index. */
export type PreparedPipeline = ReadonlyMap<number, QuarterRow>;

/**
 * Per month of every report month's window, each as of its own end (the opportunity versions valid
 * then): the open pipeline, the won amount of its quarter to date, and what is open for the rest of
 * that quarter. A month's numbers do not depend on the report month whose window shows it, so each
 * is counted once for the build, not once per report month that shows it.
 */
export async function preparePipeline(db: Db, months: readonly string[], config: Config): Promise<PreparedPipeline> {
  const shown = [...new Set(months.flatMap(windowOf))].sort();
  const quarters = shown.map((m) => ({ m, q: quarterAhead(m, config.fiscalYearStartMonth) }));
  const values = quarters.map(({ m, q }) => `(${monthIndex(m)}, ${endOf(m)}, TIMESTAMP '${q.first}-01', ${endOf(q.last)})`).join(", ");
  const open = openAtSql("q.e", "v.");
  const rest = `${open} AND v.expected >= q.e AND v.expected < q.qe`;
  // A version closed before the first quarter shown (each starts by its month's end) is neither
  // open at a month's end nor won in its quarter: every count leaves it out, so it is not joined to
  // the months (most closed deals).
  const firstQuarter = quarters.map(({ q }) => q.first).sort()[0];
  const rows = await db.all<QuarterRow>(`
    WITH q AS (SELECT * FROM (VALUES ${values}) q(r, e, qs, qe)),
    v AS (SELECT __since, __until, created_at, amount, ${expectedSql()} AS expected, closed_at,
            ${outcomeSql(config, "o")} AS outcome, ${probabilitySql(config, "o", `o.__since IN (${PERCENT_FOLDERS})`)} AS p
          FROM raw_opportunities o
          WHERE ${validIn(spanOf(shown))} AND (${outcomeSql(config, "o")} = 'open' OR o.closed_at >= TIMESTAMP '${firstQuarter}-01'))
    SELECT q.r,
      coalesce(${amountSum("v.amount", open)}, 0) AS open_amount,
      count(*) FILTER (WHERE ${open}) AS open_n, count(*) FILTER (WHERE ${open} AND v.expected IS NOT NULL) AS dated_n,
      coalesce(${amountSum("v.amount", `v.outcome = 'won' AND v.closed_at >= q.qs AND v.closed_at < q.e`)}, 0) AS won_to_date,
      count(*) FILTER (WHERE ${rest}) AS rest_n,
      coalesce(${amountSum("v.amount", rest)}, 0) AS rest_amount,
      count(*) FILTER (WHERE ${rest} AND v.amount IS NULL) AS rest_no_amount,
      ${amountSum("v.amount * v.p", rest)} AS rest_weighted
    FROM q JOIN v ON v.__since <= q.r AND v.__until > q.r
    GROUP BY q.r`);
  return new Map(rows.map((r) => [r.r, r]));
}

/** The window's months: their quarter, its target, and what preparePipeline counted for them. */
function quarterSeries(ctx: MetricContext, prepared: PreparedPipeline, targets: Targets) {
  const quarters = ctx.window.map((m) => ({ m, q: quarterAhead(m, ctx.config.fiscalYearStartMonth) }));
  const byMonth = new Map(ctx.window.map((m) => [m, prepared.get(monthIndex(m))]));
  return quarters.map(({ m, q }) => {
    const row = byMonth.get(m);
    const target = quarterTarget(q, targets);
    const wonToDate = round(row?.won_to_date ?? 0) ?? 0;
    const restAmount = round(row?.rest_amount ?? 0) ?? 0;
    return {
      m,
      q,
      target,
      wonToDate,
      openAmount: round(row?.open_amount ?? 0) ?? 0,
      rest: { count: row?.rest_n ?? 0, amount: restAmount, noAmount: row?.rest_no_amount ?? 0 },
      weightedRest: row?.rest_weighted === null || row?.rest_weighted === undefined ? null : round(row.rest_weighted),
      // Open deals none of which has an expected close date: how much is due in the quarter is unknown, not zero.
      coverage:
        (row?.open_n ?? 0) > 0 && row?.dated_n === 0
          ? { status: "no-dates" as const, remaining: null, value: null }
          : coverageOf(restAmount, target.value, wonToDate),
    };
  });
}

/** The month's open deals (as-of opportunities, open at the month's end) as SQL. */
function openSql(ctx: MetricContext): string {
  return `SELECT *, ${expectedSql()} AS expected, ${probabilitySql(ctx.config, undefined, `__opp IN (SELECT __opp FROM raw_opportunities WHERE ${validAt(monthIndex(ctx.month))} AND __since IN (${PERCENT_FOLDERS}))`)} AS p FROM opportunities
    WHERE ${openAtSql(endOf(ctx.month))}`;
}

async function openPipeline(db: Db, ctx: MetricContext) {
  const E = endOf(ctx.month);
  const r = monthIndex(ctx.month);
  const total = await db.one<
    AmountRow & { weighted: number | null; from_column: number; from_stage: number; without: number; dated: number }
  >(`
    SELECT ${AMOUNTS("true")},
      ${amountSum("amount * p")} AS weighted, count(*) FILTER (WHERE probability IS NOT NULL) AS from_column,
      count(*) FILTER (WHERE probability IS NULL AND p IS NOT NULL) AS from_stage, count(*) FILTER (WHERE p IS NULL) AS without,
      count(*) FILTER (WHERE expected IS NOT NULL) AS dated
    FROM (${openSql(ctx)})`);
  const stages = await db.all<AmountRow & { stage: string }>(`
    SELECT coalesce(stage, '(none)') AS stage, ${AMOUNTS("true")} FROM (${openSql(ctx)}) GROUP BY 1`);
  const order = Object.keys(ctx.config.pipeline.stageProbabilities);
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  const byStage = stages
    .sort((a, b) => rank(a.stage) - rank(b.stage) || b.amount - a.amount || (a.stage < b.stage ? -1 : 1))
    .map((s) => ({ stage: s.stage, ...countAmount(s), probability: ctx.config.pipeline.stageProbabilities[s.stage] ?? null }));
  const buckets = await db.all<AmountRow & { b: string }>(`
    SELECT CASE WHEN expected IS NULL THEN 'none' WHEN expected < ${E} THEN 'overdue'
        WHEN year(expected) * 12 + month(expected) - 1 <= ${r + CLOSE_BUCKETS_AHEAD} THEN CAST(year(expected) * 12 + month(expected) - 1 AS VARCHAR)
        ELSE 'later' END AS b, ${AMOUNTS("true")}
    FROM (${openSql(ctx)}) GROUP BY 1`);
  const bucketOf = new Map(buckets.map((b) => [b.b, b]));
  const byCloseMonth = ["overdue", ...Array.from({ length: CLOSE_BUCKETS_AHEAD }, (_, k) => String(r + 1 + k)), "later", "none"].map(
    (b) => ({ bucket: /^\d+$/.test(b) ? monthKey(Number(b)) : b, ...countAmount(bucketOf.get(b)) }),
  );
  return {
    open: countAmount(total),
    byStage: byStage.map(({ stage, count, amount, noAmount, probability }) => ({ stage, count, amount, noAmount, probability })),
    byCloseMonth,
    dated: total.dated,
    weighted: {
      amount: total.weighted === null ? null : round(total.weighted),
      fromColumn: total.from_column,
      fromStage: total.from_stage,
      withoutProbability: total.without,
    },
  };
}

/** The month's created, won and lost deals, and the open ones whose expected close moved across its end. */
async function movement(db: Db, ctx: MetricContext, dated: boolean): Promise<Pipeline["movement"]> {
  const E = endOf(ctx.month);
  const S = `TIMESTAMP '${ctx.month}-01'`;
  const inMonth = (col: string) => `${col} >= ${S} AND ${col} < ${E}`;
  const m = await db.one<Record<string, number>>(`
    SELECT ${[
      ["created", inMonth("created_at")],
      ["won", `outcome = 'won' AND ${inMonth("closed_at")}`],
      ["lost", `outcome = 'lost' AND ${inMonth("closed_at")}`],
    ]
      .map(([k, f]) => AMOUNTS(f!, `${k}_`))
      .join(", ")}
    FROM opportunities`);
  const pick = (k: string): CountAmount => ({
    count: m[`${k}_n`] ?? 0,
    amount: round(m[`${k}_amount`] ?? 0) ?? 0,
    noAmount: m[`${k}_no_amount`] ?? 0,
  });
  const prev = addMonths(ctx.month, -1);
  // Slipping and pulling in compare the deals at the previous month's end with now: without that
  // month's export its state is unknown (an older export's is not it: a deal may have moved in
  // between, and would be counted as moving this month), and without expected close dates (before
  // or now) nothing can be said to slip: not provided, not zero.
  if (!ctx.provided("opportunities", prev) || !dated)
    return { created: pick("created"), won: pick("won"), lost: pick("lost"), slipped: null, pulledIn: null };
  const s = await db.one<Record<string, number>>(`
    WITH p AS (SELECT __opp, ${expectedSql()} AS expected
               FROM (SELECT * REPLACE (${outcomeSql(ctx.config, "o")} AS outcome) FROM raw_opportunities o WHERE ${validAt(monthIndex(prev), "o")})
               WHERE ${openAtSql(endOf(prev))}),
    n AS (SELECT __opp, amount, outcome, created_at, closed_at, ${expectedSql()} AS expected FROM opportunities),
    j AS (SELECT n.amount,
            p.expected < ${E} AND ${openAtSql(E, "n.")} AND (n.expected IS NULL OR n.expected >= ${E}) AS slipped,
            p.expected >= ${E} AND ((n.outcome = 'won' AND n.closed_at < ${E}) OR (${openAtSql(E, "n.")} AND n.expected < ${E})) AS pulled
          FROM p JOIN n USING (__opp))
    SELECT ${AMOUNTS("slipped", "slipped_")}, ${AMOUNTS("pulled", "pulled_")}
    FROM j`);
  const pickS = (k: string): CountAmount => ({
    count: s[`${k}_n`] ?? 0,
    amount: round(s[`${k}_amount`] ?? 0) ?? 0,
    noAmount: s[`${k}_no_amount`] ?? 0,
  });
  return { created: pick("created"), won: pick("won"), lost: pick("lost"), slipped: pickS("slipped"), pulledIn: pickS("pulled") };
}

/** Open deals past their expected close, or with no activity on them or their lead for more than staleDays days. */
async function stale(db: Db, ctx: MetricContext, dated: boolean): Promise<Pipeline["stale"]> {
  const E = endOf(ctx.month);
  const days = ctx.config.pipeline.staleDays;
  const activities = ctx.provided("activities", ctx.month);
  const last = activities
    ? `la AS (
        SELECT o.__opp, max(a.occurred_at) AS last_at FROM o JOIN activities a ON a.__opp = o.__opp WHERE a.occurred_at < ${E} GROUP BY 1
        UNION ALL
        SELECT o.__opp, max(a.occurred_at) FROM o JOIN activities a ON a.__lead = o.__lead
        WHERE a.occurred_at >= o.created_at AND a.occurred_at < ${E} GROUP BY 1),
      l AS (SELECT __opp, max(last_at) AS last_at FROM la GROUP BY 1),`
    : "";
  const inactive = activities ? `greatest(o.created_at, coalesce(l.last_at, o.created_at)) < ${E} - INTERVAL ${days} DAY` : "false";
  const rows = await db.all<{ owner: string; past: number; inactive: number; total: number; amount: number; ids: string[] | null }>(`
    WITH o AS (${openSql(ctx)}), ${last}
    s AS (SELECT o.opportunity_id, coalesce(o.owner, 'unassigned') AS owner, o.amount,
            coalesce(o.expected < ${E}, false) AS past, ${inactive} AS inactive
          FROM o ${activities ? "LEFT JOIN l USING (__opp)" : ""})
    SELECT owner, count(*) FILTER (WHERE past) AS past, count(*) FILTER (WHERE inactive) AS inactive,
      count(*) FILTER (WHERE past OR inactive) AS total, coalesce(${amountSum("amount", `past OR inactive`)}, 0) AS amount,
      ${ctx.config.publishRecords ? "list(opportunity_id ORDER BY opportunity_id) FILTER (WHERE past OR inactive)" : "NULL"} AS ids
    FROM s GROUP BY 1 HAVING count(*) FILTER (WHERE past OR inactive) > 0 ORDER BY total DESC, owner`);
  const sum = (k: "past" | "inactive" | "total") => rows.reduce((a, r) => a + r[k], 0);
  const out: Pipeline["stale"] = {
    // No open deal has an expected close date: whether any is past it is unknown, not zero.
    pastClose: dated ? sum("past") : null,
    inactive: activities ? sum("inactive") : null,
    total: sum("total"),
    staleDays: days,
    owners: rows.map((r) => ({
      owner: r.owner,
      pastClose: dated ? r.past : null,
      inactive: activities ? r.inactive : null,
      total: r.total,
      amount: round(r.amount) ?? 0,
    })),
  };
  if (ctx.config.publishRecords) out.ids = rows.flatMap((r) => r.ids ?? []).sort();
  return out;
}

async function sourcing(db: Db, ctx: MetricContext, openAmount: number): Promise<Pipeline["sourcing"]> {
  const rows = await db.all<AmountRow & { source: string; marketing: boolean }>(`
    SELECT coalesce(source, ${lit(UNKNOWN_SOURCE)}) AS source, ${marketingSql(ctx.config)} AS marketing, ${AMOUNTS("true")}
    FROM (${openSql(ctx)}) GROUP BY ALL ORDER BY amount DESC, n DESC, source`);
  const mkt = rows.filter((r) => r.marketing === true);
  const marketing = {
    count: mkt.reduce((a, r) => a + r.n, 0),
    amount: round(mkt.reduce((a, r) => a + r.amount, 0)) ?? 0,
    noAmount: mkt.reduce((a, r) => a + r.no_amount, 0),
  };
  return {
    marketing,
    share: openAmount > 0 ? round(marketing.amount / openAmount) : null,
    bySource: rows.map((r) => ({ source: r.source, marketing: r.marketing === true, count: r.n, amount: round(r.amount) ?? 0 })),
  };
}

/**
 * At a quarter's last month coverage turns to the next quarter, so last month's measured another
 * quarter: no month-on-month change then (the trend keeps both months, each against its own quarter).
 */
function sameQuarter(h: Headline, q: Quarter, month: string): Headline {
  return monthIndex(q.first) > monthIndex(month) ? { ...h, previous: null, mom: null } : h;
}

/** The month's pipeline; `prepared`: what preparePipeline counted for the report months' windows. */
export async function pipelineMetrics(db: Db, ctx: MetricContext, prepared: PreparedPipeline, targets: Targets): Promise<Pipeline> {
  const series = quarterSeries(ctx, prepared, targets);
  const now = series.at(-1)!;
  const needs = datasetsOf(METRICS, "pipeline_coverage");
  const byMonth = new Map(series.map((s) => [s.m, s]));
  const coverageSeries = points(
    ctx,
    needs,
    (m) => {
      const s = byMonth.get(m)!;
      return s.coverage.value === null
        ? { value: null }
        : { value: s.coverage.value, numerator: s.rest.amount, denominator: s.coverage.remaining! };
    },
    "null",
  );
  const openSeries = points(ctx, datasetsOf(METRICS, "open_pipeline_amount"), (m) => ({ value: byMonth.get(m)!.openAmount }));
  const open = await openPipeline(db, ctx);
  // Unknown, not the won amount alone, when open deals have no dates or no probabilities.
  const forecast =
    now.coverage.status === "no-dates" || (now.weightedRest === null && now.rest.count > 0)
      ? null
      : now.wonToDate + (now.weightedRest ?? 0);
  return {
    provided: ctx.provided("opportunities", ctx.month),
    open: open.open,
    openAmount: metricHeadline("open_pipeline_amount", openSeries, ctx.month, targets),
    byStage: open.byStage,
    byCloseMonth: open.byCloseMonth,
    movement: await movement(db, ctx, open.dated > 0),
    quarter: {
      first: now.q.first,
      last: now.q.last,
      fiscalYear: now.q.fiscalYear,
      number: now.q.number,
      days: now.q.days,
      elapsed: now.q.elapsed,
      target: now.target.value,
      missingTargets: now.target.missing,
      wonToDate: now.wonToDate,
      remaining: now.coverage.remaining === null ? null : round(now.coverage.remaining),
      status: now.coverage.status,
      openRest: now.rest,
      weightedRest: now.weightedRest,
      forecast: forecast === null ? null : round(forecast),
    },
    coverage: sameQuarter(metricHeadline("pipeline_coverage", coverageSeries, ctx.month, targets), now.q, ctx.month),
    guide: ctx.config.pipeline.coverageGuide,
    weighted: open.weighted,
    stale: await stale(db, ctx, open.dated > 0),
    sourcing: await sourcing(db, ctx, open.open.amount),
  };
}
