// The trends page's takeaway: status against target in the newest month, and the metric that moved
// most on the same month a year before, worked out by hand on three metrics; and a month whose
// attainment to date has no target, or a target of zero, told from one whose data is not provided.
import { describe, expect, it } from "vitest";
import { computeSection } from "../src/metrics/executor.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { plan } from "../src/sections/plan/index.ts";
import type { SiteModel } from "../src/site/model.ts";
import type { TrendMetric } from "../src/site/trends.ts";
import { labelsIn } from "../src/site/labels.ts";
import { trendMetrics, trendTakeaway } from "../src/site/trends.ts";
import { TRENDS_LABELS } from "../src/site/trends-labels.ts";
import { tables } from "./helpers/tables.ts";

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
    noTarget: () => false,
    notInEdition: () => false,
    provisional: () => false,
    target: (m) => targets[m] ?? null,
  };
}

describe("trendTakeaway", () => {
  it("counts the metrics that met their target and names the one that moved most on a year before", () => {
    const leads = metric("leads", { "2025-10": 100, "2026-10": 120 }, { "2026-10": 110 }); // met; +20%
    const sql = metric("sql", { "2025-10": 50, "2026-10": 40 }, { "2026-10": 45 }); // 40/45 = 89%: missed; -20%
    const cost = metric("cost", { "2025-10": 10, "2026-10": 16 }, { "2026-10": 15 }, "lower"); // 15/16 = 94%: at risk; +60%
    const k = trendTakeaway([leads, sql, cost], "2026-10", 0.9);
    expect(k.met.map((m) => m.id)).toEqual(["leads"]);
    // By the summary's words: the cost at risk, the SQLs missed (not both "missed").
    expect(k.risk.map((m) => m.id)).toEqual(["cost"]);
    expect(k.missed.map((m) => m.id)).toEqual(["sql"]);
    expect(k.mover?.metric.id).toBe("cost");
    expect(k.mover?.change).toBeCloseTo(0.6);
  });

  it("judges nothing without a target and compares nothing without the year-before value", () => {
    const a = metric("a", { "2026-10": 5 });
    const b = metric("b", { "2025-10": 0, "2026-10": 5 });
    const k = trendTakeaway([a, b], "2026-10", 0.9);
    expect(k.met).toEqual([]);
    expect(k.risk).toEqual([]);
    expect(k.missed).toEqual([]);
    expect(k.mover).toBeNull();
  });

  it("names the metrics at risk and missed in the summary's words", () => {
    const en = labelsIn("en", TRENDS_LABELS);
    const ja = labelsIn("ja", TRENDS_LABELS);
    expect(en.targetsMet("October 2026", 1, 4, "SQLs, Opportunities", "MQLs")).toBe(
      "October 2026: 1 of 4 metrics with a target met it (at risk: SQLs, Opportunities; missed: MQLs)",
    );
    expect(ja.targetsMet("2026年10月", 1, 4, "商談化、商談", "MQL")).toBe(
      "2026年10月は目標のある4指標のうち1指標が達成（注意：商談化、商談。未達：MQL）",
    );
    expect(ja.targetsMet("2026年10月", 2, 3, "費用", "")).toBe("2026年10月は目標のある3指標のうち2指標が達成（注意：費用）");
    expect(en.targetsMet("October 2026", 3, 3, "", "")).toBe("October 2026: 3 of 3 metrics with a target met it");
  });

  it("judges no provisional value against its target, and compares none with a year before", () => {
    const spend = {
      ...metric("spend", { "2025-10": 10, "2026-10": 12 }, { "2026-10": 15 }, "lower"),
      provisional: (m: string) => m === "2026-10",
    };
    const k = trendTakeaway([spend], "2026-10", 0.9);
    expect([k.met, k.risk, k.missed, k.mover]).toEqual([[], [], [], null]);
  });

  it("compares ratios in points", () => {
    const rate = { ...metric("rate", { "2025-10": 0.3, "2026-10": 0.25 }), unit: "ratio" as const };
    expect(trendTakeaway([rate], "2026-10", 0.9).mover?.change).toBeCloseTo(-0.05);
  });
});

describe("the fiscal year to date attainment on the trends page", () => {
  // A fiscal year from October: October is the year to date. One deal won in October, ¥500.
  const WON = `INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, closed_at, outcome) VALUES
    ('2026-10', 'o1', '2026-10-01', 500, 'Won', '2026-10-20', 'won');`;
  /** plan_fytd_attainment as the trends page reads it from October's plan. */
  const fytd = async (provided: DatasetName[], targets: [string, number][]) => {
    const t = await tables(WON, "2026-10", { "2026-10": provided }, { fiscalYearStartMonth: 10 });
    const p = await computeSection(t.db, plan, t.ctx, new Map(targets));
    t.db.close();
    const s = { months: ["2026-10"], views: { "2026-10": { report: { provided, plan: p } } } } as unknown as SiteModel;
    const m = trendMetrics(s).find((x) => x.id === "plan_fytd_attainment")!;
    return { value: m.value("2026-10"), noTarget: m.noTarget("2026-10"), noCases: m.noCases("2026-10") };
  };
  it("has no target, not a value not provided, in a month to date without a won amount target", async () => {
    expect(await fytd(["leads", "opportunities"], [])).toEqual({ value: null, noTarget: true, noCases: false });
    // Without the deals as well: there is still no target, whatever the data would give.
    expect(await fytd(["leads"], [])).toEqual({ value: null, noTarget: true, noCases: false });
  });
  it("has its value with a target, and none (not provided) with a target and without the deals", async () => {
    // ¥500 won against ¥1,000.
    expect(await fytd(["leads", "opportunities"], [["won_amount|2026-10", 1000]])).toEqual({ value: 0.5, noTarget: false, noCases: false });
    expect(await fytd(["leads"], [["won_amount|2026-10", 1000]])).toEqual({ value: null, noTarget: false, noCases: false });
  });
  it("has no cases ('-'), not a value not provided, against a target of zero with the deals", async () => {
    // ¥500 won against a target of ¥0: there is a target, and the deals, but no ratio over zero (the
    // plan page's attainment reads no cases too).
    expect(await fytd(["leads", "opportunities"], [["won_amount|2026-10", 0]])).toEqual({ value: null, noTarget: false, noCases: true });
    // Without the deals the actual is not provided, and so is the attainment, as on the plan page.
    expect(await fytd(["leads"], [["won_amount|2026-10", 0]])).toEqual({ value: null, noTarget: false, noCases: false });
  });
});
