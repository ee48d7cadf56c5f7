import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadProject } from "../src/read/project.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "gekkan-project-"));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("loadProject", () => {
  it("applies defaults when there is no config", () => {
    const p = loadProject(project({ "data/2026-10/leads.csv": "lead_id,created_at,source\n" }));
    expect(p.problems).toEqual([]);
    expect(p.config).toMatchObject({
      locale: "ja",
      timeZone: "Asia/Tokyo",
      currency: "JPY",
      fiscalYearStartMonth: 4,
      publishRecords: false,
    });
    expect(p.config.sla.rules.map((r) => [r.id, r.within, r.unit])).toEqual([
      ["first_call", 3, "business_days"],
      ["first_meeting", 30, "calendar_days"],
    ]);
    expect(p.months).toEqual(["2026-10"]);
    expect(p.files.map((f) => f.rel)).toEqual(["data/2026-10/leads.csv"]);
  });
  it("names the line and setting of a bad config value", () => {
    const p = loadProject(
      project({ "gekkan.config.yaml": "organisation: X\nlocale: fr\nsla:\n  - id: First Call\n", "data/2026-10/leads.csv": "" }),
    );
    const locale = p.problems.find((x) => x.column === "locale")!;
    expect(locale).toMatchObject({ severity: "error", code: "bad-config", file: "gekkan.config.yaml", line: 2 });
    expect(p.problems.some((x) => x.column === "sla.0.id" && x.line === 4)).toBe(true);
  });
  it("reports unknown settings and broken YAML", () => {
    const unknown = loadProject(project({ "gekkan.config.yaml": "locale: en\ntimezone: Asia/Tokyo\n", "data/2026-10/leads.csv": "" }));
    expect(unknown.problems[0]!.message).toContain("unknown setting timezone");
    const broken = loadProject(project({ "gekkan.config.yaml": "locale: en\n  bad: [\n", "data/2026-10/leads.csv": "" }));
    expect(broken.problems[0]).toMatchObject({ code: "bad-config", severity: "error" });
  });
  it("refuses folders that are not months and files it does not know", () => {
    const p = loadProject(
      project({ "data/October/leads.csv": "", "data/2026-10/notes.txt": "", "data/2026-10/leads.csv": "", "data/2026-10/leads.tsv": "" }),
    );
    expect(p.problems.map((x) => [x.code, x.file])).toEqual([
      ["duplicate-dataset-file", "data/2026-10/leads.tsv"],
      ["unknown-file", "data/2026-10/notes.txt"],
      ["bad-folder-name", "data/October/"],
    ]);
  });
  it("says so when there is no data folder", () => {
    expect(loadProject(project({ "README.md": "" })).problems.map((x) => x.code)).toEqual(["missing-data-folder"]);
  });
  it("refuses a file that looks like a dataset but is not read, and only warns of one that looks like none", () => {
    const p = loadProject(
      project({
        "data/2026-10/leads_2026-10.csv": "lead_id,created_at,source\n",
        "data/2026-10/商談一覧.xlsx": "",
        "data/2026-10/web traffic (Oct).csv": "",
        "data/2026-10/notes.txt": "",
        "data/2026-10/~$leads.xlsx": "",
        "data/targets_2026.csv": "",
        "data/leads.csv.bak": "",
      }),
    );
    const byFile = Object.fromEntries(p.problems.map((x) => [x.file, [x.severity, x.code, x.message.split(" (")[0]]]));
    expect(byFile).toEqual({
      "data/2026-10/leads_2026-10.csv": ["error", "unread-dataset-file", "looks like leads"],
      "data/2026-10/商談一覧.xlsx": ["error", "unread-dataset-file", "looks like opportunities"],
      "data/2026-10/web traffic (Oct).csv": ["error", "unread-dataset-file", "looks like web_traffic"],
      "data/2026-10/notes.txt": ["warning", "unknown-file", "is not a dataset the report reads; it was ignored"],
      "data/2026-10/~$leads.xlsx": ["warning", "unknown-file", "is not a dataset the report reads; it was ignored"],
      "data/targets_2026.csv": ["error", "unread-dataset-file", "looks like targets"],
      "data/leads.csv.bak": ["error", "unread-dataset-file", "looks like leads"],
    });
    expect(p.problems.find((x) => x.file === "data/2026-10/leads_2026-10.csv")!.fix).toBe(
      "rename it to data/2026-10/leads.csv; or move it out of data/ if it is not this month's leads",
    );
    expect(p.problems.find((x) => x.file === "data/leads.csv.bak")!.fix).toContain(
      "move it into its month folder as data/YYYY-MM/leads.csv",
    );
  });
});
