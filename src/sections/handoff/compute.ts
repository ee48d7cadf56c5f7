// Sales-marketing handoff (営業とマーケティングの連携状況): MQLs handed to sales, the activity funnel
// (calls -> connects -> appointments -> SQLs), per owner and industry, supply skew, and campaigns.
import { versionsSql } from "../../model/asof.ts";
import { lit, type Db } from "../../model/duckdb.ts";
import { monthIndex } from "../../schema/month.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { round, windowOf } from "../../metrics/context.ts";
import type { Targets } from "../../metrics/headline.ts";
import { acrossMonthsSql, amountSum, byMonth, inMonth, mergeCounts, points, ratio, rowsTable } from "../../metrics/series.ts";
import { concentration } from "../../metrics/shares.ts";
import { datasetsOf, headlineOf, preparedFor } from "../section.ts";
import { METRICS, type HandoffMetricId } from "./metrics.ts";
import type { CampaignRow, FunnelRow, Handoff } from "./schema.ts";

const headline = headlineOf(METRICS);

interface SeriesRow {
  m: number;
  handed: number;
  sqls: number;
  calls: number;
  connects: number;
  emails: number;
  appointments: number;
}

/** A campaign's leads of the report month, and its MQLs and SQLs up to the month's end. */
interface CampaignLeads {
  campaign_id: string;
  leads: number;
  mqls: number;
  sqls: number;
  mqlsToDate: number;
  sqlsToDate: number;
}

/** Per owner or industry: the month's leads received and SQLs, and (per owner) activities. */
interface FunnelCounts {
  received: { key: string; received: number; sqls: number }[];
  activities?: { key: string; calls: number; connects: number; appointments: number }[];
}

/** By report month: the handoff series (every month of its window, zeros included), the funnel counts and the campaigns' leads. */
export type PreparedHandoff = Map<
  string,
  { series: SeriesRow[]; funnel: Record<"owner" | "industry", FunnelCounts>; campaigns: CampaignLeads[] }
>;

/** The owner and industry keys of a lead without one. */
const UNASSIGNED = "unassigned";
const UNKNOWN_INDUSTRY = "unknown";

const flag = (condition: string) => ({ sql: `CASE WHEN ${condition} THEN 1 ELSE 0 END` });

/**
 * Handoffs, SQLs and activities by month, and each campaign's leads, for every month of `months` at
 * once, from the versions (acrossMonthsSql).
 */
export async function prepareHandoff(db: Db, months: readonly string[]): Promise<PreparedHandoff> {
  const leads = versionsSql("leads");
  const byMonthOf = (date: string) =>
    db.all<{ r: number; m: number; n: number }>(
      acrossMonthsSql({
        relation: leads,
        months,
        date,
        values: [{ name: "n", sql: "1" }],
      }),
    );
  const leadSeries = mergeCounts({ handed: await byMonthOf("sla_start_at"), sqls: await byMonthOf("sql_at") }, (x) => x.m);
  const activities = await db.all<{ r: number; m: number; calls: number; connects: number; emails: number; appointments: number }>(
    acrossMonthsSql({
      relation: `SELECT * FROM (${versionsSql("activities")}) WHERE __lead IS NOT NULL`,
      months,
      date: "occurred_at",
      values: [
        { name: "calls", ...flag("type = 'call'") },
        { name: "connects", ...flag("type = 'call' AND connected") },
        { name: "emails", ...flag("type = 'email'") },
        { name: "appointments", ...flag("appointment_set") },
      ],
    }),
  );
  const campaign = `SELECT * FROM (${leads}) WHERE campaign_id IS NOT NULL`;
  const byCampaign = async (date: string, span: "month" | "toDate") =>
    db.all<{ r: number; campaign_id: string; n: number }>(
      acrossMonthsSql({
        relation: campaign,
        months,
        date,
        keys: ["campaign_id"],
        values: [{ name: "n", sql: "1" }],
        span,
      }),
    );
  const campaignCounts = mergeCounts(
    {
      leads: await byCampaign("created_at", "month"),
      mqls: await byCampaign("mql_at", "month"),
      sqls: await byCampaign("sql_at", "month"),
      mqlsToDate: await byCampaign("mql_at", "toDate"),
      sqlsToDate: await byCampaign("sql_at", "toDate"),
    },
    (x) => x.campaign_id,
  );
  // The funnel per owner and per industry: leads by the lead's, activities by the activity's owner.
  // (Activities per industry go by the lead's industry as of the month: a join, made per month.)
  const received = async (by: "owner" | "industry") => {
    const relation = `SELECT *, coalesce(${by}, ${lit(by === "owner" ? UNASSIGNED : UNKNOWN_INDUSTRY)}) AS key FROM (${leads})`;
    const count = (date: string) =>
      db.all<{ r: number; key: string; n: number }>(
        acrossMonthsSql({
          relation,
          months,
          date,
          keys: ["key"],
          values: [{ name: "n", sql: "1" }],
          span: "month",
        }),
      );
    return mergeCounts({ received: await count("sla_start_at"), sqls: await count("sql_at") }, (x) => x.key);
  };
  const byOwner = await received("owner");
  const byIndustry = await received("industry");
  const ownerActivities = await db.all<{ r: number; key: string; calls: number; connects: number; appointments: number }>(
    acrossMonthsSql({
      relation: `SELECT *, coalesce(owner, ${lit(UNASSIGNED)}) AS key FROM (${versionsSql("activities")}) WHERE __lead IS NOT NULL`,
      months,
      date: "occurred_at",
      keys: ["key"],
      span: "month",
      values: [
        { name: "calls", ...flag("type = 'call'") },
        { name: "connects", ...flag("type = 'call' AND connected") },
        { name: "appointments", ...flag("appointment_set") },
      ],
    }),
  );
  const funnelOf = (merged: Awaited<ReturnType<typeof received>>, r: number) =>
    [...(merged.get(r) ?? [])].map(([key, counts]) => ({ key, ...counts }));
  const out: PreparedHandoff = new Map();
  for (const month of months) {
    const r = monthIndex(month);
    const rows = new Map(
      windowOf(month).map((w) => [
        monthIndex(w),
        { m: monthIndex(w), handed: 0, sqls: 0, calls: 0, connects: 0, emails: 0, appointments: 0 },
      ]),
    );
    for (const [m, counts] of leadSeries.get(r) ?? []) Object.assign(rows.get(m)!, counts);
    for (const { r: xr, m, ...counts } of activities) if (xr === r) Object.assign(rows.get(m)!, counts);
    const funnel = {
      owner: { received: funnelOf(byOwner, r), activities: ownerActivities.filter((x) => x.r === r).map(({ r: _, ...counts }) => counts) },
      industry: { received: funnelOf(byIndustry, r) },
    };
    out.set(month, {
      series: [...rows.values()],
      funnel,
      campaigns: [...(campaignCounts.get(r) ?? [])].map(([campaign_id, counts]) => ({ campaign_id, ...counts })),
    });
  }
  return out;
}

/** The funnel per owner or per industry for the report month; `counts`: what prepareHandoff counted. */
async function funnelBy(db: Db, ctx: MetricContext, _by: "owner" | "industry", counts: FunnelCounts): Promise<FunnelRow[]> {
  const monthActivities = `SELECT * FROM activities WHERE __lead IS NOT NULL AND ${inMonth("occurred_at", ctx.month)}`;
  // Per industry, activities count for their lead's industry as of the month. Only the leads the
  // month's activities name are joined: the hash table is built on the right side, and all as-of
  // leads are many times a month's activities.
  const activities = counts.activities
    ? await rowsTable(
        db,
        "funnel_activities",
        [
          { name: "key", type: "VARCHAR" },
          ...(["calls", "connects", "appointments"] as const).map((name) => ({ name, type: "BIGINT" as const })),
        ],
        counts.activities.map((a) => [a.key, a.calls, a.connects, a.appointments]),
      )
    : `SELECT coalesce(l.industry, ${lit(UNKNOWN_INDUSTRY)}) AS key, count(*) FILTER (WHERE a.type = 'call') AS calls,
         count(*) FILTER (WHERE a.type = 'call' AND a.connected) AS connects, count(*) FILTER (WHERE a.appointment_set) AS appointments
       FROM (${monthActivities}) a
       LEFT JOIN (SELECT __lead, industry FROM leads WHERE __lead IN (SELECT __lead FROM (${monthActivities}))) l ON l.__lead = a.__lead GROUP BY 1`;
  const rows = await db.all<Omit<FunnelRow, "sqlRate">>(`
    WITH r AS (${await rowsTable(
      db,
      "funnel_received",
      [
        { name: "key", type: "VARCHAR" },
        { name: "received", type: "BIGINT" },
        { name: "sqls", type: "BIGINT" },
      ],
      counts.received.map((x) => [x.key, x.received, x.sqls]),
    )}),
    a AS (${activities})
    SELECT key, coalesce(received, 0) AS received, coalesce(calls, 0) AS calls, coalesce(connects, 0) AS connects,
      coalesce(appointments, 0) AS appointments, coalesce(sqls, 0) AS sqls
    FROM r FULL JOIN a USING (key)
    WHERE coalesce(received, 0) + coalesce(calls, 0) + coalesce(appointments, 0) + coalesce(sqls, 0) > 0
    ORDER BY received DESC, key`);
  return rows.map((r) => ({ ...r, sqlRate: r.received > 0 ? round(r.sqls / r.received) : null }));
}

/**
 * Each opportunity of `opps` (a relation with __opp and __lead) with its campaign, through one lead:
 * the opportunity's own lead_id when that lead exists, else, of the leads whose opportunity_id
 * names it, the one with the smallest lead_id (by the id: the codes are hashes, in no order).
 * Equi-joins only. Only the month's opportunities are linked (linking every as-of one joined all
 * leads twice). Every lead linked to an opportunity reaches a deal, so it is in deal_leads
 * (model/asof.ts), a small part of leads.
 */
const opportunityCampaign = (opps: string) => `
  WITH k AS (
    SELECT __opp, arg_min(__lead, {'pref': pref, 'id': lead_id}) AS __lead FROM (
      SELECT o.__opp, o.__lead, 0 AS pref, l.lead_id FROM ${opps} o JOIN deal_leads l ON l.__lead = o.__lead
      UNION ALL
      SELECT __opp, __lead, 1 AS pref, lead_id FROM deal_leads WHERE __opp IN (SELECT __opp FROM ${opps}))
    GROUP BY __opp)
  SELECT k.__opp, l.campaign_id FROM k JOIN deal_leads l USING (__lead) WHERE l.campaign_id IS NOT NULL`;

/** The month's campaigns; `leads`: their leads (prepareHandoff). */
async function campaigns(db: Db, ctx: MetricContext, leads: readonly CampaignLeads[]): Promise<CampaignRow[]> {
  const l = await rowsTable(
    db,
    "campaign_leads",
    [
      { name: "campaign_id", type: "VARCHAR" },
      ...(["leads", "mqls", "sqls", "mqlsToDate", "sqlsToDate"] as const).map((name) => ({ name, type: "BIGINT" as const })),
    ],
    leads.map((c) => [c.campaign_id, c.leads, c.mqls, c.sqls, c.mqlsToDate, c.sqlsToDate]),
  );
  // Computed now, the denominators are always there (CampaignRow allows null for older editions only).
  const rows = await db.all<
    Omit<CampaignRow, "costPerMql" | "costPerSql" | "mqlsToDate" | "sqlsToDate"> & { mqlsToDate: number; sqlsToDate: number }
  >(`
    WITH l AS (${l}),
    mo AS (SELECT * FROM opportunities WHERE ${inMonth("created_at", ctx.month)} OR ${inMonth("closed_at", ctx.month)}),
    link AS (${opportunityCampaign("mo")}),
    o AS (SELECT k.campaign_id, coalesce(${amountSum("o.amount", inMonth("o.created_at", ctx.month))}, 0) AS pipeline,
            coalesce(${amountSum("o.amount", `o.outcome = 'won' AND ${inMonth("o.closed_at", ctx.month)}`)}, 0) AS won
          FROM mo o JOIN link k USING (__opp) GROUP BY 1)
    SELECT c.campaign_id AS campaignId, c.name, c.channel, coalesce(l.leads, 0) AS leads, coalesce(l.mqls, 0) AS mqls, coalesce(l.sqls, 0) AS sqls,
      coalesce(o.pipeline, 0) AS pipeline, coalesce(o.won, 0) AS won, c.cost, coalesce(l.mqlsToDate, 0) AS mqlsToDate, coalesce(l.sqlsToDate, 0) AS sqlsToDate
    FROM campaigns c LEFT JOIN l USING (campaign_id) LEFT JOIN o USING (campaign_id)
    WHERE coalesce(l.leads, 0) + coalesce(l.mqls, 0) + coalesce(l.sqls, 0) + coalesce(o.pipeline, 0) + coalesce(o.won, 0) > 0
    ORDER BY coalesce(o.pipeline, 0) DESC, c.name, c.campaign_id`);
  return rows.map((r) => ({
    ...r,
    costPerMql: r.cost !== null && r.mqlsToDate > 0 ? round(r.cost / r.mqlsToDate) : null,
    costPerSql: r.cost !== null && r.sqlsToDate > 0 ? round(r.cost / r.sqlsToDate) : null,
  }));
}

/** The month's handoff; `prepared`: what prepareHandoff counted for the report months. */
export async function handoffMetrics(db: Db, ctx: MetricContext, prepared: PreparedHandoff, targets: Targets): Promise<Handoff> {
  const mine = preparedFor(prepared, ctx.month);
  const at = byMonth(mine.series);
  const h = (
    id: HandoffMetricId,
    f: (r: NonNullable<ReturnType<typeof at.get>>) => { value: number | null; numerator?: number; denominator?: number },
  ) =>
    headline(
      id,
      points(ctx, datasetsOf(METRICS, id), (m) => (at.get(m) ? f(at.get(m)!) : undefined), "null"),
      ctx.month,
      targets,
    );
  const cur = at.get(ctx.month);
  const owners = await funnelBy(db, ctx, "owner", mine.funnel.owner);
  const industries = await funnelBy(db, ctx, "industry", mine.funnel.industry);
  // Over the handoffs with an owner (an industry): those without are no group of the distribution,
  // and an export without the column would read as all supply to one ("unassigned" 100%).
  const skewOf = (rows: readonly FunnelRow[], blank: string) =>
    concentration(rows.filter((o) => o.key !== blank).map((o) => ({ key: o.key, count: o.received })));
  const ownerSkew = skewOf(owners, UNASSIGNED);
  const industrySkew = skewOf(industries, UNKNOWN_INDUSTRY);
  const threshold = ctx.config.handoff.skewThreshold;
  const ownerFlag = (ownerSkew.top ?? 0) > threshold;
  const industryFlag = (industrySkew.top ?? 0) > threshold;
  return {
    provided: ctx.provided("leads", ctx.month) && ctx.provided("activities", ctx.month),
    handed: h("handed", (r) => ({ value: r.handed })),
    funnel: {
      handed: cur?.handed ?? 0,
      calls: cur?.calls ?? 0,
      connects: cur?.connects ?? 0,
      emails: cur?.emails ?? 0,
      appointments: cur?.appointments ?? 0,
      sqls: cur?.sqls ?? 0,
    },
    connectRate: h("connect_rate", (r) => ratio(r.connects, r.calls)),
    appointmentRate: h("appointment_rate", (r) => ratio(r.appointments, r.connects)),
    sqlRate: h("sql_rate", (r) => ratio(r.sqls, r.handed)),
    owners,
    industries,
    skew: { owners: ownerSkew, industries: industrySkew, threshold, ownerFlag, industryFlag, skewed: ownerFlag || industryFlag },
    campaigns: ctx.provided("campaigns", ctx.month) ? await campaigns(db, ctx, mine.campaigns) : null,
  };
}
