// Marketing-sourced results for HubSpot and Salesforce projects: their standard source values are
// classified when marketingSources is not set (HubSpot projects read 0円 every month), the data
// page lists every source value and its classification, and a month none of whose deals is
// marketing-sourced is a warning.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, describe, expect, it } from "vitest";
import { computeReports } from "../src/metrics/executor.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { openDb } from "../src/model/duckdb.ts";
import { BUILT_IN_SOURCES, classifySource, unsourcedDeals } from "../src/model/sources.ts";
import { buildSite } from "../src/site/build.ts";
import { formatProblem } from "../src/validate/problem.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-sources-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const unset = { marketingSources: undefined };

describe("source classification", () => {
  it("classifies HubSpot's Original Source values when marketingSources is not set", () => {
    for (const v of [
      "Organic Search",
      "Paid Search",
      "Email Marketing",
      "Organic Social",
      "Social Media",
      "Paid Social",
      "Other Campaigns",
      "Referrals",
      "Direct Traffic",
      "AI Referrals",
    ])
      expect(classifySource(v, unset), v).toEqual({ marketing: true, by: "hubspot" });
    expect(classifySource("Offline Sources", unset)).toEqual({ marketing: false, by: "hubspot" });
    expect(classifySource("ORGANIC SEARCH", unset)).toEqual({ marketing: true, by: "hubspot" });
  });
  it("classifies Salesforce's Lead Source values (and a Japanese org's labels)", () => {
    for (const v of ["Web", "Advertisement", "Trade Show", "Seminar", "Webinar", "Email", "Partner Referral", "展示会", "広告"])
      expect(classifySource(v, unset).marketing, v).toBe(true);
    for (const v of ["Employee Referral", "Purchased List", "Phone Inquiry", "Other", "電話問い合わせ"])
      expect(classifySource(v, unset), v).toMatchObject({ marketing: false, by: "salesforce" });
    // "web" is a generic channel name before it is Salesforce's value.
    expect(classifySource("web", unset)).toEqual({ marketing: true, by: "generic" });
    expect(classifySource("outbound", unset)).toEqual({ marketing: false, by: "none" });
    expect(classifySource("Marketing", unset)).toEqual({ marketing: true, by: "marketing" });
  });
  it("follows marketingSources alone when it is set", () => {
    const config = { marketingSources: ["web", "Offline Sources"] };
    expect(classifySource("Organic Search", config)).toEqual({ marketing: false, by: "config" });
    expect(classifySource("offline sources", config)).toEqual({ marketing: true, by: "config" });
    expect(classifySource("marketing", config)).toEqual({ marketing: true, by: "marketing" });
  });
  it("has no value both marketing's and not", () => {
    const all = BUILT_IN_SOURCES.flatMap((l) => [
      ...l.marketing.map((v) => [v.toLowerCase(), true] as const),
      ...l.other.map((v) => [v.toLowerCase(), false] as const),
    ]);
    for (const [v, m] of all)
      expect(
        all.filter(([w, n]) => w === v && n !== m),
        v,
      ).toEqual([]);
  });
});

/** The fixture with HubSpot's source values and no marketingSources. */
function hubspot(name: string, sources: [string, string, string]): string {
  const root = join(tmp, name);
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  const config = join(root, "gekkan.config.yaml");
  writeFileSync(config, readFileSync(config, "utf8").replace(/^marketingSources:.*\n/m, ""));
  for (const m of ["2026-09", "2026-10"]) {
    const path = join(root, `data/${m}/leads.csv`);
    const [header, ...rows] = readFileSync(path, "utf8").trimEnd().split("\n");
    const renamed = rows.map((r) =>
      r.replace(
        /^(L\d),([^,]*),(\w+),/,
        (_all, id: string, at: string, s: string) => `${id},${at},${{ web: sources[0], event: sources[1], outbound: sources[2] }[s] ?? s},`,
      ),
    );
    writeFileSync(path, `${[header, ...renamed].join("\n")}\n`);
  }
  return root;
}

describe("a HubSpot project without marketingSources", () => {
  it("counts its marketing-sourced pipeline, and the data page lists each source and why", async () => {
    const root = hubspot("hubspot", ["Organic Search", "Paid Social", "Offline Sources"]);
    const v = await validateProject(root);
    try {
      expect(v.problems.filter((p) => p.code === "no-marketing-source")).toEqual([]);
      const reports = await computeReports(v.db, ["2026-10"], { config: v.project.config, provided: v.loaded.provided });
      const report = reports["2026-10"]!;
      // O1 (1,200,000) came from L1, an Organic Search lead.
      expect(report.overview.marketing.sourcedPipeline.value).toBe(1_200_000);
      expect(report.overview.sources).toEqual([
        { value: "Organic Search", leads: 2, opportunities: 1, marketing: true, by: "hubspot" },
        { value: "Offline Sources", leads: 1, opportunities: 0, marketing: false, by: "hubspot" },
        { value: "Paid Social", leads: 1, opportunities: 0, marketing: true, by: "hubspot" },
      ]);
    } finally {
      v.db.close();
    }
    const out = join(tmp, "hubspot-dist");
    expect((await buildSite({ root, outDir: out })).ok).toBe(true);
    const doc = parseHTML(readFileSync(join(out, "2026-10/data/index.html"), "utf8")).document;
    const rows = [...doc.querySelectorAll("#sources-table tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Organic Search", "2", "1", "yes", "HubSpot standard value"],
      ["Offline Sources", "1", "0", "no", "HubSpot standard value"],
      ["Paid Social", "1", "0", "yes", "HubSpot standard value"],
    ]);
  }, 120_000);

  it("takes a deal's source from its lead, by lead_id or by the lead's opportunity_id, in any version", async () => {
    const db = await openDb();
    try {
      // Leads 1-3 and their versions; lead 3 names opportunity 30 (the deal has no lead_id).
      await db.exec(`CREATE TABLE raw_leads AS SELECT * FROM (VALUES
        (1, NULL, 'Web'), (1, NULL, NULL), (2, NULL, 'Partner'), (3, 30, NULL), (3, 30, 'Seminar'), (4, NULL, 'Web'))
        t(__lead, __opp, source)`);
      await db.exec(`CREATE TABLE raw_opportunities AS SELECT * FROM (VALUES
        ('data/2026-08/opportunities.csv', '2026-08', NULL, 1, 10),
        ('data/2026-09/opportunities.csv', '2026-09', NULL, NULL, 30),
        ('data/2026-10/opportunities.csv', '2026-10', NULL, 2, 20),
        ('data/2026-10/opportunities.csv', '2026-10', 'Referral', NULL, 21),
        ('data/2026-11/opportunities.csv', '2026-11', NULL, 5, 50),
        ('opportunities.csv', '', NULL, 4, 40))
        t(__file, __folder, source, __lead, __opp)`);
      const config = { marketingSources: ["web", "seminar"] };
      // 2026-08: its lead's source (Web, from one of its versions); 2026-09: the lead naming the
      // deal (Seminar); 2026-10: neither the lead's source nor its own; 2026-11: a lead not read;
      // a file outside the month folders is not a month's.
      expect((await unsourcedDeals(db, config)).map((p) => p.message)).toEqual([
        "none of its 2 opportunities is marketing-sourced by its own source or its lead's (sources: Partner, Referral), so marketing-sourced pipeline and revenue read 0",
        "none of its 1 opportunities is marketing-sourced by its own source or its lead's (no source), so marketing-sourced pipeline and revenue read 0",
      ]);
    } finally {
      db.close();
    }
  });

  it("warns when a month's opportunities have no marketing source", async () => {
    const root = hubspot("offline", ["Offline Sources", "Offline Sources", "Offline Sources"]);
    const v = await validateProject(root);
    v.db.close();
    expect(v.problems.filter((p) => p.code === "no-marketing-source").map(formatProblem)).toEqual([
      "WARNING data/2026-10/opportunities.csv: none of its 1 opportunities is marketing-sourced by its own source or its lead's (sources: Offline Sources), so marketing-sourced pipeline and revenue read 0. Expected a source that is marketing's by name, or by Salesforce's or HubSpot's standard values. Fix: if your CRM names marketing's sources otherwise, list them under marketingSources in gekkan.config.yaml (the data page lists every source value and how it was classified)",
    ]);
  });
});
