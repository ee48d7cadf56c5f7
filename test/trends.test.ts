// The trends page's takeaway: status against target in the newest month, and the metric that moved
// most on the same month a year before, worked out by hand on three metrics.
import { describe, expect, it } from "vitest";
import type { TrendMetric } from "../src/site/trends.ts";
import { trendTakeaway } from "../src/site/trends.ts";

function metric(
  id: string,
  values: Record<string, number | null>,
  targets: Record<string, number> = {},
  better: "higher" | "lower" = "higher",
): TrendMetric {
  return {
    id,
    label: { en: id, ja: id },
    unit: "count",
    better,
    value: (m) => values[m] ?? null,
    noCases: () => false,
    target: (m) => targets[m] ?? null,
  };
}

describe("trendTakeaway", () => {
  it("counts the metrics that met their target and names the one that moved most on a year before", () => {
    const leads = metric("leads", { "2025-10": 100, "2026-10": 120 }, { "2026-10": 110 }); // met; +20%
    const sql = metric("sql", { "2025-10": 50, "2026-10": 40 }, { "2026-10": 45 }); // 40/45 = 89%: missed; -20%
    const cost = metric("cost", { "2025-10": 10, "2026-10": 16 }, { "2026-10": 15 }, "lower"); // 15/16 = 94%: at risk; +60%
    const k = trendTakeaway([leads, sql, cost], "2026-10");
    expect(k.met.map((m) => m.id)).toEqual(["leads"]);
    expect(k.notMet.map((m) => m.id)).toEqual(["sql", "cost"]);
    expect(k.mover?.metric.id).toBe("cost");
    expect(k.mover?.change).toBeCloseTo(0.6);
  });

  it("judges nothing without a target and compares nothing without the year-before value", () => {
    const a = metric("a", { "2026-10": 5 });
    const b = metric("b", { "2025-10": 0, "2026-10": 5 });
    const k = trendTakeaway([a, b], "2026-10");
    expect(k.met).toEqual([]);
    expect(k.notMet).toEqual([]);
    expect(k.mover).toBeNull();
  });

  it("compares ratios in points", () => {
    const rate = { ...metric("rate", { "2025-10": 0.3, "2026-10": 0.25 }), unit: "ratio" as const };
    expect(trendTakeaway([rate], "2026-10").mover?.change).toBeCloseTo(-0.05);
  });
});
