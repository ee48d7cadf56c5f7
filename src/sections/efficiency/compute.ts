// Efficiency: spend against budget (month, fiscal quarter and year, by channel, category and team),
// cost per funnel stage in total and by channel, CAC over trailing 3 and 12 months with
// marketing-only CAC beside it, LTV from the configured margin and lifetime, LTV:CAC, payback, and
// campaign ROI. Spend is event data: each row is for its `month`, read as of the report month.
import { openAtSql } from "../../metrics/open.ts";
import type { Db } from "../../model/duckdb.ts";
import { attainmentOf, statusOf } from "../../metrics/attainment.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, monthsEnding, monthsLacking, round } from "../../metrics/context.ts";
import { fiscalQuarterOf, fiscalYearOf, toDate } from "../../metrics/fiscal.ts";
import type { Point, Targets } from "../../metrics/headline.ts";
import { amountSum, monthOf } from "../../metrics/series.ts";
import {
  channelSql,
  monthStageCounts,
  NO_COUNTS,
  stageCountSpan,
  sumCounts,
  type PreparedStageCounts,
  type StageCounts,
} from "../../metrics/stages.ts";
import { monthKey } from "../../schema/month.ts";
import { headlineOf } from "../section.ts";
import { METRICS } from "./metrics.ts";
import type { CacWindow, CampaignCycle, Efficiency, PeriodSpend, SpendRow } from "./schema.ts";
import { MIN_CYCLE_DEALS } from "./roi.ts";
import { marketing, SpendBook, spendLines, type SpendLine } from "./spend.ts";

const headline = headlineOf(METRICS);

/** Fewer new customers than this in a window: too few for a CAC (cost per SQL stands in). */
export const MIN_CUSTOMERS = 5;
/** Channels drawn in the cost-per-lead trend. */
const TREND_CHANNELS = 6;
/** Campaigns listed in the ROI table (started in the trailing 12 months, largest cost first). */
const CAMPAIGN_ROWS = 30;

const div = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round(a / b) : null);

/** A window month's value as a point: null (not provided) unless `provided`; a ratio keeps its parts. */
function costPoint(month: string, provided: boolean, spend: number | null, count: number): Point {
  if (!provided || spend === null) return { month, value: null };
  return { month, value: count > 0 ? round(spend / count) : null, numerator: round(spend)!, denominator: count };
}

/** Whether the deals give their type (some opportunity has one): then renewals and expansions make no new customer. */
async function dealTypeGiven(db: Db): Promise<boolean> {
  const rows = await db.all<{ n: number }>("SELECT count(type) AS n FROM opportunities");
  return Number(rows[0]?.n ?? 0) > 0;
}

/** The new-business deals a typed export adds to `won`: only they are won by a new customer. */
const NEW_BUSINESS = "type = 'new_business'";

/**
 * New customers per month: accounts by the month of their first won deal; with `newBusiness`, their
 * first won new-business deal (a renewal or expansion is an existing customer's). A deal's account is
 * its own, else its lead's (as the accounts section reads it): a repeat customer's deal without an
 * account_id is not a new customer. A deal with neither is a customer of its own.
 */
async function newCustomersByMonth(db: Db, from: string, to: string, newBusiness: boolean): Promise<Map<string, number>> {
  const rows = await db.all<{ m: number; n: number }>(`
    WITH firsts AS (SELECT coalesce(o.account_id, dl.account_id, '#' || o.opportunity_id) AS customer, min(o.closed_at) AS first_won
      FROM opportunities o LEFT JOIN deal_leads dl ON dl.__lead = o.__lead
      WHERE o.outcome = 'won' AND o.closed_at IS NOT NULL${newBusiness ? ` AND o.${NEW_BUSINESS}` : ""} GROUP BY 1)
    SELECT ${monthOf("first_won")} AS m, count(*) AS n FROM firsts
    WHERE first_won >= TIMESTAMP '${from}-01' AND first_won < TIMESTAMP '${addMonths(to, 1)}-01' GROUP BY 1`);
  return new Map(rows.map((r) => [monthKey(r.m), Number(r.n)]));
}

/**
 * The campaign cycle as of the month's end (campaignCycleSchema): the 90th percentile of whole days
 * from a lead's creation to its deal's creation (deals created in the trailing 12 months) and to its
 * close as won (deals won in them), over the deals with a lead; new business only with `newBusiness`.
 */
async function campaignCycle(db: Db, M: string, newBusiness: boolean): Promise<CampaignCycle> {
  const from = `TIMESTAMP '${addMonths(M, -11)}-01'`;
  const end = `TIMESTAMP '${addMonths(M, 1)}-01'`;
  const r = await db.one<{ deals: number; to_deal: number | null; won: number; to_won: number | null }>(`
    -- A deal's leads: the leads whose opportunity_id is the deal, and the deal's lead_id.
    WITH k AS (SELECT __lead, __opp FROM deal_leads WHERE __opp IS NOT NULL
               UNION SELECT __lead, __opp FROM opportunities WHERE __lead IS NOT NULL),
    -- Its cycle starts with the first of them.
    f AS (SELECT k.__opp, min(l.created_at) AS lead_at FROM k JOIN deal_leads l USING (__lead) GROUP BY 1),
    d AS (SELECT o.created_at, o.closed_at, o.outcome = 'won' AS won,
            date_diff('day', CAST(f.lead_at AS DATE), CAST(o.created_at AS DATE)) AS to_deal,
            date_diff('day', CAST(f.lead_at AS DATE), CAST(o.closed_at AS DATE)) AS to_won
          FROM opportunities o JOIN f USING (__opp)${newBusiness ? ` WHERE o.${NEW_BUSINESS}` : ""}),
    -- A deal dated before its lead is out of order: left out.
    x AS (SELECT to_deal, to_won, to_deal >= 0 AND created_at >= ${from} AND created_at < ${end} AS created_here,
            won AND to_won >= 0 AND closed_at >= ${from} AND closed_at < ${end} AS won_here FROM d)
    SELECT count(*) FILTER (WHERE created_here) AS deals, quantile_cont(to_deal, 0.9) FILTER (WHERE created_here) AS to_deal,
      count(*) FILTER (WHERE won_here) AS won, quantile_cont(to_won, 0.9) FILTER (WHERE won_here) AS to_won
    FROM x`);
  const p90 = (n: number, v: number | null) => (n >= MIN_CYCLE_DEALS && v !== null ? Math.ceil(v) : null);
  const deals = Number(r.deals);
  const won = Number(r.won);
  return { deals, toDeal: p90(deals, r.to_deal), won, toWon: p90(won, r.to_won) };
}

/** `counts` with its won deals (count, amount) narrowed to new business, per month (and channel). */
async function newBusinessWon(db: Db, counts: ReadonlyMap<string, StageCounts>, months: readonly string[], byChannel = false) {
  // Keys as stageCounts gives them: `${month}`, and with byChannel `${month}|${channel}` too (grouping sets).
  const rows = await db.all<{ m: number; channel: string | null; whole: number; won: number; amount: number | null; with_amount: number }>(`
    SELECT m, channel, ${byChannel ? "grouping(channel)" : "1"} AS whole, count(*) AS won, ${amountSum("amount")} AS amount, count(amount) AS with_amount
    FROM (SELECT ${monthOf("closed_at")} AS m, ${byChannel ? channelSql("source") : "''"} AS channel, amount
      FROM opportunities WHERE outcome = 'won' AND ${NEW_BUSINESS}
        AND closed_at >= TIMESTAMP '${months[0]}-01' AND closed_at < TIMESTAMP '${addMonths(months.at(-1)!, 1)}-01')
    GROUP BY ${byChannel ? "GROUPING SETS ((m, channel), (m))" : "ALL"}`);
  const out = new Map([...counts].map(([k, c]) => [k, { ...c, won: 0, wonAmount: 0, wonWithAmount: 0 }]));
  for (const r of rows) {
    const key = r.whole ? monthKey(r.m) : `${monthKey(r.m)}|${r.channel ?? ""}`;
    const c = out.get(key) ?? { ...NO_COUNTS };
    out.set(key, { ...c, won: Number(r.won), wonAmount: Number(r.amount ?? 0), wonWithAmount: Number(r.with_amount) });
  }
  return out;
}

function periodSpend(
  book: SpendBook,
  period: PeriodSpend["period"],
  months: readonly string[],
  elapsed: readonly string[],
  ctx: MetricContext,
): PeriodSpend {
  const actual = book.actual(elapsed);
  const budgetToDate = book.budget(elapsed);
  const unreported = book.unreported(elapsed);
  const status = statusOf(attainmentOf(actual, budgetToDate, "lower"), ctx.config);
  return {
    period,
    first: months[0]!,
    last: months.at(-1)!,
    elapsed: elapsed.length,
    actual: round(actual),
    budgetToDate: round(budgetToDate),
    budgetFull: round(book.budget(months)),
    variance: actual !== null && budgetToDate !== null ? round(actual - budgetToDate) : null,
    unreported,
    // Lines still to come only add spend: "within budget" waits for them, "over" already holds.
    status: unreported > 0 && status === "met" ? null : status,
  };
}

/** Spend against budget per group (channel, category or team), month, quarter and year to date. */
function spendRows(
  book: SpendBook,
  group: (l: SpendLine) => string,
  name: (l: SpendLine) => string,
  p: { month: string[]; quarter: string[]; year: string[] },
): SpendRow[] {
  const keys = new Map<string, string>();
  for (const l of book.lines) if (p.year.includes(l.month) && !keys.has(group(l))) keys.set(group(l), name(l));
  return [...keys]
    .map(([key, label]) => {
      const keep = (l: SpendLine) => group(l) === key;
      const year = book.settled(p.year, keep);
      const yearBudget = book.budget(p.year, keep);
      return {
        name: label,
        month: round(book.settled(p.month, keep)),
        monthBudget: round(book.budget(p.month, keep)),
        quarter: round(book.settled(p.quarter, keep)),
        quarterBudget: round(book.budget(p.quarter, keep)),
        year: round(year),
        yearBudget: round(yearBudget),
        over: year !== null && yearBudget !== null && year > yearBudget,
      };
    })
    .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.name.localeCompare(b.name));
}

export async function efficiencyMetrics(db: Db, ctx: MetricContext, stages: PreparedStageCounts, targets: Targets): Promise<Efficiency> {
  const M = ctx.month;
  const config = ctx.config;
  const book = new SpendBook(await spendLines(db));
  const fy = fiscalYearOf(M, config.fiscalYearStartMonth);
  const fq = fiscalQuarterOf(M, config.fiscalYearStartMonth);
  const p = { month: [M], quarter: toDate(fq, M), year: toDate(fy, M) };

  // Spend against budget: the budget is the spend headline's target, unless targets.csv gives one.
  const withBudget = new Map(targets);
  for (const m of ctx.window) {
    const b = book.budget([m]);
    if (b !== null && !targets.has(`spend|${m}`)) withBudget.set(`spend|${m}`, round(b)!);
  }
  const spendHeadline = headline(
    "spend",
    ctx.window.map((m) => ({ month: m, value: round(book.actual([m])) })),
    M,
    withBudget,
  );

  // Funnel counts, in total and by channel: the window and the two months before it (trailing
  // 3-month CAC of its first month).
  const span = stageCountSpan(ctx);
  // With the deal type given, won deals are new business only (cost per won deal, LTV's average deal).
  const typed = await dealTypeGiven(db);
  const allCounts = monthStageCounts(stages, ctx);
  const counts = typed ? await newBusinessWon(db, allCounts, span, true) : allCounts;
  const at = (m: string): StageCounts => counts.get(m) ?? NO_COUNTS;
  const mkt = (months: readonly string[]) => book.actual(months, marketing);
  const costHeadline = (
    id: "cost_per_lead" | "cost_per_mql" | "cost_per_sql" | "cost_per_opportunity" | "cost_per_won",
    stage: keyof StageCounts,
    needs: "leads" | "opportunities",
  ) =>
    headline(
      id,
      ctx.window.map((m) => costPoint(m, ctx.provided(needs, m), mkt([m]), at(m)[stage])),
      M,
      targets,
    );

  // Cost per stage by channel, this month: the channel's marketing spend over the records whose source is the channel.
  const channels = new Map<string, string>();
  for (const l of book.lines)
    if (l.month === M && l.team === "marketing" && !channels.has(l.channelKey)) channels.set(l.channelKey, l.channel);
  const costByChannel = [...channels]
    .map(([key, channel]) => {
      const spend = book.settled([M], (l) => l.team === "marketing" && l.channelKey === key);
      const c = counts.get(`${M}|${key}`) ?? NO_COUNTS;
      return {
        channel,
        spend: round(spend),
        leads: c.leads,
        mql: c.mql,
        sql: c.sql,
        opportunities: c.opportunities,
        won: c.won,
        perLead: div(spend, c.leads),
        perMql: div(spend, c.mql),
        perSql: div(spend, c.sql),
        perOpportunity: div(spend, c.opportunities),
        perWon: div(spend, c.won),
      };
    })
    .sort((a, b) => (b.spend ?? -1) - (a.spend ?? -1) || a.channel.localeCompare(b.channel));
  const channelSeries = book.reports(M)
    ? costByChannel.slice(0, TREND_CHANNELS).map((row) => {
        const key = row.channel.trim().toLowerCase();
        return {
          channel: row.channel,
          series: ctx.window.map((m) => {
            const spend =
              book.reports(m) && ctx.provided("leads", m) ? book.settled([m], (l) => l.team === "marketing" && l.channelKey === key) : null;
            // Without a value, `provided` tells no lead from the channel ("-") from a spend not there.
            return { month: m, value: div(spend, (counts.get(`${m}|${key}`) ?? NO_COUNTS).leads), provided: spend !== null };
          }),
        };
      })
    : [];

  // CAC: trailing windows ending at each window month.
  const customers = await newCustomersByMonth(db, span[0]!, M, typed);
  const cacWindow = (end: string, months: number): CacWindow => {
    const ms = monthsEnding(end, months);
    const spendProvided = book.reportsAll(ms);
    const salesProvided = book.hasSales(ms);
    const marketingSpend = mkt(ms);
    const salesSpend = salesProvided ? book.actual(ms, (l) => l.team === "sales") : null;
    // New customers need each month's deals, and SQLs each month's leads (a month before the first
    // folder has none): a month without them would count as zero.
    const missing = { opportunities: monthsLacking(ctx, "opportunities", ms), leads: monthsLacking(ctx, "leads", ms) };
    const newCustomers = missing.opportunities.length > 0 ? null : ms.reduce((a, m) => a + (customers.get(m) ?? 0), 0);
    const enough = newCustomers !== null && newCustomers >= MIN_CUSTOMERS;
    const sqls = missing.leads.length > 0 ? null : sumCounts(counts, ms).sql;
    return {
      months,
      first: ms[0]!,
      last: end,
      spendProvided,
      salesProvided,
      marketingSpend: round(marketingSpend),
      salesSpend: round(salesSpend),
      newCustomers,
      unreported: book.unreported(ms),
      cac: enough && marketingSpend !== null && salesSpend !== null ? round((marketingSpend + salesSpend) / newCustomers) : null,
      cacMarketing: enough && marketingSpend !== null ? round(marketingSpend / newCustomers) : null,
      costPerSql: div(marketingSpend, sqls),
      sqls,
      missing,
    };
  };
  // A month's CAC over its trailing 3 months: not provided without the spend it adds up (reported in
  // each of them) or without the deals of each of them; with the data present and fewer than MIN_CUSTOMERS
  // new customers, no value over its parts (too few for a CAC: "-", noCases), not "not provided".
  const cacPoints = (pick: (w: CacWindow) => { value: number | null; spend: number | null }) =>
    ctx.window.map((m): Point => {
      const w = cacWindow(m, 3);
      const { value, spend } = pick(w);
      return spend === null || w.newCustomers === null
        ? { month: m, value: null }
        : { month: m, value, numerator: round(spend)!, denominator: w.newCustomers };
    });
  const cac = headline(
    "cac",
    cacPoints((w) => ({
      value: w.cac,
      spend: w.marketingSpend === null || w.salesSpend === null ? null : w.marketingSpend + w.salesSpend,
    })),
    M,
    targets,
  );
  const cacMarketing = headline(
    "cac_marketing",
    cacPoints((w) => ({ value: w.cacMarketing, spend: w.marketingSpend })),
    M,
    targets,
  );
  const cacWindows = [cacWindow(M, 3), cacWindow(M, 12)];

  // LTV from the average won amount of the trailing 12 months: not provided when a month of them
  // lacks its deals (its wins would count as none).
  const yearMonths = monthsEnding(M, 12);
  const ltvMissing = monthsLacking(ctx, "opportunities", yearMonths);
  const year = ltvMissing.length > 0 ? null : sumCounts(counts, yearMonths);
  const averageWon = year === null ? null : div(year.wonAmount, year.wonWithAmount);
  const { grossMargin, lifetimeMonths, monthlyChurn } = config.ltv;
  const basis = config.amountBasis;
  const lifetimeFrom =
    basis === "one_time" ? null : lifetimeMonths !== undefined ? "lifetime" : monthlyChurn !== undefined ? "churn" : null;
  const lifetime = lifetimeFrom === "lifetime" ? lifetimeMonths! : lifetimeFrom === "churn" ? 1 / monthlyChurn! : null;
  const monthlyGrossProfit =
    averageWon === null || grossMargin === undefined || basis === "one_time"
      ? null
      : round((basis === "annual" ? averageWon / 12 : averageWon) * grossMargin);
  const ltv =
    averageWon === null || grossMargin === undefined
      ? null
      : basis === "one_time"
        ? round(averageWon * grossMargin)
        : monthlyGrossProfit !== null && lifetime !== null
          ? round(monthlyGrossProfit * lifetime)
          : null;
  // The longest window with a CAC; marketing-only only where sales spend is not provided.
  const prefer = [...cacWindows].reverse();
  const withSales = prefer.find((w) => w.cac !== null);
  const marketingOnly = withSales ? undefined : prefer.find((w) => w.cacMarketing !== null && !w.salesProvided);
  const used = withSales ?? marketingOnly;
  const cacUsed = withSales ? withSales.cac : (marketingOnly?.cacMarketing ?? null);

  // Campaign ROI: campaigns started in the trailing 12 months, to date.
  const end = `TIMESTAMP '${addMonths(M, 1)}-01'`;
  // How long its leads have had by the month's end: a campaign's leads come in until it ends (an
  // event's at the event, weeks after its start), so the days are counted from its end; from its
  // start when it gives none ("open": a CRM leaves a running campaign's end blank, so nothing says
  // it has ended) or one before its start.
  const clock = "CASE WHEN ended_at >= started_at THEN ended_at ELSE started_at END";
  const from = "CASE WHEN ended_at IS NULL THEN 'open' WHEN ended_at >= started_at THEN 'end' ELSE 'start' END";
  const campaigns = await db.all<{
    campaign_id: string;
    name: string;
    channel: string | null;
    cost: number;
    mqls: number;
    sqls: number;
    pipeline: number;
    won: number;
    open: number;
    since: "end" | "start" | "open";
    days: number;
  }>(`
    WITH c AS (SELECT campaign_id, name, channel, cost, ${from} AS since,
                 date_diff('day', CAST(${clock} AS DATE), last_day(DATE '${M}-01')) AS days FROM campaigns
               WHERE cost > 0 AND started_at >= TIMESTAMP '${addMonths(M, -11)}-01' AND started_at < ${end}
               ORDER BY cost DESC, campaign_id LIMIT ${CAMPAIGN_ROWS}),
    -- Only the listed campaigns' leads and deals are counted, not every campaign's.
    l AS (SELECT campaign_id, count(*) FILTER (WHERE mql_at < ${end}) AS mqls, count(*) FILTER (WHERE sql_at < ${end}) AS sqls
          FROM leads WHERE campaign_id IN (SELECT campaign_id FROM c) GROUP BY 1),
    -- Open: its deals created by the month's end and still open then, as the pipeline counts them;
    -- their outcome is still ahead, so the won amount to date (and its ROI) is not final.
    o AS (SELECT campaign_id, coalesce(${amountSum("amount", `created_at < ${end}`)}, 0) AS pipeline,
            coalesce(${amountSum("amount", `outcome = 'won' AND closed_at < ${end}`)}, 0) AS won,
            count(*) FILTER (WHERE ${openAtSql(end)}) AS open
          FROM opportunities WHERE campaign_id IN (SELECT campaign_id FROM c) GROUP BY 1)
    SELECT c.campaign_id, c.name, c.channel, c.cost, coalesce(l.mqls, 0) AS mqls, coalesce(l.sqls, 0) AS sqls,
      coalesce(o.pipeline, 0) AS pipeline, coalesce(o.won, 0) AS won, coalesce(o.open, 0) AS open, c.since, c.days
    FROM c LEFT JOIN l USING (campaign_id) LEFT JOIN o USING (campaign_id)
    ORDER BY c.cost DESC, c.campaign_id`);

  const byChannel = spendRows(
    book,
    (l) => l.channelKey,
    (l) => l.channel,
    p,
  );
  return {
    provided: book.reports(M),
    unreported: book.unreported([M]),
    unreportedMarketing: book.unreported([M], marketing),
    newBusinessOnly: typed,
    fiscalYear: fy.year,
    quarter: fq.quarter!,
    spend: spendHeadline,
    periods: [
      periodSpend(book, "month", [M], [M], ctx),
      periodSpend(book, "quarter", fq.months, p.quarter, ctx),
      periodSpend(book, "year", fy.months, p.year, ctx),
    ],
    byChannel,
    byCategory: spendRows(
      book,
      (l) => l.category,
      (l) => l.category || "–",
      p,
    ),
    byTeam: spendRows(
      book,
      (l) => l.team,
      (l) => l.team,
      p,
    ),
    costs: {
      lead: costHeadline("cost_per_lead", "leads", "leads"),
      mql: costHeadline("cost_per_mql", "mql", "leads"),
      sql: costHeadline("cost_per_sql", "sql", "leads"),
      opportunity: costHeadline("cost_per_opportunity", "opportunities", "opportunities"),
      won: costHeadline("cost_per_won", "won", "opportunities"),
    },
    costByChannel,
    channelSeries,
    cac,
    cacMarketing,
    cacWindows,
    // Not provided new customers are not too few: no fallback (CAC reads not provided).
    cacFallback: cacWindows[0]!.newCustomers !== null && cacWindows[0]!.newCustomers < MIN_CUSTOMERS,
    ltv: {
      amountBasis: basis,
      grossMargin: grossMargin ?? null,
      lifetimeMonths: lifetimeMonths ?? null,
      monthlyChurn: monthlyChurn ?? null,
      lifetimeFrom,
      wonDeals: year === null ? null : year.wonWithAmount,
      missing: ltvMissing,
      averageWon,
      monthlyGrossProfit,
      ltv,
      cacUsed,
      cacMonths: used?.months ?? null,
      cacMarketingOnly: marketingOnly !== undefined,
      ltvToCac: div(ltv, cacUsed),
      paybackMonths: div(cacUsed, monthlyGrossProfit),
    },
    campaignCycle: await campaignCycle(db, M, typed),
    campaigns: campaigns.map((c) => ({
      campaign_id: c.campaign_id,
      name: c.name,
      channel: c.channel,
      cost: round(c.cost)!,
      mqls: Number(c.mqls),
      sqls: Number(c.sqls),
      costPerMql: div(c.cost, Number(c.mqls)),
      costPerSql: div(c.cost, Number(c.sqls)),
      pipeline: round(c.pipeline)!,
      won: round(c.won)!,
      pipelineRoi: div(c.pipeline, c.cost),
      wonRoi: div(c.won, c.cost),
      openDeals: Number(c.open),
      elapsed: { from: c.since, days: Number(c.days) },
    })),
  };
}
