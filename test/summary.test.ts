// The executive summary's status against target, change and ranking, computed by hand.
import { describe, expect, it } from "vitest";
import { headline, type Headline } from "../src/metrics/headline.ts";
import { slaAttention, slaSummary } from "../src/sections/sla/index.ts";
import type { Sla } from "../src/sections/sla/schema.ts";
import { changeOf, ofTarget, statusOf } from "../src/site/summary.ts";

const h = (value: number | null, target: number | null, previous: number | null = null): Headline => ({
  id: "x",
  value,
  target,
  attainment: value !== null && target ? value / target : null,
  previous,
  mom: value !== null && previous ? (value - previous) / previous : null,
  yearAgo: null,
  yoy: null,
  series: [],
});

describe("status against target", () => {
  it("is met from 100%, at risk from 90%, missed below", () => {
    expect(statusOf(h(100, 100), "higher", 0.9)).toBe("met");
    expect(statusOf(h(120, 100), "higher", 0.9)).toBe("met");
    expect(statusOf(h(99.9, 100), "higher", 0.9)).toBe("risk");
    expect(statusOf(h(90, 100), "higher", 0.9)).toBe("risk");
    expect(statusOf(h(89.9, 100), "higher", 0.9)).toBe("missed");
    // The SLA: 78.3% against 90% is 87% of target.
    expect(statusOf(h(0.783, 0.9), "higher", 0.9)).toBe("missed");
  });
  it("is inverted for a metric where lower is better", () => {
    expect(statusOf(h(100, 100), "lower", 0.9)).toBe("met");
    expect(statusOf(h(80, 100), "lower", 0.9)).toBe("met");
    expect(statusOf(h(105, 100), "lower", 0.9)).toBe("risk"); // 100/105 = 95%
    expect(statusOf(h(120, 100), "lower", 0.9)).toBe("missed"); // 100/120 = 83%
    expect(statusOf(h(0, 100), "lower", 0.9)).toBe("met");
  });
  it("shows a lower-is-better tile's share of target as value / target, whichever way its attainment was frozen", () => {
    // A cost of 120 against 100: attainment 100 / 120 (format 11) or 120 / 100 (older); 120% of target either way.
    const now = {
      ...h(120, 100),
      attainment: headline("x", [{ month: "2026-10", value: 120 }], "2026-10", new Map([["x|2026-10", 100]]), undefined, "lower")
        .attainment,
    };
    expect(now.attainment).toBe(0.833333);
    expect([ofTarget({ better: "lower", headline: now }), ofTarget({ better: "lower", headline: h(120, 100) })]).toEqual([1.2, 1.2]);
    expect(ofTarget({ better: "higher", headline: h(90, 100) })).toBe(0.9);
  });
  it("is at risk from the configured threshold (config.status.atRisk), not a fixed 90%", () => {
    // 92 of 100 and a cost of 108 against 100 (100 / 108 = 92.6%): at risk from 90%, missed from 95%.
    expect(statusOf(h(92, 100), "higher", 0.9)).toBe("risk");
    expect(statusOf(h(92, 100), "higher", 0.95)).toBe("missed");
    expect(statusOf(h(95, 100), "higher", 0.95)).toBe("risk");
    expect(statusOf(h(108, 100), "lower", 0.9)).toBe("risk");
    expect(statusOf(h(108, 100), "lower", 0.95)).toBe("missed");
    // A laxer threshold: 85 of 100 is at risk from 80%.
    expect(statusOf(h(85, 100), "higher", 0.8)).toBe("risk");
  });
  it("has none without a target or a value", () => {
    expect(statusOf(h(100, null), "higher", 0.9)).toBe("none");
    expect(statusOf(h(null, 100), "higher", 0.9)).toBe("none");
  });
  it("changes ratios in points and the rest relatively", () => {
    expect(changeOf(h(0.376, null, 0.294), "ratio")).toBeCloseTo(0.082);
    expect(changeOf(h(1300, null, 1000), "count")).toBeCloseTo(0.3);
    expect(changeOf(h(1300, null, 0), "count")).toBeNull();
    expect(changeOf(h(null, null, 10), "count")).toBeNull();
  });
});

describe("the SLA's summary and needs-action items", () => {
  const rule = (id: string, breached: number, daysLeft: [number, number, number, number]) => ({
    judgedBy: "deadline_month" as const,
    rule: { id, label: { en: id, ja: id }, activity: ["call" as const], within: 3, unit: "business_days" as const },
    compliance: { ...h(0.8, 0.9), id: `sla_${id}` },
    due: 10 + breached,
    met: 10,
    breached,
    excluded: 1,
    excludeDisqualified: true,
    owners: [],
    handoffs: {
      total: 20,
      met: 5,
      breached: 2,
      open: daysLeft.reduce((a, b) => a + b, 0),
      excluded: 0,
      daysLeft: ["1-3", "4-7", "8-14", "15+"].map((bucket, i) => ({ bucket, count: daysLeft[i]! })),
      owners: [],
    },
  });
  const sla: Sla = {
    provided: true,
    rules: [rule("first_call", 3, [2, 1, 4, 5]), rule("first_meeting", 1, [0, 0, 0, 6])],
    firstTouch: { medianHours: 1, p90Hours: 2, touched: 3, buckets: [] },
    untouched: {
      total: 9,
      buckets: [
        { bucket: "0-3", count: 2 },
        { bucket: "4-7", count: 3 },
        { bucket: "31+", count: 4 },
      ],
      owners: [],
    },
  };
  it("gives each rule's compliance by deadline month, final, labelled by its rule", () => {
    expect(slaSummary(sla).map((x) => [x.headline.id, x.maturity, x.label?.en])).toEqual([
      ["sla_first_call", "final", "first_call: SLA compliance"],
      ["sla_first_meeting", "final", "first_meeting: SLA compliance"],
    ]);
  });
  it("counts breached handoffs, open ones with 7 days or less left, and handoffs untouched for over 3 days", () => {
    // Open within 7 days: 2 + 1 for first_call, 0 for first_meeting; untouched over 3 days: 3 + 4.
    expect(slaAttention(sla).map((a) => [a.id, a.count, a.level, a.anchor])).toEqual([
      ["sla-first-call-breached", 3, "alert", "sla-first-call-by-owner-table"],
      ["sla-first-call-open", 3, "watch", "sla-first-call-handoffs-by-owner"],
      ["sla-first-meeting-breached", 1, "alert", "sla-first-meeting-by-owner-table"],
      ["sla-first-meeting-open", 0, "watch", "sla-first-meeting-handoffs-by-owner"],
      ["sla-untouched", 7, "alert", "untouched-by-owner"],
    ]);
    expect(slaAttention({ ...sla, provided: false }).every((a) => a.count === null)).toBe(true);
  });
});
