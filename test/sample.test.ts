import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { decode } from "../src/read/encoding.ts";
import { matchHeaders } from "../src/read/headers.ts";
import { canonicalId } from "../src/read/sfid.ts";
import { mapping as mappingSchema } from "../src/schema/mapping.ts";
import { generateSample, generateSampleWithStats, MONTH_DATASETS, type Sample, type SampleOptions } from "../src/sample/generate.ts";

const DEFAULT: SampleOptions = { seed: 20261031, firstMonth: "2025-07", months: 16, scale: 1, messyMonth: "2026-06" };
const SHORT: SampleOptions = { seed: 7, firstMonth: "2026-05", months: 3, scale: 1, messyMonth: "2026-06" };

/** RFC 4180 records (quotes, doubled quotes, CRLF or LF). */
function parseDelimited(text: string, delimiter = ","): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

const text = (bytes: Uint8Array) => decode(bytes).text.replace(/^\ufeff/, "");

/** A data file as records (header first), whatever style it was written in. */
function records(path: string, bytes: Uint8Array): string[][] {
  if (path.endsWith(".jsonl")) {
    const objects = text(bytes)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    return [keys, ...objects.map((o) => keys.map((k) => String(o[k] ?? "")))];
  }
  let rows = parseDelimited(text(bytes), path.endsWith(".tsv") ? "\t" : ",");
  rows = rows.filter((r) => !r[0]?.startsWith("#"));
  while (rows.length && rows[0]!.length === 1 && rows[0]![0] === "") rows.shift();
  const blank = rows.findIndex((r) => r.length === 1 && r[0] === "");
  if (blank >= 0) rows = rows.slice(0, blank); // Salesforce footer
  return rows.filter((r) => r[0] !== "総計");
}

function table(sample: Sample, path: string): Record<string, string>[] {
  const [header, ...rows] = records(path, sample.files.get(path)!);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ""])));
}

function fileOf(sample: Sample, month: string, dataset: string): string {
  const path = [...sample.files.keys()].find((k) => k.startsWith(`${month}/${dataset}.`));
  if (!path) throw new Error(`no ${dataset} in ${month}`);
  return path;
}

const LEAD_ID = ["lead_id", "リード ID"];
const CREATED = ["created_at", "作成日"];
const value = (row: Record<string, string>, names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined) ?? "";
const monthOfValue = (v: string) => v.slice(0, 7).replace("/", "-");

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

describe("generateSample", () => {
  let short: Sample;
  beforeAll(() => {
    short = generateSampleWithStats(SHORT);
  });

  it("is deterministic: the same options give the same bytes, another seed other bytes", () => {
    const again = generateSample(SHORT);
    expect([...again.keys()]).toEqual([...short.files.keys()]);
    for (const [path, bytes] of short.files) expect(Buffer.from(bytes).equals(Buffer.from(again.get(path)!)), path).toBe(true);
    const other = generateSample({ ...SHORT, seed: 8, months: 1 });
    expect(Buffer.from(other.get("2026-05/leads.csv")!).equals(Buffer.from(short.files.get("2026-05/leads.csv")!))).toBe(false);
  });

  it("scales volume: scale 3 makes about three times the leads", () => {
    const three = generateSampleWithStats({ ...SHORT, scale: 3 });
    for (const [month, n] of short.stats.leadsCreated) {
      const ratio = three.stats.leadsCreated.get(month)! / n;
      expect(ratio, month).toBeGreaterThan(2.85);
      expect(ratio, month).toBeLessThan(3.15);
    }
  });
});

describe("the committed sample (default options)", () => {
  let sample: Sample;
  let months: string[];
  beforeAll(() => {
    sample = generateSampleWithStats(DEFAULT);
    months = [...new Set([...sample.files.keys()].filter((k) => k.includes("/")).map((k) => k.split("/")[0]!))].sort();
  });

  it("covers at least 14 months, each with all seven datasets and spend (accounts in the first and April folders), and targets for every month", () => {
    expect(months.length).toBeGreaterThanOrEqual(14);
    expect(months[0]).toBe("2025-07");
    expect(months.at(-1)).toBe("2026-10");
    for (const month of months) {
      const names = [...sample.files.keys()].filter((k) => k.startsWith(`${month}/`)).map((k) => k.split("/")[1]!.split(".")[0]);
      const extra = month === "2025-07" || month.endsWith("-04") ? ["accounts", "spend"] : ["spend"];
      expect(names.sort(), month).toEqual([...MONTH_DATASETS, ...extra].sort());
    }
    const targets = table(sample, "targets.csv");
    for (const month of months) {
      const metrics = targets
        .filter((t) => t.month === month)
        .map((t) => t.metric)
        .sort();
      expect(metrics, month).toEqual(["mql", "opportunities", "pipeline_amount", "sessions", "sla_first_call", "sql", "won", "won_amount"]);
    }
  });

  it("creates 800-2,000 leads a month", () => {
    for (const month of months) {
      const created = table(sample, fileOf(sample, month, "leads")).filter((r) => monthOfValue(value(r, CREATED)) === month).length;
      expect(created, month).toBeGreaterThanOrEqual(800);
      expect(created, month).toBeLessThanOrEqual(2000);
      expect(created).toBe(sample.stats.leadsCreated.get(month));
    }
  });

  it("never writes a date after the folder's month end (but an open deal's expected close)", () => {
    const dates = /(?<![\d])(20\d\d)[-/](\d\d)[-/](\d\d)(?![\d])|^(20\d\d)(\d\d)(\d\d)(?=,)/gm;
    let expectedLater = 0;
    for (const [path, bytes] of sample.files) {
      // Spend and accounts carry months (a budget plan runs ahead), not dates.
      if (!path.includes("/") || /\/(spend|accounts)\.csv$/.test(path)) continue;
      const month = path.split("/")[0]!;
      const end = lastDay(month);
      let latest = "";
      // An open deal's close date is when it is expected to close: it may lie ahead.
      const scanned = path.includes("opportunities")
        ? table(sample, path)
            .map((r) => {
              const open = !/^Closed (Won|Lost)$/.test(r.stage ?? r.フェーズ ?? "");
              const close = r.closed_at ?? r.完了予定日 ?? "";
              if (open && close.replaceAll("/", "-") > end) expectedLater++;
              return Object.entries(r)
                .filter(([k]) => !(open && (k === "closed_at" || k === "完了予定日")))
                .map(([, v]) => v)
                .join(",");
            })
            .join("\n")
        : text(bytes);
      for (const m of scanned.matchAll(dates)) {
        const iso = m[1] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[4]}-${m[5]}-${m[6]}`;
        if (iso > latest) latest = iso;
      }
      expect(latest, path).not.toBe("");
      expect(latest <= end, `${path}: ${latest} > ${end}`).toBe(true);
    }
    expect(expectedLater).toBeGreaterThan(0);
  });

  it("writes each month's spend with its budget, budget-only rows to the fiscal year's end, and one channel over budget", () => {
    const rows = table(sample, "2026-10/spend.csv");
    const october = rows.filter((r) => r.month === "2026-10");
    expect(october.every((r) => r.amount !== "" && r.budget !== "")).toBe(true);
    const later = rows.filter((r) => r.month !== "2026-10");
    expect(new Set(later.map((r) => r.month))).toEqual(new Set(["2026-11", "2026-12", "2027-01", "2027-02", "2027-03"]));
    expect(later.every((r) => r.amount === "")).toBe(true);
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(["販促・広告", "委託", "制作", "ITインフラ", "sales"]));
    // Fiscal year to date (April-October), per channel: only paid search spends more than its budget.
    const over = new Map<string, number>();
    for (const m of ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"])
      for (const r of table(sample, `${m}/spend.csv`).filter((x) => x.month === m))
        over.set(r.channel!, (over.get(r.channel!) ?? 0) + Number(r.amount) - Number(r.budget));
    expect([...over].filter(([, v]) => v > 0).map(([k]) => k)).toEqual(["ads"]);
  });

  it("lists accounts with tiers in the first folder, and April adds accounts the list did not have", () => {
    const first = table(sample, "2025-07/accounts.csv");
    const april = table(sample, "2026-04/accounts.csv");
    const known = new Set(first.map((r) => r.account_id));
    expect(first.filter((r) => r.target === "true").every((r) => ["A", "B", "C"].includes(r.tier!))).toBe(true);
    expect(april.some((r) => !known.has(r.account_id))).toBe(true);
    expect(april.every((r) => r.target === "true")).toBe(true);
  });

  it("links every opportunity to a lead exported in the same or an earlier month", () => {
    const seen = new Set<string>();
    for (const month of months) {
      for (const r of table(sample, fileOf(sample, month, "leads"))) seen.add(canonicalId(value(r, LEAD_ID)));
      const opps = table(sample, fileOf(sample, month, "opportunities"));
      expect(opps.length).toBeGreaterThan(0);
      for (const o of opps) expect(seen.has(canonicalId(value(o, LEAD_ID))), `${month} ${o.opportunity_id ?? o["商談 ID"]}`).toBe(true);
    }
  });

  it("writes the messy month as a Japanese Salesforce export: CP932, quoted, 18-character ids, footer", () => {
    const bytes = sample.files.get("2026-06/leads.csv")!;
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe("shift_jis");
    const lines = decoded.text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    const rows = table(sample, "2026-06/leads.csv");
    expect(lines.slice(-5, -1)).toEqual([
      "",
      `"総計 (${rows.length.toLocaleString("en-US")} レコード)"`,
      '"機密情報 - 配布禁止"',
      '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
    ]);
    expect(lines.slice(0, -6).every((l) => l.startsWith('"') && l.endsWith('"'))).toBe(true);
    expect(rows.every((r) => r["リード ID"]!.length === 18)).toBe(true);
    expect(decoded.text).toContain("㈱");
    expect(rows.some((r) => /^\d{4}\/\d\d\/\d\d \d{1,2}:\d\d$/.test(r.作成日!))).toBe(true);
    const acts = table(sample, "2026-06/activities.csv");
    expect(new Set(acts.map((a) => a.種別))).toEqual(new Set(["架電", "メール", "Web商談", "訪問"]));
    expect(acts.every((a) => a["活動 ID"]!.length === 15)).toBe(true);
    expect(table(sample, "2026-06/opportunities.csv").every((o) => o.金額!.startsWith("￥"))).toBe(true);
  });

  it("uses headers the reader maps, with the project's mapping.yaml", () => {
    const mapping = mappingSchema.parse(parseYaml(readFileSync(new URL("../mapping.yaml", import.meta.url), "utf8")));
    for (const dataset of MONTH_DATASETS) {
      for (const month of ["2026-02", "2026-03", "2026-06", "2026-10"]) {
        const path = fileOf(sample, month, dataset);
        const header = records(path, sample.files.get(path)!)[0]!;
        const match = matchHeaders(dataset, header, mapping, path);
        expect(
          match.problems.filter((p) => p.severity === "error"),
          path,
        ).toEqual([]);
        if (dataset === "leads") expect([...match.columns.keys()]).toEqual(expect.arrayContaining(["handoff_at", "sql_at", "owner"]));
        if (dataset === "activities") expect([...match.columns.keys()]).toEqual(expect.arrayContaining(["appointment_set", "connected"]));
        if (dataset === "opportunities") expect([...match.columns.keys()]).toEqual(expect.arrayContaining(["lost_reason", "closed_at"]));
      }
    }
  });

  it("writes the GA4 download, JSON lines and the tab-separated export in their months", () => {
    const ga4 = sample.files.get("2026-06/web_traffic.csv")!;
    expect([...ga4.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = text(ga4).trimEnd().split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "# ----------------------------------------",
      "# すべてのユーザー",
      "# 開始日: 20260601",
      "# 終了日: 20260630",
      "# ----------------------------------------",
    ]);
    expect(lines.at(-1)!.startsWith("総計,")).toBe(true);
    const rows = table(sample, "2026-06/web_traffic.csv");
    const total = Number(lines.at(-1)!.split(",")[3]);
    expect(rows.reduce((a, r) => a + Number(r.セッション), 0)).toBe(total);
    expect(total).toBeGreaterThan(30_000);
    expect(total).toBeLessThan(60_000);

    expect(sample.files.has("2026-02/content_touches.jsonl")).toBe(true);
    const tsv = sample.files.get("2026-03/activities.tsv")!;
    expect([...tsv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(tsv).split("\r\n")[0]!.split("\t")).toContain("Activity ID");
  });

  it("keeps personal data in the exports only as the personal columns", () => {
    const leads = table(sample, "2026-10/leads.csv");
    expect(leads.every((l) => l.email!.endsWith(".example"))).toBe(true);
    expect(leads.every((l) => /^0\d{1,3}-0\d{2,3}-\d{4}$/.test(l.phone!))).toBe(true);
    expect(leads.some((l) => l.company === "")).toBe(true); // students and private persons
    // No contact's name, e-mail or phone appears in any column the report may show.
    const personal = new Set(["last_name", "first_name", "email", "phone", "subject"]);
    const shown = new Set<string>();
    for (const dataset of MONTH_DATASETS) {
      for (const row of table(sample, fileOf(sample, "2026-10", dataset))) {
        for (const [k, v] of Object.entries(row)) if (!personal.has(k) && v) shown.add(v);
      }
    }
    const shownText = [...shown].join("\n");
    const names = new Set(leads.flatMap((l) => [l.last_name!, l.first_name!, l.email!, l.phone!]));
    for (const name of names) expect(shownText.includes(name), name).toBe(false);
  });
});
