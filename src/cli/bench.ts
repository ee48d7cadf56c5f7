// npm run bench [-- --scale N --months N --build]: generate N x the sample volume outside the
// repository and measure the read+validate stage (and, with --build, the whole site build):
// wall time per month and in total, and peak memory. Prints JSON.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { validateProject } from "../model/pipeline.ts";
import { generateSample } from "../sample/generate.ts";
import { buildSite, TOOL_ROOT } from "../site/build.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    months: { type: "string", default: "36" },
    build: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const scale = Number(values.scale);
const months = Number(values.months);
if (!(scale > 0) || !(months > 0)) throw new Error("--scale and --months must be positive numbers");

const root = mkdtempSync(join(tmpdir(), `gekkan-bench-s${scale}-`));
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

try {
  let t = performance.now();
  const files = generateSample({ seed: 20261031, firstMonth: firstMonthFor(months), months, scale });
  let bytes = 0;
  for (const [rel, data] of files) {
    mkdirSync(dirname(join(root, "data", rel)), { recursive: true });
    writeFileSync(join(root, "data", rel), data);
    bytes += data.length;
  }
  copyFileSync(join(TOOL_ROOT, "mapping.yaml"), join(root, "mapping.yaml"));
  copyFileSync(join(TOOL_ROOT, "gekkan.config.yaml"), join(root, "gekkan.config.yaml"));
  const generateMs = performance.now() - t;

  // Read + validate, timed per month folder from the loader's progress events.
  const perMonth: { month: string; ms: number; rssMb: number }[] = [];
  let current: string | undefined;
  let mark = performance.now();
  const progress = (m: string) => {
    const now = performance.now();
    if (current) perMonth.push({ month: current, ms: Math.round(now - mark), rssMb: mb(process.memoryUsage().rss) });
    current = m.replace(/^reading /, "");
    mark = now;
  };
  t = performance.now();
  const v = await validateProject(root, progress);
  progress("done");
  const readMs = performance.now() - t;
  const rows = v.loaded.files.reduce((a, f) => a + f.rows, 0);
  const errors = v.problems.filter((p) => p.severity === "error").length;
  // The floor: DuckDB scanning every file once, nothing else (decode/frame excluded for non-UTF-8).
  t = performance.now();
  for (const f of v.loaded.files.filter((f) => f.format === "csv" && f.encoding?.startsWith("utf-8"))) {
    await v.db.all(`SELECT count(*) FROM read_csv('${join(root, f.rel)}', all_varchar = true)`);
  }
  const scanMs = performance.now() - t;
  v.db.close();
  const result: Record<string, unknown> = {
    scale, months, files: files.size, inputMb: mb(bytes), rows, errors,
    generateMs: Math.round(generateMs),
    readValidate: { totalMs: Math.round(readMs), perMonth, rowsPerSecond: Math.round(rows / (readMs / 1000)) },
    duckdbScanOnceMs: Math.round(scanMs),
  };
  if (values.build) {
    const perStage: { at: number; message: string }[] = [];
    const start = performance.now();
    const built = await buildSite({ root, outDir: join(root, "dist"), progress: (message) => perStage.push({ at: Math.round(performance.now() - start), message }) });
    const buildMs = performance.now() - start;
    result.build = {
      ok: built.ok, totalMs: Math.round(buildMs), stagesMs: built.timings, pages: built.pages,
      ratioToScanOnce: Math.round((buildMs / scanMs) * 10) / 10,
      perMonthMetricsMs: perStage.filter((p) => p.message.startsWith("metrics")).map((p, i, a) => ({ month: p.message.slice(8), ms: (a[i + 1]?.at ?? built.timings.metrics! + (perStage.find((x) => x.message.startsWith("metrics"))?.at ?? 0)) - p.at })),
    };
  }
  clearInterval(sampler);
  result.peakRssMb = mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024));
  console.log(JSON.stringify(result, null, 2));
} finally {
  clearInterval(sampler);
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  else console.error(`kept ${root}`);
}

/** The bench ends at the sample's last month, so its months line up with the committed sample. */
function firstMonthFor(n: number): string {
  const end = 2026 * 12 + 9; // 2026-10
  const start = end - (n - 1);
  return `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, "0")}`;
}
