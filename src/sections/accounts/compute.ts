// Target accounts (ABM): coverage of the target list by tier and stage, in the month and to date,
// with its trend; the funnel and win rate of target vs other accounts (and of accounts not on the
// list, and of records without an account); engagement per tier. The target list is the accounts
// dataset as of the month; without it, the leads' target_account flag tells target leads from
// others, but not how many target accounts there are (no coverage).
import { openAtSql } from "../../metrics/open.ts";
import { spanOf, validIn, versionsSql } from "../../model/asof.ts";
import type { Db } from "../../model/duckdb.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, round } from "../../metrics/context.ts";
import { fiscalYearOf } from "../../metrics/fiscal.ts";
import type { Point, Targets } from "../../metrics/headline.ts";
import { monthOf, monthSql, spanFilter } from "../../metrics/series.ts";
import { monthIndex } from "../../schema/month.ts";
import { headlineOf, writePreparedTable } from "../section.ts";
import { METRICS } from "./metrics.ts";
import { leadAccounts, withAccounts } from "./names.ts";
import type { Accounts, TierCoverage } from "./schema.ts";

const headline = headlineOf(METRICS);

/** Company names listed among the uncovered first-tier targets. */
const UNCOVERED_NAMES = 20;
/** A target account's tier when the list gives none. */
const NO_TIER = "–";

const ts = (month: string) => `TIMESTAMP '${month}-01'`;

/**
 * Target coverage (a lead in the fiscal year to the month's end) for each month of the window,
 * each with the target list as of that month.
 */
async function coverageSeries(db: Db, ctx: MetricContext): Promise<Point[]> {
  const months = ctx.window
    .map((m) => `(${monthIndex(m)}, ${monthIndex(fiscalYearOf(m, ctx.config.fiscalYearStartMonth).first)})`)
    .join(", ");
  // Only leads created in some window month's fiscal year to date can cover it: a range on the stored
  // column skips the row groups outside it. An account is covered in month m when its first lead of
  // m's fiscal year came by m: an equality join on the fiscal year, not a range join on the months.
  const from = ts(fiscalYearOf(ctx.window[0]!, ctx.config.fiscalYearStartMonth).first);
  const lm = monthOf("created_at");
  const rows = await db.all<{ m: number; targets: number; covered: number }>(`
    WITH m(m, s) AS (VALUES ${months}),
    a AS (SELECT account_id, target, __since, __until FROM (${versionsSql("accounts")})),
    la AS (SELECT account_id, ${lm} - ((${lm} - ${ctx.config.fiscalYearStartMonth - 1}) % 12) AS s, min(${lm}) AS first
           FROM abm_leads WHERE account_id IS NOT NULL AND created_at >= ${from} AND created_at < ${ts(addMonths(ctx.month, 1))} GROUP BY 1, 2),
    c AS (SELECT m.m, la.account_id FROM m JOIN la ON la.s = m.s AND la.first <= m.m)
    SELECT m.m, count(*) AS targets, count(c.account_id) AS covered
    FROM m JOIN a ON a.__since <= m.m AND a.__until > m.m AND a.target
    LEFT JOIN c ON c.m = m.m AND c.account_id = a.account_id GROUP BY m.m`);
  const byMonth = new Map(rows.map((r) => [r.m, r]));
  return ctx.window.map((month) => {
    const r = byMonth.get(monthIndex(month));
    const listed = ctx.window.some((w) => w <= month && ctx.provided("accounts", w)) || r !== undefined;
    if (!listed || !ctx.provided("leads", month)) return { month, value: null };
    const targets = Number(r?.targets ?? 0);
    const covered = Number(r?.covered ?? 0);
    return { month, value: targets > 0 ? round(covered / targets) : null, numerator: covered, denominator: targets };
  });
}

/**
 * The leads each report month's content touches and activities name (m, the month's index), each in
 * its version as of that month: its account_id (before leadAccounts matches a company) and
 * target_account. For every month at once: joining each month's touches and activities to its as-of
 * leads read every lead again.
 */
function engagedLeadsSql(months: readonly string[]): string {
  // Only versions valid in some report month are read (spanFilter, validIn): a build of the newest month reads its own.
  const named = (dataset: "content_touches" | "activities") => `
    SELECT ${monthOf("occurred_at")} AS m, __lead, __since, __until FROM raw_${dataset}
    WHERE ${spanFilter(months, "month", "occurred_at")} AND __lead IS NOT NULL`;
  return `
    WITH k AS (SELECT DISTINCT m, __lead FROM (${named("content_touches")} UNION ALL ${named("activities")})
               WHERE m IN (${months.map(monthSql).join(", ")}) AND __since <= m AND __until > m)
    SELECT k.m, k.__lead, l.account_id, l.target_account
    FROM k JOIN raw_leads l ON l.__lead = k.__lead AND l.__since <= k.m AND l.__until > k.m
    WHERE ${validIn(spanOf(months), "l")}`;
}

/** Write the report months' engaged leads (engagedLeadsSql) to a table shared by the connections; returns its name. */
export function prepareAccounts(db: Db, months: readonly string[]): Promise<string> {
  return writePreparedTable(db, "__abm_engaged", engagedLeadsSql(months));
}

/** The month's target accounts; `engaged`: the table prepareAccounts wrote. */
export async function accountsMetrics(db: Db, ctx: MetricContext, engaged: string, targets: Targets): Promise<Accounts> {
  const M = ctx.month;
  const S = ts(M);
  const E = ts(addMonths(M, 1));
  const Y = ts(fiscalYearOf(M, ctx.config.fiscalYearStartMonth).first);
  const { n: listed } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM accounts`);
  // Without the list, the leads' target_account flag tells target records from the others; with no
  // lead carrying the flag either, nothing does: the funnel and engagement are not provided ("none"),
  // not every record counted as another account's.
  const flagged = async () => Number((await db.one<{ n: number }>("SELECT count(target_account) AS n FROM leads")).n) > 0;
  const source: Accounts["source"] =
    Number(listed) > 0 || ctx.window.some((m) => ctx.provided("accounts", m)) ? "accounts" : (await flagged()) ? "flag" : "none";
  const provided = ctx.provided("leads", M);
  // The leads' accounts: their account_id, else the listed account their company name matches.
  await leadAccounts(db, M);
  await db.exec(`CREATE OR REPLACE TEMP TABLE abm_targets AS
    SELECT account_id, any_value(name) AS name, coalesce(any_value(tier), '${NO_TIER}') AS tier FROM accounts WHERE target GROUP BY 1`);
  // A lead's or deal's funnel group, the populations of the engagement's rows: with the list, a target
  // account's ("target"), another account on the list's, target false or blank ("other"), an account
  // the list does not name ("unlisted"), or no account ("unknown"); from the flag alone, a flagged
  // record's ("target") or another's ("other").
  const funnelGroup = (account: string, flag: string) =>
    source === "accounts"
      ? `CASE WHEN ${account} IS NULL THEN 'unknown' WHEN ${account} IN (SELECT account_id FROM abm_targets) THEN 'target'
          WHEN ${account} IN (SELECT account_id FROM accounts) THEN 'other' ELSE 'unlisted' END`
      : `CASE WHEN coalesce(${flag}, false) THEN 'target' ELSE 'other' END`;
  const GROUPS: Accounts["funnel"][number]["group"][] =
    source === "accounts" ? ["target", "other", "unlisted", "unknown"] : ["target", "other"];
  // Each opportunity's account (its own, else its lead's) and its group.
  const OPPS = `SELECT coalesce(o.account_id, dl.account_id) AS acc, ${funnelGroup("coalesce(o.account_id, dl.account_id)", "dl.target_account")} AS grp,
      o.created_at, o.closed_at, o.outcome
    FROM opportunities o LEFT JOIN abm_deal_leads dl ON dl.__lead = o.__lead`;

  let tiers: TierCoverage[] = [];
  let uncovered: Accounts["uncovered"] = null;
  if (source === "accounts") {
    // A lead created and made MQL before the fiscal year sets no flag of l: it is not read, and an
    // account with only such leads counts as one with none.
    const rows = await db.all<Record<keyof TierCoverage, number> & { tier: string }>(`
      WITH l AS (SELECT account_id, bool_or(created_at >= ${S} AND created_at < ${E}) AS lm, bool_or(created_at >= ${Y} AND created_at < ${E}) AS lt,
                   bool_or(mql_at >= ${S} AND mql_at < ${E}) AS mm, bool_or(mql_at >= ${Y} AND mql_at < ${E}) AS mt
                 FROM abm_leads WHERE account_id IN (SELECT account_id FROM abm_targets) AND (created_at >= ${Y} OR mql_at >= ${Y}) GROUP BY 1),
      o AS (SELECT acc AS account_id, bool_or(created_at >= ${S} AND created_at < ${E}) AS om, bool_or(${openAtSql(E)}) AS oo,
                   bool_or(outcome = 'won' AND closed_at >= ${S} AND closed_at < ${E}) AS wm, bool_or(outcome = 'won' AND closed_at >= ${Y} AND closed_at < ${E}) AS wt
            FROM (${OPPS}) WHERE grp = 'target' GROUP BY 1)
      SELECT coalesce(t.tier, '') AS tier, count(*) AS targets,
        count(*) FILTER (WHERE l.lm) AS leadMonth, count(*) FILTER (WHERE l.lt) AS leadToDate,
        count(*) FILTER (WHERE l.mm) AS mqlMonth, count(*) FILTER (WHERE l.mt) AS mqlToDate,
        count(*) FILTER (WHERE o.om) AS opportunityMonth, count(*) FILTER (WHERE o.oo) AS opportunityOpen,
        count(*) FILTER (WHERE o.wm) AS wonMonth, count(*) FILTER (WHERE o.wt) AS wonToDate
      FROM abm_targets t LEFT JOIN l USING (account_id) LEFT JOIN o USING (account_id)
      GROUP BY ROLLUP (t.tier) ORDER BY GROUPING(t.tier), t.tier`);
    tiers = rows.map((r) => ({
      tier: r.tier,
      targets: Number(r.targets),
      leadMonth: Number(r.leadMonth),
      leadToDate: Number(r.leadToDate),
      mqlMonth: Number(r.mqlMonth),
      mqlToDate: Number(r.mqlToDate),
      opportunityMonth: Number(r.opportunityMonth),
      opportunityOpen: Number(r.opportunityOpen),
      wonMonth: Number(r.wonMonth),
      wonToDate: Number(r.wonToDate),
    }));
    const names = await db.all<{ tier: string; name: string }>(`
      SELECT tier, coalesce(name, account_id) AS name FROM abm_targets t
      WHERE NOT EXISTS (SELECT 1 FROM abm_leads l WHERE l.account_id = t.account_id AND l.created_at >= ${Y} AND l.created_at < ${E})
      ORDER BY tier, name`);
    uncovered = { total: names.length, accounts: names.slice(0, UNCOVERED_NAMES) };
  }

  // The funnel of target and other accounts, in the month and the fiscal year to date: both periods
  // counted in one scan of the leads and one of the deals.
  const periods = [
    ["month", S],
    ["year", Y],
  ] as const;
  const within = (col: string) => (from: string) => `${col} >= ${from} AND ${col} < ${E}`;
  const counts = (what: Record<string, (from: string) => string>) =>
    periods.flatMap(([period, from]) => Object.entries(what).map(([name, f]) => `count(*) FILTER (WHERE ${f(from)}) AS ${period}_${name}`));
  // Only records counted in some period are read (the year holds the month): a group with none reads 0 below.
  const inYear = (col: string) => `(${within(col)(Y)})`;
  // A record without an account (with the list) is the "unknown" row, not left out.
  type Counted = { grp: string } & Record<string, number>;
  const leads = await db.all<Counted>(`
    SELECT ${funnelGroup("account_id", "target_account")} AS grp, ${counts({ leads: within("created_at"), mql: within("mql_at"), sql: within("sql_at") }).join(", ")}
    FROM abm_leads WHERE ${inYear("created_at")} OR ${inYear("mql_at")} OR ${inYear("sql_at")} GROUP BY 1`);
  const opps = await db.all<Counted>(`
    SELECT grp, ${counts({
      opportunities: within("created_at"),
      won: (from) => `outcome = 'won' AND ${within("closed_at")(from)}`,
      lost: (from) => `outcome = 'lost' AND ${within("closed_at")(from)}`,
    }).join(", ")}
    FROM (${OPPS}) WHERE ${inYear("created_at")} OR ${inYear("closed_at")} GROUP BY 1`);
  const funnel: Accounts["funnel"] = [];
  for (const [period] of periods) {
    for (const group of GROUPS) {
      const count = (rows: Counted[], name: string) => Number(rows.find((r) => r.grp === group)?.[`${period}_${name}`] ?? 0);
      const won = count(opps, "won");
      const lost = count(opps, "lost");
      funnel.push({
        group,
        period,
        leads: count(leads, "leads"),
        mql: count(leads, "mql"),
        sql: count(leads, "sql"),
        opportunities: count(opps, "opportunities"),
        won,
        lost,
        winRate: won + lost > 0 ? round(won / (won + lost)) : null,
      });
    }
  }

  // Engagement in the month: content touches of the accounts' leads, activities on their leads or deals.
  // Each record's group is its funnel group (funnelGroup), a target account's with its tier ("t" and
  // the tier, so no tier's name can meet a fixed group). A per-account rate divides a group's records
  // by the accounts of that same group: an account not on the list is in no listed group, nor counted in one.
  const groupOf = (account: string, flag: string) =>
    source === "accounts"
      ? `coalesce((SELECT 't' || t.tier FROM abm_targets t WHERE t.account_id = ${account}), ${funnelGroup(account, flag)})`
      : funnelGroup(account, flag);
  // With the list, only records of an account count (an activity on a deal: the deal's account, else its lead's).
  const known = (account: string) => (source === "accounts" ? `AND ${account} IS NOT NULL` : "");
  const ACTIVITY_ACCOUNT = "coalesce(l.account_id, o.account_id, dl.account_id)";
  const engagement = await db.all<{ g: string; touches: number; activities: number }>(`
    WITH c AS (SELECT __lead FROM content_touches WHERE occurred_at >= ${S} AND occurred_at < ${E}),
    a AS (SELECT __lead, __opp FROM activities WHERE occurred_at >= ${S} AND occurred_at < ${E}),
    -- The leads they name, as of the month (prepareAccounts), with their accounts.
    l AS (${withAccounts(`(SELECT __lead, account_id, target_account FROM ${engaged} WHERE m = ${monthIndex(M)})`)}),
    r AS (SELECT l.account_id AS account, l.target_account AS flag, 1 AS touches, 0 AS activities FROM c JOIN l USING (__lead)
      UNION ALL
      SELECT ${ACTIVITY_ACCOUNT}, coalesce(l.target_account, dl.target_account), 0, 1
      FROM a LEFT JOIN l ON l.__lead = a.__lead LEFT JOIN opportunities o ON o.__opp = a.__opp
        LEFT JOIN abm_deal_leads dl ON dl.__lead = o.__lead
      WHERE l.__lead IS NOT NULL OR o.__opp IS NOT NULL),
    -- Counted per account before grouping: the group is then found once an account, not once a record.
    n AS (SELECT account, flag, sum(touches) AS touches, sum(activities) AS activities FROM r WHERE true ${known("account")} GROUP BY ALL)
    SELECT ${groupOf("account", "flag")} AS g, sum(touches) AS touches, sum(activities) AS activities FROM n GROUP BY 1`);
  // The listed accounts that are not targets (target false or blank), as the list stands at the month.
  const { others } =
    source === "accounts"
      ? await db.one<{ others: number }>(`SELECT count(*) AS others FROM accounts WHERE NOT coalesce(target, false)`)
      : { others: null };
  const groups: { g: string; group: string; target: boolean; accounts: number | null }[] =
    source === "accounts"
      ? [
          ...tiers.filter((t) => t.tier !== "").map((t) => ({ g: `t${t.tier}`, group: t.tier, target: true, accounts: t.targets })),
          { g: "other", group: "other", target: false, accounts: Number(others) },
          // Records of accounts the list does not name: shown, but with no accounts to divide by.
          { g: "unlisted", group: "unlisted", target: false, accounts: null },
        ]
      : [
          { g: "target", group: "target", target: true, accounts: null },
          { g: "other", group: "other", target: false, accounts: null },
        ];
  const engagementRows = groups.map(({ g, group, target, accounts }) => {
    const r = engagement.find((e) => e.g === g);
    const touches = Number(r?.touches ?? 0);
    const activities = Number(r?.activities ?? 0);
    return {
      group,
      target,
      accounts,
      touches,
      activities,
      touchesPerAccount: accounts ? round(touches / accounts) : null,
      activitiesPerAccount: accounts ? round(activities / accounts) : null,
    };
  });
  await db.exec(`DROP TABLE IF EXISTS abm_targets`);

  const series = source === "accounts" ? await coverageSeries(db, ctx) : ctx.window.map((month) => ({ month, value: null }));
  await db.exec(
    `DROP VIEW IF EXISTS abm_leads; DROP VIEW IF EXISTS abm_deal_leads; DROP TABLE IF EXISTS abm_lead_account; DROP TABLE IF EXISTS abm_company_account`,
  );
  const coverage = headline("target_account_coverage", series, M, targets);
  return {
    provided,
    source,
    // Coverage is fiscal year to date: at the year's first month it restarts, so no change from the month before.
    coverage: fiscalYearOf(M, ctx.config.fiscalYearStartMonth).first === M ? { ...coverage, previous: null, mom: null } : coverage,
    tiers,
    // Nothing tells target accounts from the others: no row, and the page says not provided.
    funnel: source === "none" ? [] : funnel,
    engagement: source === "none" ? [] : engagementRows,
    uncovered,
  };
}
