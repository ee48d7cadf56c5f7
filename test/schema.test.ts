import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_ALIASES, normalizeHeader } from "../src/read/aliases.ts";
import { matchHeaders } from "../src/read/headers.ts";
import { columnsOf, DATASET_NAMES } from "../src/schema/dataset.ts";
import { mapping } from "../src/schema/mapping.ts";
import { dataReference } from "../src/schema/reference.ts";
import { rawTableSql } from "../src/validate/dataset.ts";

describe("the schema is the one source", () => {
  it("docs/data-reference.md is what the schemas generate (run npm run docs)", () => {
    expect(readFileSync(join(import.meta.dirname, "../docs/data-reference.md"), "utf8")).toBe(dataReference());
  });
  it("DuckDB tables are derived from it", () => {
    const ddl = rawTableSql("opportunities");
    for (const c of columnsOf("opportunities")) expect(ddl).toContain(`"${c.name}"`);
    expect(ddl).toContain(`"amount" DOUBLE`);
    expect(ddl).toContain(`"created_at" TIMESTAMP`);
  });
  it("aliases only name columns the schema has, and never collide within a dataset", () => {
    for (const d of DATASET_NAMES) {
      const names = new Set(columnsOf(d).map((c) => c.name));
      const seen = new Map<string, string>();
      for (const [col, aliases] of Object.entries(BUILT_IN_ALIASES[d])) {
        expect(names.has(col), `${d}.${col}`).toBe(true);
        for (const a of aliases as string[]) {
          const key = normalizeHeader(a);
          const prev = seen.get(key);
          expect(prev === undefined || prev === col, `${d}: '${a}' is an alias of both ${prev} and ${col}`).toBe(true);
          seen.set(key, col);
        }
      }
    }
  });
});

describe("header matching", () => {
  const none = mapping.parse({});
  it("reads a Japanese Salesforce export and drops personal columns", () => {
    const m = matchHeaders(
      "leads",
      ["リード ID", "作成日", "リードソース", "姓", "名", "メール", "電話", "会社名", "ＭＱＬ日"],
      none,
      "x.csv",
    );
    expect(Object.fromEntries(m.columns)).toEqual({
      lead_id: "リード ID",
      created_at: "作成日",
      source: "リードソース",
      company: "会社名",
      mql_at: "ＭＱＬ日",
    });
    expect(m.personal).toEqual(["姓", "名", "メール", "電話"]);
    expect(m.problems.map((p) => p.code)).toEqual(["personal-columns-dropped"]);
  });
  it("uses the project mapping before built-in aliases", () => {
    const custom = mapping.parse({ columns: { leads: { 引渡日__c: "handoff_at" } } });
    const m = matchHeaders("leads", ["Id", "CreatedDate", "LeadSource", "引渡日__c"], custom, "x.csv");
    expect(m.columns.get("handoff_at")).toBe("引渡日__c");
    expect(m.problems).toEqual([]);
  });
  it("names a missing required column with the headers it did find", () => {
    const m = matchHeaders("opportunities", ["商談 ID", "作成日", "フェーズ"], none, "data/2026-10/opportunities.csv");
    const p = m.problems.find((x) => x.code === "missing-column")!;
    expect(p).toMatchObject({ severity: "error", column: "amount", file: "data/2026-10/opportunities.csv" });
    expect(p.message).toContain("商談 ID, 作成日, フェーズ");
    expect(p.expected).toContain("金額");
  });
});
