// Handoff metrics against hand-computed fixtures: funnel rates, attribution per owner and industry,
// skew, campaigns (pipeline link, cost per MQL/SQL), and "not provided" kept apart from zero.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import type { MetricContext } from "../src/metrics/context.ts";
import { handoff } from "../src/sections/handoff/index.ts";
import type { Handoff } from "../src/sections/handoff/schema.ts";
import { computeReports, computeSection } from "../src/metrics/executor.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let h: Handoff;
beforeAll(async () => {
  const t = await tables(
    `
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, industry, mql_at, handoff_at, sql_at, campaign_id) VALUES
      ('2026-10', 'L1', '2026-10-01', 'web', 'Aoki', '製造業', '2026-10-01', '2026-10-01', '2026-10-10', 'C1'),
      ('2026-10', 'L2', '2026-10-02', 'web', 'Aoki', '製造業', '2026-10-02', '2026-10-02', NULL, 'C1'),
      ('2026-10', 'L3', '2026-10-03', 'web', 'Baba', '金融', '2026-10-03', '2026-10-03', NULL, 'C2'),
      ('2026-10', 'L4', '2026-10-04', 'web', 'Chiba', NULL, '2026-10-04', '2026-10-04', NULL, NULL);
    INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, connected, appointment_set) VALUES
      ('2026-10', 'a1', '2026-10-02', 'call', 'Aoki', 'L1', true, false),
      ('2026-10', 'a2', '2026-10-03', 'call', 'Aoki', 'L1', true, true),
      ('2026-10', 'a3', '2026-10-03', 'call', 'Aoki', 'L2', false, false),
      ('2026-10', 'a4', '2026-10-04', 'call', 'Baba', 'L3', false, false),
      ('2026-10', 'a5', '2026-10-05', 'email', 'Baba', 'L3', NULL, false);
    INSERT INTO raw_campaigns (__folder, campaign_id, name, cost) VALUES ('2026-10', 'C1', 'Webinar', 200000), ('2026-10', 'C2', 'Ads', NULL);
    INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id) VALUES ('2026-10', 'O1', '2026-10-10', 3000000, 'Proposal', 'L1');`,
    "2026-10",
    { "2026-10": ["leads", "activities", "campaigns", "opportunities"] },
    { handoff: { skewThreshold: 0.45 } },
  );
  db = t.db;
  h = await computeSection(db, handoff, t.ctx, new Map());
});
afterAll(() => db.close());

describe("sales-marketing handoff", () => {
  it("computes the funnel and its rates", () => {
    expect(h.funnel).toEqual({ handed: 4, calls: 4, connects: 2, emails: 1, appointments: 1, sqls: 1 });
    expect(h.connectRate.value).toBe(0.5); // 2 connects / 4 calls
    expect(h.appointmentRate.value).toBe(0.5); // 1 appointment / 2 connects
    expect(h.sqlRate.value).toBe(0.25); // 1 SQL / 4 handed
  });
  it("breaks it down per owner and industry", () => {
    expect(h.owners.find((o) => o.key === "Aoki")).toEqual({
      key: "Aoki",
      received: 2,
      calls: 3,
      connects: 2,
      appointments: 1,
      sqls: 1,
      sqlRate: 0.5,
    });
    expect(h.industries.find((o) => o.key === "unknown")!.received).toBe(1);
  });
  it("measures and flags skew", () => {
    // Handoffs: Aoki 2, Baba 1, Chiba 1 -> shares 0.5 / 0.25 / 0.25; HHI 0.375; normalised (0.375 - 1/3) / (2/3) = 0.0625.
    expect(h.skew.owners).toMatchObject({ top: 0.5, topKey: "Aoki", hhi: 0.375, normalizedHhi: 0.0625 });
    expect(h.skew.ownerFlag).toBe(true); // 0.5 > 0.45
    expect(h.skew.industryFlag).toBe(true); // 製造業 has 2 of 4
  });
  it("costs campaigns per MQL and SQL only when the cost is known", () => {
    const c1 = h.campaigns!.find((c) => c.campaignId === "C1")!;
    expect(c1).toMatchObject({ leads: 2, mqls: 2, sqls: 1, pipeline: 3000000, cost: 200000, costPerMql: 100000, costPerSql: 200000 });
    const c2 = h.campaigns!.find((c) => c.campaignId === "C2")!;
    expect([c2.costPerMql, c2.costPerSql]).toEqual([null, null]);
  });
});

// ---------------------------------------------------------------------------------------------
// A larger fixture. Report month 2026-10.
//   lead  owner   industry  campaign  created  mql/handoff   sql     opportunity
//   M1    Aoki    製造業     C1        09-01    09-05         10-03   O1 (named by the lead only)
//   M2    Aoki    製造業     C1        10-01    10-02         -
//   M3    Baba    金融       C2        10-03    10-04/10-05   10-20   O3 (its lead_id)
//   M4    -       -          C3        10-05    -             -
//   M5    Chiba   金融       -         10-06    10-07/10-08   -
//   M6    Baba    製造業     C2        08-10    08-15         -       O4 (its lead_id)
const FIXTURE = `
  INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, industry, campaign_id, mql_at, handoff_at, sql_at, opportunity_id) VALUES
    ('2026-10', 'M1', '2026-09-01', 'web', 'Aoki', '製造業', 'C1', '2026-09-05', '2026-09-05', '2026-10-03', 'O1'),
    ('2026-10', 'M2', '2026-10-01', 'web', 'Aoki', '製造業', 'C1', '2026-10-02', '2026-10-02', NULL, NULL),
    ('2026-10', 'M3', '2026-10-03', 'ads', 'Baba', '金融', 'C2', '2026-10-04', '2026-10-05', '2026-10-20', NULL),
    ('2026-10', 'M4', '2026-10-05', 'event', NULL, NULL, 'C3', NULL, NULL, NULL, NULL),
    ('2026-10', 'M5', '2026-10-06', 'web', 'Chiba', '金融', NULL, '2026-10-07', '2026-10-08', NULL, NULL),
    ('2026-10', 'M6', '2026-08-10', 'ads', 'Baba', '製造業', 'C2', '2026-08-15', '2026-08-15', NULL, NULL);
  INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, opportunity_id, connected, appointment_set) VALUES
    ('2026-10', 'b1', '2026-10-03 10:00', 'call', 'Aoki', 'M2', NULL, true, false),
    ('2026-10', 'b2', '2026-10-04 10:00', 'call', 'Dan', 'M2', NULL, false, false),
    ('2026-10', 'b3', '2026-10-06 10:00', 'call', 'Baba', 'M3', NULL, true, true),
    ('2026-10', 'b4', '2026-10-07 10:00', 'email', 'Baba', 'M3', NULL, NULL, NULL),
    ('2026-10', 'b5', '2026-10-09 10:00', 'meeting', 'Eda', 'M5', NULL, NULL, true),
    ('2026-10', 'b6', '2026-10-10 10:00', 'call', 'Chiba', NULL, 'O3', true, false),
    ('2026-09', 'b7', '2026-09-28 10:00', 'call', 'Aoki', 'M1', NULL, true, false);
  INSERT INTO raw_campaigns (__folder, campaign_id, name, cost) VALUES
    ('2026-10', 'C1', 'Webinar', 300000), ('2026-10', 'C2', 'Ads', NULL), ('2026-10', 'C3', 'Expo', 50000), ('2026-10', 'C4', 'Dormant', 10000);
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, campaign_id) VALUES
    ('2026-10', 'O1', '2026-10-03', 2000000, 'Proposal', NULL, NULL, NULL),
    ('2026-10', 'O3', '2026-10-21', 5000000, 'Closed Won', 'M3', '2026-10-28', NULL),
    ('2026-10', 'O4', '2026-09-15', 1000000, 'Closed Won', 'M6', '2026-10-10', NULL),
    ('2026-10', 'O5', '2026-10-12', 700000, 'Proposal', 'NOPE', NULL, 'C3');`;

// 2026-10 provides everything used here; 2026-09 leads and activities; 2026-08 leads only; earlier nothing.
const PROVIDED: Record<string, DatasetName[]> = {
  "2026-08": ["leads"],
  "2026-09": ["leads", "activities"],
  "2026-10": ["leads", "activities", "campaigns", "opportunities"],
};

let big: Db;
let ctx2: MetricContext;
let h2: Handoff;
beforeAll(async () => {
  const t = await tables(FIXTURE, "2026-10", PROVIDED);
  big = t.db;
  ctx2 = t.ctx;
  h2 = await computeSection(big, handoff, ctx2, new Map([["sql_rate|2026-10", 0.5]]));
});
afterAll(() => big.close());

const at = (series: { month: string; value: number | null }[], m: string) => series.find((p) => p.month === m)!.value;

describe("handoff funnel and rates", () => {
  it("counts the month's funnel over activities on leads", () => {
    // Handed in October: M2, M3, M5. Calls b1 b2 b3 (b6 names no lead: not counted); connects b1 b3; email b4;
    // appointments b3 (a call) and b5 (a meeting); SQLs in October: M1 (handed in September) and M3.
    expect(h2.funnel).toEqual({ handed: 3, calls: 3, connects: 2, emails: 1, appointments: 2, sqls: 2 });
    expect(h2.connectRate).toMatchObject({ numerator: 2, denominator: 3 });
    expect(h2.connectRate.value).toBeCloseTo(2 / 3, 6);
    expect(h2.appointmentRate).toMatchObject({ value: 1, numerator: 2, denominator: 2 }); // appointments / connects
    // SQL rate = SQLs in the month / handed in the month = 2 / 3 (a flow rate: M1 was handed in September).
    expect(h2.sqlRate).toMatchObject({ numerator: 2, denominator: 3, target: 0.5 });
    expect(h2.sqlRate.value).toBeCloseTo(2 / 3, 6);
    expect(h2.provided).toBe(true);
  });
  it("keeps months without the data null, and a provided month's zero a zero", () => {
    // Handed: September M1, August M6 (leads provided), July not provided.
    expect([at(h2.handed.series, "2026-09"), at(h2.handed.series, "2026-08"), at(h2.handed.series, "2026-07")]).toEqual([1, 1, null]);
    expect(h2.handed.previous).toBe(1);
    // Connect rate: September 1 / 1; August has leads but no activities: null, not 0.
    expect([at(h2.connectRate.series, "2026-09"), at(h2.connectRate.series, "2026-08")]).toEqual([1, null]);
    // SQL rate needs only leads: August 0 SQLs / 1 handed = 0, a real zero.
    expect(at(h2.sqlRate.series, "2026-08")).toBe(0);
  });
  it("says not provided when the month's folder lacks activities or campaigns", async () => {
    const partial: MetricContext = { ...ctx2, provided: (d, m) => (m === "2026-10" ? d === "leads" : (PROVIDED[m]?.includes(d) ?? false)) };
    const p = await computeSection(big, handoff, partial, new Map());
    expect(p.provided).toBe(false);
    expect(p.connectRate.value).toBeNull();
    expect(p.handed.value).toBe(3);
    expect(p.campaigns).toBeNull();
  });
});

describe("per owner and per industry", () => {
  it("attributes received and SQLs by the lead's owner, calls, connects and appointments by the activity's owner", () => {
    // Aoki: received M2; call b1 (connected); SQL M1 -> 1/1. Baba: received M3; call b3 (connected, appointment); SQL M3.
    // Chiba: received M5; b6 names no lead. Dan: one call on Aoki's lead M2. Eda: one meeting that set an appointment.
    // M4 has no owner but was neither handed nor an SQL this month: no 'unassigned' row.
    expect(h2.owners).toEqual([
      { key: "Aoki", received: 1, calls: 1, connects: 1, appointments: 0, sqls: 1, sqlRate: 1 },
      { key: "Baba", received: 1, calls: 1, connects: 1, appointments: 1, sqls: 1, sqlRate: 1 },
      { key: "Chiba", received: 1, calls: 0, connects: 0, appointments: 0, sqls: 0, sqlRate: 0 },
      { key: "Dan", received: 0, calls: 1, connects: 0, appointments: 0, sqls: 0, sqlRate: null },
      { key: "Eda", received: 0, calls: 0, connects: 0, appointments: 1, sqls: 0, sqlRate: null },
    ]);
  });
  it("attributes everything by the lead's industry per industry", () => {
    // 金融: received M3 M5; call b3; appointments b3 and b5 (M5); SQL M3 -> 1/2.
    // 製造業: received M2; calls b1 b2 (both on M2); SQL M1 -> 1/1.
    expect(h2.industries).toEqual([
      { key: "金融", received: 2, calls: 1, connects: 1, appointments: 2, sqls: 1, sqlRate: 0.5 },
      { key: "製造業", received: 1, calls: 2, connects: 1, appointments: 0, sqls: 1, sqlRate: 1 },
    ]);
  });
});

describe("supply skew", () => {
  it("flags only the dimension whose top share exceeds the threshold (default 0.35)", () => {
    // Owners: Aoki, Baba, Chiba one handoff each -> top 1/3 < 0.35; HHI 3 * (1/3)^2 = 1/3; normalised 0.
    // Owners with no handoff (Dan, Eda) are not groups of the distribution.
    expect(h2.skew.owners).toMatchObject({ top: 0.333333, hhi: 0.333333, normalizedHhi: 0 });
    expect(h2.skew.owners.shares).toHaveLength(3);
    expect(h2.skew.ownerFlag).toBe(false);
    // Industries: 金融 2, 製造業 1 -> top 2/3; HHI 4/9 + 1/9 = 5/9; normalised (5/9 - 1/2) / (1/2) = 1/9.
    expect(h2.skew.industries).toMatchObject({ top: 0.666667, topKey: "金融", hhi: 0.555556, normalizedHhi: 0.111111 });
    expect(h2.skew.industryFlag).toBe(true);
    expect(h2.skew.skewed).toBe(true);
    expect(h2.skew.threshold).toBe(0.35);
  });
  it("is measured over the handoffs with an owner (an industry), not a group of those without", async () => {
    // October's handoffs: Aoki 1, Baba 1, and 3 without an owner; none has an industry (the export
    // lacks the column). Owners: Aoki and Baba 1 of 2 each (top 0.5, not above 0.55), not
    // "unassigned" 3 of 5 (0.6, flagged); industries: no industry known, no skew (not "unknown" 100%).
    const t = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at) VALUES
        ('2026-10', 'S1', '2026-10-01', 'web', 'Aoki', '2026-10-01', '2026-10-01'),
        ('2026-10', 'S2', '2026-10-01', 'web', 'Baba', '2026-10-01', '2026-10-01'),
        ('2026-10', 'S3', '2026-10-01', 'web', NULL, '2026-10-01', '2026-10-01'),
        ('2026-10', 'S4', '2026-10-01', 'web', NULL, '2026-10-01', '2026-10-01'),
        ('2026-10', 'S5', '2026-10-01', 'web', NULL, '2026-10-01', '2026-10-01');`,
      "2026-10",
      { "2026-10": ["leads", "activities"] },
      { handoff: { skewThreshold: 0.55 } },
    );
    try {
      const x = await computeSection(t.db, handoff, t.ctx, new Map());
      expect(x.skew.owners).toMatchObject({ top: 0.5, hhi: 0.5, normalizedHhi: 0 });
      expect(x.skew.owners.shares.map((s) => s.key)).toEqual(["Aoki", "Baba"]);
      expect(x.skew.industries).toMatchObject({ top: null, topKey: null, shares: [] });
      expect([x.skew.ownerFlag, x.skew.industryFlag, x.skew.skewed]).toEqual([false, false, false]);
      // The tables still list the handoffs without an owner or industry.
      expect(x.owners.find((o) => o.key === "unassigned")!.received).toBe(3);
      expect(x.industries.map((o) => [o.key, o.received])).toEqual([["unknown", 5]]);
    } finally {
      t.db.close();
    }
  });
  it("is not skewed when neither top share exceeds the threshold", async () => {
    const t = await tables(FIXTURE, "2026-10", PROVIDED, { handoff: { skewThreshold: 0.7 } });
    try {
      const h = await computeSection(t.db, handoff, t.ctx, new Map());
      expect([h.skew.ownerFlag, h.skew.industryFlag, h.skew.skewed]).toEqual([false, false, false]);
    } finally {
      t.db.close();
    }
  });
});

describe("campaigns as lead sources", () => {
  it("counts leads, MQLs, SQLs, pipeline and won through the lead's campaign, sorted by pipeline", () => {
    // C2 Ads: lead M3 (created, MQL and SQL in October); pipeline O3 5,000,000 (created 10-21);
    //   won O3 5,000,000 + O4 1,000,000 (M6's deal, created in September, won 10-10) = 6,000,000; cost unknown.
    // C1 Webinar: lead and MQL M2; SQL M1; pipeline O1 2,000,000 (linked by M1.opportunity_id: O1 has no lead_id).
    //   Cost 300,000 / MQLs to date (M1, M2) = 150,000; / SQLs to date (M1) = 300,000.
    // C3 Expo: lead M4 only, no MQL to date -> no cost per MQL or SQL. O5 names C3 itself but its lead is not C3's:
    //   the rule is the lead's campaign, so it adds nothing.
    // C4 Dormant: nothing this month -> not listed.
    expect(h2.campaigns).toEqual([
      {
        campaignId: "C2",
        name: "Ads",
        channel: null,
        leads: 1,
        mqls: 1,
        sqls: 1,
        pipeline: 5000000,
        won: 6000000,
        cost: null,
        mqlsToDate: 2,
        sqlsToDate: 1,
        costPerMql: null,
        costPerSql: null,
      },
      {
        campaignId: "C1",
        name: "Webinar",
        channel: null,
        leads: 1,
        mqls: 1,
        sqls: 1,
        pipeline: 2000000,
        won: 0,
        cost: 300000,
        mqlsToDate: 2,
        sqlsToDate: 1,
        costPerMql: 150000,
        costPerSql: 300000,
      },
      {
        campaignId: "C3",
        name: "Expo",
        channel: null,
        leads: 1,
        mqls: 0,
        sqls: 0,
        pipeline: 0,
        won: 0,
        cost: 50000,
        mqlsToDate: 0,
        sqlsToDate: 0,
        costPerMql: null,
        costPerSql: null,
      },
    ]);
  });
});

describe("campaign pipeline through a lead", () => {
  it("takes, of several leads naming an opportunity without a lead, the one with the smallest lead_id", async () => {
    // P9 and P2 both name O9, which names no lead: P2 (the smaller id) links O9 to C2, in either row order.
    for (const order of [
      ["P9", "P2"],
      ["P2", "P9"],
    ]) {
      const row = (id: string) =>
        `('2026-10', '${id}', '2026-10-01', 'web', '2026-10-02', '2026-10-03', '${id === "P2" ? "C2" : "C9"}', 'O9')`;
      const t = await tables(
        `
        INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, sql_at, campaign_id, opportunity_id) VALUES ${order.map(row).join(", ")};
        INSERT INTO raw_campaigns (__folder, campaign_id, name, cost) VALUES ('2026-10', 'C2', 'Two', NULL), ('2026-10', 'C9', 'Nine', NULL);
        INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id) VALUES ('2026-10', 'O9', '2026-10-05', 900000, 'Proposal', NULL);`,
        "2026-10",
        { "2026-10": ["leads", "activities", "campaigns", "opportunities"] },
      );
      try {
        const h = await computeSection(t.db, handoff, t.ctx, new Map());
        expect(h.campaigns!.map((c) => [c.campaignId, c.pipeline])).toEqual([
          ["C2", 900000],
          ["C9", 0],
        ]);
      } finally {
        t.db.close();
      }
    }
  });
});

describe("handoff series of several months computed together", () => {
  it("gives each month the numbers of its own as-of data", async () => {
    // N1 is handed in September (with a connected call) and becomes an SQL in October's export; N2 arrives in
    // October. Both came from campaign C1.
    const t = await tables(
      `
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at, sql_at, campaign_id) VALUES
        ('2026-09', 'N1', '2026-09-01', 'web', 'Aoki', '2026-09-05', '2026-09-05', NULL, 'C1'),
        ('2026-10', 'N1', '2026-09-01', 'web', 'Aoki', '2026-09-05', '2026-09-05', '2026-10-02', 'C1'),
        ('2026-10', 'N2', '2026-10-01', 'web', 'Baba', '2026-10-02', '2026-10-03', NULL, 'C1');
      INSERT INTO raw_campaigns (__folder, campaign_id, name, cost) VALUES ('2026-09', 'C1', 'Webinar', 100000), ('2026-10', 'C1', 'Webinar', 100000);
      INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, connected) VALUES
        ('2026-09', 'c1', '2026-09-06 10:00', 'call', 'Aoki', 'N1', true);`,
      "2026-10",
      { "2026-09": ["leads", "activities", "campaigns"], "2026-10": ["leads", "activities", "campaigns"] },
    );
    try {
      const alone = await computeSection(t.db, handoff, t.ctx, new Map());
      const both = ["leads", "activities", "campaigns"] as const;
      const provided = new Map([
        ["2026-09", new Set(both)],
        ["2026-10", new Set(both)],
      ]);
      const reports = await computeReports(t.db, ["2026-09", "2026-10"], { config: t.ctx.config, provided });
      expect(reports["2026-09"]!.handoff!.funnel).toEqual({ handed: 1, calls: 1, connects: 1, emails: 0, appointments: 0, sqls: 0 });
      const oct = reports["2026-10"]!.handoff!;
      expect(oct.funnel).toEqual({ handed: 1, calls: 0, connects: 0, emails: 0, appointments: 0, sqls: 1 });
      // September as of October: still N1 handed and its call; N1's SQL counts in October.
      expect([at(oct.handed.series, "2026-09"), at(oct.connectRate.series, "2026-09"), at(oct.sqlRate.series, "2026-09")]).toEqual([
        1, 1, 0,
      ]);
      // C1 in September: N1 created and an MQL; in October: N2 created and an MQL, N1 an SQL; to date 2 MQLs, 1 SQL.
      expect(reports["2026-09"]!.handoff!.campaigns).toMatchObject([
        { campaignId: "C1", leads: 1, mqls: 1, sqls: 0, mqlsToDate: 1, sqlsToDate: 0, costPerMql: 100000, costPerSql: null },
      ]);
      expect(oct.campaigns).toMatchObject([
        { campaignId: "C1", leads: 1, mqls: 1, sqls: 1, mqlsToDate: 2, sqlsToDate: 1, costPerMql: 50000, costPerSql: 100000 },
      ]);
      // Per owner (the lead's, for handoffs and SQLs; the activity's, for calls) and per industry (none given: unknown).
      const sep = reports["2026-09"]!.handoff!;
      expect(sep.owners).toEqual([{ key: "Aoki", received: 1, calls: 1, connects: 1, appointments: 0, sqls: 0, sqlRate: 0 }]);
      expect(oct.owners).toEqual([
        { key: "Baba", received: 1, calls: 0, connects: 0, appointments: 0, sqls: 0, sqlRate: 0 },
        { key: "Aoki", received: 0, calls: 0, connects: 0, appointments: 0, sqls: 1, sqlRate: null },
      ]);
      expect([sep.industries, oct.industries]).toEqual([
        [{ key: "unknown", received: 1, calls: 1, connects: 1, appointments: 0, sqls: 0, sqlRate: 0 }],
        [{ key: "unknown", received: 1, calls: 0, connects: 0, appointments: 0, sqls: 1, sqlRate: 1 }],
      ]);
      expect(oct).toEqual(alone);
    } finally {
      t.db.close();
    }
  });
});
