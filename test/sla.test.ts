// SLA metrics against hand-computed fixtures; business days across Japan's Sports Day (2026-10-12)
// and Culture Day (2026-11-03). Every number is worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCalendarTable } from "../src/model/calendar.ts";
import type { Db } from "../src/model/duckdb.ts";
import { windowOf, type MetricContext } from "../src/metrics/context.ts";
import { loadTargets } from "../src/metrics/targets.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { sla as slaSection } from "../src/sections/sla/index.ts";
import type { Sla } from "../src/sections/sla/schema.ts";
import { config as configSchema } from "../src/schema/config.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let sla: Sla;
beforeAll(async () => {
  const t = await tables(
    `
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
    "2026-10",
    { "2026-10": ["leads", "activities"] },
  );
  db = t.db;
  sla = await computeSection(db, slaSection, t.ctx, new Map([["sla_first_call|2026-10", 0.9]]));
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
    expect(sla.untouched.buckets).toEqual([
      { bucket: "0-3", count: 1 },
      { bucket: "4-7", count: 0 },
      { bucket: "8-30", count: 2 },
      { bucket: "31+", count: 0 },
    ]);
  });
  it("lists no record unless the project publishes records", () => {
    expect(sla.rules[0]!.breachedIds).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// A larger fixture: several months, owners, both rules, targets, aging, provided checks.
// Report month 2026-10. Rules (defaults): first_call = a call within 3 business days;
// first_meeting = a meeting within 30 calendar days.
const MONTH = "2026-10";

// Leads (handoff = handoff_at, or mql_at when absent):
//   L1  A           handoff Fri 10-09 10:00; call Thu 10-15 17:00
//   L2  A           handoff Fri 10-09 11:00; call Fri 10-16 09:00
//   L3  B           no handoff_at, mql_at Thu 10-29 14:00; nothing
//   L4  B           handoff Mon 10-05 09:00; call 10-02 (before: ignored), call 10-05 09:30, meeting 10-20
//   L5  (no owner)  handoff Thu 10-01 10:00; call 09-30 (before: ignored)
//   L6  A           handoff Wed 10-21 09:00; email 10-21 10:00
//   L10 B           handoff Tue 10-27 09:00; nothing
//   September handoffs:
//   L7  B           handoff 09-15; sql_at 10-05; nothing
//   L8  A           handoff 09-10; nothing
//   L9  A           handoff 09-25 10:00; meeting 10-25 23:00; disqualified 10-30
//   L13 A           handoff 09-28 10:00; disqualified 10-10; nothing
const FIXTURE = `
  INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at, sql_at, disqualified_at) VALUES
    ('2026-10', 'L1', '2026-10-01', 'web', 'A', '2026-10-08 09:00', '2026-10-09 10:00', NULL, NULL),
    ('2026-10', 'L2', '2026-10-01', 'web', 'A', '2026-10-08 09:00', '2026-10-09 11:00', NULL, NULL),
    ('2026-10', 'L3', '2026-10-20', 'web', 'B', '2026-10-29 14:00', NULL, NULL, NULL),
    ('2026-10', 'L4', '2026-09-20', 'web', 'B', '2026-10-01 09:00', '2026-10-05 09:00', NULL, NULL),
    ('2026-10', 'L5', '2026-09-20', 'web', NULL, '2026-10-01 10:00', '2026-10-01 10:00', NULL, NULL),
    ('2026-10', 'L6', '2026-10-10', 'web', 'A', '2026-10-20 09:00', '2026-10-21 09:00', NULL, NULL),
    ('2026-10', 'L10', '2026-10-10', 'web', 'B', '2026-10-27 09:00', '2026-10-27 09:00', NULL, NULL),
    ('2026-09', 'L7', '2026-09-01', 'web', 'B', '2026-09-15 09:00', '2026-09-15 09:00', NULL, NULL),
    ('2026-10', 'L7', '2026-09-01', 'web', 'B', '2026-09-15 09:00', '2026-09-15 09:00', '2026-10-05 12:00', NULL),
    ('2026-09', 'L8', '2026-09-01', 'web', 'A', '2026-09-10 09:00', '2026-09-10 09:00', NULL, NULL),
    ('2026-10', 'L9', '2026-09-01', 'web', 'A', '2026-09-25 10:00', '2026-09-25 10:00', NULL, '2026-10-30 12:00'),
    ('2026-10', 'L13', '2026-09-01', 'web', 'A', '2026-09-28 10:00', '2026-09-28 10:00', NULL, '2026-10-10 12:00');
  INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, connected, appointment_set) VALUES
    ('2026-10', 'A1', '2026-10-15 17:00', 'call', 'A', 'L1', true, false),
    ('2026-10', 'A2', '2026-10-16 09:00', 'call', 'A', 'L2', false, false),
    ('2026-10', 'A3', '2026-10-02 09:00', 'call', 'B', 'L4', false, false),
    ('2026-10', 'A4', '2026-10-05 09:30', 'call', 'B', 'L4', true, true),
    ('2026-10', 'A5', '2026-10-20 14:00', 'meeting', 'B', 'L4', NULL, NULL),
    ('2026-09', 'A6', '2026-09-30 16:00', 'call', 'C', 'L5', false, false),
    ('2026-10', 'A7', '2026-10-21 10:00', 'email', 'A', 'L6', NULL, NULL),
    ('2026-10', 'A8', '2026-10-25 23:00', 'meeting', 'A', 'L9', NULL, NULL);
  INSERT INTO raw_targets (__folder, __file, __line, month, metric, value) VALUES ('', 'targets.csv', 2, '2026-10', 'sla_first_call', 0.8);`;

// Folders: 2026-10 and 2026-09 provide leads and activities; 2026-08 provides leads only; earlier: nothing.
const PROVIDED: Record<string, DatasetName[]> = {
  "2026-08": ["leads"],
  "2026-09": ["leads", "activities"],
  "2026-10": ["leads", "activities"],
};

let big: Db;
let s2: Sla;
let withRecords: Sla;

beforeAll(async () => {
  const t = await tables(FIXTURE, MONTH, PROVIDED);
  big = t.db;
  s2 = await computeSection(big, slaSection, t.ctx, await loadTargets(big));
  const r = await tables(FIXTURE, MONTH, PROVIDED, { publishRecords: true });
  withRecords = await computeSection(r.db, slaSection, r.ctx, await loadTargets(r.db));
  r.db.close();
});
afterAll(() => big.close());

const rule = (s: Sla, id: string) => s.rules.find((r) => r.rule.id === id)!;
const point = (s: Sla, id: string, m: string) => rule(s, id).compliance.series.find((p) => p.month === m)!;

describe("first call within 3 business days", () => {
  it("counts business days across a Japanese holiday", () => {
    const firstCall = rule(s2, "first_call");
    // L1: Fri 10-09 + 3 business days (Mon 10-12 is スポーツの日): Tue 13, Wed 14, Thu 15 -> deadline end of Thu 10-15;
    //     call Thu 10-15 17:00 -> met.
    // L2: same deadline; call Fri 10-16 09:00 -> breached (a touch after the deadline).
    // L3: handoff falls back to mql_at Thu 10-29: Fri 30, Mon 11-02, (Tue 11-03 文化の日), Wed 11-04 -> deadline in
    //     November, untouched by the month's end -> open.
    // L4: the 10-02 call came before the handoff and is ignored; call 10-05 09:30 -> met.
    // L5: only a call before the handoff (09-30); deadline Tue 10-06 passed -> breached.
    // L6: an email is not a call; deadline Mon 10-26 passed -> breached.
    // L10: Tue 10-27 -> Wed 28, Thu 29, Fri 30: deadline end of 10-30 passed -> breached.
    expect([firstCall.due, firstCall.met, firstCall.breached, firstCall.open]).toEqual([7, 2, 4, 1]);
    expect(firstCall.compliance.id).toBe("sla_first_call");
    expect(firstCall.compliance.value).toBeCloseTo(2 / 6, 6); // met / (met + breached); open not counted
    expect([firstCall.compliance.numerator, firstCall.compliance.denominator]).toEqual([2, 6]);
  });

  it("computes compliance per owner (the lead's owner, 'unassigned' when empty)", () => {
    // A: L1 met, L2 breached, L6 breached -> 1/3. B: L3 open, L4 met, L10 breached -> 1/2. unassigned: L5 breached -> 0.
    // Order: most handoffs first, then by name.
    expect(rule(s2, "first_call").owners).toEqual([
      { owner: "A", due: 3, met: 1, breached: 2, open: 0, compliance: 0.333333 },
      { owner: "B", due: 3, met: 1, breached: 1, open: 1, compliance: 0.5 },
      { owner: "unassigned", due: 1, met: 0, breached: 1, open: 0, compliance: 0 },
    ]);
  });

  it("applies the target sla_first_call and keeps not-provided months null, not 0", () => {
    const c = rule(s2, "first_call").compliance;
    expect(c.target).toBe(0.8);
    expect(c.attainment).toBeCloseTo(0.333333 / 0.8, 5);
    // September is provided: L7, L8, L9, L13 were all handed off with no call by their deadlines -> 0 / 4, a real 0.
    expect(point(s2, "first_call", "2026-09")).toMatchObject({ value: 0, numerator: 0, denominator: 4 });
    expect(c.previous).toBe(0);
    // August provides leads but no activities; July nothing: null, never 0.
    expect(point(s2, "first_call", "2026-08").value).toBeNull();
    expect(point(s2, "first_call", "2026-07").value).toBeNull();
    expect(c.series).toHaveLength(13);
    expect(s2.provided).toBe(true);
  });
});

describe("first meeting within 30 calendar days", () => {
  it("counts calendar days to the end of the 30th day", () => {
    const m = rule(s2, "first_meeting");
    // October: L4 meeting 10-20 -> met. L5: 10-01 + 30 = 10-31, the month's last day, no meeting -> breached.
    // L1, L2 (deadline 11-08), L3 (11-28), L6 (11-20), L10 (11-26) -> open.
    expect([m.due, m.met, m.breached, m.open]).toEqual([7, 1, 1, 5]);
    expect(m.compliance.value).toBe(0.5);
    // September: L9 09-25 + 30 = 10-25, meeting 10-25 23:00 on the deadline day -> met;
    // L7 (deadline 10-15), L8 (10-10), L13 (10-28) -> breached. 1 / 4.
    expect(point(s2, "first_meeting", "2026-09")).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
    expect(m.compliance.id).toBe("sla_first_meeting");
  });
});

describe("time to first touch (first rule: calls)", () => {
  it("gives median, p90 in hours and the distribution, never-touched included", () => {
    // October handoffs: L4 0.5 h; L1 10-09 10:00 -> 10-15 17:00 = 151 h; L2 10-09 11:00 -> 10-16 09:00 = 166 h;
    // L3, L5 (its call came before), L6 (email only), L10: never.
    // Median of [0.5, 151, 166] = 151; p90: position 0.9 * 2 = 1.8 -> 151 + 0.8 * (166 - 151) = 163.
    expect(s2.firstTouch.medianHours).toBe(151);
    expect(s2.firstTouch.p90Hours).toBe(163);
    expect(s2.firstTouch.touched).toBe(3);
    expect(Object.fromEntries(s2.firstTouch.buckets.map((b) => [b.bucket, b.count]))).toEqual({
      "<1h": 1,
      "1-4h": 0,
      "4-24h": 0,
      "1-3d": 0,
      "3-7d": 2,
      "7d+": 0,
      never: 4,
    });
  });
});

describe("handoffs never touched", () => {
  it("ages open, untouched handoffs in calendar days to the month's end, per owner", () => {
    // As of 10-31: L3 (10-29, 2 days) 0-3; L10 (10-27, 4 days) 4-7; L5 (10-01, 30 days; its only call came before
    // the handoff) 8-30; L8 (09-10, 51 days) 31+.
    // Not counted: L7 is an SQL, L13 is disqualified, L9 had a meeting, L6 an email, L1 L2 L4 calls.
    expect(s2.untouched.total).toBe(4);
    expect(s2.untouched.buckets).toEqual([
      { bucket: "0-3", count: 1 },
      { bucket: "4-7", count: 1 },
      { bucket: "8-30", count: 1 },
      { bucket: "31+", count: 1 },
    ]);
    expect(s2.untouched.owners).toEqual([
      { owner: "B", counts: { "0-3": 1, "4-7": 1, "8-30": 0, "31+": 0 }, total: 2 },
      { owner: "A", counts: { "0-3": 0, "4-7": 0, "8-30": 0, "31+": 1 }, total: 1 },
      { owner: "unassigned", counts: { "0-3": 0, "4-7": 0, "8-30": 1, "31+": 0 }, total: 1 },
    ]);
  });
});

describe("record-level lists", () => {
  it("are omitted by default", () => {
    for (const r of s2.rules) expect(r).not.toHaveProperty("breachedIds");
  });
  it("list breached lead ids only when publishRecords is on", () => {
    expect(rule(withRecords, "first_call").breachedIds).toEqual(["L10", "L2", "L5", "L6"]);
    expect(rule(withRecords, "first_meeting").breachedIds).toEqual(["L5"]);
    // The numbers do not change.
    expect(rule(withRecords, "first_call").met).toBe(2);
  });
});

describe("provided checks and the calendar", () => {
  it("says not provided when the month lacks activities, and the series point is null", async () => {
    const ctx: MetricContext = {
      month: MONTH,
      window: windowOf(MONTH),
      config: configSchema.parse({}),
      provided: (d, m) => (m === MONTH ? d === "leads" : (PROVIDED[m]?.includes(d) ?? false)),
    };
    const s = await computeSection(big, slaSection, ctx, new Map());
    expect(s.provided).toBe(false);
    expect(rule(s, "first_call").compliance.value).toBeNull();
    expect(point(s, "first_call", "2026-09").value).toBe(0);
  });
  it("refuses to guess a business-day deadline the calendar table does not cover", async () => {
    const config = configSchema.parse({});
    const { db: other, ctx } = await tables(FIXTURE, MONTH, PROVIDED);
    try {
      await createCalendarTable(other, config.calendar, "2026-10-01", "2026-10-31");
      await expect(computeSection(other, slaSection, ctx, new Map())).rejects.toThrow(
        /calendar table does not cover handoff day 2026-09-10/,
      );
    } finally {
      other.close();
    }
  });
});

describe("a touch whose record changes in a later export", () => {
  // L1: handoff Tue 2026-09-01 10:00, first-call deadline the end of Fri 09-04 (3 business days).
  // Activity X: exported in 2026-09 as a call on 09-02 (met), re-exported in 2026-10 as an email
  // (the call was logged wrongly). As of September the handoff is met; as of October it has no
  // call, its deadline has passed: breached, but still touched (an email is an activity).
  // L2: handoff 09-01, called 09-03 in the 2026-10 export only (logged late): as of September
  // nothing is seen, and the deadline passed on 09-04: breached, never touched; as of October met.
  const FIX = `
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at) VALUES
      ('2026-09', 'L1', '2026-08-20', 'web', 'A', '2026-09-01 10:00', '2026-09-01 10:00'),
      ('2026-09', 'L2', '2026-08-20', 'web', 'A', '2026-09-01 10:00', '2026-09-01 10:00');
    INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id) VALUES
      ('2026-09', 'X', '2026-09-02 11:00', 'call', 'A', 'L1'),
      ('2026-10', 'X', '2026-09-02 11:00', 'email', 'A', 'L1'),
      ('2026-10', 'Y', '2026-09-03 11:00', 'call', 'A', 'L2');`;
  const both: Record<string, DatasetName[]> = { "2026-09": ["leads", "activities"], "2026-10": ["leads", "activities"] };
  let sep: Sla;
  let oct: Sla;
  beforeAll(async () => {
    const s = await tables(FIX, "2026-09", both, { publishRecords: true });
    try {
      sep = await computeSection(s.db, slaSection, s.ctx, new Map());
    } finally {
      s.db.close();
    }
    const o = await tables(FIX, "2026-10", both, { publishRecords: true });
    try {
      oct = await computeSection(o.db, slaSection, o.ctx, new Map());
    } finally {
      o.db.close();
    }
  });
  it("judges each month by the data as of its end", () => {
    expect(rule(sep, "first_call")).toMatchObject({ due: 2, met: 1, breached: 1, open: 0, breachedIds: ["L2"] });
    expect(sep.untouched.total).toBe(1);
    expect(sep.firstTouch).toMatchObject({ touched: 1, medianHours: 25 });
    // October's trend judges September's handoffs as of October's end.
    expect(point(oct, "first_call", "2026-09")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(oct.untouched.total).toBe(0);
  });
});
