// The win/loss section against a hand-computed fixture: lost and disqualify reasons over the month,
// 3 and 12 months (ties by amount, then by name), the top reason's share, breakdowns, win rate,
// deal size and cycle by segment with small n, and the funnel per source.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { monthsEnding, windowOf } from "../src/metrics/context.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { winloss as section } from "../src/sections/winloss/index.ts";
import { pareto } from "../src/sections/winloss/pareto.ts";
import type { Winloss } from "../src/sections/winloss/schema.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { tables } from "./helpers/tables.ts";

const DATA = `
  INSERT INTO raw_leads (__folder, lead_id, created_at, source, campaign_id, industry, company_size, mql_at, owner, sql_at, disqualified_at, disqualify_reason) VALUES
    ('2026-10', 'LA', '2026-03-01', 'web', 'C1', '製造', '50-299', '2026-03-02', 'Aoki', '2026-03-05', NULL, NULL),
    ('2026-10', 'LB', '2026-04-01', 'web', NULL, 'IT', '1-49', '2026-04-02', 'Aoki', '2026-04-05', NULL, NULL),
    ('2026-10', 'LC', '2025-09-01', 'ads', NULL, '製造', '1-49', '2025-09-02', 'Baba', '2025-09-05', NULL, NULL),
    ('2026-10', 'LD1', '2026-10-01', 'web', 'C1', NULL, NULL, NULL, 'Aoki', NULL, '2026-10-05', '学生・個人'),
    ('2026-10', 'LD2', '2026-10-02', 'ads', NULL, NULL, NULL, '2026-10-03', 'Baba', NULL, '2026-10-06', '重複'),
    ('2026-10', 'LD3', '2026-09-01', 'web', NULL, NULL, NULL, NULL, 'Baba', NULL, '2026-10-07', '予算なし'),
    ('2026-10', 'LD4', '2026-08-01', 'web', NULL, NULL, NULL, NULL, 'Baba', NULL, '2026-09-07', '予算なし');
  INSERT INTO raw_campaigns (__folder, campaign_id, name) VALUES ('2026-10', 'C1', 'Expo');
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, owner, source, campaign_id, closed_at, lost_reason, type) VALUES
    ('2026-10', 'W1', '2026-04-01', 10, 'Closed Lost', 'LA', 'Aoki', 'web', 'C1', '2026-10-05', '価格', NULL),
    ('2026-10', 'W2', '2026-05-01', 30, 'Closed Lost', 'LB', 'Aoki', 'web', NULL, '2026-10-12', '競合', NULL),
    ('2026-10', 'W3', '2026-06-01', 20, 'Closed Lost', 'LC', 'Baba', 'ads', NULL, '2026-10-20', '価格', NULL),
    ('2026-10', 'W4', '2026-06-01', 20, 'Closed Lost', NULL, 'Baba', 'ads', NULL, '2026-10-21', '競合', NULL),
    ('2026-10', 'W5', '2026-07-01', NULL, 'Closed Lost', NULL, 'Baba', 'event', NULL, '2026-10-22', NULL, NULL),
    ('2026-10', 'W6', '2026-07-01', 5, 'Closed Lost', NULL, NULL, 'web', NULL, '2026-09-10', '時期尚早', NULL),
    ('2026-10', 'W7', '2026-07-01', 5, 'Closed Lost', NULL, NULL, 'partner', NULL, '2026-08-15', '時期尚早', NULL),
    ('2026-10', 'W8', '2026-01-01', 50, 'Closed Lost', NULL, 'Aoki', 'web', NULL, '2026-03-15', '価格', NULL),
    ('2026-10', 'G1', '2026-09-01', 100, 'Closed Won', 'LA', 'Aoki', 'web', NULL, '2026-10-01', NULL, 'new_business'),
    ('2026-10', 'G2', '2026-08-01', NULL, 'Closed Won', NULL, 'Baba', 'referral', NULL, '2026-10-10', NULL, 'expansion');`;

let db: Db;
let w: Winloss;
beforeAll(async () => {
  const months = ["2026-08", "2026-09", "2026-10"];
  const t = await tables(DATA, "2026-10", Object.fromEntries(months.map((m) => [m, ["leads", "opportunities", "campaigns"]])) as never);
  db = t.db;
  w = await computeSection(db, section, t.ctx, new Map());
});
afterAll(() => db.close());

describe("win/loss: Pareto", () => {
  it("orders ties by amount, then by name, with no reason after the reasons it ties with", () => {
    const rows = pareto([
      { reason: "b", count: 2, amount: 10, noAmount: 0 },
      { reason: null, count: 2, amount: 10, noAmount: 0 },
      { reason: "a", count: 2, amount: 10, noAmount: 0 },
      { reason: "c", count: 2, amount: 20, noAmount: 0 },
      { reason: "d", count: 4, amount: 0, noAmount: 0 },
    ]);
    expect(rows.map((r) => r.reason)).toEqual(["d", "c", "a", "b", null]);
    expect(rows.map((r) => r.cumulative)).toEqual([4 / 12, 6 / 12, 8 / 12, 10 / 12, 1]);
  });
});

describe("win/loss: lost reasons", () => {
  it("gives the month's, 3 months' and 12 months' Pareto", () => {
    const [month, three, twelve] = w.lost.spans;
    // October: 競合 W2 30 + W4 20; 価格 W1 10 + W3 20 (same count, less amount); W5 without reason or amount.
    expect(month!.rows!.map((r) => [r.reason, r.count, r.amount, r.noAmount, r.share, r.cumulative])).toEqual([
      ["競合", 2, 50, 0, 0.4, 0.4],
      ["価格", 2, 30, 0, 0.4, 0.8],
      [null, 1, 0, 1, 0.2, 1],
    ]);
    expect(month!.missing).toEqual([]);
    // August-October add 時期尚早 W6 and W7 (2, 10).
    expect(three!.rows!.map((r) => [r.reason, r.count])).toEqual([
      ["競合", 2],
      ["価格", 2],
      ["時期尚早", 2],
      [null, 1],
    ]);
    expect([three!.total, three!.missing]).toEqual([7, []]);
    // Only August to October's folders have the deals: the twelve months are not provided, not a
    // Pareto of the deals closed in them that adds W8 (価格, March, from October's export).
    expect(twelve).toEqual({
      months: 12,
      total: null,
      rows: null,
      missing: ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"],
    });
  });
  it("gives the top reason's share, month by month", () => {
    expect(w.lost.topShare.value).toBe(0.4); // 競合 2 of 5
    // Compared with 競合 in September, which lost one deal (W6, 時期尚早) and none to 競合: 0 of 1,
    // not 時期尚早's 1 of 1. A relative change from 0 is none (the card shows +40.0pt).
    expect([w.lost.topShare.previous, w.lost.topShare.mom]).toEqual([0, null]);
    // October 2025 is not provided here: no comparison.
    expect([w.lost.topShare.yearAgo, w.lost.topShare.yoy]).toEqual([null, null]);
    expect(w.lost.topByMonth.at(-1)).toEqual({ month: "2026-10", reason: "競合", count: 2, total: 5 });
    expect(section.summary(w)[0]).toMatchObject({ metric: "top_loss_reason_share", maturity: "final" });
    // The trend of each of the 12 months' top reasons: 価格 in October. Only August to October's
    // folders have the deals: the months before are not provided, March (W8, 価格, in October's
    // export) too, as their top reason is.
    const price = w.lost.trend.find((x) => x.reason === "価格")!;
    expect(price.counts).toEqual([...Array(10).fill(null), 0, 0, 2]);
    expect(w.lost.topByMonth[5]).toEqual({ month: "2026-03", reason: null, count: null, total: null });
  });
  it("breaks the last 3 months down by source, campaign, owner and segment", () => {
    // The columns: the most frequent reasons of the twelve months that have the deals (August to
    // October), not W8's 価格 in March, whose folder lacks them.
    expect(w.lost.breakdowns.reasons).toEqual(["競合", "価格", "時期尚早"]);
    expect(w.lost.breakdowns.missing).toEqual([]);
    expect(w.lost.breakdowns.bySource).toEqual([
      { key: "web", total: 3, amount: 45, reasons: { 価格: 1, 競合: 1, 時期尚早: 1 } },
      { key: "ads", total: 2, amount: 40, reasons: { 価格: 1, 競合: 1 } },
      // One each: the larger amount first.
      { key: "partner", total: 1, amount: 5, reasons: { 時期尚早: 1 } },
      { key: "event", total: 1, amount: 0, reasons: { "(none)": 1 } },
    ]);
    expect(w.lost.breakdowns.byCampaign![1]).toEqual({ key: "Expo", total: 1, amount: 10, reasons: { 価格: 1 } });
    expect(w.lost.breakdowns.owners!.map((o) => [o.owner, o.total])).toEqual([
      ["Baba", 3],
      ["Aoki", 2],
      ["unassigned", 2],
    ]);
    // W1 and W3's leads are 製造, W2's IT; the others have no lead.
    expect(w.lost.breakdowns.byIndustry!.map((o) => [o.key, o.total])).toEqual([
      ["(none)", 4],
      ["製造", 2],
      ["IT", 1],
    ]);
  });
});

describe("win/loss: the top loss reason against the same reason", () => {
  // October 2026: 価格 3, 競合 1, no reason 1 (5 lost): top 価格, 3 / 5 = 0.6.
  // September: 競合 3, 価格 1 (4 lost): its own top is 競合 (0.75), but 価格 had 1 / 4 = 0.25.
  // October 2025: 時期尚早 2, 競合 1, no reason 1 (4 lost): 価格 had none of 4 = 0.
  const lost = (rows: [string, string, string | null][]) =>
    `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at, lost_reason) VALUES ${rows
      .map(
        ([id, closed, reason]) =>
          `('2026-10', '${id}', '2025-09-01', 10, 'Closed Lost', '${closed}', ${reason === null ? "NULL" : `'${reason}'`})`,
      )
      .join(", ")};`;
  const OCTOBER: [string, string, string | null][] = [
    ["a1", "2026-10-02", "価格"],
    ["a2", "2026-10-03", "価格"],
    ["a3", "2026-10-04", "価格"],
    ["a4", "2026-10-05", "競合"],
    ["a5", "2026-10-06", null],
  ];
  const SEPTEMBER: [string, string, string | null][] = [
    ["b1", "2026-09-02", "競合"],
    ["b2", "2026-09-03", "競合"],
    ["b3", "2026-09-04", "競合"],
    ["b4", "2026-09-05", "価格"],
  ];
  const YEAR_AGO: [string, string, string | null][] = [
    ["c1", "2025-10-02", "時期尚早"],
    ["c2", "2025-10-03", "時期尚早"],
    ["c3", "2025-10-04", "競合"],
    ["c4", "2025-10-05", null],
  ];
  const every = (months: readonly string[]) => Object.fromEntries(months.map((m) => [m, ["opportunities"]])) as never;
  const WINDOW = windowOf("2026-10"); // October 2025 to October 2026
  const topShare = async (rows: [string, string, string | null][], months: readonly string[] = WINDOW) => {
    const t = await tables(lost(rows), "2026-10", every(months));
    try {
      return (await computeSection(t.db, section, t.ctx, new Map())).lost.topShare;
    } finally {
      t.db.close();
    }
  };

  it("compares this month's top reason with its own share last month and a year ago", async () => {
    const h = await topShare([...OCTOBER, ...SEPTEMBER, ...YEAR_AGO]);
    expect([h.value, h.numerator, h.denominator]).toEqual([0.6, 3, 5]);
    // 価格 in September: 0.25 (not 競合's 0.75); (0.6 - 0.25) / 0.25 = 1.4 (the card: +35.0pt).
    expect([h.previous, h.mom]).toEqual([0.25, 1.4]);
    // 価格 a year ago: 0 of 4 (not 時期尚早's 0.5); no relative change from 0 (the card: +60.0pt).
    expect([h.yearAgo, h.yoy]).toEqual([0, null]);
    // The trend keeps each month's own top reason: 競合 0.75 in September, 時期尚早 0.5 a year ago.
    expect(h.series.map((p) => p.value)).toEqual([0.5, null, null, null, null, null, null, null, null, null, null, 0.75, 0.6]);
  });
  it("makes no comparison with a month that lost no deal, or none with a reason", async () => {
    // September lost nothing: no comparison, not 0.
    expect(await topShare(OCTOBER)).toMatchObject({ previous: null, mom: null, yearAgo: null, yoy: null });
    // September lost 4 deals, none with a reason: what 価格's share was is not known.
    const noReason = SEPTEMBER.map(([id, closed]): [string, string, null] => [id, closed, null]);
    expect(await topShare([...OCTOBER, ...noReason])).toMatchObject({ previous: null, mom: null });
  });
  it("has no value, and the month's lost deals as its denominator, when none was lost with a reason", async () => {
    // October lost nothing: no cases (0 lost), not a month without its deals.
    const none = await topShare(SEPTEMBER);
    expect([none.value, none.numerator, none.denominator]).toEqual([null, undefined, 0]);
    // October lost a1 to a5, none with a reason: no top reason among 5 lost deals.
    const noReason = OCTOBER.map(([id, closed]): [string, string, null] => [id, closed, null]);
    const h = await topShare(noReason);
    expect([h.value, h.numerator, h.denominator]).toEqual([null, undefined, 5]);
    expect(h.series.at(-1)).toEqual({ month: "2026-10", value: null, denominator: 5 });
    // Without October's deals: not provided, no denominator.
    const missing = await topShare(OCTOBER, WINDOW.slice(0, -1));
    expect([missing.value, missing.denominator]).toEqual([null, undefined]);
    expect(missing.series.at(-1)).toEqual({ month: "2026-10", value: null });
  });
  it("reads the top reason of a month whose deals are not provided as not provided, as its share does, not as no cases", async () => {
    // August's folder lacks the deals, though October's export holds one lost then (d1, 競合): its
    // top reason, its counts and its trend point are not provided, as its top_loss_reason_share point
    // is (no value, no denominator). September lost b1 to b4, none with a reason: no top reason among
    // 4 (no cases, "-"). July lost none: no cases among 0.
    const noReason = SEPTEMBER.map(([id, closed]): [string, string, null] => [id, closed, null]);
    const t = await tables(
      lost([...OCTOBER, ...noReason, ["d1", "2026-08-20", "競合"]]),
      "2026-10",
      every(WINDOW.filter((m) => m !== "2026-08")),
    );
    try {
      const l = (await computeSection(t.db, section, t.ctx, new Map())).lost;
      expect(l.topByMonth.slice(-4)).toEqual([
        { month: "2026-07", reason: null, count: 0, total: 0 },
        { month: "2026-08", reason: null, count: null, total: null },
        { month: "2026-09", reason: null, count: 0, total: 4 },
        { month: "2026-10", reason: "価格", count: 3, total: 5 },
      ]);
      expect(l.topShare.series.slice(-4)).toEqual([
        { month: "2026-07", value: null, denominator: 0 },
        { month: "2026-08", value: null },
        { month: "2026-09", value: null, denominator: 4 },
        { month: "2026-10", value: 0.6, numerator: 3, denominator: 5 },
      ]);
      // Each month's top reason is not provided exactly where its share is.
      expect(l.topByMonth.map((x) => x.count === null)).toEqual(
        l.topShare.series.map((p) => p.value === null && p.denominator === undefined),
      );
      // The trend's counts: August not provided, not d1's 1 (競合) nor 0 (価格).
      expect(l.trend.find((x) => x.reason === "競合")!.counts.slice(-4)).toEqual([0, null, 0, 1]);
      expect(l.trend.find((x) => x.reason === "価格")!.counts.slice(-4)).toEqual([0, null, 0, 3]);
    } finally {
      t.db.close();
    }
  });
  it("makes no comparison with a month whose deals are not provided", async () => {
    const h = await topShare(
      [...OCTOBER, ...SEPTEMBER, ...YEAR_AGO],
      WINDOW.filter((m) => m !== "2026-09"),
    );
    expect([h.value, h.previous, h.mom]).toEqual([0.6, null, null]);
    expect(h.yearAgo).toBe(0); // October 2025 is provided: 価格 0 of 4
  });
});

describe("win/loss: a span with a month whose folder lacks its data", () => {
  // October 2026's report. October lost a1 to a3 (価格), a4 (競合) and a5 (no reason), 10 each;
  // September b1 to b4 (競合) and August e1 (時期尚早), all in October's export.
  const DEALS = `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, source, closed_at, lost_reason) VALUES
    ('2026-10', 'a1', '2026-06-01', 10, 'Closed Lost', 'web', '2026-10-02', '価格'),
    ('2026-10', 'a2', '2026-06-01', 10, 'Closed Lost', 'web', '2026-10-03', '価格'),
    ('2026-10', 'a3', '2026-06-01', 10, 'Closed Lost', 'ads', '2026-10-04', '価格'),
    ('2026-10', 'a4', '2026-06-01', 10, 'Closed Lost', 'ads', '2026-10-05', '競合'),
    ('2026-10', 'a5', '2026-06-01', 10, 'Closed Lost', 'web', '2026-10-06', NULL),
    ('2026-10', 'b1', '2026-06-01', 10, 'Closed Lost', 'web', '2026-09-02', '競合'),
    ('2026-10', 'b2', '2026-06-01', 10, 'Closed Lost', 'web', '2026-09-03', '競合'),
    ('2026-10', 'b3', '2026-06-01', 10, 'Closed Lost', 'web', '2026-09-04', '競合'),
    ('2026-10', 'b4', '2026-06-01', 10, 'Closed Lost', 'web', '2026-09-05', '競合'),
    ('2026-10', 'e1', '2026-06-01', 10, 'Closed Lost', 'ads', '2026-08-20', '時期尚早');`;
  // October disqualified q1 (学生, junk) and q2 (予算なし); September q3 (重複); August q4 (予算なし):
  // all in October's export.
  const LEADS = `INSERT INTO raw_leads (__folder, lead_id, created_at, source, disqualified_at, disqualify_reason) VALUES
    ('2026-10', 'q1', '2026-06-01', 'web', '2026-10-05', '学生'),
    ('2026-10', 'q2', '2026-06-01', 'web', '2026-10-06', '予算なし'),
    ('2026-10', 'q3', '2026-06-01', 'ads', '2026-09-07', '重複'),
    ('2026-10', 'q4', '2026-06-01', 'web', '2026-08-08', '予算なし');`;
  const WINDOW = windowOf("2026-10"); // October 2025 to October 2026
  /** The window's folders, each with `datasets` except where `lacks` says a month lacks one. */
  const folders = (datasets: DatasetName[], lacks: Record<string, DatasetName[]> = {}) =>
    Object.fromEntries(WINDOW.map((m) => [m, datasets.filter((d) => !lacks[m]?.includes(d))]));
  const compute = async (inserts: string, provided: Record<string, DatasetName[]>) => {
    const t = await tables(inserts, "2026-10", provided as never);
    try {
      return await computeSection(t.db, section, t.ctx, new Map());
    } finally {
      t.db.close();
    }
  };
  const OCTOBER_LOST = [
    { reason: "価格", count: 3, amount: 30, noAmount: 0, share: 0.6, cumulative: 0.6 },
    { reason: "競合", count: 1, amount: 10, noAmount: 0, share: 0.2, cumulative: 0.8 },
    { reason: null, count: 1, amount: 10, noAmount: 0, share: 0.2, cumulative: 1 },
  ];

  it("sums a span whose months all have the deals", async () => {
    const l = (await compute(DEALS, folders(["opportunities"]))).lost;
    expect(l.spans[0]).toEqual({ months: 1, total: 5, rows: OCTOBER_LOST, missing: [] });
    // August to October: 競合 1 + 4 (50), 価格 3 (30), 時期尚早 1 (10), no reason 1 (10), of 10.
    expect(l.spans[1]).toEqual({
      months: 3,
      total: 10,
      rows: [
        { reason: "競合", count: 5, amount: 50, noAmount: 0, share: 0.5, cumulative: 0.5 },
        { reason: "価格", count: 3, amount: 30, noAmount: 0, share: 0.3, cumulative: 0.8 },
        { reason: "時期尚早", count: 1, amount: 10, noAmount: 0, share: 0.1, cumulative: 0.9 },
        { reason: null, count: 1, amount: 10, noAmount: 0, share: 0.1, cumulative: 1 },
      ],
      missing: [],
    });
    expect(l.spans[2]).toMatchObject({ months: 12, total: 10, missing: [] });
    expect(l.breakdowns.missing).toEqual([]);
    expect(l.breakdowns.reasons).toEqual(["競合", "価格", "時期尚早"]);
    expect(l.breakdowns.bySource).toEqual([
      { key: "web", total: 7, amount: 70, reasons: { 価格: 2, 競合: 4, "(none)": 1 } },
      { key: "ads", total: 3, amount: 30, reasons: { 価格: 1, 競合: 1, 時期尚早: 1 } },
    ]);
  });
  it("reads the lost reasons of the 3 and 12 months as not provided, naming the month, when September's folder lacks the deals", async () => {
    const l = (await compute(DEALS, folders(["opportunities"], { "2026-09": ["opportunities"] }))).lost;
    // October has its deals: its Pareto as before.
    expect(l.spans[0]).toEqual({ months: 1, total: 5, rows: OCTOBER_LOST, missing: [] });
    // Not 10 deals with 競合 on top (b1 to b4 from October's export), nor 6 with September as zero.
    expect(l.spans[1]).toEqual({ months: 3, total: null, rows: null, missing: ["2026-09"] });
    expect(l.spans[2]).toEqual({ months: 12, total: null, rows: null, missing: ["2026-09"] });
    // The last 3 months' breakdowns too.
    expect(l.breakdowns).toEqual({
      reasons: ["価格", "時期尚早", "競合"],
      missing: ["2026-09"],
      bySource: null,
      byCampaign: null,
      byIndustry: null,
      bySize: null,
      owners: null,
    });
  });
  it("reads the month's lost reasons as not provided when its own folder lacks the deals", async () => {
    const l = (await compute(DEALS, folders(["opportunities"], { "2026-10": ["opportunities"] }))).lost;
    expect(l.spans.map((x) => [x.months, x.total, x.rows, x.missing])).toEqual([
      [1, null, null, ["2026-10"]],
      [3, null, null, ["2026-10"]],
      [12, null, null, ["2026-10"]],
    ]);
  });
  it("reads the disqualify reasons of the 3 and 12 months as not provided when September's folder lacks the leads", async () => {
    const d = (await compute(LEADS, folders(["leads"], { "2026-09": ["leads"] }))).disqualified;
    // October: 予算なし and 学生, one each (by name); 学生 is junk: 1 of 2.
    expect(d.spans[0]).toEqual({
      months: 1,
      total: 2,
      rows: [
        { reason: "予算なし", count: 1, amount: 0, noAmount: 0, share: 0.5, cumulative: 0.5 },
        { reason: "学生", count: 1, amount: 0, noAmount: 0, share: 0.5, cumulative: 1 },
      ],
      missing: [],
    });
    expect([d.junkShare, d.junkCount]).toEqual([0.5, 1]);
    // Not 4 leads (q3 from October's export), nor 3 with September as zero.
    expect(d.spans[1]).toEqual({ months: 3, total: null, rows: null, missing: ["2026-09"] });
    expect(d.spans[2]).toEqual({ months: 12, total: null, rows: null, missing: ["2026-09"] });
    expect(d.breakdowns).toMatchObject({ missing: ["2026-09"], bySource: null, owners: null });
    // With September's leads: August to October, 予算なし 2, 学生 1, 重複 1.
    const all = (await compute(LEADS, folders(["leads"]))).disqualified;
    expect(all.spans[1]).toMatchObject({ months: 3, total: 4, missing: [] });
    expect(all.spans[1]!.rows!.map((r) => [r.reason, r.count])).toEqual([
      ["予算なし", 2],
      ["学生", 1],
      ["重複", 1],
    ]);
    expect(all.breakdowns.bySource!.map((r) => [r.key, r.total])).toEqual([
      ["web", 3],
      ["ads", 1],
    ]);
  });
  it("reads the junk share and count as not provided when the month's folder lacks the leads", async () => {
    // The leads as of October come from August's folder (q4), which holds none disqualified in October.
    const august =
      "INSERT INTO raw_leads (__folder, lead_id, created_at, source, disqualified_at, disqualify_reason) VALUES ('2026-08', 'q4', '2026-06-01', 'web', '2026-08-08', '予算なし');";
    const d = (await compute(august, folders(["leads"], { "2026-09": ["leads"], "2026-10": ["leads"] }))).disqualified;
    expect(d.spans[0]).toEqual({ months: 1, total: null, rows: null, missing: ["2026-10"] });
    expect(d.spans[1]).toEqual({ months: 3, total: null, rows: null, missing: ["2026-09", "2026-10"] });
    // Not 0 leads disqualified (no cases): not provided.
    expect([d.junkShare, d.junkCount]).toEqual([null, null]);
  });
});

describe("win/loss: disqualify reasons", () => {
  it("orders equal counts by name and counts the junk", () => {
    // October: three leads, one reason each: by name (UTF-8 order).
    expect(w.disqualified.spans[0]!.rows!.map((r) => [r.reason, r.count])).toEqual([
      ["予算なし", 1],
      ["学生・個人", 1],
      ["重複", 1],
    ]);
    expect(w.disqualified.spans[1]!.rows!.map((r) => [r.reason, r.count])).toEqual([
      ["予算なし", 2],
      ["学生・個人", 1],
      ["重複", 1],
    ]);
    // 学生・個人 and 重複: 2 of 3.
    expect([w.disqualified.junkCount, w.disqualified.junkShare]).toEqual([2, 0.666667]);
  });
});

/** Every month of the 12 ending October provides the deals, leads and campaigns (what segments need). */
const TWELVE = Object.fromEntries(monthsEnding("2026-10", 12).map((m) => [m, ["leads", "opportunities", "campaigns"]])) as never;

describe("win/loss: segments and funnel", () => {
  let seg: Winloss;
  beforeAll(async () => {
    const t = await tables(DATA, "2026-10", TWELVE);
    try {
      seg = await computeSection(t.db, section, t.ctx, new Map());
    } finally {
      t.db.close();
    }
  });
  it("gives no segment when a month of the 12 lacks the deals", () => {
    // Only August to October's folders have the deals: not the deals closed in the 12 months that
    // October's export holds (W8 in March), nor November to July as none closed.
    expect(w.segments).toEqual({
      smallN: 10,
      missing: ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"],
      byIndustry: null,
      bySize: null,
      bySource: null,
      byType: null,
    });
    expect(seg.segments.missing).toEqual([]);
  });
  it("gives win rate, deal size and cycle with n and small n", () => {
    const w = seg;
    const web = w.segments.bySource!.find((r) => r.key === "web")!;
    // Closed in 12 months from web: G1 won; W1, W2, W6, W8 lost.
    expect(web).toEqual({ key: "web", won: 1, lost: 4, winRate: 0.2, avgDealSize: 100, cycleDays: 30, smallClosed: true, smallWon: true });
    const referral = w.segments.bySource!.find((r) => r.key === "referral")!;
    // G2 has no amount: no average; 70 days from 08-01 to 10-10.
    expect(referral).toMatchObject({ won: 1, lost: 0, winRate: 1, avgDealSize: null, cycleDays: 70 });
    expect(w.segments.byIndustry!.find((r) => r.key === "製造")).toMatchObject({ won: 1, lost: 2, winRate: 0.333333 });
    expect(w.segments.byType!.map((r) => [r.key, r.won, r.lost])).toEqual([
      [null, 0, 8],
      ["expansion", 1, 0],
      ["new_business", 1, 0],
    ]);
  });
  it("marks small n at the threshold", () => {
    const w = seg;
    expect(w.segments.smallN).toBe(10);
    const blank = w.segments.byType!.find((r) => r.key === null)!;
    expect([blank.smallClosed, blank.smallWon]).toEqual([true, true]); // 8 closed < 10
  });
  it("gives no funnel when a month of the 12 lacks the leads", () => {
    // Only August to October's folders have the leads: not LA, LB (March, April) from October's export.
    expect(w.funnelMissing).toEqual(["2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]);
    expect(w.funnel).toBeNull();
    expect(seg.funnelMissing).toEqual([]);
  });
  it("follows each source's leads of the last 12 months through the funnel", () => {
    const w = seg;
    // web: LA, LB, LD1, LD3, LD4 (LC was created before the window); LA became W1 and G1, LB W2.
    expect(w.funnel).toEqual([
      { source: "web", leads: 5, mql: 2, sql: 2, opportunities: 3, pipeline: 140, won: 1, wonAmount: 100 },
      { source: "ads", leads: 1, mql: 1, sql: 0, opportunities: 0, pipeline: 0, won: 0, wonAmount: 0 },
    ]);
  });
  it("has no deal type row, not a deal type not provided, when no deal closed and some deal has a type", async () => {
    const open = (type: string | null) =>
      `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, type) VALUES ('2026-10', 'P1', '2026-10-01', 10, 'Proposal', ${type === null ? "NULL" : `'${type}'`});`;
    const byType = async (type: string | null) => {
      const t = await tables(open(type), "2026-10", TWELVE);
      try {
        return (await computeSection(t.db, section, t.ctx, new Map())).segments.byType;
      } finally {
        t.db.close();
      }
    };
    // P1, open, new business: no closed deal, so no segment; the type is given.
    expect(await byType("new_business")).toEqual([]);
    // No deal has a type: the column is not provided.
    expect(await byType(null)).toBeNull();
  });
  it("leaves a deal closed before it was created out of the sales cycle", async () => {
    // G3, new business, closed 10 days before its creation: G1's 30 days stay the median (not (30 - 10) / 2).
    const t = await tables(
      `${DATA}
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at, type) VALUES ('2026-10', 'G3', '2026-09-20', 40, 'Closed Won', '2026-09-10', 'new_business');`,
      "2026-10",
      TWELVE,
    );
    const r = await computeSection(t.db, section, t.ctx, new Map());
    expect(r.segments.byType!.find((x) => x.key === "new_business")).toMatchObject({ won: 2, avgDealSize: 70, cycleDays: 30 });
    t.db.close();
  });
  it("counts a deal won on the day it was created as 0 days, though its close date has no time", async () => {
    // G4, new business, created 10-05 14:00 and won with close date 10-05 (a date: 00:00, as
    // Salesforce's CloseDate is): 0 days, ordered by calendar day as velocity is, not left out as
    // closed before it was created. Median of G1's 30 and G4's 0 = 15.
    const t = await tables(
      `${DATA}
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at, type) VALUES ('2026-10', 'G4', '2026-10-05 14:00', 40, 'Closed Won', '2026-10-05', 'new_business');`,
      "2026-10",
      TWELVE,
    );
    const r = await computeSection(t.db, section, t.ctx, new Map());
    expect(r.segments.byType!.find((x) => x.key === "new_business")).toMatchObject({ won: 2, avgDealSize: 70, cycleDays: 15 });
    t.db.close();
  });
  it("adds a deal's amount once when two leads of the source converted into it", async () => {
    // LE, a second web lead, converted into G1 too (the lead's opportunity_id): web has 6 leads, the
    // same 3 opportunities, and G1's 100 once: pipeline 10 + 30 + 100 = 140, won 100 (not 240 and 200).
    const t = await tables(
      `${DATA}
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, opportunity_id) VALUES ('2026-10', 'LE', '2026-08-20', 'web', 'G1');`,
      "2026-10",
      TWELVE,
    );
    const r = await computeSection(t.db, section, t.ctx, new Map());
    expect(r.funnel![0]).toEqual({ source: "web", leads: 6, mql: 2, sql: 2, opportunities: 3, pipeline: 140, won: 1, wonAmount: 100 });
    t.db.close();
  });
});
