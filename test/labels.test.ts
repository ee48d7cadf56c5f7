// The label catalogue: every label in both locales, looked up in one place; no component chooses a
// language itself.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LABELS as BENCHMARK } from "../src/sections/benchmark/labels.ts";
import { LABELS as CONTENT } from "../src/sections/content/labels.ts";
import { LABELS as HANDOFF } from "../src/sections/handoff/labels.ts";
import { LABELS as OVERVIEW } from "../src/sections/overview/labels.ts";
import { LABELS as SLA } from "../src/sections/sla/labels.ts";
import { LABELS, labelsIn, type Catalogue } from "../src/site/labels.ts";
import { SUMMARY_LABELS as SUMMARY } from "../src/site/summary-labels.ts";
import { files } from "./helpers/files.ts";

const SRC = join(import.meta.dirname, "../src");
const CATALOGUES: Record<string, Catalogue> = { LABELS, BENCHMARK, CONTENT, HANDOFF, OVERVIEW, SLA, SUMMARY };

describe("the label catalogue", () => {
  it("gives every label in both locales, parameterised ones too", () => {
    for (const [name, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, label] of Object.entries(catalogue)) {
        if (typeof label === "function") continue;
        expect(label.en.length, `${name}.${key}`).toBeGreaterThan(0);
        expect(label.ja.length, `${name}.${key}`).toBeGreaterThan(0);
      }
    }
    // A window's months lacking a dataset: its file's name in English, its Japanese title in Japanese.
    expect(labelsIn("en").lacksIn("opportunities", "May 25・Jun 25")).toBe("opportunities (May 25・Jun 25)");
    expect(labelsIn("ja").lacksIn("opportunities", "25/5・25/6")).toBe("商談（25/5・25/6）");
    expect(labelsIn("ja").lacksIn("web_traffic", "25/5")).toBe("Webアクセス（25/5）");
    expect(labelsIn("ja").named("直近3か月", "商談（25/5）")).toBe("直近3か月：商談（25/5）");
    expect(labelsIn("en").named("Last 3 months", "opportunities (May 25)")).toBe("Last 3 months: opportunities (May 25)");
    expect(labelsIn("ja").ofPeriod("受注額", "2025年度")).toBe("2025年度の受注額");
    expect(labelsIn("en").ofPeriod("Won amount", "FY2025")).toBe("Won amount, FY2025");
    expect(labelsIn("ja", SLA).ruleWithin("初回架電", 3, "business_days")).toBe("引き渡しから3営業日以内に初回架電");
    expect(labelsIn("en", SLA).ruleWithin("First call", 3, "business_days")).toBe("First call within 3 business days of handoff");
    expect(labelsIn("en", SLA).ruleWithin("First meeting", 30, "calendar_days")).toBe("First meeting within 30 calendar days of handoff");
    expect(labelsIn("ja", HANDOFF).ownerSkewFlag("41.0%", "Aoki", "35%")).toBe(
      "引き渡しの 41.0% が Aoki に集中しています（しきい値 35%）。",
    );
    expect(labelsIn("en", CONTENT).kind("case_study")).toBe("Case study");
    expect(labelsIn("en", CONTENT).kind("podcast")).toBe("podcast");
    expect(labelsIn("ja").severity("warning")).toBe("警告");
  });

  it("gives each word one home: a section's label may not reuse a page label's key", () => {
    for (const [name, catalogue] of Object.entries(CATALOGUES)) {
      if (catalogue === LABELS) continue;
      expect(
        Object.keys(catalogue).filter((k) => k in LABELS),
        name,
      ).toEqual([]);
    }
    expect(() => labelsIn("en", { target: { en: "x", ja: "x" } })).toThrow(/one home/);
  });

  it("looks words of data (a metric's label, a configured rule) up in the same locale", () => {
    expect(labelsIn("ja").text({ en: "Leads", ja: "リード" })).toBe("リード");
    expect(labelsIn("en").text({ en: "Leads", ja: "リード" })).toBe("Leads");
  });

  it("is the only place a component's words depend on the locale", () => {
    const branching = /\bja\s*\?|===\s*"ja"|"ja"\s*===|===\s*"en"|\{\s*en:\s*["`]/;
    const offenders = files(SRC)
      .filter((f) => f.endsWith(".astro"))
      .flatMap((f) =>
        readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${relative(SRC, f)}:${i + 1}`, line }))
          .filter(({ line }) => branching.test(line)),
      );
    expect(offenders).toEqual([]);
  });
});
