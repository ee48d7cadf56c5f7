// Not provided is not zero: a small sample project is built with each dataset of its last month
// removed in turn; on every page of that month, no value that depends on the removed dataset may read
// as a number, and the banners name exactly the datasets the month lacks. Reference lists (campaigns,
// content) carry forward from an earlier folder: removed from the last month only, they are still
// provided; removed from every folder, they are not.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSample, MONTH_DATASETS } from "../../src/sample/generate.ts";
import { DATASETS } from "../../src/schema/dataset.ts";
import { sla } from "../../src/sections/sla/index.ts";
import type { Sla } from "../../src/sections/sla/schema.ts";
import { buildSite } from "../../src/site/build.ts";

const ROOT = join(import.meta.dirname, "../..");
const MONTH = "2026-10";
const tmp = mkdtempSync(join(tmpdir(), "gekkan-not-provided-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SAMPLE = generateSample({ seed: 7, firstMonth: "2026-09", months: 2, scale: 0.1, jsonlMonth: null, tsvMonth: null });

/** A project of the small sample without the files `drop` names (month folder and dataset). */
function project(name: string, drop: (month: string, dataset: string) => boolean): string {
  const root = join(tmp, name);
  for (const [rel, bytes] of SAMPLE) {
    const [month, file] = rel.split("/");
    if (file && drop(month!, file.replace(/\..*$/, ""))) continue;
    mkdirSync(dirname(join(root, "data", rel)), { recursive: true });
    writeFileSync(join(root, "data", rel), bytes);
  }
  cpSync(join(ROOT, "gekkan.config.yaml"), join(root, "gekkan.config.yaml"));
  writeFileSync(
    join(root, "gekkan.config.yaml"),
    `${readFileSync(join(root, "gekkan.config.yaml"), "utf8")}\nlocale: en\n`.replace(/^locale: ja\n/m, ""),
  );
  cpSync(join(ROOT, "mapping.yaml"), join(root, "mapping.yaml"));
  return root;
}

const NOT_PROVIDED = "not provided";
/** A value that reads as a number (a count, an amount, a rate), not "not provided" or "-". */
const isNumber = (text: string) => /\d/.test(text) && !text.includes(NOT_PROVIDED);

interface Page {
  path: string;
  /** KPI values by card id. */
  kpis: Map<string, string>;
  /** Table cells by table id, row header and column index. */
  cells: Map<string, string>;
  /** Each chart's text alternative, by figure id (month series left out: their other months stay provided). */
  alts: Map<string, string>;
  /** The datasets each "not provided" banner names. */
  banners: string[][];
}

function pagesOf(dist: string): Map<string, Page> {
  const pages = new Map<string, Page>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "index.html") {
        const doc = parseHTML(readFileSync(p, "utf8")).document;
        const kpis = new Map<string, string>();
        for (const k of doc.querySelectorAll(".kpi")) {
          const v = k.querySelector(".value");
          if (v) kpis.set(k.id, v.textContent!.trim());
          k.querySelectorAll("dd").forEach((dd, i) => kpis.set(`${k.id}/dd${i}`, dd.textContent!.trim()));
        }
        const cells = new Map<string, string>();
        for (const table of doc.querySelectorAll("table[id]")) {
          for (const tr of table.querySelectorAll("tbody tr")) {
            const head = tr.querySelector("th")?.textContent?.trim() ?? "";
            tr.querySelectorAll("td").forEach((td, i) => cells.set(`${table.id}|${head}|${i}`, td.textContent!.trim()));
          }
        }
        const banners = [...doc.querySelectorAll(".note.na")].map((n) =>
          [...n.querySelectorAll("strong")].flatMap((s) => s.textContent!.split(",").map((x) => x.trim())),
        );
        const alts = new Map<string, string>();
        for (const f of doc.querySelectorAll("figure.chart[id]"))
          if (!/trend|cohort/.test(f.id)) alts.set(f.id, f.querySelector(".alt")?.textContent?.trim() ?? "");
        pages.set(p.slice(dist.length), { path: p.slice(dist.length), kpis, cells, alts, banners });
      }
    }
  };
  walk(join(dist, MONTH));
  return pages;
}

async function built(name: string, drop: (month: string, dataset: string) => boolean): Promise<Map<string, Page>> {
  const root = project(name, drop);
  const out = join(tmp, `${name}-dist`);
  dists.set(name, out);
  const result = await buildSite({ root, outDir: out });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  return pagesOf(out);
}

/** A month row of a trend table (another month than the report month: its own folder decides it). */
const otherMonth = (rowHead: string) =>
  /\b(20\d\d|January|February|March|April|May|June|July|August|September|November|December)\b/.test(rowHead) &&
  !rowHead.includes("October 2026");

const dists = new Map<string, string>();
let full: Map<string, Page>;
beforeAll(async () => {
  full = await built("full", () => false);
}, 120_000);

const EVENT_DATASETS = MONTH_DATASETS.filter((d) => !DATASETS[d].list);
const LISTS = MONTH_DATASETS.filter((d) => DATASETS[d].list);

/** Values of the report month's pages that changed when `dataset` went and still read as numbers, and banners naming another dataset. */
function wrongValues(minus: Map<string, Page>, dataset: string): string[] {
  const wrong: string[] = [];
  for (const [path, page] of minus) {
    const before = full.get(path)!;
    // A value that changed when the dataset was removed depends on it: it must not read as a number.
    // (The data page lists the files read: those change, and are not values of the dataset.)
    const data = path.includes("/data/");
    for (const [id, text] of page.kpis)
      if (before.kpis.get(id) !== text && isNumber(text)) wrong.push(`${path} kpi ${id}: ${before.kpis.get(id)} -> ${text}`);
    for (const [id, text] of page.cells) {
      const head = id.split("|")[1]!;
      const was = before.cells.get(id);
      if (!data && !otherMonth(head) && was !== undefined && was !== text && isNumber(text))
        wrong.push(`${path} cell ${id}: ${was} -> ${text}`);
    }
    for (const [id, text] of page.alts)
      if (!data && before.alts.get(id) !== undefined && before.alts.get(id) !== text && isNumber(text))
        wrong.push(`${path} chart ${id}: ${text.slice(0, 80)}`);
    for (const names of page.banners) for (const n of names) if (n !== dataset) wrong.push(`${path} banner names ${n}`);
  }
  return wrong;
}

const said = (minus: Map<string, Page>, dataset: string) => [...minus.values()].some((p) => p.banners.some((b) => b.includes(dataset)));

describe("a month without one of its datasets", () => {
  it.each(EVENT_DATASETS)(
    "without %s: what depends on it reads 'not provided', and the banners name it alone",
    async (dataset) => {
      const minus = await built(`no-${dataset}`, (m, d) => m === MONTH && d === dataset);
      expect(wrongValues(minus, dataset)).toEqual([]);
      expect(said(minus, dataset)).toBe(true);
    },
    120_000,
  );

  it.each(LISTS)(
    "without %s in the month's folder: carried forward from an earlier folder, still provided",
    async (dataset) => {
      const minus = await built(`no-${dataset}-this-month`, (m, d) => m === MONTH && d === dataset);
      expect([...minus.values()].flatMap((p) => p.banners.flat())).not.toContain(dataset);
    },
    120_000,
  );

  it.each(LISTS)(
    "without %s in any folder: what depends on it reads 'not provided', and the banners name it alone",
    async (dataset) => {
      const minus = await built(`no-${dataset}-at-all`, (_m, d) => d === dataset);
      expect(wrongValues(minus, dataset)).toEqual([]);
      expect(said(minus, dataset)).toBe(true);
    },
    120_000,
  );
});

describe("the SLA's needs-action items", () => {
  it("each link to a table on the month's SLA page", () => {
    const report = JSON.parse(readFileSync(join(ROOT, "test/golden/reports/sample/2026-10.json"), "utf8")) as { sla: Sla };
    const doc = parseHTML(readFileSync(join(dists.get("full")!, MONTH, "sla/index.html"), "utf8")).document;
    const anchors = sla.attention(report.sla).map((i) => i.anchor);
    expect(anchors.length).toBeGreaterThan(0);
    for (const anchor of anchors) expect(doc.getElementById(anchor), anchor).not.toBeNull();
  });
});
