// The sample-data generator: a fictional mid-size Japanese B2B SaaS company's month-close
// exports, simulated from a seed. A pure function of its options: no clock, no Math.random,
// byte-identical output for the same options.
import type { DatasetName } from "../schema/dataset.ts";
import {
  canonicalColumns,
  canonicalCsv,
  ga4Ja,
  jsonLines,
  salesforceJa,
  SALESFORCE_EN_ACTIVITIES,
  SALESFORCE_JA,
  tsvWithBom,
  type Row,
} from "./export.ts";
import { simulate } from "./funnel.ts";
import { Rng } from "./random.ts";
import { monthSnapshots, type MonthRows, type MonthSnapshots } from "./snapshot.ts";
import { targetsFor } from "./targets.ts";
import { dayOf, monthIndex, monthKey, monthOfDay, monthStartDay, WorkCalendar } from "./time.ts";
import { webTraffic, type WebRow } from "./web.ts";
import type { Simulation } from "./model.ts";
import { ContentCatalog, lastDayOf, makeCampaigns, makeCompanies, seedContent, type SimCampaign, type SimContent } from "./world.ts";

export interface SampleOptions {
  seed: number;
  /** First month folder, YYYY-MM. */
  firstMonth: string;
  months: number;
  /** 1 = sample volume (about 800-1,500 leads a month). */
  scale: number;
  /** Month exported as a Japanese Salesforce report / GA4 download (Shift_JIS, footers, preamble). */
  messyMonth?: string;
  /** Month whose content touches are written as JSON lines (default 2026-02 when in range; null for none). */
  jsonlMonth?: string | null;
  /** Month whose activities are written tab-separated with English headers (default 2026-03 when in range; null for none). */
  tsvMonth?: string | null;
}

export type MonthDataset = Exclude<DatasetName, "targets">;
export const MONTH_DATASETS: readonly MonthDataset[] = [
  "leads",
  "activities",
  "opportunities",
  "campaigns",
  "content",
  "content_touches",
  "web_traffic",
];

export interface SampleStats {
  /** month -> dataset -> data rows written. */
  rows: Map<string, Record<MonthDataset, number>>;
  /** Leads created in each month (the volume the seasonality drives). */
  leadsCreated: Map<string, number>;
  targets: number;
}

export interface Sample {
  files: Map<string, Uint8Array>;
  stats: SampleStats;
}

export const DEFAULT_JSONL_MONTH = "2026-02";
export const DEFAULT_TSV_MONTH = "2026-03";

/** Months simulated before the first exported month, so the first months have a full pipeline. */
const WARM_UP_MONTHS = 6;

function validate(o: SampleOptions): void {
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer (got ${o.seed})`);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 120) throw new Error(`months must be 1..120 (got ${o.months})`);
  if (!(o.scale > 0 && o.scale <= 100)) throw new Error(`scale must be > 0 and <= 100 (got ${o.scale})`);
  monthIndex(o.firstMonth);
  for (const m of [o.messyMonth, o.jsonlMonth, o.tsvMonth]) if (typeof m === "string") monthIndex(m);
}

export function generateSample(o: SampleOptions): Map<string, Uint8Array> {
  return generateSampleWithStats(o).files;
}

/** The simulated company and its month-close rows, before they are written as files. */
export interface SampleWorld {
  sim: Simulation;
  campaigns: SimCampaign[];
  content: SimContent[];
  /** The month-close rows of a month (index as in time.ts), built on demand. */
  snapshots: MonthSnapshots;
  rangeStartMi: number;
  lastMi: number;
}

export function simulateSample(o: SampleOptions): SampleWorld {
  validate(o);
  const rangeStartMi = monthIndex(o.firstMonth);
  const lastMi = rangeStartMi + o.months - 1;
  const firstMi = rangeStartMi - WARM_UP_MONTHS;
  const rng = new Rng(`gekkan-sample/${o.seed}`);
  const cal = new WorkCalendar();

  const companies = makeCompanies(rng.fork("companies"), Math.min(9000, Math.max(300, Math.round(2600 * o.scale))));
  const catalog = new ContentCatalog();
  seedContent(rng.fork("content"), catalog, cal, firstMi, lastMi, rangeStartMi);
  const campaigns = makeCampaigns(rng.fork("campaigns"), cal, catalog, firstMi, lastMi);
  const sim = simulate(rng.fork("simulation"), { cal, companies, catalog, campaigns }, { firstMi, rangeStartMi, lastMi, scale: o.scale });

  const web = new Map<number, WebRow[]>();
  for (let mi = rangeStartMi; mi <= lastMi; mi++) {
    const first = monthStartDay(mi);
    const monthCampaigns = campaigns.filter((c) => c.mainDay >= first && c.mainDay <= lastDayOf(mi));
    web.set(mi, webTraffic(rng.fork(`web/${monthKey(mi)}`), cal, mi, rangeStartMi, o.scale, monthCampaigns));
  }
  const snapshots = monthSnapshots({ sim, campaigns, content: catalog.list, web, firstMi: rangeStartMi, lastMi });
  return { sim, campaigns, content: catalog.list, snapshots, rangeStartMi, lastMi };
}

export function generateSampleWithStats(o: SampleOptions): Sample {
  const { sim, snapshots, rangeStartMi, lastMi } = simulateSample(o);
  const files = new Map<string, Uint8Array>();
  const stats: SampleStats = { rows: new Map(), leadsCreated: new Map(), targets: 0 };
  for (const l of sim.leads) {
    const mi = monthOfDay(dayOf(l.createdAt));
    if (mi < rangeStartMi || mi > lastMi) continue;
    stats.leadsCreated.set(monthKey(mi), (stats.leadsCreated.get(monthKey(mi)) ?? 0) + 1);
  }
  for (let mi = rangeStartMi; mi <= lastMi; mi++) {
    const month = monthKey(mi);
    const rows = snapshots(mi);
    const counts = {} as Record<MonthDataset, number>;
    for (const dataset of MONTH_DATASETS) {
      const [name, bytes] = writeDataset(dataset, rows, mi, o);
      files.set(`${month}/${name}`, bytes);
      counts[dataset] = rows[dataset].length;
    }
    stats.rows.set(month, counts);
  }
  const targets = targetsFor(rangeStartMi, lastMi, rangeStartMi, o.scale);
  files.set("targets.csv", canonicalCsv(["month", "metric", "value"], targets as unknown as Row[]));
  stats.targets = targets.length;
  return { files, stats };
}

function writeDataset(dataset: MonthDataset, rows: MonthRows, mi: number, o: SampleOptions): [string, Uint8Array] {
  const month = monthKey(mi);
  const data = rows[dataset];
  if (month === o.messyMonth) {
    const sf = SALESFORCE_JA[dataset];
    if (sf) return [`${dataset}.csv`, salesforceJa(sf, data, Math.floor(mi / 12))];
    if (dataset === "web_traffic") return ["web_traffic.csv", ga4Ja(data, monthStartDay(mi), lastDayOf(mi))];
  }
  if (month === (o.jsonlMonth === undefined ? DEFAULT_JSONL_MONTH : o.jsonlMonth) && dataset === "content_touches")
    return ["content_touches.jsonl", jsonLines(canonicalColumns(dataset), data)];
  if (month === (o.tsvMonth === undefined ? DEFAULT_TSV_MONTH : o.tsvMonth) && dataset === "activities")
    return ["activities.tsv", tsvWithBom(SALESFORCE_EN_ACTIVITIES, data)];
  return [`${dataset}.csv`, canonicalCsv(canonicalColumns(dataset), data)];
}
