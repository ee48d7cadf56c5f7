// The executive summary's status against target, change and ranking, computed by hand.
import { describe, expect, it } from "vitest";
import type { Headline } from "../src/metrics/headline.ts";
import { slaAttention, slaSummary } from "../src/sections/sla/summary.ts";
import type { Sla } from "../src/sections/sla/schema.ts";
import { changeOf, statusOf } from "../src/site/summary.ts";

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
    expect(statusOf(h(100, 100))).toBe("met");
    expect(statusOf(h(120, 100))).toBe("met");
    expect(statusOf(h(99.9, 100))).toBe("risk");
    expect(statusOf(h(90, 100))).toBe("risk");
    expect(statusOf(h(89.9, 100))).toBe("missed");
    // The SLA: 78.3% against 90% is 87% of target.
    expect(statusOf(h(0.783, 0.9))).toBe("missed");
  });
  it("is inverted for a metric where lower is better", () => {
    expect(statusOf(h(100, 100), "lower")).toBe("met");
    expect(statusOf(h(80, 100), "lower")).toBe("met");
    expect(statusOf(h(105, 100), "lower")).toBe("risk"); // 100/105 = 95%
    expect(statusOf(h(120, 100), "lower")).toBe("missed"); // 100/120 = 83%
    expect(statusOf(h(0, 100), "lower")).toBe("met");
  });
  it("has none without a target or a value", () => {
    expect(statusOf(h(100, null))).toBe("none");
    expect(statusOf(h(null, 100))).toBe("none");
  });
  it("changes ratios in points and the rest relatively", () => {
    expect(changeOf(h(0.376, null, 0.294), "ratio")).toBeCloseTo(0.082);
    expect(changeOf(h(1300, null, 1000), "count")).toBeCloseTo(0.3);
    expect(changeOf(h(1300, null, 0), "count")).toBeNull();
    expect(changeOf(h(null, null, 10), "count")).toBeNull();
  });
});

describe("the SLA's summary and needs-action items", () => {
  const rule = (id: string, open: number, breached: number) => ({
    rule: { id, label: { en: id, ja: id }, activity: ["call" as const], within: 3, unit: "business_days" as const },
    compliance: { ...h(0.8, 0.9), id: `sla_${id}` },
    due: 10 + open + breached,
    met: 10,
    breached,
    open,
    owners: [],
  });
  const sla: Sla = {
    provided: true,
    rules: [rule("first_call", 2, 3), rule("first_meeting", 0, 1)],
    firstTouch: { medianHours: 1, p90Hours: 2, touched: 3, buckets: [] },
    untouched: { total: 7, buckets: [{ bucket: "31+", count: 4 }], owners: [] },
  };
  it("marks a rule with open handoffs provisional", () => {
    expect(slaSummary(sla).map((x) => [x.headline.id, x.maturity])).toEqual([
      ["sla_first_call", "provisional"],
      ["sla_first_meeting", "final"],
    ]);
  });
  it("counts breached, open and untouched handoffs, each linking to its table", () => {
    expect(slaAttention(sla).map((a) => [a.id, a.count, a.level, a.anchor])).toEqual([
      ["attention-sla-first-call-breached", 3, "alert", "sla-first-call-by-owner"],
      ["attention-sla-first-call-open", 2, "watch", "sla-first-call-by-owner"],
      ["attention-sla-first-meeting-breached", 1, "alert", "sla-first-meeting-by-owner"],
      ["attention-sla-first-meeting-open", 0, "watch", "sla-first-meeting-by-owner"],
      ["attention-untouched", 7, "alert", "untouched"],
      ["attention-untouched-old", 4, "alert", "untouched-by-owner"],
    ]);
    expect(slaAttention({ ...sla, provided: false }).every((a) => a.count === null)).toBe(true);
    expect(slaSummary({ ...sla, provided: false })).toEqual([]);
  });
});
