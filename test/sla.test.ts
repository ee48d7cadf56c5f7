// SLA metrics against a hand-computed fixture; business days across Japan's Sports Day (2026-10-12).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { slaMetrics, type Sla } from "../src/metrics/sla.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let sla: Sla;
beforeAll(async () => {
  const t = await tables(`
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at) VALUES
      ('2026-10', 'A', '2026-10-08', 'web', 'Aoki', '2026-10-09 10:00', '2026-10-09 10:00'), -- Fri; deadline end of Thu 10-15
      ('2026-10', 'B', '2026-10-08', 'web', 'Aoki', '2026-10-09 10:00', '2026-10-09 10:00'), -- called Fri 10-16: breached
      ('2026-10', 'C', '2026-10-27', 'web', 'Baba', '2026-10-29 12:00', '2026-10-29 12:00'), -- Thu; deadline Tue 11-03 is a holiday -> Wed 11-04: open
      ('2026-10', 'D', '2026-10-01', 'web', 'Baba', '2026-10-02 09:00', NULL),               -- falls back to mql_at; never called: breached
      ('2026-10', 'E', '2026-10-01', 'web', 'Baba', '2026-10-05 09:00', '2026-10-05 09:00'); -- called before the handoff only: breached
    INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id) VALUES
      ('2026-10', 'a1', '2026-10-15 17:00', 'call', 'Aoki', 'A'),
      ('2026-10', 'a2', '2026-10-16 09:00', 'call', 'Aoki', 'B'),
      ('2026-10', 'a3', '2026-10-04 09:00', 'call', 'Baba', 'E'),
      ('2026-10', 'a4', '2026-10-20 10:00', 'meeting', 'Aoki', 'A');`,
    "2026-10", { "2026-10": ["leads", "activities"] });
  db = t.db;
  sla = await slaMetrics(db, t.ctx, new Map([["sla_first_call|2026-10", 0.9]]));
});
afterAll(() => db.close());

describe("follow-up SLA", () => {
  it("counts met, breached and open with business days across a holiday", () => {
    const call = sla.rules.find((r) => r.rule.id === "first_call")!;
    // A met (Thu 17:00 before the end of Thu); B breached (Fri); D breached (no call, deadline passed);
    // E breached (its only call came before the handoff); C open (deadline after the month's end).
    expect([call.due, call.met, call.breached, call.open]).toEqual([5, 1, 3, 1]);
    expect(call.compliance.value).toBe(0.25); // 1 / (1 + 3)
    expect([call.compliance.numerator, call.compliance.denominator]).toEqual([1, 4]);
    expect(call.compliance.target).toBe(0.9);
    expect(call.owners).toEqual([
      { owner: "Baba", due: 3, met: 0, breached: 2, open: 1, compliance: 0 },
      { owner: "Aoki", due: 2, met: 1, breached: 1, open: 0, compliance: 0.5 },
    ]);
  });
  it("uses calendar days for the meeting rule", () => {
    const meeting = sla.rules.find((r) => r.rule.id === "first_meeting")!;
    // A met 11 days after handoff; every other deadline (30 days) is after the month's end: open.
    expect([meeting.met, meeting.breached, meeting.open]).toEqual([1, 0, 4]);
  });
  it("measures time to first touch and ages the untouched", () => {
    // Touched: A after 151 h (Fri 10:00 -> Thu 17:00), B after 167 h. Median 159 h, p90 = 151 + 0.9 * 16 = 165.4 h.
    expect(sla.firstTouch).toMatchObject({ touched: 2, medianHours: 159, p90Hours: 165.4 });
    expect(sla.firstTouch.buckets.find((b) => b.bucket === "never")!.count).toBe(3);
    // Never touched since handoff at the month's end (10-31): C 2 days, D 29 days. E had a call only before its handoff.
    expect(sla.untouched.total).toBe(3);
    expect(sla.untouched.buckets).toEqual([{ bucket: "0-3", count: 1 }, { bucket: "4-7", count: 0 }, { bucket: "8-30", count: 2 }, { bucket: "31+", count: 0 }]);
  });
  it("lists no record unless the project publishes records", () => {
    expect(sla.rules[0]!.breachedIds).toBeUndefined();
  });
});
