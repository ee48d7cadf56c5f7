// The plan's KPI tree against hand-computed numbers: targets given, derived at trailing rates and
// implied; the gap's log attribution; a zero actual; a node with a zero parent; a quarter without
// a target; the back-calculation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { round, type MetricContext } from "../src/metrics/context.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { attribute, enterBy, LEVELS, RATES, treeTargets } from "../src/sections/plan/compute.ts";
import { plan } from "../src/sections/plan/index.ts";
import type { Plan } from "../src/sections/plan/schema.ts";
import { tables } from "./helpers/tables.ts";

describe("KPI tree targets", () => {
  // Given: won amount 1,000, won 10, opportunities 25, MQLs 100, sessions 10,000. Trailing rates:
  // win rate 0.5, SQL -> opportunity 1, lead -> MQL 0.4 (the others are implied and not used).
  const given: Record<string, number> = { won_amount: 1000, won: 10, opportunities: 25, mql: 100, sessions: 10000 };
  const t = treeTargets((id) => given[id], [99, 0.5, 99, 1, 99, 0.4, 99]);
  it("takes given targets, derives missing ones at trailing rates, and implies the rates between", () => {
    expect(t.levels).toEqual([1000, 10, 20, 25, 25, 100, 250, 10000]);
    expect(t.levelFrom).toEqual(["given", "given", "derived", "given", "derived", "given", "derived", "given"]);
    // avg 1,000 / 10; win 20 -> 10 at the trailing 0.5; close 20 / 25; 25 / 25; 25 / 100; 0.4; 250 / 10,000.
    expect(t.rates).toEqual([100, 0.5, 0.8, 1, 0.25, 0.4, 0.025]);
    expect(t.rateFrom).toEqual(["implied", "derived", "implied", "derived", "implied", "derived", "implied"]);
  });
  it("attributes the gap to the factor whose actual fell short: log shares add up to 1", () => {
    // Only the win rate is off: 0.4 against 0.5, so won amount is 800 against 1,000 and its share is 1.
    const actual = { levels: [800, 8, 20, 25, 25, 100, 250, 10000], rates: [100, 0.4, 0.8, 1, 0.25, 0.4, 0.025] };
    const a = attribute(actual, t);
    expect(a.driver).toBe("win_rate");
    expect(a.shares.get("win_rate")).toBe(1);
    expect(a.shares.get("sessions")).toBe(0);
    expect([...a.shares.keys()]).toEqual([...RATES, "sessions"]);
  });
  it("splits a gap between two factors by their logs", () => {
    // Sessions 8,000 (x0.8) and deal size 125 (x1.25): won amount 1,000 x 0.8 x 1.25 = 1,000: no gap.
    // Sessions 5,000 (x0.5) and win rate 0.4 (x0.8): 1,000 x 0.4 = 400; shares ln 0.5 / ln 0.4 and ln 0.8 / ln 0.4.
    const actual = { levels: [400, 4, 10, 12.5, 12.5, 50, 125, 5000], rates: [100, 0.4, 0.8, 1, 0.25, 0.4, 0.025] };
    const a = attribute(actual, t);
    expect(a.shares.get("sessions")).toBeCloseTo(Math.log(0.5) / Math.log(0.4), 6);
    expect(a.shares.get("win_rate")).toBeCloseTo(Math.log(0.8) / Math.log(0.4), 6);
    expect(a.driver).toBe("sessions");
  });
  it("names the rate that turned a level to zero when the won amount is zero", () => {
    const actual = { levels: [0, 0, 5, 25, 25, 100, 250, 10000], rates: [null, 0, 0.2, 1, 0.25, 0.4, 0.025] };
    expect(attribute(actual, t)).toMatchObject({ driver: "win_rate", how: "zero" });
  });
  it("reads a target worked from a trailing rate that is not provided as not provided: null, with its source", () => {
    // Won amount 1,000 given, sessions 10,000 given; the trailing lead -> MQL rate is not provided (a
    // month of the three lacks leads): the leads target (MQLs 100 / it) is not provided, and so is
    // session -> lead, implied by leads' target and sessions'.
    const u = treeTargets(
      (id) => ({ won_amount: 1000, sessions: 10000 })[id],
      [100, 0.5, 0.8, 1, 0.25, 0.4, 99],
      [false, false, false, false, false, true, true],
    );
    // 1,000 / 100 = 10 won; / 0.5 = 20 closed; / 0.8 = 25 opportunities; / 1 = 25 SQLs; / 0.25 = 100 MQLs.
    expect(u.levels).toEqual([1000, 10, 20, 25, 25, 100, null, 10000]);
    expect(u.levelFrom).toEqual(["given", "derived", "derived", "derived", "derived", "derived", "derived", "given"]);
    expect(u.rates).toEqual([100, 0.5, 0.8, 1, 0.25, null, null]);
    expect(u.rateFrom).toEqual(["derived", "derived", "derived", "derived", "derived", "derived", "implied"]);
    // Without a target above it, a rate not provided gives no target at all (no source).
    const none = treeTargets(() => undefined, [100, 0.5, 0.8, 1, 0.25, 0.4, 99], Array(7).fill(true));
    expect([none.levels, none.levelFrom]).toEqual([Array(8).fill(null), Array(8).fill(null)]);
  });
  it("lists the levels top down", () => {
    expect(LEVELS[0]).toBe("won_amount");
    expect(LEVELS.at(-1)).toBe("sessions");
  });
});

// October 2026 (fiscal Q3, April start): no lead created in October, but an MQL from a September
// lead: lead -> MQL has a zero parent. Two deals closed, one won (300); two opportunities created.
const RECORDS = `
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
      ('2026-10', 'l1', '2026-09-20', 'web', '2026-10-02', '2026-10-03'),
      ('2026-10', 'l2', '2026-09-21', 'web', '2026-09-22', '2026-09-25'),
      ('2026-10', 'l3', '2026-08-21', 'web', '2026-08-22', NULL);
    INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, outcome) VALUES
      ('2026-10', 'o1', '2026-10-04', 300, 'Won', 'l1', '2026-10-20', 'won'),
      ('2026-10', 'o2', '2026-10-05', 100, 'Lost', NULL, '2026-10-21', 'lost'),
      ('2026-10', 'o3', '2026-09-26', 500, 'Won', 'l2', '2026-09-30', 'won');`;

let db: Db;
let ctx: MetricContext;
let p: Plan;
beforeAll(async () => {
  const t = await tables(
    `${RECORDS}
    INSERT INTO raw_targets (month, metric, value) VALUES ('2026-09', 'won_amount', 400), ('2026-11', 'won_amount', 600);`,
    "2026-10",
    // Every month of the fiscal year to date has its leads and deals.
    Object.fromEntries(
      ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"].map((m) => [m, ["leads", "opportunities"]]),
    ),
  );
  db = t.db;
  ctx = t.ctx;
  p = await computeSection(
    db,
    plan,
    t.ctx,
    new Map([
      ["won_amount|2026-09", 400],
      ["won_amount|2026-11", 600],
    ]),
  );
});
afterAll(() => db.close());

describe("plan", () => {
  const node = (id: string) => p.nodes.find((n) => n.id === id)!;
  it("computes the tree's actuals, a rate with a zero parent reading no value", () => {
    expect(node("won_amount").value).toBe(300);
    expect(node("win_rate")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(node("tree_close_rate").value).toBe(1); // 2 closed / 2 created
    expect(node("leads").value).toBe(0);
    expect(node("tree_lead_to_mql")).toMatchObject({ value: null, provided: true }); // 1 MQL / 0 leads: "-"
    // No won_amount target for October: no target anywhere, nothing to attribute.
    expect(node("won_amount").target).toBeNull();
    expect(p.driver).toMatchObject({ node: null, how: "none" });
    expect(node("won_amount").mom).toBe(-0.4); // 300 vs September's 500
  });
  it("names the gap's main cause only when the won amount is at risk or missed; on target it says so", async () => {
    const withTarget = async (target: number) => computeSection(db, plan, ctx, new Map([["won_amount|2026-10", target]]));
    // 300 won against 290: attainment 1.03, met. The factors' shares divide by log(1.03): no cause.
    const met = await withTarget(290);
    expect(met.nodes[0]!.status).toBe("met");
    expect(met.driver).toEqual({ node: null, how: "on_target", attainment: round(300 / 290) });
    // On target the won amount's own tile says so: the plan adds no line repeating it.
    expect(plan.summary!(met)).toEqual([]);
    // 300 against 600: attainment 0.5, missed: the cause is named.
    const missed = await withTarget(600);
    expect(missed.nodes[0]!.status).toBe("missed");
    // The tree derives the other targets at the trailing 3-month rates: MQLs 2.25 against 1 actual, the
    // largest share, log(1 / 2.25) / log(300 / 600) = 1.17; average deal 300 against 400: log 0.75 / log 0.5 = 0.415.
    expect(missed.driver).toEqual({ node: "mql", how: "share", attainment: 0.5 });
    expect(missed.nodes.find((n) => n.id === "mql")!.share).toBeCloseTo(Math.log(2.25) / Math.log(2), 5);
    expect(missed.nodes.find((n) => n.id === "tree_avg_deal_size")!.share).toBeCloseTo(Math.log(0.75) / Math.log(0.5), 5);
    expect(plan.summary!(missed)[0]!.role).toEqual({ en: "Revenue gap's main cause", ja: "売上差の主因" });
  });
  it("has no change against a previous month whose dataset is not provided, not one against zero", async () => {
    // September's folder without leads: October's leads (0 against September's l1 and l2) read -100%,
    // its MQLs and SQLs (1 each, as in September) ±0, and SQL -> opportunity (2 / 1 against o3 / l2,
    // 1 / 1) +100pt, where September's leads are not known. The deals' changes stand: ¥300 against ¥500.
    const noLeads: MetricContext = { ...ctx, provided: (d, m) => !(d === "leads" && m === "2026-09") && ctx.provided(d, m) };
    const w = await computeSection(db, plan, noLeads, new Map());
    const at = (id: string) => w.nodes.find((n) => n.id === id)!;
    expect([node("leads").mom, node("mql").mom, node("sql").mom, node("tree_sql_to_opportunity").mom]).toEqual([-1, 0, 0, 1]);
    for (const id of ["leads", "mql", "sql", "tree_sql_to_opportunity", "tree_mql_to_sql", "tree_lead_to_mql"])
      expect(at(id), id).toMatchObject({ previous: null, mom: null });
    expect(at("won_amount")).toMatchObject({ previous: 500, mom: -0.4 });
    expect(at("opportunities")).toMatchObject({ previous: 1, mom: 1 });
  });
  it("reads a quarter without targets as no attainment, and a period's run-rate from its months", () => {
    const q = p.periods.find((r) => r.period === "quarter" && r.metric === "won_amount")!;
    expect(q).toMatchObject({ first: "2026-10", elapsed: 1, actual: 300, targetToDate: null, attainment: null, runRate: 900 });
    const y = p.periods.find((r) => r.period === "year" && r.metric === "won_amount")!;
    // April-October: 500 in September + 300 in October; 800 / 7 x 12 = 1,371.43.
    expect(y).toMatchObject({ elapsed: 7, actual: 800, targetToDate: null });
    expect(y.runRate).toBeCloseTo((800 / 7) * 12, 4);
    expect(p.fytd.value).toBeNull();
    expect([q.missing, y.missing]).toEqual([[], []]);
  });
  it("reads a period to date as not provided when a month to date lacks its deals, not counting it as zero", async () => {
    // A won amount target of 100 for each month April-October: 700 to date, 1,000 in the quarter
    // (October 100, November 600, December 300). With every month's deals: 800 / 700 = 1.142857.
    const monthly = new Map(
      ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"].map((m) => [`won_amount|${m}`, 100]),
    );
    const all = new Map([...monthly, ["won_amount|2026-11", 600], ["won_amount|2026-12", 300]]);
    const full = await computeSection(db, plan, ctx, all);
    expect(full.fytd.value).toBe(round(800 / 700));
    // July's folder has no deals: its won amount is not known, so neither is April-October's; the
    // quarter (October) has its deals.
    const noJuly: MetricContext = { ...ctx, provided: (d, m) => !(d === "opportunities" && m === "2026-07") && ctx.provided(d, m) };
    const w = await computeSection(db, plan, noJuly, all);
    const y = w.periods.find((r) => r.period === "year" && r.metric === "won_amount")!;
    expect(y).toMatchObject({
      missing: ["2026-07"],
      actual: null,
      attainment: null,
      status: null,
      runRate: null,
      projectedAttainment: null,
      targetToDate: 700,
    });
    expect(w.fytd.value).toBeNull();
    // October: 300 against 100, run-rate 900 against 1,000.
    const q = w.periods.find((r) => r.period === "quarter" && r.metric === "won_amount")!;
    expect(q).toMatchObject({ missing: [], actual: 300, attainment: 3, runRate: 900, projectedAttainment: 0.9 });
  });
  it("back-calculates next month's needs at trailing 3-month rates", () => {
    // August-October: won 800 over 2 deals = 400 each; 2 won / 3 opportunities; 3 opportunities / 2 SQLs;
    // 2 SQLs / 3 MQLs; 3 MQLs / 3 leads. November's 600: 1.5 won, 2.25 opportunities, 1.5 SQLs, 2.25 MQLs, 2.25 leads.
    expect(p.back.nextTarget).toBe(600);
    expect(p.back.needs.map((n) => n.next)).toEqual([1.5, 2.25, 1.5, 2.25, 2.25]);
    // The rest of the quarter (November, December) has no December target.
    expect(p.back.restTarget).toBeNull();
    // Won deals in August-October, from opportunity creation: o1 16 days, o3 4 days: median 10.
    // 1 November less 10 days: 22 October, on or before October's end (the as-of point): already passed.
    expect(p.back.needs.find((n) => n.stage === "opportunities")).toMatchObject({
      cycleDays: 10,
      nextBy: "2026-10-22",
      nextByPassed: true,
    });
  });
});

describe("plan: the days next month's needs must enter their stages by", () => {
  it("marks a day on or before the report month's end as passed, from the report month alone", () => {
    // October 2026's report: next month is November. 1 November less 45 days: 17 September.
    expect(enterBy("2026-11", 45)).toEqual({ nextBy: "2026-09-17", nextByPassed: true });
    // Less half a day, rounded up to one: 31 October, the month's last day, is the as-of point: passed.
    expect(enterBy("2026-11", 0.5)).toEqual({ nextBy: "2026-10-31", nextByPassed: true });
    // Won the day the stage is entered: 1 November, after the as-of point: not passed.
    expect(enterBy("2026-11", 0)).toEqual({ nextBy: "2026-11-01", nextByPassed: false });
    // Across a year: 1 January 2027 less 40 days is 22 November 2026.
    expect(enterBy("2027-01", 40)).toEqual({ nextBy: "2026-11-22", nextByPassed: true });
    expect(enterBy("2026-11", null)).toEqual({ nextBy: null, nextByPassed: null });
  });
  it("flags the stages whose cycle reaches back into the report month or before, not one won the day it entered", async () => {
    // October 2026's one won deal, o9: its opportunity created and won on 15 October (0 days), its
    // lead created on 1 August, an MQL on 5 August and an SQL on 20 August: 75, 71 and 56 days to won.
    const t = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
        ('2026-10', 'l9', '2026-08-01', 'web', '2026-08-05', '2026-08-20');
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, outcome) VALUES
        ('2026-10', 'o9', '2026-10-15', 300, 'Won', 'l9', '2026-10-15', 'won');`,
      "2026-10",
      Object.fromEntries(["2026-08", "2026-09", "2026-10"].map((m) => [m, ["leads", "opportunities"]])),
    );
    try {
      const b = (await computeSection(t.db, plan, t.ctx, new Map([["won_amount|2026-11", 600]]))).back;
      // 1 November less 0, 56, 71 and 75 days: 1 November, 6 September, 22 August, 18 August.
      expect(b.needs.map((n) => [n.stage, n.cycleDays, n.nextBy, n.nextByPassed])).toEqual([
        ["won", null, null, null],
        ["opportunities", 0, "2026-11-01", false],
        ["sql", 56, "2026-09-06", true],
        ["mql", 71, "2026-08-22", true],
        ["leads", 75, "2026-08-18", true],
      ]);
    } finally {
      t.db.close();
    }
  });
});

describe("plan: a deal won the day it was created, its close date without a time", () => {
  it("takes 0 days to won, as velocity and the sales cycle have it, not a negative duration left out", async () => {
    // o8 created 15 October at 14:00 and won with close date 15 October (read 00:00): 0 days.
    const t = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
        ('2026-10', 'l8', '2026-10-01', 'web', '2026-10-05', '2026-10-15 09:00');
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, outcome) VALUES
        ('2026-10', 'o8', '2026-10-15 14:00', 300, 'Won', 'l8', '2026-10-15', 'won');`,
      "2026-10",
      Object.fromEntries(["2026-08", "2026-09", "2026-10"].map((m) => [m, ["leads", "opportunities"]])),
    );
    try {
      const b = (await computeSection(t.db, plan, t.ctx, new Map([["won_amount|2026-11", 600]]))).back;
      // SQL 09:00 -> won: the same day, 0 days as well; MQL 10 days, lead 14.
      expect(b.needs.map((n) => [n.stage, n.cycleDays])).toEqual([
        ["won", null],
        ["opportunities", 0],
        ["sql", 0],
        ["mql", 10],
        ["leads", 14],
      ]);
    } finally {
      t.db.close();
    }
  });
});

describe("plan: a trailing 3 months of which a month lacks leads", () => {
  // The same records; August's folder has opportunities but no leads. Its leads' counts (l3's lead
  // and MQL) would count as zero: every rate over August-October that reads leads is not provided.
  let w: Plan;
  let wdb: Db;
  beforeAll(async () => {
    const t = await tables(RECORDS, "2026-10", {
      "2026-10": ["leads", "opportunities"],
      "2026-09": ["leads", "opportunities"],
      "2026-08": ["opportunities"],
    });
    wdb = t.db;
    w = await computeSection(
      wdb,
      plan,
      t.ctx,
      new Map([
        ["won_amount|2026-10", 600],
        ["won_amount|2026-11", 600],
      ]),
    );
  });
  afterAll(() => wdb.close());
  const node = (id: string) => w.nodes.find((n) => n.id === id)!;

  it("names the months that lack each dataset", () => {
    expect(w.trailing).toEqual({
      months: ["2026-08", "2026-09", "2026-10"],
      missing: [
        { dataset: "leads", months: ["2026-08"] },
        { dataset: "web_traffic", months: ["2026-08", "2026-09", "2026-10"] },
      ],
    });
  });
  it("back-calculates only with the rates whose datasets every month has", () => {
    // Deals over August-October: 800 won over 2 deals = 400 each; 2 won / 3 opportunities created.
    // November's 600: 1.5 won deals, 2.25 opportunities. SQLs, MQLs and leads read leads: not provided.
    expect(w.back.needs.map((n) => [n.stage, n.rate, n.next])).toEqual([
      ["won", 400, 1.5],
      ["opportunities", 0.666667, 2.25],
      ["sql", null, null],
      ["mql", null, null],
      ["leads", null, null],
    ]);
    // Days from the opportunity's creation to won (o1 16, o3 4: median 10) read deals only; from the
    // leads' stages they read leads too.
    expect(w.back.needs.map((n) => n.cycleDays)).toEqual([null, 10, null, null, null]);
  });
  it("reads the tree's targets worked from those rates as not provided, with their source", () => {
    // Won amount 600 against 300: from the trailing average deal (400), win rate (2 / 3) and close
    // ratio (3 closed / 3 created): 1.5 won deals, 2.25 closed, 2.25 opportunities.
    expect(node("won").target).toBe(1.5);
    expect(node("closed").target).toBe(2.25);
    expect(node("opportunities")).toMatchObject({ target: 2.25, targetFrom: "derived" });
    // SQL -> opportunity reads leads: its target, and SQLs', MQLs' and leads' below it, are not provided.
    for (const id of ["tree_sql_to_opportunity", "sql", "tree_mql_to_sql", "mql", "tree_lead_to_mql", "leads", "sessions"])
      expect(node(id), id).toMatchObject({ target: null, targetFrom: "derived", attainment: null, status: null });
  });
  it("does not split the gap with targets not provided, nor name a cause", () => {
    // With every month's leads the cause is MQLs (the first describe); here the split would stop at opportunities.
    expect(w.driver).toEqual({ node: null, how: "none", attainment: 0.5 });
    expect(w.nodes.every((n) => n.share === null)).toBe(true);
    expect(plan.summary!(w)).toEqual([]);
  });
});
