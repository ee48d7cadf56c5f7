// The pipeline section against a hand-computed fixture: two folders (September, October) so that
// slipped and pulled-in deals can be told apart, a quarter target with a month missing, weighted
// pipeline from the probability column and from configured stage probabilities, a placeholder close
// date, stale deals; then the same deals as of December, whose quarter ahead is the next one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { createAsOf } from "../src/model/asof.ts";
import { windowOf, type MetricContext } from "../src/metrics/context.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { pipeline as section } from "../src/sections/pipeline/index.ts";
import { coverageOf, quarterAhead, quarterTarget } from "../src/sections/pipeline/quarter.ts";
import type { Pipeline } from "../src/sections/pipeline/schema.ts";
import { tables } from "./helpers/tables.ts";

const OPPS = `
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, owner, source, closed_at, outcome, lost_reason, probability) VALUES
    ('2026-09', 'D1', '2026-08-01', 50, 'Proposal', 'L1', 'Aoki', 'web', '2026-10-20', NULL, NULL, 40),
    ('2026-09', 'D2', '2026-09-01', 30, 'Negotiation', 'L2', 'Aoki', 'web', '2026-12-10', NULL, NULL, NULL),
    ('2026-09', 'D4', '2026-07-01', 20, 'Proposal', 'L4', 'Aoki', 'referral', '2026-09-30', NULL, NULL, 0.5),
    ('2026-09', 'D7', '2026-09-15', 60, 'Proposal', 'L7', 'Baba', 'partner', '2027-01-15', NULL, NULL, 20),
    ('2026-10', 'D1', '2026-08-01', 50, 'Proposal', 'L1', 'Aoki', 'web', '2026-11-15', NULL, NULL, 40),
    ('2026-10', 'D2', '2026-09-01', 30, 'Closed Won', 'L2', 'Aoki', 'web', '2026-10-25', NULL, NULL, NULL),
    ('2026-10', 'D3', '2026-10-05', 80, 'Qualification', 'L3', 'Baba', 'event', '2026-12-20', NULL, NULL, NULL),
    ('2026-10', 'D4', '2026-07-01', 20, 'Proposal', 'L4', 'Aoki', 'referral', '2026-09-30', NULL, NULL, 0.5),
    ('2026-10', 'D5', '2026-10-10', NULL, 'Qualification', 'L5', 'Baba', 'web', '9999-12-31', NULL, NULL, NULL),
    ('2026-10', 'D6', '2026-06-01', 40, 'Closed Lost', 'L6', 'Baba', 'ads', '2026-10-03', NULL, '価格', NULL),
    ('2026-10', 'D7', '2026-09-15', 60, 'Proposal', 'L7', 'Baba', 'partner', '2027-01-15', NULL, NULL, 20);
  INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, opportunity_id) VALUES
    ('2026-10', 'a1', '2026-10-20 10:00', 'meeting', 'Aoki', NULL, 'D1'),
    ('2026-09', 'a7', '2026-09-20 10:00', 'call', 'Baba', 'L7', NULL);
  INSERT INTO raw_targets (month, metric, value) VALUES
    ('2026-10', 'won_amount', 100), ('2026-11', 'won_amount', 100), ('2026-12', 'won_amount', 100),
    ('2027-01', 'won_amount', 100), ('2027-02', 'won_amount', 100), ('2027-03', 'won_amount', 100);`;

const PROVIDED = {
  "2026-09": ["opportunities", "activities"] as const,
  "2026-10": ["opportunities", "activities"] as const,
  "2026-11": ["opportunities", "activities"] as const,
  "2026-12": ["opportunities", "activities"] as const,
};
const CONFIG = {
  marketingSources: ["web", "event"],
  pipeline: { coverageGuide: 3, staleDays: 30, stageProbabilities: { Qualification: 0.1, Proposal: 0.3, Negotiation: 0.6 } },
};

let db: Db;
let ctx: MetricContext;
let oct: Pipeline;
let dec: Pipeline;
const targets = new Map([
  ["won_amount|2026-10", 100],
  ["won_amount|2026-11", 100],
  ["won_amount|2026-12", 100],
  ["won_amount|2027-01", 100],
  ["won_amount|2027-02", 100],
  ["won_amount|2027-03", 100],
]);
beforeAll(async () => {
  const t = await tables(OPPS, "2026-10", PROVIDED as never, CONFIG as never);
  db = t.db;
  ctx = t.ctx;
  oct = await computeSection(db, section, ctx, targets);
  await createAsOf(db, "2026-12", ctx.config);
  dec = await computeSection(db, section, { ...ctx, month: "2026-12", window: windowOf("2026-12") }, targets);
});
afterAll(() => db.close());

describe("pipeline: quarters", () => {
  it("looks at the quarter of the month after the report month, in fiscal quarters", () => {
    // FY starts in April: October's next month (November) is in Q3 = Oct-Dec; 31 of its 92 days are over.
    expect(quarterAhead("2026-10", 4)).toEqual({ first: "2026-10", last: "2026-12", fiscalYear: 2026, number: 3, days: 92, elapsed: 31 });
    // December is Q3's last month: the quarter ahead is Q4 (Jan-Mar 2027), none of it over.
    expect(quarterAhead("2026-12", 4)).toMatchObject({ first: "2027-01", last: "2027-03", fiscalYear: 2026, number: 4, elapsed: 0 });
    // March closes the fiscal year: the quarter ahead is Q1 of the next one.
    expect(quarterAhead("2027-03", 4)).toMatchObject({ first: "2027-04", last: "2027-06", fiscalYear: 2027, number: 1, days: 91 });
    // A calendar fiscal year: November is in Q4 = Oct-Dec.
    expect(quarterAhead("2026-11", 1)).toMatchObject({ first: "2026-10", last: "2026-12", fiscalYear: 2026, number: 4, elapsed: 61 });
  });
  it("sums the quarter's monthly targets, and has none when a month lacks one (named)", () => {
    expect(quarterTarget(quarterAhead("2026-10", 4), targets)).toEqual({ value: 300, missing: [] });
    const noDecember = new Map([...targets].filter(([k]) => k !== "won_amount|2026-12"));
    expect(quarterTarget(quarterAhead("2026-10", 4), noDecember)).toEqual({ value: null, missing: ["2026-12"] });
    expect(quarterTarget(quarterAhead("2027-06", 4), targets)).toEqual({ value: null, missing: ["2027-07", "2027-08", "2027-09"] });
  });
  it("reads 'target met' rather than a negative ratio", () => {
    expect(coverageOf(100, 200, 50)).toEqual({ status: "ok", remaining: 150, value: 100 / 150 });
    expect(coverageOf(100, 200, 200)).toEqual({ status: "met", remaining: 0, value: null });
    expect(coverageOf(100, 200, 260)).toEqual({ status: "met", remaining: 0, value: null });
    expect(coverageOf(100, null, 0)).toEqual({ status: "no-target", remaining: null, value: null });
  });
});

describe("pipeline: October", () => {
  it("counts the open pipeline by stage and by expected close month", () => {
    // Open at October's end: D1 50, D3 80, D4 20, D5 (no amount), D7 60.
    expect(oct.open).toEqual({ count: 5, amount: 210, noAmount: 1 });
    expect(oct.openAmount.value).toBe(210);
    // September's end: D1 50, D2 30, D4 20, D7 60.
    expect(oct.openAmount.previous).toBe(160);
    // Stages in the configured order.
    expect(oct.byStage).toEqual([
      { stage: "Qualification", count: 2, amount: 80, noAmount: 1, probability: 0.1 },
      { stage: "Proposal", count: 3, amount: 130, noAmount: 0, probability: 0.3 },
    ]);
    const b = Object.fromEntries(oct.byCloseMonth.map((x) => [x.bucket, [x.count, x.amount]]));
    // D4 expected 09-30 (overdue); D1 in November; D3 in December; D7 in January; D5's 9999-12-31 is no date.
    expect(b).toMatchObject({ overdue: [1, 20], "2026-11": [1, 50], "2026-12": [1, 80], "2027-01": [1, 60], none: [1, 0], later: [0, 0] });
  });
  it("tells slipped from pulled-in deals", () => {
    expect(oct.movement.created).toEqual({ count: 2, amount: 80, noAmount: 1 }); // D3, D5
    expect(oct.movement.won).toEqual({ count: 1, amount: 30, noAmount: 0 }); // D2
    expect(oct.movement.lost).toEqual({ count: 1, amount: 40, noAmount: 0 }); // D6
    // D1 was expected 10-20, now 11-15: slipped. D2 was expected 12-10, won 10-25: pulled in.
    // D4 stays overdue and D7 stays in January: neither.
    expect(oct.movement.slipped).toEqual({ count: 1, amount: 50, noAmount: 0 });
    expect(oct.movement.pulledIn).toEqual({ count: 1, amount: 30, noAmount: 0 });
  });
  it("measures coverage of the rest of the quarter and the landing forecast", () => {
    // Rest of Q3 (Nov 1 - Dec 31): D1 50 + D3 80 = 130. Target 100 x 3 = 300;
    // won to date D2 30; remaining 270; coverage 130 / 270.
    expect(oct.quarter).toMatchObject({ target: 300, missingTargets: [], wonToDate: 30, remaining: 270, status: "ok" });
    expect(oct.quarter.openRest).toEqual({ count: 2, amount: 130, noAmount: 0 });
    expect(oct.coverage.value).toBeCloseTo(130 / 270, 6);
    expect([oct.coverage.numerator, oct.coverage.denominator]).toEqual([130, 270]);
    // Weighted rest: D1 50 x 40% (column, a percentage) + D3 80 x 0.1 (its stage) = 28; forecast 30 + 28.
    expect(oct.quarter.weightedRest).toBe(28);
    expect(oct.quarter.forecast).toBe(58);
    // September's coverage, as of its own end (quarter ahead Q3 again): rest D1 (10-20) 50 + D2 (12-10) 30 = 80 over 300.
    expect(oct.coverage.previous).toBeCloseTo(80 / 300, 6);
  });
  it("reads coverage as not provided when a month of the quarter has no target, naming it", async () => {
    // Only October's and November's targets: 200 against the pipeline of November and December would read 130 / 170.
    const partial = new Map([...targets].filter(([k]) => k !== "won_amount|2026-12"));
    const r = await computeSection(db, section, ctx, partial);
    expect(r.quarter).toMatchObject({ target: null, missingTargets: ["2026-12"], remaining: null, status: "no-target" });
    expect(r.coverage.value).toBeNull();
    // The forecast is still a forecast (won to date + weighted rest); only the comparison with a target goes.
    expect(r.quarter.forecast).toBe(58);
  });
  it("weights the open pipeline: the probability column before the stage's", () => {
    // The export's column is in percent (40, 20 are above 1), so D4's 0.5 is 0.5%, not a share:
    // D1 50 x 0.4 + D3 80 x 0.1 + D4 20 x 0.005 + D7 60 x 0.2 = 40.1; D5 has no amount.
    expect(oct.weighted).toEqual({ amount: 40.1, fromColumn: 3, fromStage: 2, withoutProbability: 0 });
  });
  it("decides the probability scale per export: 確度 1 in a percent column is 1%, an export of shares stays shares", async () => {
    // October's export: 400 at 50 and 1,000 at 1 (percent: 200 + 10). September's export has only
    // shares (0.5 and 1): read as 50% and 100% as of September.
    const t = await tables(
      `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at, probability) VALUES
        ('2026-09', 'P1', '2026-09-01', 400, 'Proposal', '2026-11-15', 0.5),
        ('2026-09', 'P2', '2026-09-01', 1000, 'Proposal', '2026-11-20', 1),
        ('2026-10', 'P1', '2026-09-01', 400, 'Proposal', '2026-11-15', 50),
        ('2026-10', 'P2', '2026-09-01', 1000, 'Proposal', '2026-11-20', 1);`,
      "2026-10",
      PROVIDED as never,
      CONFIG as never,
    );
    const r = await computeSection(t.db, section, t.ctx, targets);
    expect(r.weighted.amount).toBe(210);
    expect(r.quarter.weightedRest).toBe(210);
    await createAsOf(t.db, "2026-09", t.ctx.config);
    const sep = await computeSection(t.db, section, { ...t.ctx, month: "2026-09", window: windowOf("2026-09") }, targets);
    expect(sep.weighted.amount).toBe(1200); // 400 x 0.5 + 1,000 x 1
    t.db.close();
  });
  it("finds stale deals per owner", () => {
    // D4: past its 09-30 close and no activity since its creation; D7: last activity (on its lead) 09-20,
    // more than 30 days before November 1. D1 (activity 10-20), D3 and D5 (created in October) are not.
    expect(oct.stale).toMatchObject({ pastClose: 1, inactive: 2, total: 2, staleDays: 30 });
    expect(oct.stale.owners).toEqual([
      { owner: "Aoki", pastClose: 1, inactive: 1, total: 1, amount: 20 },
      { owner: "Baba", pastClose: 0, inactive: 1, total: 1, amount: 60 },
    ]);
    expect(oct.stale.ids).toBeUndefined();
    expect(section.attention(oct)).toEqual([expect.objectContaining({ count: 2, anchor: "stale-deals" })]);
  });
  it("gives marketing's share of the open pipeline", () => {
    // web (D1 50, D5 -) and event (D3 80) are marketing's: 130 / 210.
    expect(oct.sourcing.marketing).toEqual({ count: 3, amount: 130, noAmount: 1 });
    expect(oct.sourcing.share).toBeCloseTo(130 / 210, 6);
    expect(oct.sourcing.bySource.map((s) => [s.source, s.count, s.amount])).toEqual([
      ["event", 1, 80],
      ["partner", 1, 60],
      ["web", 2, 50],
      ["referral", 1, 20],
    ]);
  });
});

describe("pipeline: December, across the quarter boundary", () => {
  it("measures the next quarter, with nothing won in it yet", () => {
    // Quarter ahead Q4 (Jan-Mar 2027), target 300; D2's October win belongs to Q3. Rest: D7 (01-15) 60.
    expect(dec.quarter).toMatchObject({ first: "2027-01", target: 300, missingTargets: [], wonToDate: 0, remaining: 300, elapsed: 0 });
    expect(dec.coverage.value).toBe(0.2);
    // November measured Q3: no month-on-month change against it (the trend keeps November's own value).
    expect([dec.coverage.previous, dec.coverage.mom]).toEqual([null, null]);
    expect(dec.coverage.series.find((x) => x.month === "2026-11")!.value).not.toBeNull();
    // D7 x 20% = 12: the forecast is all weighted pipeline.
    expect(dec.quarter.forecast).toBe(12);
    // D1 (11-15) and D3 (12-20) are now past their close dates.
    expect(dec.stale.pastClose).toBe(3);
  });
});

describe("pipeline: the executive summary", () => {
  it("gives the coverage, and nothing once the quarter's target is met", () => {
    expect(section.summary(oct)).toEqual([{ metric: "pipeline_coverage", headline: oct.coverage, maturity: "final" }]);
    const met = { ...oct, quarter: { ...oct.quarter, status: "met" as const } };
    expect(section.summary(met)).toEqual([]);
  });
});

describe("pipeline: movement after a month without the deals", () => {
  it("has no slipped or pulled-in deals when the previous month's folder lacks the opportunities", async () => {
    // August's export: E1 expected 09-10, E2 expected 12-01. September's folder has no opportunities
    // export, so the state at September's end is not known: August's is not it (E1 may have slipped
    // in September already). October: E1 expected 11-05 (slipped since August, not known to be in
    // October), E2 won 10-20 (pulled in since August). Slipped and pulled in: not provided, not 1 each.
    const t = await tables(
      `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at) VALUES
        ('2026-08', 'E1', '2026-07-01', 10, 'Proposal', '2026-09-10'),
        ('2026-08', 'E2', '2026-07-01', 20, 'Proposal', '2026-12-01'),
        ('2026-10', 'E1', '2026-07-01', 10, 'Proposal', '2026-11-05'),
        ('2026-10', 'E2', '2026-07-01', 20, 'Closed Won', '2026-10-20');`,
      "2026-10",
      { "2026-08": ["opportunities"], "2026-10": ["opportunities"] } as never,
      CONFIG as never,
    );
    try {
      const x = await computeSection(t.db, section, t.ctx, new Map());
      expect(x.movement).toEqual({
        created: { count: 0, amount: 0, noAmount: 0 },
        won: { count: 1, amount: 20, noAmount: 0 },
        lost: { count: 0, amount: 0, noAmount: 0 },
        slipped: null,
        pulledIn: null,
      });
    } finally {
      t.db.close();
    }
  });
});

describe("pipeline: an export taken after the month's end", () => {
  it("counts a deal closed early next month as open at the month's end, by its dates", async () => {
    // October's export was taken on 11-05: F1 was won on 11-03 and F2 lost on 11-02, both open at
    // October's end; F3 is open, F4 was won in October. September's export had F1 and F2 open,
    // expected 10-25 (F1) and 11-30 (F2).
    const t = await tables(
      `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at) VALUES
        ('2026-09', 'F1', '2026-08-01', 10, 'Proposal', '2026-10-25'),
        ('2026-09', 'F2', '2026-08-01', 20, 'Proposal', '2026-11-30'),
        ('2026-10', 'F1', '2026-08-01', 10, 'Closed Won', '2026-11-03'),
        ('2026-10', 'F2', '2026-08-01', 20, 'Closed Lost', '2026-11-02'),
        ('2026-10', 'F3', '2026-10-01', 40, 'Proposal', '2026-12-10'),
        ('2026-10', 'F4', '2026-09-01', 80, 'Closed Won', '2026-10-20');`,
      "2026-10",
      { "2026-09": ["opportunities"], "2026-10": ["opportunities"] } as never,
      CONFIG as never,
    );
    try {
      const x = await computeSection(t.db, section, t.ctx, new Map());
      // Open at October's end: F1, F2 and F3 (10 + 20 + 40); F4 was won in October.
      expect(x.open).toEqual({ count: 3, amount: 70, noAmount: 0 });
      // F1 was expected by October's end in September and closed after it: slipped, not lost from view.
      expect(x.movement.slipped).toEqual({ count: 1, amount: 10, noAmount: 0 });
      expect(x.movement.won).toEqual({ count: 1, amount: 80, noAmount: 0 });
    } finally {
      t.db.close();
    }
  });
});
