// npm run bench [-- --scale N --months 36 --build --editions --runs R]: generate N x the sample volume outside the
// repository, then measure, each in a fresh child process: DuckDB scanning every file once (as a
// user's read_csv would, detecting each file's dialect; and given the dialect, the floor of reading
// the bytes), read+validate (per month and in total, without the validated-file cache), and with
// --build the whole site build from cold (no cache, state or site of the project's; the pages' bundle,
// a file of the tool's, as an earlier build left it: read, metrics, charts, render; per month
// and in total) and again with the cache the cold build left, and with --editions the rebuild after
// adding the newest month to the others, published. Prints JSON: wall times, each run's CPU time,
// the cold build's time per million rows, and peak memory, in total and per stage (read+validate,
// metrics, render, and the cache store measured on its own).
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliArgs, memoryArg } from "./args.ts";
import { openDb } from "../model/duckdb.ts";
import { validateProject } from "../model/pipeline.ts";
import { buildSite, TOOL_ROOT } from "../site/build.ts";

const USAGE = "npm run bench [-- --scale N --months 36 --build --editions --runs R --memory 2GB --keep --data DIR]";
const { values } = cliArgs(USAGE, {
  options: {
    scale: { type: "string", default: "1" },
    months: { type: "string", default: "36" },
    runs: { type: "string", default: "1" },
    build: { type: "boolean", default: false },
    editions: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    child: { type: "string" },
    project: { type: "string" },
    data: { type: "string" },
    memory: { type: "string" },
  },
});
/** The builds' memory limit (--memory): the project's setting, or the default, when not given. */
const memory = memoryArg(values.memory, USAGE);

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
const peakMb = () => mb(process.resourceUsage().maxRSS * 1024);

/**
 * The peak resident memory (Node and DuckDB together) of each stage of a run. On Linux the kernel's
 * high-water mark (VmHWM) is reset as a stage begins (clear_refs 5), so each stage's peak is its
 * own; elsewhere each stage shows the peak so far (`exact` false).
 */
class StagePeaks {
  readonly peaks: Record<string, number> = {};
  readonly exact: boolean;
  private stage: string;
  constructor(first: string) {
    this.stage = first;
    this.exact = StagePeaks.reset();
  }
  enter(stage: string): void {
    if (stage === this.stage) return;
    this.peaks[this.stage] = this.high();
    this.stage = stage;
    StagePeaks.reset();
  }
  end(): Record<string, number> {
    this.peaks[this.stage] = this.high();
    return this.peaks;
  }
  private high(): number {
    if (!this.exact) return peakMb();
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return kb ? mb(Number(kb[1]) * 1024) : peakMb();
  }
  private static reset(): boolean {
    try {
      writeFileSync("/proc/self/clear_refs", "5");
      return true;
    } catch {
      return false;
    }
  }
}

if (values.child) {
  // One measured stage, alone in this process.
  const root = values.project!;
  let started = performance.now();
  // The process's CPU (every thread's: DuckDB's, V8's, the bundler's) beside its wall time: on a
  // shared machine it tells a change that saves work from one that only moves it.
  let cpuStarted = process.cpuUsage();
  const out: Record<string, unknown> = { stage: values.child };
  if (values.child === "scan" || values.child === "scan-dialect") {
    // "scan": DuckDB reads each file as a user would, detecting its dialect and columns (read_csv's
    // sniffer). "scan-dialect": the sniffer runs first, untimed; only the reads with what it found
    // are timed: the floor of reading the bytes (scale 20: sniffing is ~85% of the first).
    const db = await openDb();
    const sources: string[] = [];
    for (const month of readdirSync(join(root, "data")).filter((m) => /^\d{4}-\d{2}$/.test(m))) {
      for (const f of readdirSync(join(root, "data", month))) {
        const path = join(root, "data", month, f);
        const csv = `'${path}', ignore_errors = true, strict_mode = false`;
        if (f.endsWith(".parquet")) sources.push(`read_parquet('${path}')`);
        else if (f.endsWith(".jsonl")) sources.push(`read_json('${path}')`);
        else if (values.child === "scan") sources.push(`read_csv(${csv}, all_varchar = true)`);
        else {
          // The sniffer's own call (Prompt), every column read as text, as in "scan".
          const { prompt } = await db.one<{ prompt: string }>(`SELECT Prompt AS prompt FROM sniff_csv(${csv})`);
          sources.push(
            prompt
              .replace(/^FROM /, "")
              .replace(/;$/, "")
              .replace(/': '[^']*'/g, "': 'VARCHAR'")
              .replace(/\)$/, ", ignore_errors = true, strict_mode = false)"),
          );
        }
      }
    }
    if (values.child === "scan-dialect") [started, cpuStarted] = [performance.now(), process.cpuUsage()];
    let rows = 0;
    for (const source of sources) rows += (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${source}`)).n;
    db.close();
    out.rows = rows;
  } else if (values.child === "read") {
    // Read and validate as a cold build does (nothing in the cache), then store what was validated
    // in the cache on its own: the build does that beside Astro's render.
    rmSync(join(root, ".gekkan"), { recursive: true, force: true });
    const events: { at: number; message: string }[] = [];
    const peaks = new StagePeaks("read");
    const v = await validateProject(root, (message) => events.push({ at: performance.now() - started, message }), {
      cache: true,
      deferCacheWrites: true,
      memory,
    });
    const readMs = performance.now() - started;
    out.cpuMs = cpuMs(process.cpuUsage(cpuStarted));
    peaks.enter("cacheStore");
    await v.loaded.cache?.writeDeferred(v.db);
    v.db.close();
    out.cacheStoreMs = Math.round(performance.now() - started - readMs);
    out.peakRssMbByStage = peaks.end();
    out.peakRssPerStageExact = peaks.exact;
    out.rows = v.loaded.files.reduce((a, f) => a + f.rows, 0);
    out.errors = v.problems.filter((p) => p.severity === "error").length;
    const perMonth = new Map<string, number>();
    for (const f of v.loaded.files) if (f.folder) perMonth.set(f.folder, (perMonth.get(f.folder) ?? 0) + f.readMs);
    out.readPerMonthMs = Object.fromEntries(perMonth);
    out.validatePerDatasetMs = Object.fromEntries(
      events
        .filter((e) => e.message.startsWith("validating"))
        .map((e) => {
          const next = events[events.indexOf(e) + 1];
          return [e.message.slice(11), Math.round((next?.at ?? readMs) - e.at)];
        }),
    );
    const checking = events.find((e) => e.message.startsWith("checking references"));
    if (checking) out.checkReferencesMs = Math.round(readMs - checking.at);
    // The stage's time is reading and validating; the store is timed apart.
    out.totalMs = Math.round(readMs);
  } else {
    const events: { at: number; message: string }[] = [];
    // Stages as the build's timings have them: read (and validate), metrics, render (the cache
    // stored beside it, and the swap of dist/).
    const peaks = new StagePeaks("read");
    const result = await buildSite({
      root,
      outDir: join(root, "dist"),
      cache: true,
      memory,
      progress: (message) => {
        events.push({ at: performance.now() - started, message });
        if (message.startsWith("preparing metrics")) peaks.enter("metrics");
        else if (message.startsWith("rendering pages")) peaks.enter("render");
      },
    });
    out.peakRssMbByStage = peaks.end();
    out.peakRssPerStageExact = peaks.exact;
    out.ok = result.ok;
    out.pages = result.pages;
    out.monthsCarried = result.carried?.length ?? 0;
    out.monthsRelinked = result.relinked?.length ?? 0;
    out.stagesMs = result.timings;
    // Months are computed two at a time, so a month's time overlaps its neighbour's.
    const computed = events.map((e) => /^computed (\d{4}-\d{2}) in (\d+) ms$/.exec(e.message)).filter((m) => m !== null);
    out.metricsPerMonthMs = Object.fromEntries(computed.map((m) => [m[1], Number(m[2])]).sort());
    out.renderPerMonthMs = Math.round((result.timings.render ?? 0) / Math.max(computed.length, 1));
  }
  out.totalMs ??= Math.round(performance.now() - started);
  out.cpuMs ??= cpuMs(process.cpuUsage(cpuStarted));
  // Resetting the high-water mark resets what getrusage reports too: the run's peak is its stages' highest.
  const stages = out.peakRssMbByStage as Record<string, number> | undefined;
  out.peakRssMb = stages && out.peakRssPerStageExact ? Math.max(...Object.values(stages)) : peakMb();
  console.log(JSON.stringify(out));
  process.exit(0);
}

const scale = Number(values.scale);
const months = Number(values.months);
const runs = Number(values.runs);
if (!(scale > 0) || !(months > 0)) throw new Error("--scale and --months must be positive numbers");
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a whole number, 1 or more");
type Cpu = { user: number; system: number };
type Timed = { totalMs: number; cpuMs: Cpu };
type Measured = Timed & { peakRssMb: number; peakRssMbByStage: Record<string, number>; rows?: number };
// --data DIR reuses a project generated before (with --keep), skipping generation. The marker file
// says the directory is one of ours, so resetting it below cannot touch a real project.
const MARKER = ".gekkan-bench";
const root = values.data ?? mkdtempSync(join(tmpdir(), `gekkan-bench-s${scale}-`));
if (values.data) {
  if (!existsSync(join(root, MARKER))) {
    console.error(`--data ${root}: not a project generated by npm run bench (run it with --keep; it leaves a ${MARKER} file there)`);
    process.exit(2);
  }
  // Start from the data alone: the editions, cache and site of an earlier run would make the cold build warm.
  for (const d of ["reports", ".gekkan", "dist", "kept-before-rebuild"]) rmSync(join(root, d), { recursive: true, force: true });
  // An interrupted --editions run may have left the newest month aside.
  for (const a of readdirSync(root).filter((n) => n.startsWith("aside-")))
    renameSync(join(root, a), join(root, "data", a.slice("aside-".length)));
} else {
  writeFileSync(join(root, MARKER), "");
}
const node = process.execPath;
// Children run as this process was started (the package's script loads the compile cache first).
const run = (args: string[]) =>
  JSON.parse(
    execFileSync(node, [...process.execArgv, ...args], {
      cwd: TOOL_ROOT,
      maxBuffer: 1 << 26,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .at(-1)!,
  );
const limit = memory === undefined ? [] : ["--memory", memory];
const child = (stage: string) => run([join(TOOL_ROOT, "src/cli/bench.ts"), "--child", stage, "--project", root, ...limit]);

try {
  const end = 2026 * 12 + 9; // the sample ends in 2026-10
  const start = end - (months - 1);
  const first = `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, "0")}`;
  let t = performance.now();
  if (!values.data) {
    execFileSync(
      node,
      [
        join(TOOL_ROOT, "src/cli/sample.ts"),
        "--out",
        join(root, "data"),
        "--scale",
        String(scale),
        "--months",
        String(months),
        "--first",
        first,
        "--messy",
        "2026-06",
      ],
      { stdio: "ignore" },
    );
  }
  const generateMs = values.data ? null : Math.round(performance.now() - t);
  copyFileSync(join(TOOL_ROOT, "mapping.yaml"), join(root, "mapping.yaml"));
  copyFileSync(join(TOOL_ROOT, "gekkan.config.yaml"), join(root, "gekkan.config.yaml"));
  let bytes = 0;
  for (const m of readdirSync(join(root, "data"))) {
    const p = join(root, "data", m);
    bytes += statSync(p).isDirectory() ? readdirSync(p).reduce((a, f) => a + statSync(join(p, f)).size, 0) : statSync(p).size;
  }
  const result: Record<string, unknown> = {
    scale,
    months,
    memory: memory ?? "the project's (default 2GB)",
    inputMb: mb(bytes),
    generateMs,
  };
  t = performance.now();
  // --runs R: the scan and the builds are measured R times, in turn (scan, cold, warm, scan, ...), so
  // a machine whose speed drifts slows each alike; the run shown is the median's, the ratios are
  // the medians of each round's own ratio.
  const rounds: { scan: Timed; bytes: Timed; cold?: Timed; warm?: Timed }[] = [];
  for (let i = 0; i < runs; i++) {
    const round: (typeof rounds)[number] = { scan: child("scan") as Timed, bytes: child("scan-dialect") as Timed };
    if (values.build || values.editions) {
      // Cold: nothing validated or rendered before (the previous round's site would lend it the pages
      // of the months whose keys match). Then the same build again, reading what the first one cached.
      for (const d of [".gekkan", "dist"]) rmSync(join(root, d), { recursive: true, force: true });
      round.cold = child("build") as Timed;
      round.warm = child("build") as Timed;
    }
    rounds.push(round);
  }
  /** The lower median by `key`. */
  const median = <T>(xs: T[], key: (x: T) => number) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor((xs.length - 1) / 2)]!;
  const medianRun = (runsOf: Timed[]) => median(runsOf, (r) => r.totalMs);
  const ratio = (stage: "cold" | "warm", to: "scan" | "bytes" = "scan") =>
    Math.round(
      median(
        rounds.map((r) => r[stage]!.totalMs / r[to].totalMs),
        (x) => x,
      ) * 10,
    ) / 10;
  result.runs = runs;
  result.scanOnce = medianRun(rounds.map((r) => r.scan));
  result.scanRunsMs = rounds.map((r) => r.scan.totalMs);
  result.scanGivenDialect = medianRun(rounds.map((r) => r.bytes));
  result.scanGivenDialectRunsMs = rounds.map((r) => r.bytes.totalMs);
  const read = child("read") as Measured;
  result.readValidate = read;
  result.rows = read.rows;
  if (values.build || values.editions) {
    result.build = medianRun(rounds.map((r) => r.cold!));
    result.buildRunsMs = rounds.map((r) => r.cold!.totalMs);
    result.buildToScanRatio = ratio("cold");
    result.buildToScanGivenDialectRatio = ratio("cold", "bytes");
    result.rebuildWithCache = medianRun(rounds.map((r) => r.warm!));
    result.rebuildRunsMs = rounds.map((r) => r.warm!.totalMs);
    result.rebuildToScanRatio = ratio("warm");
    result.rebuildToScanGivenDialectRatio = ratio("warm", "bytes");
    const cold = result.build as Measured;
    // Time per million validated rows: constant if the build grows linearly with the data.
    result.buildMsPerMillionRows = Math.round(cold.totalMs / (read.rows! / 1e6));
    // Peak resident memory of each stage (MB), Node and DuckDB together: the cold build's stages,
    // the cache store measured alone (the build stores beside the render), and the highest peak
    // of any cold build.
    result.peakRssMbByStage = {
      readValidate: cold.peakRssMbByStage.read,
      metrics: cold.peakRssMbByStage.metrics,
      render: cold.peakRssMbByStage.render,
      cacheStore: read.peakRssMbByStage.cacheStore,
    };
    result.coldBuildPeakRssMb = Math.max(...rounds.map((r) => (r.cold as Measured).peakRssMb));
  }
  if (values.editions) {
    // The state a user has: the months before the newest published and built (the site and the
    // cache last month's build left), then the newest month added. The rebuild computes only the
    // draft month, and renders only the pages whose month, links or edition changed.
    const all = readdirSync(join(root, "data"))
      .filter((m) => /^\d{4}-\d{2}$/.test(m))
      .sort();
    const newest = all.at(-1)!;
    const aside = join(root, `aside-${newest}`);
    renameSync(join(root, "data", newest), aside);
    t = performance.now();
    try {
      execFileSync(node, [...process.execArgv, join(TOOL_ROOT, "src/cli/publish.ts"), "--project", root, ...limit, ...all.slice(0, -1)], {
        cwd: TOOL_ROOT,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, GEKKAN_TODAY: "2026-11-05" },
      });
      child("build");
    } finally {
      renameSync(aside, join(root, "data", newest));
    }
    const publishMs = Math.round(performance.now() - t);
    // --runs R: the rebuild R times, each from that state (the site, cache and state last month's
    // build left, kept aside), the median shown.
    const kept = join(root, "kept-before-rebuild");
    const state = [".gekkan", "dist"];
    for (const d of state) cpSync(join(root, d), join(kept, d), { recursive: true });
    const rebuilds: Timed[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        if (i > 0)
          for (const d of state) {
            rmSync(join(root, d), { recursive: true, force: true });
            cpSync(join(kept, d), join(root, d), { recursive: true });
          }
        rebuilds.push(child("build") as Timed);
      }
    } finally {
      rmSync(kept, { recursive: true, force: true });
    }
    result.editions = {
      published: all.length - 1,
      publishAllMs: publishMs,
      coldBuildMs: (result.build as Timed).totalMs,
      rebuildAfterAddingOneMonth: medianRun(rebuilds),
      rebuildRunsMs: rebuilds.map((r) => r.totalMs),
      rebuildRunsCpuMs: rebuilds.map((r) => r.cpuMs.user + r.cpuMs.system),
    };
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  if (!values.keep && !values.data) rmSync(root, { recursive: true, force: true });
  else console.error(`kept ${root}`);
}

/** process.cpuUsage's microseconds as milliseconds. */
function cpuMs(usage: NodeJS.CpuUsage): Cpu {
  return { user: Math.round(usage.user / 1000), system: Math.round(usage.system / 1000) };
}
