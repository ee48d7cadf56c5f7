// Efficiency against a hand-computed fixture: spend as of the month (a budget-only row replaced by
// the month's actuals), cost per stage, CAC with and without sales spend, the cost-per-SQL
// fallback, LTV by lifetime and by churn, campaign ROI. Every number is worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { monthRange } from "../src/metrics/context.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { prepareStageCounts } from "../src/metrics/stages.ts";
import { config } from "../src/schema/config.ts";
import { efficiency } from "../src/sections/efficiency/index.ts";
import { pipelineMaturing, wonMaturing } from "../src/sections/efficiency/roi.ts";
import type { Efficiency } from "../src/sections/efficiency/schema.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { tables } from "./helpers/tables.ts";

const ALL: DatasetName[] = ["leads", "opportunities", "campaigns", "spend"];
/** Folders from November 2025 to October 2026: LTV's trailing 12 months each have their deals. */
const TWELVE = monthRange("2025-11", "2026-10");
const provided: Record<string, DatasetName[]> = Object.fromEntries(TWELVE.map((m) => [m, ALL]));

// Spend (marketing | sales): Aug 50 | 200, Sep 100 | 250, Oct 120 + 60 | 300. September's folder
// planned October's ads at 90 (budget only); October's folder replaces that row with 120 against 100.
const SPEND = `
  INSERT INTO raw_spend (__folder, month, channel, category, team, amount, budget) VALUES
    ('2026-08', '2026-08', 'ads', '販促・広告', 'marketing', 50, 50),
    ('2026-08', '2026-08', 'Field', 'sales', 'sales', 200, 200),
    ('2026-09', '2026-09', 'ads', '販促・広告', 'marketing', 100, 80),
    ('2026-09', '2026-09', 'Field', 'sales', 'sales', 250, 250),
    ('2026-09', '2026-10', 'ads', '販促・広告', 'marketing', NULL, 90),
    ('2026-10', '2026-10', 'ads', '販促・広告', 'marketing', 120, 100),
    ('2026-10', '2026-10', 'web', '制作', 'marketing', 60, 50),
    ('2026-10', '2026-10', 'Field', 'sales', 'sales', 300, 300),
    ('2026-10', '2026-11', 'ads', '販促・広告', 'marketing', NULL, 110);`;

// October: 4 leads (3 ads, 1 web), 2 MQLs (ads, web), 1 SQL (ads).
const LEADS = `
  INSERT INTO raw_leads (__folder, lead_id, created_at, source, campaign_id, mql_at, sql_at) VALUES
    ('2026-10', 'l1', '2026-10-01', 'ads', 'C1', '2026-10-02', '2026-10-03'),
    ('2026-10', 'l2', '2026-10-01', 'ads', NULL, NULL, NULL),
    ('2026-10', 'l3', '2026-10-02', 'ADS', NULL, NULL, NULL),
    ('2026-10', 'l4', '2026-10-02', 'web', NULL, '2026-10-05', NULL);
  INSERT INTO raw_campaigns (__folder, campaign_id, name, channel, cost, started_at) VALUES
    ('2026-10', 'C1', 'Webinar', 'webinar', 100, '2026-09-01');`;

// Won deals, by account: A in August (and again in October: not new), B in September, C and D in
// October, o5 (no account: a customer of its own) in October, E first won in May (not new in
// October). New customers over August-October: A, B, C, D, o5 = 5. Amounts over the trailing 12
// months: 100 + ... + 800 = 3,600 over 8 deals = 450 on average.
const DEALS = `
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, account_id, source, campaign_id, closed_at, outcome) VALUES
    ('2026-10', 'o1', '2026-07-01', 100, 'Won', 'A', 'ads', NULL, '2026-08-10', 'won'),
    ('2026-10', 'o2', '2026-07-01', 200, 'Won', 'B', 'ads', NULL, '2026-09-10', 'won'),
    ('2026-10', 'o3', '2026-10-05', 300, 'Won', 'C', 'ads', 'C1', '2026-10-20', 'won'),
    ('2026-10', 'o4', '2026-09-01', 400, 'Won', 'D', 'web', NULL, '2026-10-10', 'won'),
    ('2026-10', 'o5', '2026-09-01', 500, 'Won', NULL, 'web', NULL, '2026-10-11', 'won'),
    ('2026-10', 'o6', '2026-09-01', 600, 'Won', 'A', 'web', NULL, '2026-10-12', 'won'),
    ('2026-10', 'o7', '2026-04-01', 700, 'Won', 'E', 'web', NULL, '2026-05-12', 'won'),
    ('2026-10', 'o8', '2026-09-01', 800, 'Won', 'E', 'web', NULL, '2026-10-13', 'won');`;

async function run(
  inserts: string,
  overrides = {},
  datasets: Record<string, DatasetName[]> = provided,
): Promise<{ db: Db; e: Efficiency }> {
  const t = await tables(inserts, "2026-10", datasets, overrides);
  return { db: t.db, e: await computeSection(t.db, efficiency, t.ctx, new Map()) };
}

let db: Db;
let e: Efficiency;
beforeAll(async () => {
  ({ db, e } = await run(SPEND + LEADS + DEALS, { amountBasis: "annual", ltv: { grossMargin: 0.8, lifetimeMonths: 24 } }));
});
afterAll(() => db.close());

describe("efficiency", () => {
  it("counts the funnel by month and by channel in one pass, the totals as counted without channels", async () => {
    const counts = async (months: string[], byChannel: boolean) =>
      (await prepareStageCounts(db, months, config.parse({}), byChannel)).get("2026-10")!;
    const both = await counts(["2026-10"], true);
    const totals = await counts(["2026-10"], false);
    // Prepared for several report months at once, a month has the counts it has alone.
    expect(await counts(["2026-08", "2026-09", "2026-10"], true)).toEqual(both);
    for (const [key, counts] of totals) expect(both.get(key)).toEqual(counts);
    expect([...both.keys()].filter((k) => !k.includes("|")).sort()).toEqual([...totals.keys()].sort());
    // October's 4 leads: 3 ads (ads and ADS are one channel), 1 web.
    expect(both.get("2026-10")?.leads).toBe(4);
    expect(both.get("2026-10|ads")?.leads).toBe(3);
    expect(both.get("2026-10|web")?.leads).toBe(1);
  });

  it("adds up the month's spend as of the month, against its budget", () => {
    // 120 + 60 + 300 = 480 against 100 + 50 + 300 = 450 (September's budget-only 90 is replaced).
    expect(e.spend.value).toBe(480);
    expect(e.spend.target).toBe(450);
    // Lower is better: the card's attainment is budget / spend, 450 / 480, as the month's status has it
    // (not 480 / 450 = 107% "attained" for a spend over its budget).
    expect(e.spend.attainment).toBe(0.9375);
    const [month, quarter, year] = e.periods;
    expect(month).toMatchObject({ actual: 480, budgetToDate: 450, variance: 30, status: "at_risk" }); // 450 / 480 = 0.94
    // Fiscal Q3 (October-December): October to date; the whole quarter's budget adds November's 110.
    expect(quarter).toMatchObject({ first: "2026-10", last: "2026-12", elapsed: 1, actual: 480, budgetFull: 560 });
    // The fiscal year (April start) to date has months without spend: not provided, never zero.
    expect(year).toMatchObject({ first: "2026-04", last: "2027-03", elapsed: 7, actual: null });
    expect(e.provided).toBe(true);
  });
  it("replaces a row restated with another spelling of its channel, never adds it", async () => {
    // September's folder planned October's ads as " ADS " (budget 90); October's folder gives them as
    // "ads" (120 against 100). One row as the report compares channels: 480 against 450, not 540.
    const restated = SPEND.replace("('2026-09', '2026-10', 'ads',", "('2026-09', '2026-10', ' ADS ',");
    expect(restated).not.toBe(SPEND);
    const r = await run(restated + LEADS + DEALS, { amountBasis: "annual", ltv: { grossMargin: 0.8, lifetimeMonths: 24 } });
    expect(r.e.spend).toMatchObject({ value: 480, target: 450 });
    r.db.close();
  });

  it("breaks spend down by channel (compared lower-case), category and team", () => {
    const ads = e.byChannel.find((r) => r.name === "ads")!;
    expect([ads.month, ads.monthBudget]).toEqual([120, 100]);
    // Ordered by fiscal year to date (not provided here), then by name.
    expect(e.byTeam.map((r) => [r.name, r.month])).toEqual([
      ["marketing", 180],
      ["sales", 300],
    ]);
    expect(e.byCategory.find((r) => r.name === "制作")!.month).toBe(60);
  });
  it("computes cost per stage from marketing spend, in total and by channel", () => {
    expect(e.costs.lead.value).toBe(45); // 180 / 4
    expect(e.costs.mql.value).toBe(90); // 180 / 2
    expect(e.costs.sql.value).toBe(180); // 180 / 1
    expect(e.costs.won.value).toBe(36); // 180 / 5 deals won in October (o3, o4, o5, o6, o8)
    const ads = e.costByChannel.find((r) => r.channel.trim().toLowerCase() === "ads")!;
    expect([ads.leads, ads.perLead, ads.perMql, ads.perSql]).toEqual([3, 40, 120, 120]); // 120 / 3, 120 / 1, 120 / 1
    const web = e.costByChannel.find((r) => r.channel === "web")!;
    expect([web.perLead, web.perSql]).toEqual([60, null]); // no web SQL: no cost per SQL
  });
  it("computes CAC over the trailing 3 months, with marketing-only CAC beside it", () => {
    const [w3, w12] = e.cacWindows;
    expect(w3).toMatchObject({ first: "2026-08", newCustomers: 5, marketingSpend: 330, salesSpend: 750, cac: 216, cacMarketing: 66 });
    expect(e.cac.value).toBe(216); // (330 + 750) / 5
    expect(e.cacMarketing.value).toBe(66); // 330 / 5
    expect(e.cacFallback).toBe(false);
    // Twelve months back, most months have no spend: not provided.
    expect(w12).toMatchObject({ spendProvided: false, cac: null });
    // Every month of both windows has its deals and leads.
    expect([w3!.missing, w12!.missing]).toEqual([
      { opportunities: [], leads: [] },
      { opportunities: [], leads: [] },
    ]);
    // November 2025 to October 2026: A, B, C, D, o5 and E (May) = 6; October's one SQL (l1).
    expect([w12!.newCustomers, w12!.sqls]).toEqual([6, 1]);
  });
  it("takes a deal without an account_id as its lead's account's, not as a new customer of its own", async () => {
    // o9 has no account_id; its lead lA is A's, which first won in August: October adds no customer.
    // o10 has neither, nor has its lead lN: a customer of its own. August-October: 5 + o10 = 6.
    const r = await run(`${SPEND + LEADS + DEALS}
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, account_id) VALUES
        ('2026-10', 'lA', '2026-09-01', 'web', 'A'), ('2026-10', 'lN', '2026-09-02', 'web', NULL);
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, account_id, lead_id, source, closed_at, outcome) VALUES
        ('2026-10', 'o9', '2026-09-05', 900, 'Won', NULL, 'lA', 'web', '2026-10-15', 'won'),
        ('2026-10', 'o10', '2026-09-06', 100, 'Won', NULL, 'lN', 'web', '2026-10-16', 'won');`);
    expect(r.e.cacWindows[0]!.newCustomers).toBe(6);
    r.db.close();
  });
  it("computes LTV from the lifetime, LTV:CAC and payback", () => {
    // 450 a year / 12 x 0.8 = 30 a month; x 24 months = 720; 720 / 216 = 3.33; 216 / 30 = 7.2 months.
    expect(e.ltv).toMatchObject({
      averageWon: 450,
      monthlyGrossProfit: 30,
      ltv: 720,
      cacUsed: 216,
      cacMonths: 3,
      lifetimeFrom: "lifetime",
    });
    expect(e.ltv.ltvToCac).toBeCloseTo(720 / 216, 6);
    expect(e.ltv.paybackMonths).toBe(7.2);
    expect([e.ltv.wonDeals, e.ltv.missing]).toEqual([8, []]);
  });
  it("computes campaign ROI to date", () => {
    // C1 cost 100: o3 300 created and won in October; one MQL and one SQL (l1).
    expect(e.campaigns).toEqual([
      expect.objectContaining({
        campaign_id: "C1",
        cost: 100,
        mqls: 1,
        sqls: 1,
        costPerMql: 100,
        costPerSql: 100,
        pipeline: 300,
        won: 300,
        pipelineRoi: 3,
        wonRoi: 3,
        openDeals: 0, // o3 is decided: its ROI is final
      }),
    ]);
  });
});

describe("efficiency: campaign ROI while the campaign's deals are still open", () => {
  // C2 (cost 200, started in August) as of October's end: p1 400 won in September, p3 100 lost in
  // October; p2 300 and p4 250 open, p6 open without an amount, p5 150 open in October's folder
  // (won in November's, which October's report does not read). Pipeline 400 + 300 + 100 + 250 + 150
  // = 1,200 (p6 has no amount); won to date 400. Open: p2, p4, p5, p6 = 4.
  const OPEN = `
  INSERT INTO raw_campaigns (__folder, campaign_id, name, channel, cost, started_at) VALUES
    ('2026-10', 'C2', 'Expo', 'event', 200, '2026-08-01');
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, account_id, source, campaign_id, closed_at, outcome) VALUES
    ('2026-10', 'p1', '2026-08-10', 400, 'Won', 'P', 'event', 'C2', '2026-09-15', 'won'),
    ('2026-10', 'p2', '2026-09-01', 300, 'Proposal', 'Q', 'event', 'C2', '2026-11-30', 'open'),
    ('2026-10', 'p3', '2026-10-05', 100, 'Lost', 'R', 'event', 'C2', '2026-10-20', 'lost'),
    ('2026-10', 'p4', '2026-10-20', 250, 'Qualify', 'S', 'event', 'C2', '2026-12-15', 'open'),
    ('2026-10', 'p5', '2026-10-25', 150, 'Proposal', 'T', 'event', 'C2', '2026-11-10', 'open'),
    ('2026-11', 'p5', '2026-10-25', 150, 'Won', 'T', 'event', 'C2', '2026-11-10', 'won'),
    ('2026-10', 'p6', '2026-09-20', NULL, 'Qualify', 'U', 'event', 'C2', NULL, 'open');`;
  it("counts the deals open at the month's end, the ROI still won to date / cost", async () => {
    const r = await run(SPEND + LEADS + DEALS + OPEN);
    // Largest cost first: C2 (200), then C1 (100) as above.
    expect(r.e.campaigns.map((c) => [c.campaign_id, c.pipeline, c.won, c.pipelineRoi, c.wonRoi, c.openDeals])).toEqual([
      ["C2", 1200, 400, 6, 2, 4], // 1,200 / 200 = 6; 400 / 200 = 2, to date with 4 deals open
      ["C1", 300, 300, 3, 3, 0],
    ]);
    r.db.close();
  });
});

describe("efficiency: campaign ROI while the campaign is younger than the campaign cycle", () => {
  // The cycle, as of October's end, from the deals with a lead (new business: the deals give their
  // type). Leads c1-c10 created 2026-01-01 09:00; deal dk created 3k and won 10k whole days later
  // (d1: 01-04 and 01-11, ..., d10: 01-31 and 04-11), all in the trailing 12 months (from 2025-11).
  // d9 has a second, later lead (c9b, 03-01, by its opportunity_id): its cycle starts with c9; d10's
  // lead is known only by c10's opportunity_id. Left out: x1, a renewal (its lead from 2024); x2,
  // dated before its lead; x3, created and won before the trailing 12 months.
  //   Lead to deal: 3, 6, ..., 30 days (10 deals); p90 at position 0.9 x 9 = 8.1: 27 + 0.1 x 3 = 27.3, up to 28.
  //   Lead to won: 10, 20, ..., 100 days (10 deals); 90 + 0.1 x 10 = 91.
  const cycleDeal = (k: number) => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
    return `('2026-10', 'd${k}', '${day(3 * k)}', 100, 'Won', ${k === 10 ? "NULL" : `'c${k}'`}, 'A${k}', 'web', NULL, '${day(10 * k)}', 'won', 'new_business')`;
  };
  const cycleLeads = (n: number) => `
  INSERT INTO raw_leads (__folder, lead_id, created_at, source, opportunity_id) VALUES
    ${Array.from({ length: n }, (_, i) => `('2026-10', 'c${i + 1}', '2026-01-01 09:00', 'web', ${i === 9 ? "'d10'" : "NULL"})`).join(",\n    ")},
    ('2026-10', 'c9b', '2026-03-01 09:00', 'web', 'd9'),
    ('2026-10', 'cx1', '2024-06-01', 'web', NULL),
    ('2026-10', 'cx2', '2026-06-10', 'web', NULL),
    ('2026-10', 'cx3', '2025-08-01', 'web', NULL);
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, account_id, source, campaign_id, closed_at, outcome, type) VALUES
    ${Array.from({ length: n }, (_, i) => cycleDeal(i + 1)).join(",\n    ")},
    ('2026-10', 'x1', '2026-03-01', 100, 'Won', 'cx1', 'X1', 'web', NULL, '2026-05-01', 'won', 'renewal'),
    ('2026-10', 'x2', '2026-05-20', 100, 'Won', 'cx2', 'X2', 'web', NULL, '2026-06-01', 'won', 'new_business'),
    ('2026-10', 'x3', '2025-09-01', 100, 'Won', 'cx3', 'X3', 'web', NULL, '2025-10-15', 'won', 'new_business');`;
  // Campaigns as of 2026-10-31, whole days since their end (their start without one):
  //   K1 ended 04-30: 184, final. K2 ended 08-01: 91, final (not fewer than 91). K3 ended 08-02: 90,
  //   won marked (< 91), pipeline final (>= 28). K4, an expo promoted from 08-20 whose event ended
  //   10-15: 16 (72 from its start), both marked. K5 ended 10-03: 28, won marked, pipeline final.
  //   K6 runs to 11-30: -30, still running, both marked. K7 gives no end, started 05-15: 169 days
  //   since its start, but nothing says it has ended (a CRM leaves a running campaign's end blank):
  //   both marked, whatever the days (and its deal g1 is still open). K8's end (09-01) is before its
  //   start (09-20): from its start, 41, won marked.
  const CAMPAIGNS = `
  INSERT INTO raw_campaigns (__folder, campaign_id, name, channel, cost, started_at, ended_at) VALUES
    ('2026-10', 'K1', 'Spring ads', 'ads', 800, '2026-04-01', '2026-04-30'),
    ('2026-10', 'K2', 'Summer webinar', 'webinar', 700, '2026-07-01', '2026-08-01'),
    ('2026-10', 'K3', 'Summer seminar', 'event', 600, '2026-07-02', '2026-08-02'),
    ('2026-10', 'K4', 'Autumn expo', 'event', 500, '2026-08-20', '2026-10-15'),
    ('2026-10', 'K5', 'Partner event', 'event', 400, '2026-09-01', '2026-10-03'),
    ('2026-10', 'K6', 'Always-on ads', 'ads', 300, '2026-10-01', '2026-11-30'),
    ('2026-10', 'K7', 'Direct mail', 'email', 200, '2026-05-15', NULL),
    ('2026-10', 'K8', 'Misdated mail', 'email', 100, '2026-09-20', '2026-09-01');
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, account_id, source, campaign_id, closed_at, outcome, type) VALUES
    ('2026-10', 'g1', '2026-06-01', 300, 'Proposal', 'G', 'email', 'K7', '2026-12-01', 'open', 'new_business');`;
  const marks = (e: Efficiency) =>
    e.campaigns.map((c) => [c.campaign_id, c.elapsed, pipelineMaturing(c, e.campaignCycle), wonMaturing(c, e.campaignCycle)]);
  const young = (from: "end" | "start" | "open", days: number, p90: number | null) => ({ from, days, p90 });

  it("measures the cycle's p90 and marks the campaigns that have had fewer days since their end, or still run", async () => {
    const r = await run(cycleLeads(10) + CAMPAIGNS);
    expect(r.e.campaignCycle).toEqual({ deals: 10, toDeal: 28, won: 10, toWon: 91 });
    expect(marks(r.e)).toEqual([
      ["K1", { from: "end", days: 184 }, undefined, undefined],
      ["K2", { from: "end", days: 91 }, undefined, undefined],
      ["K3", { from: "end", days: 90 }, undefined, { young: young("end", 90, 91), open: 0 }],
      ["K4", { from: "end", days: 16 }, young("end", 16, 28), { young: young("end", 16, 91), open: 0 }],
      ["K5", { from: "end", days: 28 }, undefined, { young: young("end", 28, 91), open: 0 }],
      ["K6", { from: "end", days: -30 }, young("end", -30, 28), { young: young("end", -30, 91), open: 0 }],
      ["K7", { from: "open", days: 169 }, young("open", 169, 28), { young: young("open", 169, 91), open: 1 }],
      ["K8", { from: "start", days: 41 }, undefined, { young: young("start", 41, 91), open: 0 }],
    ]);
    r.db.close();
  });

  it("does not know the cycle from fewer than 10 deals, and marks every campaign", async () => {
    // Without c10 and d10: 9 deals each way.
    const r = await run(cycleLeads(9) + CAMPAIGNS);
    expect(r.e.campaignCycle).toEqual({ deals: 9, toDeal: null, won: 9, toWon: null });
    for (const c of r.e.campaigns) {
      expect(pipelineMaturing(c, r.e.campaignCycle)).toEqual({ ...c.elapsed, p90: null });
      expect(wonMaturing(c, r.e.campaignCycle)).toEqual({ young: { ...c.elapsed, p90: null }, open: c.openDeals });
    }
    r.db.close();
  });

  it("marks nothing in an edition that did not measure the cycle (format 5 or older)", async () => {
    const r = await run(cycleLeads(10) + CAMPAIGNS);
    const old = r.e.campaigns.map((c) => ({ ...c, openDeals: null, elapsed: null }));
    expect(old.map((c) => [pipelineMaturing(c, null), wonMaturing(c, null)])).toEqual(old.map(() => [undefined, undefined]));
    r.db.close();
  });
});

describe("efficiency without everything", () => {
  it("uses churn for the lifetime when given, and a one-time amount has no payback", async () => {
    const churn = await run(SPEND + LEADS + DEALS, { ltv: { grossMargin: 0.8, monthlyChurn: 0.05 } });
    // Lifetime 1 / 0.05 = 20 months: 30 x 20 = 600.
    expect(churn.e.ltv).toMatchObject({ ltv: 600, lifetimeFrom: "churn" });
    churn.db.close();
    const once = await run(SPEND + LEADS + DEALS, { amountBasis: "one_time", ltv: { grossMargin: 0.8 } });
    // 450 x 0.8 = 360; no monthly profit, so no payback.
    expect(once.e.ltv).toMatchObject({ ltv: 360, monthlyGrossProfit: null, paybackMonths: null });
    once.db.close();
  });
  it("shows marketing-only CAC and no CAC when sales spend is not provided", async () => {
    const noSales = SPEND.replace(/,\n\s*\('2026-\d\d', '2026-\d\d', 'Field', 'sales', 'sales', \d+, \d+\)/g, "");
    const r = await run(noSales + LEADS + DEALS);
    expect(r.e.cacWindows[0]).toMatchObject({ salesProvided: false, salesSpend: null, cac: null, cacMarketing: 66 });
    expect(r.e.cac.value).toBeNull();
    expect(efficiency.summary!(r.e)[0]!.metric).toBe("cac_marketing");
    r.db.close();
  });
  it("falls back to cost per SQL below 5 new customers", async () => {
    const fewer = DEALS.replace(/\n\s*\('2026-10', 'o5'[^\n]*/, "");
    const r = await run(SPEND + LEADS + fewer.replace("'won'),\n    ('2026-10', 'o6'", "'won'),\n    ('2026-10', 'o6'"));
    expect(r.e.cacWindows[0]!.newCustomers).toBe(4);
    expect(r.e.cacFallback).toBe(true);
    expect(r.e.cac.value).toBeNull();
    expect(efficiency.summary!(r.e)[0]!.metric).toBe("cost_per_sql");
    r.db.close();
  });
  it("reads not provided without the spend dataset", async () => {
    const r = await run(LEADS + DEALS, {}, { "2026-10": ["leads", "opportunities"] });
    expect(r.e.provided).toBe(false);
    expect(r.e.spend.value).toBeNull();
    expect(r.e.costs.lead.value).toBeNull();
    expect(r.e.periods.every((p) => p.actual === null)).toBe(true);
    expect(r.e.ltv.ltv).toBeNull(); // no ltv configuration either
    r.db.close();
  });
});

describe("efficiency: windows with a month that lacks its deals or leads", () => {
  const settings = { amountBasis: "annual", ltv: { grossMargin: 0.8, lifetimeMonths: 24 } };
  it("reads the window's new customers and CAC as not provided, not a sum counting the month as zero, nor too few", async () => {
    // September's folder has no deals: August-October's new customers (A, B, C, D, o5 = 5 with them)
    // are not known; the spend (330 + 750) is there. Not too few either: no fallback to cost per SQL.
    const r = await run(SPEND + LEADS + DEALS, settings, { ...provided, "2026-09": ["leads", "campaigns", "spend"] });
    const [w3, w12] = r.e.cacWindows;
    expect(w3).toMatchObject({
      missing: { opportunities: ["2026-09"], leads: [] },
      marketingSpend: 330,
      salesSpend: 750,
      newCustomers: null,
      cac: null,
      cacMarketing: null,
      // The leads are there: October's one SQL over August-October, 330 / 1.
      sqls: 1,
      costPerSql: 330,
    });
    expect(w12).toMatchObject({ missing: { opportunities: ["2026-09"], leads: [] }, newCustomers: null, cac: null });
    expect(r.e.cacFallback).toBe(false);
    expect([r.e.cac.value, r.e.cacMarketing.value]).toEqual([null, null]);
    expect(r.e.cac.series.at(-1)).toEqual({ month: "2026-10", value: null });
    // The summary reads CAC as not provided; cost per SQL does not stand in.
    expect(efficiency.summary!(r.e)[0]).toMatchObject({ metric: "cac", headline: { value: null } });
    // LTV's trailing 12 months lack September's deals: its average (450 with them) is not known.
    expect(r.e.ltv).toMatchObject({
      missing: ["2026-09"],
      wonDeals: null,
      averageWon: null,
      monthlyGrossProfit: null,
      ltv: null,
      ltvToCac: null,
      paybackMonths: null,
    });
    r.db.close();
  });
  it("reads the window's SQLs and cost per SQL as not provided when a month of it lacks its leads", async () => {
    // August's folder has no leads: August-October's SQLs are not known; new customers still 5.
    const r = await run(SPEND + LEADS + DEALS, settings, { ...provided, "2026-08": ["opportunities", "campaigns", "spend"] });
    const [w3, w12] = r.e.cacWindows;
    expect(w3).toMatchObject({
      missing: { opportunities: [], leads: ["2026-08"] },
      sqls: null,
      costPerSql: null,
      newCustomers: 5,
      cac: 216,
    });
    expect(w12).toMatchObject({ missing: { opportunities: [], leads: ["2026-08"] }, sqls: null, costPerSql: null });
    expect(r.e.ltv).toMatchObject({ missing: [], averageWon: 450, ltv: 720 });
    r.db.close();
  });
  it("reads the 12-month window and LTV as not provided when months of the twelve precede the first folder", async () => {
    // Folders from August 2026 only: November 2025 to July 2026 have no deals or leads. The 3-month
    // window is whole: CAC 216 from it, for LTV:CAC and payback too, but LTV is not provided.
    const r = await run(SPEND + LEADS + DEALS, settings, { "2026-08": ALL, "2026-09": ALL, "2026-10": ALL });
    const before = TWELVE.slice(0, 9);
    const [w3, w12] = r.e.cacWindows;
    expect(w3).toMatchObject({ missing: { opportunities: [], leads: [] }, newCustomers: 5, cac: 216 });
    expect(w12).toMatchObject({
      missing: { opportunities: before, leads: before },
      newCustomers: null,
      sqls: null,
      cac: null,
      costPerSql: null,
    });
    expect(r.e.ltv).toMatchObject({
      missing: before,
      averageWon: null,
      ltv: null,
      cacUsed: 216,
      cacMonths: 3,
      ltvToCac: null,
      paybackMonths: null,
    });
    r.db.close();
  });
  it("keeps no cases for a fully provided 12 months without a won deal", async () => {
    const r = await run(SPEND + LEADS, settings);
    expect(r.e.ltv).toMatchObject({ missing: [], wonDeals: 0, averageWon: null, ltv: null });
    // No new customer in a whole window: too few, cost per SQL stands in.
    expect(r.e.cacWindows[0]).toMatchObject({ newCustomers: 0, cac: null });
    expect(r.e.cacFallback).toBe(true);
    r.db.close();
  });
});

describe("efficiency: CAC month by month", () => {
  // July reports spend too (ads 40, sales 150). September's trailing 3 months (July-September) then
  // have spend in each month: marketing 40 + 50 + 100 = 190, sales 150 + 200 + 250 = 600; their new
  // customers are A (August) and B (September): 2, fewer than 5, too few for a CAC.
  const JULY = `
  INSERT INTO raw_spend (__folder, month, channel, category, team, amount, budget) VALUES
    ('2026-07', '2026-07', 'ads', '販促・広告', 'marketing', 40, 40),
    ('2026-07', '2026-07', 'Field', 'sales', 'sales', 150, 150);`;
  const all = { "2026-07": ALL, ...provided };
  it("reads a month with too few new customers as no value over the data present ('-'), not as not provided", async () => {
    const r = await run(SPEND + JULY + LEADS + DEALS, {}, all);
    const at = (h: Efficiency["cac"], m: string) => h.series.find((p) => p.month === m);
    expect(at(r.e.cac, "2026-09")).toEqual({ month: "2026-09", value: null, numerator: 790, denominator: 2 });
    expect(at(r.e.cacMarketing, "2026-09")).toEqual({ month: "2026-09", value: null, numerator: 190, denominator: 2 });
    // October: (330 + 750) / 5 as before; August's three months reach June, which reports no spend.
    expect(at(r.e.cac, "2026-10")).toEqual({ month: "2026-10", value: 216, numerator: 1080, denominator: 5 });
    expect(at(r.e.cac, "2026-08")).toEqual({ month: "2026-08", value: null });
    r.db.close();
  });
  it("reads a month whose deals are not provided as not provided", async () => {
    const r = await run(SPEND + JULY + LEADS + DEALS, {}, { ...all, "2026-09": ["leads", "campaigns", "spend"] });
    expect(r.e.cac.series.find((p) => p.month === "2026-09")).toEqual({ month: "2026-09", value: null });
    expect(r.e.cacMarketing.series.find((p) => p.month === "2026-09")).toEqual({ month: "2026-09", value: null });
    r.db.close();
  });
});

describe("efficiency with the deal type", () => {
  // The same spend and leads; the deals give their type. New business: A in August (A's October
  // expansion is an existing customer's), G in August, F in September, C and D in October. B's
  // September renewal, o5's October expansion (no account) and E's renewals make no new customer.
  // New customers over August-October: A, G, F, C, D = 5 (without the type: 7, with B and o5).
  const TYPED = `
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, account_id, source, closed_at, outcome, type) VALUES
    ('2026-10', 'o1', '2026-07-01', 100, 'Won', 'A', 'ads', '2026-08-10', 'won', 'new_business'),
    ('2026-10', 'o2', '2026-07-01', 200, 'Won', 'B', 'ads', '2026-09-10', 'won', 'renewal'),
    ('2026-10', 'o3', '2026-10-05', 300, 'Won', 'C', 'ads', '2026-10-20', 'won', 'new_business'),
    ('2026-10', 'o4', '2026-09-01', 400, 'Won', 'D', 'web', '2026-10-10', 'won', 'new_business'),
    ('2026-10', 'o5', '2026-09-01', 500, 'Won', NULL, 'web', '2026-10-11', 'won', 'expansion'),
    ('2026-10', 'o6', '2026-09-01', 600, 'Won', 'A', 'web', '2026-10-12', 'won', 'expansion'),
    ('2026-10', 'o7', '2026-04-01', 700, 'Won', 'E', 'web', '2026-05-12', 'won', 'renewal'),
    ('2026-10', 'o8', '2026-09-01', 800, 'Won', 'E', 'web', '2026-10-13', 'won', 'renewal'),
    ('2026-10', 'o9', '2026-08-01', 900, 'Won', 'F', 'web', '2026-09-20', 'won', 'new_business'),
    ('2026-10', 'o10', '2026-07-01', NULL, 'Won', 'G', 'ads', '2026-08-20', 'won', 'new_business');`;
  it("counts only first won new-business deals as new customers, and new-business wins in cost per won deal and LTV", async () => {
    const r = await run(SPEND + LEADS + TYPED, { amountBasis: "annual", ltv: { grossMargin: 0.8, lifetimeMonths: 24 } });
    expect(r.e.newBusinessOnly).toBe(true);
    expect(r.e.cacWindows[0]).toMatchObject({ newCustomers: 5, cac: 216 }); // (330 + 750) / 5
    // October's won deals: o3, o4 new business; o5, o6, o8 not. 180 / 2 = 90.
    expect(r.e.costs.won.value).toBe(90);
    const byChannel = (c: string) => r.e.costByChannel.find((x) => x.channel.trim().toLowerCase() === c)!;
    expect([byChannel("ads").won, byChannel("ads").perWon]).toEqual([1, 120]); // o3: 120 / 1
    expect([byChannel("web").won, byChannel("web").perWon]).toEqual([1, 60]); // o4: 60 / 1
    // New-business amounts in the trailing 12 months: 100 + 300 + 400 + 900 over 4 (o10 has none) = 425.
    expect(r.e.ltv).toMatchObject({ averageWon: 425, wonDeals: 4 });
    r.db.close();
  });
  it("keeps every won deal without the type column, and says so", async () => {
    const r = await run(SPEND + LEADS + TYPED.replace(/, '(new_business|renewal|expansion)'\)/g, ", NULL)"));
    expect(r.e.newBusinessOnly).toBe(false);
    expect(r.e.cacWindows[0]!.newCustomers).toBe(7); // A, G, B, F, C, D, o5
    expect(r.e.costs.won.value).toBe(36); // 180 / 5
    r.db.close();
  });
});

describe("efficiency with a spend line not reported yet", () => {
  // October reports spend (ads 120 against 100, sales 300), but the web line has its budget (50) and
  // no amount yet: it is not 0. Marketing's October spend is at least 120.
  const PENDING = SPEND.replace(
    "('2026-10', '2026-10', 'web', '制作', 'marketing', 60, 50)",
    "('2026-10', '2026-10', 'web', '制作', 'marketing', NULL, 50)",
  );
  it("reads the line's channel as not provided and the month's totals as provisional, naming how many lines are missing", async () => {
    const r = await run(PENDING + LEADS + DEALS);
    expect([r.e.unreported, r.e.unreportedMarketing]).toEqual([1, 1]);
    // 120 + 300 = 420 reported so far against the whole budget 450: not "within budget" yet.
    expect(r.e.periods[0]).toMatchObject({ actual: 420, budgetToDate: 450, unreported: 1, status: null });
    const web = r.e.costByChannel.find((x) => x.channel === "web")!;
    expect([web.spend, web.perLead]).toEqual([null, null]);
    expect(r.e.byChannel.find((x) => x.name === "web")!.month).toBeNull();
    expect(r.e.byCategory.find((x) => x.name === "制作")!.month).toBeNull();
    expect(r.e.byTeam.find((x) => x.name === "marketing")!.month).toBeNull();
    expect(r.e.byTeam.find((x) => x.name === "sales")!.month).toBe(300);
    const ads = r.e.costByChannel.find((x) => x.channel === "ads")!;
    expect([ads.spend, ads.perLead]).toEqual([120, 40]); // 120 / 3
    // CAC over August-October: marketing 50 + 100 + 120, provisional with the one line.
    expect(r.e.cacWindows[0]).toMatchObject({ unreported: 1, marketingSpend: 270 });
    expect(efficiency.summary!(r.e)[0]).toMatchObject({ metric: "cac", maturity: "provisional" });
    r.db.close();
  });
  it("keeps an over-budget status, which the missing line can only confirm", async () => {
    const over = PENDING.replace("'ads', '販促・広告', 'marketing', 120, 100)", "'ads', '販促・広告', 'marketing', 220, 100)");
    const r = await run(over + LEADS + DEALS);
    expect(r.e.periods[0]).toMatchObject({ actual: 520, budgetToDate: 450, unreported: 1, status: "missed" });
    r.db.close();
  });
  it("reads a past month of a channel's cost trend with its line not reported yet as not provided, not as no leads", async () => {
    // September's web line has its budget (40) and no amount yet, and no web lead: its cost per lead
    // is not provided (the spend is not there), where August's (no web line, no web lead) is no cases.
    const late = SPEND.replace(
      "('2026-09', '2026-09', 'Field', 'sales', 'sales', 250, 250),",
      "('2026-09', '2026-09', 'Field', 'sales', 'sales', 250, 250), ('2026-09', '2026-09', 'web', '制作', 'marketing', NULL, 40),",
    );
    const r = await run(late + LEADS + DEALS);
    const web = r.e.channelSeries.find((c) => c.channel === "web")!.series.slice(-3);
    expect(web).toEqual([
      { month: "2026-08", value: null, provided: true },
      { month: "2026-09", value: null, provided: false },
      { month: "2026-10", value: 60, provided: true },
    ]);
    r.db.close();
  });
  it("reads every channel as not provided when the month has budget rows only", async () => {
    const budgetOnly = SPEND.replace(
      /\('2026-10', '2026-10', ('[^']*'), ('[^']*'), ('[^']*'), \d+, (\d+)\)/g,
      "('2026-10', '2026-10', $1, $2, $3, NULL, $4)",
    );
    const r = await run(budgetOnly + LEADS + DEALS);
    expect(r.e.provided).toBe(false);
    expect(r.e.unreported).toBe(0); // a month without spend is not provided, not provisional
    expect(r.e.costByChannel.length).toBeGreaterThan(0);
    for (const c of r.e.costByChannel) expect([c.spend, c.perLead]).toEqual([null, null]);
    r.db.close();
  });
});
