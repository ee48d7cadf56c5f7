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
import { AccountList } from "./accounts.ts";
import { Funnel } from "./funnel.ts";
import { Rng } from "./random.ts";
import { MonthSnapshots, type MonthRows } from "./snapshot.ts";
import { SpendPlan } from "./spend.ts";
import { targetsFor } from "./targets.ts";
import { dayOf, monthIndex, monthKey, monthOfDay, monthOfYear, monthStart, monthStartDay, WorkCalendar } from "./time.ts";
import { webTraffic } from "./web.ts";
import { ContentCatalog, lastDayOf, makeCampaigns, makeCompanies, seedContent } from "./world.ts";

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

/** Datasets the month's snapshot writes (spend and accounts come from their own plans: sample/spend.ts, sample/accounts.ts). */
export type MonthDataset = Exclude<DatasetName, "targets" | "spend" | "accounts">;
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

/** The largest scale: about 1,000 x 1,000 leads a month. */
const MAX_SCALE = 1000;

function validate(o: SampleOptions): void {
  if (!Number.isInteger(o.seed)) throw new Error(`seed must be an integer (got ${o.seed})`);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 120) throw new Error(`months must be 1..120 (got ${o.months})`);
  if (!(o.scale > 0 && o.scale <= MAX_SCALE)) throw new Error(`scale must be > 0 and <= ${MAX_SCALE} (got ${o.scale})`);
  monthIndex(o.firstMonth);
  for (const m of [o.messyMonth, o.jsonlMonth, o.tsvMonth]) if (typeof m === "string") monthIndex(m);
}

export function generateSample(o: SampleOptions): Map<string, Uint8Array> {
  return generateSampleWithStats(o).files;
}

/** Every file of the sample, held in memory (tests, small samples; writeSample for large ones). */
export function generateSampleWithStats(o: SampleOptions): Sample {
  const files = new Map<string, Uint8Array>();
  const stats = writeSample(o, (rel, chunks) => files.set(rel, Buffer.concat([...chunks])));
  return { files, stats };
}

/**
 * Simulate the company and hand each file to `write` (its path relative to the data folder, its
 * bytes in chunks to be written in turn) as soon as its month is simulated, months in order,
 * targets.csv last. Only the records later months still export and a chunk of rows are held at a
 * time, so memory follows a month's volume, not the sample's. Options are checked before the
 * first file is written.
 */
export function writeSample(o: SampleOptions, write: (rel: string, chunks: Iterable<Uint8Array>) => void): SampleStats {
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
  const funnel = new Funnel(
    rng.fork("simulation"),
    { cal, companies, catalog, campaigns },
    { firstMi, rangeStartMi, lastMi, scale: o.scale },
  );
  const snapshots = new MonthSnapshots({ campaigns, content: catalog.list, firstMi: rangeStartMi, lastMi });

  const spend = new SpendPlan(campaigns, rng.fork("spend"), o.scale, { first: firstMi, last: lastMi });
  const accounts = new AccountList(companies.list, rng.fork("accounts"), rangeStartMi);
  const stats: SampleStats = { rows: new Map(), leadsCreated: new Map(), targets: 0 };
  // The warm-up months are simulated, not written.
  for (let mi = firstMi; mi <= lastMi; mi++) {
    const batch = funnel.advance(monthStart(mi + 1));
    snapshots.add(batch);
    if (mi < rangeStartMi) continue;
    const month = monthKey(mi);
    for (const l of batch.leads)
      if (monthOfDay(dayOf(l.createdAt)) === mi) stats.leadsCreated.set(month, (stats.leadsCreated.get(month) ?? 0) + 1);
    const first = monthStartDay(mi);
    const monthCampaigns = campaigns.filter((c) => c.mainDay >= first && c.mainDay <= lastDayOf(mi));
    const web = webTraffic(rng.fork(`web/${month}`), cal, mi, rangeStartMi, o.scale, monthCampaigns);
    const rows = snapshots.rows(mi, web);
    const counts = {} as Record<MonthDataset, number>;
    for (const dataset of MONTH_DATASETS) {
      const [name, chunks] = writeDataset(dataset, rows, mi, o);
      write(`${month}/${name}`, chunks);
      counts[dataset] = rows[dataset].length;
    }
    write(`${month}/spend.csv`, canonicalCsv(canonicalColumns("spend"), spend.rows(mi)));
    const accountRows = accounts.rows(mi);
    if (accountRows) write(`${month}/accounts.csv`, canonicalCsv(canonicalColumns("accounts"), accountRows));
    stats.rows.set(month, counts);
  }
  // The plan runs to the end of the fiscal year (April start) the month after the last one is in:
  // the pipeline's coverage needs the quarter ahead's won targets.
  let planEnd = lastMi + 1;
  while (monthOfYear(planEnd) !== 3) planEnd++;
  const targets = targetsFor(rangeStartMi, planEnd, rangeStartMi, o.scale);
  write("targets.csv", canonicalCsv(["month", "metric", "value"], targets as unknown as Row[]));
  stats.targets = targets.length;
  return stats;
}

function writeDataset(dataset: MonthDataset, rows: MonthRows, mi: number, o: SampleOptions): [string, Iterable<Uint8Array>] {
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
