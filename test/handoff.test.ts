// Handoff metrics against a hand-computed fixture: funnel rates, skew, campaigns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { handoffMetrics, type Handoff } from "../src/metrics/handoff.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let h: Handoff;
beforeAll(async () => {
  const t = await tables(`
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
    "2026-10", { "2026-10": ["leads", "activities", "campaigns", "opportunities"] }, { handoff: { skewThreshold: 0.45 } });
  db = t.db;
  h = await handoffMetrics(db, t.ctx, new Map());
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
    expect(h.owners.find((o) => o.key === "Aoki")).toEqual({ key: "Aoki", received: 2, calls: 3, connects: 2, appointments: 1, sqls: 1, sqlRate: 0.5 });
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
