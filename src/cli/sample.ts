// npm run sample [-- --out DIR --scale N --months N --first YYYY-MM --seed N --messy YYYY-MM]
// Writes the seeded sample data (month folders and targets.csv) of the fictional company.
// Only what the generator writes is replaced: YYYY-MM folders and targets.csv in the output folder.
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { cliArgs } from "./args.ts";
import { MONTH_DATASETS, writeSample, type SampleOptions } from "../sample/generate.ts";

const DEFAULTS = { seed: 20261031, first: "2025-07", months: 16, scale: 1, messy: "2026-06" };
const MONTH_FOLDER = /^\d{4}-(0[1-9]|1[0-2])$/;

const { values } = cliArgs(
  `node src/cli/sample.ts [--out DIR] [--scale N] [--months N] [--first YYYY-MM] [--seed N] [--messy YYYY-MM]
  defaults: --out data --scale ${DEFAULTS.scale} --months ${DEFAULTS.months} --first ${DEFAULTS.first} --seed ${DEFAULTS.seed}
  the messy month (${DEFAULTS.messy}: Shift_JIS Salesforce and GA4 exports) is used with the default range or when --messy is given`,
  {
    options: {
      out: { type: "string" },
      scale: { type: "string" },
      months: { type: "string" },
      first: { type: "string" },
      seed: { type: "string" },
      messy: { type: "string" },
    },
  },
);

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number (got '${text}')`);
    process.exit(2);
  }
  return n;
}

const defaultRange = values.first === undefined && values.months === undefined;
const options: SampleOptions = {
  seed: number("seed", values.seed, DEFAULTS.seed),
  firstMonth: values.first ?? DEFAULTS.first,
  months: number("months", values.months, DEFAULTS.months),
  scale: number("scale", values.scale, DEFAULTS.scale),
};
const messy = values.messy ?? (defaultRange ? DEFAULTS.messy : undefined);
if (messy !== undefined) options.messyMonth = messy;

const out = resolve(values.out ?? "data");
const started = performance.now();
let removed = 0;
let files = 0;
let bytes = 0;
let stats: ReturnType<typeof writeSample>;
try {
  // Files are written as each month is simulated. What an earlier run generated (month folders and
  // targets.csv, nothing else) is removed before the first one: the options are checked by then.
  stats = writeSample(options, (rel, chunks) => {
    if (files++ === 0) removed = removeGenerated(out);
    const path = join(out, rel);
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, "w");
    try {
      for (const chunk of chunks) {
        writeFileSync(fd, chunk);
        bytes += chunk.length;
      }
    } finally {
      closeSync(fd);
    }
  });
} catch (e) {
  console.error(`sample: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

function removeGenerated(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if ((MONTH_FOLDER.test(entry) && statSync(path).isDirectory()) || entry === "targets.csv") {
      rmSync(path, { recursive: true, force: true });
      n++;
    }
  }
  return n;
}
const seconds = (performance.now() - started) / 1000;

const pad = (s: string | number, n: number) => String(s).padStart(n);
const short: Record<string, string> = {
  leads: "leads",
  activities: "activities",
  opportunities: "opps",
  campaigns: "campaigns",
  content: "content",
  content_touches: "touches",
  web_traffic: "web",
};
console.log(`month    created ${MONTH_DATASETS.map((d) => pad(short[d]!, 10)).join("")}`);
const totals = Object.fromEntries(MONTH_DATASETS.map((d) => [d, 0])) as Record<string, number>;
for (const [month, counts] of stats.rows) {
  console.log(`${month}  ${pad(stats.leadsCreated.get(month) ?? 0, 7)} ${MONTH_DATASETS.map((d) => pad(counts[d], 10)).join("")}`);
  for (const d of MONTH_DATASETS) totals[d]! += counts[d];
}
console.log(
  `total    ${pad(
    [...stats.leadsCreated.values()].reduce((a, b) => a + b, 0),
    7,
  )} ${MONTH_DATASETS.map((d) => pad(totals[d]!, 10)).join("")}`,
);
console.log(
  `\n${files} files (${stats.rows.size} months + targets.csv with ${stats.targets} rows), ` +
    `${(bytes / 1_000_000).toFixed(2)} MB written to ${out} in ${seconds.toFixed(1)} s` +
    `${removed ? ` (replaced ${removed} earlier month folders/files)` : ""}.\n` +
    `seed ${options.seed}, ${options.firstMonth} + ${options.months} months, scale ${options.scale}` +
    `${options.messyMonth ? `, messy month ${options.messyMonth}` : ""}`,
);
