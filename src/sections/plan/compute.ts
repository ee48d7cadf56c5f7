// The plan: the KPI tree of the month against target, the multiplicative attribution of the
// won-amount gap, attainment to date for the fiscal quarter and year with the run-rate, and the
// back-calculation of what next month and the rest of the quarter need.
import { stageDaysSql } from "../../metrics/days.ts";
import type { Db } from "../../model/duckdb.ts";
import { attainmentOf, statusOf } from "../../metrics/attainment.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, monthRange, monthsEnding, monthsLacking, round } from "../../metrics/context.ts";
import { fiscalQuarterOf, fiscalYearOf, remaining, toDate } from "../../metrics/fiscal.ts";
import type { Targets } from "../../metrics/headline.ts";
import { monthOf } from "../../metrics/series.ts";
import { NO_COUNTS, monthStageCounts, sumCounts, type PreparedStageCounts, type StageCounts } from "../../metrics/stages.ts";
import type { DatasetName } from "../../schema/dataset.ts";
import { monthIndex, monthKey } from "../../schema/month.ts";
import type { NodeId, Plan, PlanPeriod, TreeNode } from "./schema.ts";

/** The tree's levels, top down: each is the next one times the rate between them (RATES[k]). */
export const LEVELS = ["won_amount", "won", "closed", "opportunities", "sql", "mql", "leads", "sessions"] as const;
export type Level = (typeof LEVELS)[number];
/** RATES[k] = LEVELS[k] / LEVELS[k + 1]. */
export const RATES = [
  "tree_avg_deal_size",
  "win_rate",
  "tree_close_rate",
  "tree_sql_to_opportunity",
  "tree_mql_to_sql",
  "tree_lead_to_mql",
  "tree_session_to_lead",
] as const;
/** Levels and rates a targets.csv row can name (closed has no metric id). */
const TARGETABLE = new Set<string>([
  "won_amount",
  "won",
  "opportunities",
  "sql",
  "mql",
  "leads",
  "sessions",
  "tree_avg_deal_size",
  "win_rate",
]);

type Levels = Record<Level, number | null>;

/** The dataset a level's count reads: deal counts and amounts are opportunities, the funnel above them leads, sessions web traffic. */
export function datasetOf(l: Level): DatasetName {
  return l === "sessions" ? "web_traffic" : l === "sql" || l === "mql" || l === "leads" ? "leads" : "opportunities";
}

function levelsOf(c: StageCounts, sessions: number | null): Levels {
  return {
    won_amount: c.wonAmount,
    won: c.won,
    closed: c.won + c.lost,
    opportunities: c.opportunities,
    sql: c.sql,
    mql: c.mql,
    leads: c.leads,
    sessions,
  };
}

const rateOf = (num: number | null, den: number | null) => (num !== null && den !== null && den > 0 ? num / den : null);

/**
 * Targets of every node, top down: a level's own (targets.csv), else its parent's target over the
 * rate's own target or, without one, over the trailing rate (derived); a rate's target is implied
 * by its parent's and child's targets when the child's is given. `unknown[k]`: the trailing rate k
 * is not provided (a month of the trailing 3 months lacks a dataset it reads). A target worked from
 * it, or from a parent target not provided, is not provided: null, with where it would come from
 * (a null target with a source; one with no target has no source).
 */
export function treeTargets(
  given: (id: string) => number | undefined,
  trailing: readonly (number | null)[],
  unknown: readonly boolean[] = [],
): { levels: (number | null)[]; levelFrom: TreeNode["targetFrom"][]; rates: (number | null)[]; rateFrom: TreeNode["targetFrom"][] } {
  const g = (id: string) => (TARGETABLE.has(id) ? given(id) : undefined);
  const levels: (number | null)[] = [g("won_amount") ?? null];
  const levelFrom: TreeNode["targetFrom"][] = [levels[0] === null ? null : "given"];
  const rates: (number | null)[] = [];
  const rateFrom: TreeNode["targetFrom"][] = [];
  for (let k = 0; k < RATES.length; k++) {
    const parent = levels[k]!;
    // The parent has a target, which is not provided.
    const parentUnknown = parent === null && levelFrom[k] !== null;
    const child = g(LEVELS[k + 1]!);
    const rate = g(RATES[k]!);
    if (child !== undefined) {
      levels.push(child);
      levelFrom.push("given");
      if (parent !== null && child > 0) {
        rates.push(parent / child);
        rateFrom.push("implied");
      } else if (parentUnknown && rate === undefined && child > 0) {
        rates.push(null);
        rateFrom.push("implied");
      } else {
        rates.push(rate ?? null);
        rateFrom.push(rate === undefined ? null : "given");
      }
    } else if (parent === null && !parentUnknown) {
      levels.push(null);
      levelFrom.push(null);
      rates.push(rate ?? null);
      rateFrom.push(rate === undefined ? null : "given");
    } else {
      const rateUnknown = rate === undefined && unknown[k] === true;
      const r = rate ?? trailing[k] ?? null;
      rates.push(rateUnknown ? null : r);
      rateFrom.push(rateUnknown ? "derived" : r === null ? null : rate !== undefined ? "given" : "derived");
      if (parentUnknown || rateUnknown) {
        levels.push(null);
        levelFrom.push("derived");
      } else {
        levels.push(r !== null && r > 0 ? parent! / r : null);
        levelFrom.push(r !== null && r > 0 ? "derived" : null);
      }
    }
  }
  return { levels, levelFrom, rates, rateFrom };
}

/**
 * The gap's main cause. With won amount's actual and target positive: the factors (rates down to
 * the deepest level whose actual and target, and every rate above it, are positive, and that
 * level) each get log(actual / target) / log(won amount actual / target); the largest share names
 * the cause. With a zero actual: the rate that turned a non-zero level into zero.
 */
export function attribute(
  actual: { levels: (number | null)[]; rates: (number | null)[] },
  target: { levels: (number | null)[]; rates: (number | null)[] },
): { shares: Map<NodeId, number>; driver: NodeId | null; how: "share" | "zero" | "none" } {
  const shares = new Map<NodeId, number>();
  const A0 = actual.levels[0];
  const T0 = target.levels[0];
  if (A0 === null || A0 === undefined || T0 === null || T0 === undefined || T0 <= 0) return { shares, driver: null, how: "none" };
  if (A0 === 0) {
    for (let k = 0; k < RATES.length; k++) {
      const below = actual.levels[k + 1];
      if (below === null || below === undefined) return { shares, driver: LEVELS[k]!, how: "zero" };
      if (below > 0) return { shares, driver: RATES[k]!, how: "zero" };
    }
    return { shares, driver: LEVELS.at(-1)!, how: "zero" };
  }
  const total = Math.log(A0 / T0);
  if (total === 0) return { shares, driver: null, how: "none" };
  const positive = (x: number | null | undefined): x is number => x !== null && x !== undefined && x > 0;
  let n = 0;
  while (
    n < RATES.length &&
    positive(actual.rates[n]) &&
    positive(target.rates[n]) &&
    positive(actual.levels[n + 1]) &&
    positive(target.levels[n + 1])
  )
    n++;
  if (n === 0) return { shares, driver: null, how: "none" };
  // + 0: a factor on target has share 0, not -0.
  const share = (a: number, t: number) => round(Math.log(a / t) / total)! + 0;
  for (let k = 0; k < n; k++) shares.set(RATES[k]!, share(actual.rates[k]!, target.rates[k]!));
  shares.set(LEVELS[n]!, share(actual.levels[n]!, target.levels[n]!));
  let driver: NodeId | null = null;
  for (const [id, s] of shares) if (driver === null || s > shares.get(driver)!) driver = id;
  return { shares, driver, how: "share" };
}

/**
 * The gap's main cause as the page names it: only when the won amount is at risk or missed. On
 * target there is no gap to explain (a share of log(1.05) is mostly noise): "on_target", no node.
 */
function driverOf(provided: boolean, att: ReturnType<typeof attribute>, wonAmount: TreeNode): Plan["driver"] {
  const { attainment } = wonAmount;
  if (!provided) return { node: null, how: "none", attainment };
  if (wonAmount.status === "met") return { node: null, how: "on_target", attainment };
  return { node: att.driver, how: att.how, attainment };
}

async function sessionsByMonth(db: Db, months: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.all<{ m: number; n: number }>(`
    SELECT ${monthOf("date")} AS m, sum(sessions) AS n FROM web_traffic
    WHERE date >= DATE '${months[0]}-01' AND date < DATE '${addMonths(months.at(-1)!, 1)}-01' GROUP BY 1`);
  return new Map(rows.map((r) => [monthKey(r.m), Number(r.n)]));
}

/** Median days from entering each stage to winning, of the deals won in `months`. */
async function cycleDays(db: Db, months: readonly string[]): Promise<Record<"opportunities" | "sql" | "mql" | "leads", number | null>> {
  // Ordered by calendar day, as velocity and the sales cycle are: a deal won the day it was created
  // (a close date without a time) takes 0 days, not a negative duration left out.
  const days = (from: string) => stageDaysSql(from, "o.closed_at");
  const median = (from: string) => `quantile_cont(${days(from)}, 0.5) FILTER (WHERE ${from} IS NOT NULL AND ${days(from)} >= 0)`;
  const r = await db.one<{ opportunities: number | null; sql: number | null; mql: number | null; leads: number | null }>(`
    SELECT ${median("o.created_at")} AS opportunities, ${median("l.sql_at")} AS sql, ${median("l.mql_at")} AS mql, ${median("l.created_at")} AS leads
    FROM opportunities o LEFT JOIN deal_leads l ON l.__lead = o.__lead
    WHERE o.outcome = 'won' AND o.closed_at >= TIMESTAMP '${months[0]}-01' AND o.closed_at < TIMESTAMP '${addMonths(months.at(-1)!, 1)}-01'`);
  return { opportunities: round(r.opportunities, 1), sql: round(r.sql, 1), mql: round(r.mql, 1), leads: round(r.leads, 1) };
}

/**
 * The day by which a stage's volume must have entered it for its deals to be won from `nextMonth`'s
 * first day on: that day less `days` (rounded up). It has passed when it is before that first day,
 * i.e. on or before the end of the report month, the month before `nextMonth`: the report is as of
 * that end, so when it is read the day is behind, and next month's wins from the stage must come
 * from what had entered it by then. From the report month alone, never today's date.
 */
export function enterBy(nextMonth: string, days: number | null): { nextBy: string | null; nextByPassed: boolean | null } {
  if (days === null) return { nextBy: null, nextByPassed: null };
  const d = new Date(`${nextMonth}-01T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - Math.ceil(days));
  const nextBy = d.toISOString().slice(0, 10);
  return { nextBy, nextByPassed: nextBy < `${nextMonth}-01` };
}

export async function planMetrics(db: Db, ctx: MetricContext, stages: PreparedStageCounts, targets: Targets): Promise<Plan> {
  const M = ctx.month;
  const config = ctx.config;
  const fy = fiscalYearOf(M, config.fiscalYearStartMonth);
  const fq = fiscalQuarterOf(M, config.fiscalYearStartMonth);
  const first = monthKey(Math.min(monthIndex(fy.first), monthIndex(M) - 3));
  const span = monthRange(first, M);
  // The month's counts (prepared for every month at once), which span these months.
  const counts = monthStageCounts(stages, ctx);
  const sessions = await sessionsByMonth(db, span);
  const provided = ctx.provided("leads", M) && ctx.provided("opportunities", M);
  const levelsAt = (m: string): Levels =>
    levelsOf(counts.get(m) ?? NO_COUNTS, ctx.provided("web_traffic", m) ? (sessions.get(m) ?? 0) : null);
  const ratesOf = (l: Levels) => RATES.map((_, k) => rateOf(l[LEVELS[k]!], l[LEVELS[k + 1]!]));

  const now = levelsAt(M);
  // The previous month's levels, for the changes: a level whose dataset that month lacks has no
  // value (a change against it is none, not one against zero), nor has a rate that reads it.
  const previousMonth = addMonths(M, -1);
  const before = levelsAt(previousMonth);
  for (const l of LEVELS) if (!ctx.provided(datasetOf(l), previousMonth)) before[l] = null;
  // The trailing 3 months: a level's sum over them needs its dataset in each of them. A month
  // without it would count as zero and move the rate (a month's SQLs without its MQLs, or none of
  // either and two months passed off as three): the level is not provided, and so is every rate
  // and need worked from it.
  const last3 = monthsEnding(M, 3);
  const missing = (["leads", "opportunities", "web_traffic"] as const)
    .map((dataset) => ({ dataset, months: monthsLacking(ctx, dataset, last3) }))
    .filter((x) => x.months.length > 0);
  const inWindow = (d: DatasetName) => !missing.some((x) => x.dataset === d);
  const sum3 = levelsOf(
    sumCounts(counts, last3),
    last3.reduce((a, m) => a + (sessions.get(m) ?? 0), 0),
  );
  for (const l of LEVELS) if (!inWindow(datasetOf(l))) sum3[l] = null;
  const trailing = ratesOf(sum3);
  const unknown = RATES.map((_, k) => !inWindow(datasetOf(LEVELS[k]!)) || !inWindow(datasetOf(LEVELS[k + 1]!)));
  const given = (id: string) => targets.get(`${id}|${M}`);
  const t = treeTargets(given, trailing, unknown);
  const actualRates = ratesOf(now);
  const previousRates = ratesOf(before);
  // The split by shares needs the target of every factor down to leads: one worked from a trailing
  // rate not provided leaves it not provided (the zero path reads the actuals only). Below leads, a
  // sessions target not provided ends it at leads, as a month without web traffic does.
  const leads = LEVELS.indexOf("leads");
  const splitKnown =
    t.levels.slice(0, leads + 1).every((v, k) => v !== null || t.levelFrom[k] === null) &&
    t.rates.slice(0, leads).every((v, k) => v !== null || t.rateFrom[k] === null);
  const attributed = attribute({ levels: LEVELS.map((l) => now[l]), rates: actualRates }, { levels: t.levels, rates: t.rates });
  const att =
    attributed.how === "share" && !splitKnown ? { shares: new Map<NodeId, number>(), driver: null, how: "none" as const } : attributed;

  const node = (
    id: NodeId,
    kind: TreeNode["kind"],
    parent: NodeId | null,
    value: number | null,
    previous: number | null,
    target: number | null,
    from: TreeNode["targetFrom"],
    provision: boolean,
    parts?: [number | null, number | null],
  ): TreeNode => {
    const v = provision ? value : null;
    const p = provision ? previous : null;
    const mom = v === null || p === null ? null : kind === "ratio" ? round(v - p) : p === 0 ? null : round((v - p) / Math.abs(p));
    const attainment = attainmentOf(v, target === null ? null : round(target));
    const n: TreeNode = {
      id,
      kind,
      parent,
      value: round(v),
      provided: provision,
      previous: round(p),
      mom,
      target: round(target),
      // A target not provided keeps its source (treeTargets).
      targetFrom: from,
      attainment,
      status: statusOf(attainment, config),
      share: att.shares.get(id) ?? null,
    };
    if (parts && provision && parts[0] !== null && parts[1] !== null)
      Object.assign(n, { numerator: round(parts[0]), denominator: round(parts[1]) });
    return n;
  };
  const nodes: TreeNode[] = [];
  // Each level by its own dataset: deal counts and amounts are opportunities, the funnel above them leads.
  const levelProvided = (l: Level) => ctx.provided(datasetOf(l), M);
  LEVELS.forEach((l, k) => {
    const parent = k === 0 ? null : LEVELS[k - 1]!;
    nodes.push(
      node(
        l === "won" ? "won" : l,
        l === "won_amount" ? "currency" : "count",
        parent,
        now[l],
        before[l],
        t.levels[k] ?? null,
        t.levelFrom[k] ?? null,
        levelProvided(l),
      ),
    );
    if (k < RATES.length) {
      const r = RATES[k]!;
      nodes.push(
        node(
          r,
          r === "tree_avg_deal_size" ? "currency" : "ratio",
          l,
          actualRates[k]!,
          previousRates[k]!,
          t.rates[k] ?? null,
          t.rateFrom[k] ?? null,
          levelProvided(l) && levelProvided(LEVELS[k + 1]!),
          [now[l], now[LEVELS[k + 1]!]],
        ),
      );
    }
  });

  // Attainment to date: won amount, and each volume with targets.
  const period = (kind: PlanPeriod["period"], months: readonly string[], metric: Level): PlanPeriod => {
    const elapsed = toDate({ first: months[0]!, last: months.at(-1)!, months: [...months], year: fy.year }, M);
    // The actual to date needs its dataset in each month to date (one before the first folder has
    // none): a month without it would count as zero, and the run-rate and attainment with it.
    const missing = monthsLacking(ctx, datasetOf(metric), elapsed);
    const values = elapsed.map((m) => levelsAt(m)[metric]);
    const actual = missing.length > 0 || values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0);
    const sumTargets = (ms: readonly string[]) => {
      const ts = ms.map((m) => targets.get(`${metric}|${m}`));
      return ts.some((x) => x === undefined) ? null : ts.reduce<number>((a, x) => a + x!, 0);
    };
    const targetToDate = sumTargets(elapsed);
    const targetFull = sumTargets(months);
    const runRate = actual === null ? null : (actual / elapsed.length) * months.length;
    const attainment = attainmentOf(actual, targetToDate);
    return {
      period: kind,
      metric,
      first: months[0]!,
      last: months.at(-1)!,
      elapsed: elapsed.length,
      months: months.length,
      actual: round(actual),
      targetToDate: round(targetToDate),
      targetFull: round(targetFull),
      attainment,
      status: statusOf(attainment, config),
      runRate: round(runRate),
      projectedAttainment: attainmentOf(runRate, targetFull),
      missing,
    };
  };
  const hasTargets = (metric: Level, months: readonly string[]) => months.some((m) => targets.has(`${metric}|${m}`));
  const periods: PlanPeriod[] = [];
  for (const metric of LEVELS.filter((l) => l !== "closed" && l !== "won"))
    if (metric === "won_amount" || hasTargets(metric, fy.months))
      periods.push(period("quarter", fq.months, metric), period("year", fy.months, metric));
  const fytd = periods.find((p) => p.period === "year" && p.metric === "won_amount")!;

  // Back-calculation at the trailing 3-month rates.
  const nextMonth = addMonths(M, 1);
  const left = remaining(fq, M);
  // At a quarter's last month nothing of it is left: the next quarter, all to come, stands in.
  const restMonths = left.length ? left : fiscalQuarterOf(nextMonth, config.fiscalYearStartMonth).months;
  const targetOf = (ms: readonly string[]) => {
    const ts = ms.map((m) => targets.get(`won_amount|${m}`));
    return ts.some((x) => x === undefined) ? null : ts.reduce<number>((a, x) => a + x!, 0);
  };
  const nextTarget = targetOf([nextMonth]);
  const restTarget = targetOf(restMonths);
  // Days to won of the deals won in the trailing 3 months: their deals, and for the funnel stages their leads, in each month.
  const known = await cycleDays(db, last3);
  const cycles = {
    opportunities: inWindow("opportunities") ? known.opportunities : null,
    sql: inWindow("opportunities") && inWindow("leads") ? known.sql : null,
    mql: inWindow("opportunities") && inWindow("leads") ? known.mql : null,
    leads: inWindow("opportunities") && inWindow("leads") ? known.leads : null,
  };
  const steps: { stage: "won" | "opportunities" | "sql" | "mql" | "leads"; rate: number | null }[] = [
    { stage: "won", rate: rateOf(sum3.won_amount, sum3.won) },
    { stage: "opportunities", rate: rateOf(sum3.won, sum3.opportunities) },
    { stage: "sql", rate: rateOf(sum3.opportunities, sum3.sql) },
    { stage: "mql", rate: rateOf(sum3.sql, sum3.mql) },
    { stage: "leads", rate: rateOf(sum3.mql, sum3.leads) },
  ];
  let next: number | null = provided ? nextTarget : null;
  let rest: number | null = provided ? restTarget : null;
  const needs = steps.map(({ stage, rate }) => {
    next = next !== null && rate !== null && rate > 0 ? next / rate : null;
    rest = rest !== null && rate !== null && rate > 0 ? rest / rate : null;
    const cycle = stage === "won" ? null : cycles[stage];
    return { stage, rate: round(rate), next: round(next), rest: round(rest), cycleDays: cycle, ...enterBy(nextMonth, cycle) };
  });

  return {
    provided,
    sessionsProvided: ctx.provided("web_traffic", M),
    nodes,
    driver: driverOf(provided, att, nodes[0]!),
    fiscalYear: fy.year,
    quarter: fq.quarter!,
    fytd: { id: "plan_fytd_attainment", value: fytd.attainment },
    periods,
    back: { nextMonth, nextTarget, restMonths, restOf: left.length ? "quarter" : "next_quarter", restTarget, needs },
    trailing: { months: last3, missing },
  };
}
