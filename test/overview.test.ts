// Overview metrics against a hand-computed fixture (numbers worked out in the comments).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsOf } from "../src/model/asof.ts";
import { openDb, type Db } from "../src/model/duckdb.ts";
import { windowOf, type MetricContext } from "../src/metrics/context.ts";
import { loadTargets } from "../src/metrics/targets.ts";
import { overview } from "../src/sections/overview/index.ts";
import type { Overview } from "../src/sections/overview/schema.ts";
import { computeReports, computeSection } from "../src/metrics/executor.ts";
import { config as configSchema } from "../src/schema/config.ts";
import { DATASET_NAMES } from "../src/schema/dataset.ts";
import { rawTableSql } from "../src/validate/dataset.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let o: Overview;
const config = configSchema.parse({});

beforeAll(async () => {
  db = await openDb();
  for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
  await db.exec(`
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at, opportunity_id, campaign_id) VALUES
      ('2026-09', 'L1', '2026-09-05', 'web', '2026-09-10', NULL, NULL, NULL),
      ('2026-09', 'L2', '2026-09-20', 'event', NULL, NULL, NULL, NULL),
      ('2026-10', 'L1', '2026-09-05', 'web', '2026-09-10', '2026-10-02', 'O1', NULL),
      ('2026-10', 'L2', '2026-09-20', 'event', '2026-10-01', NULL, NULL, NULL),
      ('2026-10', 'L3', '2026-10-03', 'outbound', '2026-10-05', '2026-10-20', 'O2', NULL),
      ('2026-10', 'L4', '2026-10-10', 'web', NULL, NULL, NULL, NULL),
      ('2026-10', 'L5', '2026-10-15', 'ads', '2026-10-16', NULL, NULL, 'C1');
    INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, source) VALUES
      ('2026-10', 'O1', '2026-10-02', 1000000, 'Closed Won', 'L1', '2026-10-25', NULL),
      ('2026-10', 'O2', '2026-10-20', 3000000, 'Proposal', 'L3', NULL, NULL),
      ('2026-10', 'O3', '2026-08-01', 500000, 'Closed Lost', NULL, '2026-10-10', 'partner');
    INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
      ('2026-10', 'L3', 'CT1', '2026-10-10', 'download'),
      ('2026-10', 'L1', 'CT1', '2026-10-05', 'view');
    INSERT INTO raw_targets (__folder, __file, __line, month, metric, value) VALUES ('', 'targets.csv', 2, '2026-10', 'mql', 4);`);
  await createAsOf(db, "2026-10", config);
  const provided: Record<string, string[]> = { "2026-09": ["leads"], "2026-10": ["leads", "opportunities", "content_touches"] };
  const ctx: MetricContext = {
    month: "2026-10",
    window: windowOf("2026-10"),
    config,
    provided: (d, m) => provided[m]?.includes(d) ?? false,
  };
  o = await computeSection(db, overview, ctx, await loadTargets(db));
});
afterAll(() => db.close());

describe("overview", () => {
  it("counts stage volumes by the month each record entered the stage", () => {
    // October: leads L3 L4 L5; MQLs L2 (10-01) L3 L5; SQLs L1 L3; opportunities O1 O2; won O1; lost O3.
    expect([o.volumes.leads.value, o.volumes.mql.value, o.volumes.sql.value]).toEqual([3, 3, 2]);
    expect([o.volumes.opportunities.value, o.volumes.won.value, o.volumes.lost.value]).toEqual([2, 1, 1]);
    // September as of October: L1 L2 created, L1 MQL (L2 became MQL in October).
    expect(o.volumes.leads.previous).toBe(2);
    expect(o.volumes.mql.previous).toBe(1);
    expect(o.volumes.mql.mom).toBe(2); // (3 - 1) / 1
    expect(o.volumes.mql.target).toBe(4);
    expect(o.volumes.mql.attainment).toBe(0.75);
  });
  it("keeps months whose folder lacks a dataset as null, not zero", () => {
    expect(o.volumes.opportunities.series.find((p) => p.month === "2026-09")!.value).toBeNull();
    expect(o.pipeline.previous).toBeNull();
    expect(o.volumes.leads.series.find((p) => p.month === "2026-08")!.value).toBeNull();
  });
  it("computes value and win rate", () => {
    expect(o.pipeline.value).toBe(4_000_000); // O1 + O2 created in October
    expect(o.wonAmount.value).toBe(1_000_000);
    // Closed in October: O1 won, O3 lost (created in August; closes count by close date).
    expect(o.winRate.value).toBe(0.5);
    expect([o.winRate.numerator, o.winRate.denominator]).toEqual([1, 2]);
  });
  it("tells flow from cohort conversion", () => {
    const mqlSql = o.transitions.find((t) => t.from === "mql")!;
    // Flow: SQLs in October (L1, L3) / MQLs in October (L2, L3, L5) = 2/3.
    expect(mqlSql.flow.value).toBeCloseTo(2 / 3, 6);
    expect([mqlSql.flow.numerator, mqlSql.flow.denominator]).toEqual([2, 3]);
    // Cohort: of October's MQLs (L2, L3, L5) only L3 is an SQL by the as-of date = 1/3; September's (L1) 1/1.
    const oct = mqlSql.cohort.find((c) => c.month === "2026-10")!;
    const sep = mqlSql.cohort.find((c) => c.month === "2026-09")!;
    expect([oct.entered, oct.converted]).toEqual([3, 1]);
    expect(oct.rate).toBeCloseTo(1 / 3, 6);
    expect(oct.maturing).toBe(true);
    expect(sep.rate).toBe(1);
    const leadMql = o.transitions.find((t) => t.from === "lead")!;
    expect(leadMql.flow.value).toBe(1); // 3 MQLs / 3 leads in October
  });
  it("measures velocity as median and p90 days for records that reached the next stage this month", () => {
    const mqlSql = o.transitions.find((t) => t.from === "mql")!;
    // L1: 09-10 -> 10-02 = 22 days; L3: 10-05 -> 10-20 = 15 days. Median 18.5; p90 = 15 + 0.9 * 7 = 21.3.
    expect(mqlSql.velocity).toEqual({ median: 18.5, p90: 21.3, n: 2, excluded: 0 });
    const leadMql = o.transitions.find((t) => t.from === "lead")!;
    // L2 11 days, L3 2, L5 1: median 2; p90 = 2 + 0.8 * (11 - 2) = 9.2.
    expect(leadMql.velocity).toEqual({ median: 2, p90: 9.2, n: 3, excluded: 0 });
  });
  it("never adds influenced to sourced", () => {
    // Sourced: O1 (lead L1, source web) = 1,000,000; O2's lead is outbound.
    expect(o.marketing.sourcedPipeline.value).toBe(1_000_000);
    expect(o.marketing.sourcedCount).toBe(1);
    expect(o.marketing.sourcedRevenue.value).toBe(1_000_000);
    // Influenced: O2's lead L3 downloaded CT1 on 10-10, before O2 was created (10-20); L1's touch came after O1.
    expect(o.marketing.influencedPipeline.value).toBe(3_000_000);
    expect(o.marketing.influencedCount).toBe(1);
  });
});

describe("overview of several months computed together", () => {
  it("gives each month the numbers of its own as-of data", async () => {
    // computeReports counts the transitions of every month from the versions at once (prepareOverview).
    const provided = new Map([
      ["2026-09", new Set(["leads"] as const)],
      ["2026-10", new Set(["leads", "opportunities", "content_touches"] as const)],
    ]);
    const reports = await computeReports(db, ["2026-09", "2026-10"], { config, provided });
    const sep = reports["2026-09"]!.overview.transitions;
    const leadMql = sep.find((t) => t.from === "lead")!;
    // As of September: L1 (created 09-05, MQL 09-10) and L2 (09-20, no MQL yet): flow 1 MQL / 2 leads.
    expect([leadMql.flow.numerator, leadMql.flow.denominator]).toEqual([1, 2]);
    expect(leadMql.velocity).toEqual({ median: 5, p90: 5, n: 1, excluded: 0 });
    // September's MQL cohort (L1) had no SQL as of September; as of October it has one (10-02).
    const mqlSep = sep.find((t) => t.from === "mql")!.cohort.find((c) => c.month === "2026-09")!;
    expect([mqlSep.entered, mqlSep.converted]).toEqual([1, 0]);
    const mqlOct = reports["2026-10"]!.overview.transitions.find((t) => t.from === "mql")!.cohort.find((c) => c.month === "2026-09")!;
    expect([mqlOct.entered, mqlOct.converted]).toEqual([1, 1]);
    // Volumes as of September: L1 and L2 created, L1 an MQL, no SQL yet.
    const v = reports["2026-09"]!.overview.volumes;
    expect([v.leads.value, v.mql.value, v.sql.value]).toEqual([2, 1, 0]);
    // October, computed with September, is what October computed alone is.
    expect(reports["2026-10"]!.overview.transitions).toEqual(o.transitions);
    expect(reports["2026-10"]!.overview.volumes).toEqual(o.volumes);
  });
});

describe("records a metric leaves out are counted", () => {
  it("velocity counts the records whose next stage is dated before this one; amount sums count the deals without an amount", async () => {
    const { db: d, ctx } = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
        ('2026-10', 'L1', '2026-10-01', 'web', '2026-10-05', '2026-10-03'),
        ('2026-10', 'L2', '2026-10-01', 'web', '2026-10-02', '2026-10-12');
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at) VALUES
        ('2026-10', 'O1', '2026-10-03', NULL, 'Proposal', NULL),
        ('2026-10', 'O2', '2026-10-04', 500000, 'Closed Won', '2026-10-20'),
        ('2026-10', 'O3', '2026-10-05', NULL, 'Closed Won', '2026-10-21'),
        ('2026-10', 'O4', '2026-09-01', NULL, 'Closed Lost', '2026-10-10');`,
      "2026-10",
      { "2026-10": ["leads", "opportunities"] },
    );
    try {
      const x = await computeSection(d, overview, ctx, await loadTargets(d));
      // MQL -> SQL reached in October: L2 after 10 days; L1's SQL (10-03) is before its MQL (10-05): left out, counted.
      expect(x.transitions.find((t) => t.from === "mql")!.velocity).toEqual({ median: 10, p90: 10, n: 1, excluded: 1 });
      // Opportunity -> won: O2 and O3 after 16 days each; nothing left out.
      expect(x.transitions.find((t) => t.from === "opportunity")!.velocity).toEqual({ median: 16, p90: 16, n: 2, excluded: 0 });
      // Created in October: O1 (open, no amount), O2 (500,000), O3 (won, no amount); O4 was created in September.
      expect(x.pipeline.value).toBe(500_000);
      expect(x.wonAmount.value).toBe(500_000);
      expect(x.volumes.won.value).toBe(2);
      expect(x.amountMissing).toEqual({ pipeline: 2, open: 1, won: 1 });
    } finally {
      d.close();
    }
  });
});

describe("cohorts still maturing", () => {
  const cohortOf = async (inserts: string, month: string, provided: Record<string, ("leads" | "opportunities")[]>, cohort: string) => {
    const { db: d, ctx } = await tables(inserts, month, provided);
    try {
      const x = await computeSection(d, overview, ctx, new Map());
      const t = x.transitions.find((k) => k.from === "mql")!;
      return { velocity: t.velocity, cohort: t.cohort.find((c) => c.month === cohort)! };
    } finally {
      d.close();
    }
  };
  it("are every cohort when nothing reached the next stage in the month (how long it takes is unknown)", async () => {
    // L1 became an MQL in September, L2 in October; no SQL yet. No velocity in October: September's
    // cohort (0 of 1) is not a finished 0%.
    const { velocity, cohort } = await cohortOf(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
        ('2026-10', 'L1', '2026-09-01', 'web', '2026-09-05', NULL),
        ('2026-10', 'L2', '2026-10-01', 'web', '2026-10-02', NULL);`,
      "2026-10",
      { "2026-09": ["leads"], "2026-10": ["leads"] },
      "2026-09",
    );
    expect(velocity.p90).toBeNull();
    expect([cohort.entered, cohort.converted, cohort.maturing]).toEqual([1, 0, true]);
  });
  it("count the days since the cohort month's end, not 30-day months", async () => {
    // February 2027: LB, MQL 01-20 00:00, SQL 02-18 12:00 = 29.5 days, the only SQL (p90 29.5).
    // January's last MQL (LJ, 01-31) has had 28 days by February's end, fewer than 29.5: January is
    // still maturing (ceil(29.5 / 30) = 1 month called it complete).
    const { velocity, cohort } = await cohortOf(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
        ('2027-02', 'LB', '2027-01-10', 'web', '2027-01-20 00:00', '2027-02-18 12:00'),
        ('2027-02', 'LJ', '2027-01-31', 'web', '2027-01-31 10:00', NULL);`,
      "2027-02",
      { "2027-01": ["leads"], "2027-02": ["leads"] },
      "2027-01",
    );
    expect(velocity.p90).toBe(29.5);
    expect([cohort.entered, cohort.converted, cohort.maturing]).toEqual([2, 1, true]);
  });
});

describe("a conversion with no cases", () => {
  it("is 0 / 0 (no value, reads '-'), not a month without its data", async () => {
    // October has leads and deals, but no SQL and no deal created: SQL -> opportunity has no cases.
    const { db: d, ctx } = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at) VALUES
        ('2026-10', 'L1', '2026-10-01', 'web', '2026-10-05', NULL);
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at) VALUES
        ('2026-10', 'O1', '2026-08-03', 100000, 'Closed Lost', '2026-10-10');`,
      "2026-10",
      { "2026-10": ["leads", "opportunities"] },
    );
    try {
      const x = await computeSection(d, overview, ctx, await loadTargets(d));
      const flow = x.transitions.find((t) => t.from === "sql")!.flow;
      expect([flow.value, flow.numerator, flow.denominator]).toEqual([null, 0, 0]);
      // September has no folder: not provided, no denominator.
      expect(flow.series.find((p) => p.month === "2026-09")).toEqual({ month: "2026-09", value: null });
    } finally {
      d.close();
    }
  });
});
