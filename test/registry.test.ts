// The section registry: the one list everything else is derived from.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { narrative } from "../src/schema/narrative.ts";
import { config as configSchema } from "../src/schema/config.ts";
import { ALL_DEFINITIONS, headlinesOf, PAGES, SECTIONS, TREND_METRICS, targetIds } from "../src/sections/registry.ts";

const SECTIONS_DIR = join(import.meta.dirname, "../src/sections");
const GOLDEN = join(import.meta.dirname, "golden/reports/sample");

/** Every headline id in a report (objects with an id and a series). */
function headlineIds(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) for (const y of x) headlineIds(y, out);
  else if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (typeof o.id === "string" && Array.isArray(o.series)) out.add(o.id);
    for (const v of Object.values(o)) headlineIds(v, out);
  }
  return out;
}

describe("the section registry", () => {
  it("lists the pages in navigation order, the data appendix last", () => {
    expect(PAGES).toEqual([
      "overview",
      "pipeline",
      "winloss",
      "plan",
      "efficiency",
      "accounts",
      "benchmark",
      "content",
      "handoff",
      "sla",
      "data",
    ]);
  });

  it("has one folder per section, with its index.ts and Section.astro, and no folder without a section", () => {
    const folders = readdirSync(SECTIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(SECTIONS.map((s) => s.id).sort());
    for (const s of SECTIONS) {
      expect(existsSync(join(SECTIONS_DIR, s.id, "index.ts")), s.id).toBe(true);
      expect(existsSync(join(SECTIONS_DIR, s.id, "Section.astro")), s.id).toBe(true);
    }
  });

  it("gives every metric one id, unique across sections", () => {
    const ids = SECTIONS.flatMap((s) => s.metrics.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("derives the valid targets.csv ids: each headline's own id, one per SLA rule and per stage transition", () => {
    const ids = targetIds(configSchema.parse({}));
    expect(ids).toContain("mql");
    expect(ids).toContain("sessions");
    expect(ids).toContain("conversion_mql_sql");
    expect(ids).toContain("sla_first_call");
    expect(ids).toContain("sla_first_meeting");
    // A breakdown shows no target; a metric computed for another is shown nowhere.
    expect(ids).not.toContain("velocity");
    expect(ids).not.toContain("lost");
    const custom = targetIds(
      configSchema.parse({
        sla: [{ id: "first_email", label: { en: "E", ja: "E" }, activity: ["email"], within: 1, unit: "business_days" }],
      }),
    );
    expect(custom).toContain("sla_first_email");
    expect(custom).not.toContain("sla_first_call");
  });

  it("covers every headline the sample's reports compute: each is a valid target id, or a metric shown nowhere", () => {
    const valid = new Set(targetIds(configSchema.parse(parse(readFileSync(join(import.meta.dirname, "../gekkan.config.yaml"), "utf8")))));
    const internal = new Set<string>(SECTIONS.flatMap((s) => s.metrics.filter((m) => "internal" in m && m.internal).map((m) => m.id)));
    const found = new Set<string>();
    for (const f of readdirSync(GOLDEN)) headlineIds(JSON.parse(readFileSync(join(GOLDEN, f), "utf8")), found);
    expect(found.size).toBeGreaterThan(20);
    expect([...found].filter((id) => !valid.has(id) && !internal.has(id))).toEqual([]);
  });

  it("lists every metric but those shown nowhere among the definitions, per section", () => {
    expect(ALL_DEFINITIONS.map((g) => g.section)).toEqual(SECTIONS.map((s) => s.id));
    const listed = ALL_DEFINITIONS.flatMap((g) => g.items.map((d) => d.id));
    expect(listed).toContain("flow_conversion");
    expect(listed).not.toContain("lost");
    for (const d of ALL_DEFINITIONS.flatMap((g) => g.items)) expect(Object.keys(d).sort()).toEqual(["definition", "id", "label", "unit"]);
  });

  it("lines up the trend metrics in registry order", () => {
    expect(TREND_METRICS.map((t) => t.metric.id)).toEqual([
      "leads",
      "mql",
      "sql",
      "opportunities",
      "won",
      "pipeline_amount",
      "won_amount",
      "win_rate",
      "marketing_sourced_pipeline",
      "open_pipeline_amount",
      "pipeline_coverage",
      "top_loss_reason_share",
      "plan_fytd_attainment",
      "spend",
      "cost_per_lead",
      "cost_per_sql",
      "cac",
      "target_account_coverage",
    ]);
  });

  it("finds a headline wherever a section's output keeps it, the first of its id, never inside a series", () => {
    const output = {
      headlines: [
        { id: "a", value: 1, target: 2 },
        { id: "b", value: null, target: null, denominator: 0, parts: [{ id: "c", value: 3 }] },
      ],
      series: [{ id: "d", value: 4 }],
      table: {
        rows: [
          { id: "a", value: 9, target: 9 },
          { id: "e", value: "5" },
          { id: "f", value: 6, denominator: 7 },
        ],
      },
    };
    expect(headlinesOf(output).get("a")).toEqual({ value: 1, target: 2 });
    expect(headlinesOf(output).get("b")).toEqual({ value: null, target: null, denominator: 0 });
    expect(headlinesOf(output).get("c")).toEqual({ value: 3, target: null });
    expect(headlinesOf(output).get("d")).toBeUndefined();
    expect(headlinesOf(output).get("e")).toBeUndefined();
    expect(headlinesOf(output).get("f")).toEqual({ value: 6, target: null, denominator: 7 });
    expect(headlinesOf(null).get("a")).toBeUndefined();
    expect(headlinesOf([output]).get("f")).toEqual({ value: 6, target: null, denominator: 7 });
  });

  it("accepts a narrative note for each page and refuses one for a page the report does not have", () => {
    expect(narrative.safeParse({ notes: { sla: "x", data: "y" } }).success).toBe(true);
    expect(narrative.safeParse({ notes: { pipeline: "x" } }).success).toBe(true);
    expect(narrative.safeParse({ notes: { forecastx: "x" } }).success).toBe(false);
  });
});
