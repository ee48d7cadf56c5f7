// SLA metrics against hand-computed fixtures; business days across Japan's Sports Day (2026-10-12)
// and Culture Day (2026-11-03). Every number is worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCalendarTable } from "../src/model/calendar.ts";
import type { Db } from "../src/model/duckdb.ts";
import { windowOf, type MetricContext } from "../src/metrics/context.ts";
import { loadTargets } from "../src/metrics/targets.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { sla as slaSection } from "../src/sections/sla/index.ts";
import type { RuleResult, Sla } from "../src/sections/sla/schema.ts";
import { config as configSchema, DEFAULT_SLA } from "../src/schema/config.ts";
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
    const call = rule(sla, "first_call");
    // Deadlines in October: A and B (Thu 10-15), D (Fri 10-02 + 3 business days: Wed 10-07), E (Mon 10-05:
    // Thu 10-08). A met (Thu 17:00 before the end of Thu); B breached (Fri); D breached (no call);
    // E breached (its only call came before the handoff). C's deadline is in November: not due in October.
    expect([call.due, call.met, call.breached, call.excluded]).toEqual([4, 1, 3, 0]);
    expect(call.compliance.value).toBe(0.25); // 1 / (1 + 3)
    expect([call.compliance.numerator, call.compliance.denominator]).toEqual([1, 4]);
    expect(call.compliance.target).toBe(0.9);
    expect(call.owners).toEqual([
      { owner: "Aoki", due: 2, met: 1, breached: 1, excluded: 0, compliance: 0.5 },
      { owner: "Baba", due: 2, met: 0, breached: 2, excluded: 0, compliance: 0 },
    ]);
    // The month's handoffs as of its end: all five; C still open, 4 days left (10-31 -> Wed 11-04).
    expect(call.handoffs).toMatchObject({ total: 5, met: 1, breached: 3, open: 1, excluded: 0 });
    expect(call.handoffs.daysLeft).toEqual([
      { bucket: "1-3", count: 0 },
      { bucket: "4-7", count: 1 },
      { bucket: "8-14", count: 0 },
      { bucket: "15+", count: 0 },
    ]);
  });
  it("uses calendar days for the meeting rule", () => {
    const meeting = rule(sla, "first_meeting");
    // Every deadline (handoff day + 30) is in November: nothing due in October, a rate of no cases.
    expect([meeting.due, meeting.met, meeting.breached]).toEqual([0, 0, 0]);
    expect(meeting.compliance).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    // Of the month's handoffs, A is met (meeting 11 days after handoff); the other four are open.
    expect(meeting.handoffs).toMatchObject({ total: 5, met: 1, breached: 0, open: 4 });
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

/** Rule `id` of `s`, judged by deadline month (as every rule computed now is). */
function rule(s: Sla, id: string): RuleResult {
  const r = s.rules.find((x) => x.rule.id === id);
  if (r?.judgedBy !== "deadline_month") throw new Error(`no deadline-month rule ${id}`);
  return r;
}

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

const point = (s: Sla, id: string, m: string) => rule(s, id).compliance.series.find((p) => p.month === m)!;

describe("first call within 3 business days, judged by deadline month", () => {
  it("counts business days across a Japanese holiday", () => {
    const firstCall = rule(s2, "first_call");
    // Deadlines (the end of the 3rd business day after the handoff day):
    // L1: Fri 10-09 + 3 business days (Mon 10-12 is スポーツの日): Tue 13, Wed 14, Thu 15 -> deadline end of Thu 10-15;
    //     call Thu 10-15 17:00 -> met.
    // L2: same deadline; call Fri 10-16 09:00 -> breached (a touch after the deadline).
    // L3: handoff falls back to mql_at Thu 10-29: Fri 30, Mon 11-02, (Tue 11-03 文化の日), Wed 11-04 -> deadline in
    //     November: not due in October.
    // L4: Mon 10-05 -> Thu 10-08; the 10-02 call came before the handoff and is ignored; call 10-05 09:30 -> met.
    // L5: Thu 10-01 -> Tue 10-06; only a call before the handoff (09-30) -> breached.
    // L6: Wed 10-21 -> Mon 10-26; an email is not a call -> breached.
    // L10: Tue 10-27 -> Wed 28, Thu 29, Fri 30: deadline end of 10-30 -> breached.
    // L13: Mon 09-28 -> Tue 29, Wed 30, Thu 10-01: a September handoff due in October; disqualified 10-10,
    //      after its deadline -> breached (still due).
    // September handoffs due in September: L7 (Tue 09-15 -> Fri 09-18), L8 (Thu 09-10 -> Tue 09-15), L9 (Fri 09-25
    // -> Wed 09-30; 09-21..23 are holidays but come before).
    expect([firstCall.due, firstCall.met, firstCall.breached, firstCall.excluded]).toEqual([7, 2, 5, 0]);
    expect(firstCall.compliance.id).toBe("sla_first_call");
    expect(firstCall.compliance.value).toBeCloseTo(2 / 7, 6);
    expect([firstCall.compliance.numerator, firstCall.compliance.denominator]).toEqual([2, 7]);
  });

  it("computes compliance per owner (the lead's owner, 'unassigned' when empty)", () => {
    // A: L1 met; L2, L6, L13 breached -> 1/4. B: L4 met, L10 breached -> 1/2. unassigned: L5 breached -> 0.
    // Order: most handoffs first, then by name.
    expect(rule(s2, "first_call").owners).toEqual([
      { owner: "A", due: 4, met: 1, breached: 3, excluded: 0, compliance: 0.25 },
      { owner: "B", due: 2, met: 1, breached: 1, excluded: 0, compliance: 0.5 },
      { owner: "unassigned", due: 1, met: 0, breached: 1, excluded: 0, compliance: 0 },
    ]);
  });

  it("keeps the operational view: the month's handoffs as of its end, open with days left, breached so far", () => {
    // October handoffs L1..L6, L10: met L1 L4; breached so far L2 L5 L6 L10; open L3 (deadline Wed 11-04: 4 days left).
    const h = rule(s2, "first_call").handoffs;
    expect(h).toMatchObject({ total: 7, met: 2, breached: 4, open: 1, excluded: 0 });
    expect(h.daysLeft.find((b) => b.bucket === "4-7")!.count).toBe(1);
    expect(h.owners).toEqual([
      { owner: "A", handoffs: 3, met: 1, breached: 2, open: 0, excluded: 0, daysLeft: { "1-3": 0, "4-7": 0, "8-14": 0, "15+": 0 } },
      { owner: "B", handoffs: 3, met: 1, breached: 1, open: 1, excluded: 0, daysLeft: { "1-3": 0, "4-7": 1, "8-14": 0, "15+": 0 } },
      {
        owner: "unassigned",
        handoffs: 1,
        met: 0,
        breached: 1,
        open: 0,
        excluded: 0,
        daysLeft: { "1-3": 0, "4-7": 0, "8-14": 0, "15+": 0 },
      },
    ]);
  });

  it("applies the target sla_first_call and keeps not-provided months null, not 0", () => {
    const c = rule(s2, "first_call").compliance;
    expect(c.target).toBe(0.8);
    expect(c.attainment).toBeCloseTo(0.285714 / 0.8, 5);
    // September: L7, L8, L9 were due in September with no call by their deadlines -> 0 / 3, a real 0.
    expect(point(s2, "first_call", "2026-09")).toMatchObject({ value: 0, numerator: 0, denominator: 3 });
    expect(c.previous).toBe(0);
    // August provides leads but no activities; July nothing: null, never 0.
    expect(point(s2, "first_call", "2026-08").value).toBeNull();
    expect(point(s2, "first_call", "2026-07").value).toBeNull();
    expect(c.series).toHaveLength(13);
    expect(s2.provided).toBe(true);
  });
});

describe("first meeting within 30 calendar days, judged by deadline month", () => {
  it("judges the handoffs whose deadline (a month later) fell in the month, disqualified ones left out", () => {
    const m = rule(s2, "first_meeting");
    // Deadlines in October (handoff day + 30): L5 10-01 -> 10-31 (the month's last day), no meeting -> breached;
    // L7 09-15 -> 10-15 breached (an SQL is not a meeting); L8 09-10 -> 10-10 breached;
    // L9 09-25 -> 10-25, meeting 10-25 23:00 on the deadline day -> met (disqualified later, 10-30: still met);
    // L13 09-28 -> 10-28, disqualified 10-10 before its deadline with no meeting -> not due (excluded).
    // October's own handoffs are due in November (L1, L2 11-08; L4 11-04; L6 11-20; L10 11-26; L3 11-28).
    expect([m.due, m.met, m.breached, m.excluded]).toEqual([4, 1, 3, 1]);
    expect(m.compliance.value).toBe(0.25);
    expect(m.owners).toEqual([
      { owner: "A", due: 2, met: 1, breached: 1, excluded: 1, compliance: 0.5 },
      { owner: "B", due: 1, met: 0, breached: 1, excluded: 0, compliance: 0 },
      { owner: "unassigned", due: 1, met: 0, breached: 1, excluded: 0, compliance: 0 },
    ]);
    // September: no deadline fell in it (August had no handoff) -> 0 / 0 with the data present: no rate, not "not provided".
    expect(point(s2, "first_meeting", "2026-09")).toMatchObject({ value: null, numerator: 0, denominator: 0 });
    expect(m.compliance.id).toBe("sla_first_meeting");
  });

  it("shows October's handoffs open with the days left to their deadline", () => {
    // Met: L4 (meeting 10-20). Breached so far: L5 (deadline 10-31). Open, days from 10-31 to the deadline:
    // L1, L2 11-08 (8: 8-14); L6 11-20 (20), L10 11-26 (26), L3 11-28 (28): 15+.
    const h = rule(s2, "first_meeting").handoffs;
    expect(h).toMatchObject({ total: 7, met: 1, breached: 1, open: 5 });
    expect(h.daysLeft).toEqual([
      { bucket: "1-3", count: 0 },
      { bucket: "4-7", count: 0 },
      { bucket: "8-14", count: 2 },
      { bucket: "15+", count: 3 },
    ]);
  });

  it("counts a handoff disqualified before its deadline as due when sla.excludeDisqualified is off", async () => {
    const t = await tables(FIXTURE, MONTH, PROVIDED, { sla: { rules: DEFAULT_SLA, excludeDisqualified: false } });
    try {
      const m = rule(await computeSection(t.db, slaSection, t.ctx, new Map()), "first_meeting");
      // L13 now breached: 1 met of 5 due.
      expect([m.due, m.met, m.breached, m.excluded, m.excludeDisqualified]).toEqual([5, 1, 4, 0, false]);
    } finally {
      t.db.close();
    }
  });
});

describe("the summary and the needs-action items", () => {
  it("gives each rule's compliance as a final headline", () => {
    const items = slaSection.summary(s2);
    expect(items.map((i) => [i.metric, i.headline.id, i.headline.value, i.maturity])).toEqual([
      ["sla_compliance", "sla_first_call", 0.285714, "final"],
      ["sla_compliance", "sla_first_meeting", 0.25, "final"],
    ]);
  });
  it("counts breached, open close to the deadline and untouched handoffs, each with its anchor", () => {
    // first call: 5 breached, 1 open with 4 days left; first meeting: 3 breached, none open with 7 days or less;
    // untouched for more than 3 days: L10 (4 days), L5 (30), L8 (51) = 3.
    expect(slaSection.attention(s2).map((i) => [i.id, i.count, i.anchor, i.level])).toEqual([
      ["sla-first-call-breached", 5, "sla-first-call-by-owner-table", "alert"],
      ["sla-first-call-open", 1, "sla-first-call-handoffs-by-owner", "watch"],
      ["sla-first-meeting-breached", 3, "sla-first-meeting-by-owner-table", "alert"],
      ["sla-first-meeting-open", 0, "sla-first-meeting-handoffs-by-owner", "watch"],
      ["sla-untouched", 3, "untouched-by-owner", "alert"],
    ]);
  });
  it("gives no count when the month lacks the data", () => {
    expect(slaSection.attention({ ...s2, provided: false }).every((i) => i.count === null)).toBe(true);
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
    // Those due in October that breached (L13 is a September handoff due 10-01).
    expect(rule(withRecords, "first_call").breachedIds).toEqual(["L10", "L13", "L2", "L5", "L6"]);
    expect(rule(withRecords, "first_meeting").breachedIds).toEqual(["L5", "L7", "L8"]);
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
  it("gives no rate for a month whose due handoffs were handed over in a month without activities", async () => {
    // L13 (handed over in September, due 10-01): with September's activities missing its touches are unknown,
    // so October's first-call rate is not provided rather than a breach.
    const ctx: MetricContext = {
      month: MONTH,
      window: windowOf(MONTH),
      config: configSchema.parse({}),
      provided: (d, m) => (m === "2026-09" ? d === "leads" : (PROVIDED[m]?.includes(d) ?? false)),
    };
    const s = await computeSection(big, slaSection, ctx, new Map());
    expect(rule(s, "first_call").compliance.value).toBeNull();
    expect(rule(s, "first_call").compliance.numerator).toBeUndefined();
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
    expect(rule(sep, "first_call")).toMatchObject({ due: 2, met: 1, breached: 1, excluded: 0, breachedIds: ["L2"] });
    expect(sep.untouched.total).toBe(1);
    expect(sep.firstTouch).toMatchObject({ touched: 1, medianHours: 25 });
    // October's trend judges September's handoffs as of October's end.
    expect(point(oct, "first_call", "2026-09")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(oct.untouched.total).toBe(0);
  });
});

describe("a lead recycled before it was handed over again", () => {
  // R1: disqualified (recycled) 08-20, back as an MQL and handed over Mon 10-05 09:00; never touched.
  //   Its first-call deadline is the end of Thu 10-08: due in October and breached, not left out as
  //   disqualified (the disqualification was of an earlier handoff); at the month's end it is an
  //   untouched handoff 26 days old (10-05 -> 10-31).
  // R2: handed over Mon 10-05 09:00, disqualified the same day with a date only (10-05): left out
  //   (not due), and not untouched.
  const FIX = `
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at, disqualified_at) VALUES
      ('2026-10', 'R1', '2026-07-01', 'web', 'A', '2026-10-05 09:00', '2026-10-05 09:00', '2026-08-20 12:00'),
      ('2026-10', 'R2', '2026-07-01', 'web', 'A', '2026-10-05 09:00', '2026-10-05 09:00', '2026-10-05');`;
  it("judges the new handoff, and counts it untouched", async () => {
    const t = await tables(FIX, "2026-10", { "2026-10": ["leads", "activities"] });
    try {
      const s = await computeSection(t.db, slaSection, t.ctx, new Map());
      expect(rule(s, "first_call")).toMatchObject({ due: 1, met: 0, breached: 1, excluded: 1 });
      expect(s.untouched.total).toBe(1);
      expect(s.untouched.buckets.find((b) => b.bucket === "8-30")!.count).toBe(1);
    } finally {
      t.db.close();
    }
  });
});

describe("a touch dated the handoff day without a time", () => {
  // H1: handed over Mon 10-05 15:00; a call dated 10-05 (a date only, as a Salesforce task's date is):
  //   the call's time is unknown, so it is not before the handoff: met, touched, 0 hours to it.
  // H2: handed over Mon 10-05 15:00; a call at 10-05 09:00, before the handoff: ignored; breached
  //   (deadline the end of Thu 10-08), never touched.
  const FIX = `
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, owner, mql_at, handoff_at) VALUES
      ('2026-10', 'H1', '2026-10-01', 'web', 'A', '2026-10-05 15:00', '2026-10-05 15:00'),
      ('2026-10', 'H2', '2026-10-01', 'web', 'A', '2026-10-05 15:00', '2026-10-05 15:00');
    INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id) VALUES
      ('2026-10', 'T1', '2026-10-05', 'call', 'A', 'H1'),
      ('2026-10', 'T2', '2026-10-05 09:00', 'call', 'A', 'H2');`;
  it("counts it as at the handoff; a timed touch before the handoff still does not count", async () => {
    const t = await tables(FIX, "2026-10", { "2026-10": ["leads", "activities"] }, { publishRecords: true });
    try {
      const s = await computeSection(t.db, slaSection, t.ctx, new Map());
      expect(rule(s, "first_call")).toMatchObject({ due: 2, met: 1, breached: 1, breachedIds: ["H2"] });
      expect(s.firstTouch).toMatchObject({ touched: 1, medianHours: 0 });
      expect(s.untouched.total).toBe(1);
    } finally {
      t.db.close();
    }
  });
});
