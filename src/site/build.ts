// The whole build: validate, compute every month's report, render with Astro into a temporary
// directory, and only then replace dist/. A failure at any stage leaves the previous dist/ as it was.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ALL_DEFINITIONS, type DefinitionGroup } from "../metrics/definitions.ts";
import { computeReports, type MonthReport } from "../metrics/report.ts";
import { listEditions } from "../edition/edition.ts";
import { headlineChanges } from "../edition/freeze.ts";
import { scopeOf } from "../model/load.ts";
import { validateProject } from "../model/pipeline.ts";
import { SCHEMA_VERSION } from "../schema/dataset.ts";
import { hasErrors, type Problem } from "../validate/problem.ts";
import { withLock } from "./lock.ts";
import type { MonthView, SiteModel } from "./model.ts";

export const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface BuildOptions {
  root: string;
  /** Where the site goes; default <root>/dist. */
  outDir?: string;
  locale?: "ja" | "en";
  base?: string;
  progress?: (message: string) => void;
  threads?: number;
  /** Use the validated-file cache in <root>/.gekkan/cache/ (the CLI does; default off). */
  cache?: boolean;
  /** The database's memory limit (e.g. 2GB); the project's `memory` setting when unset. */
  memory?: string;
  /** The metric code (an effect, so a test can swap it and show published months do not depend on it). */
  compute?: typeof computeReports;
}

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  outDir: string;
  timings: Record<string, number>;
  pages?: number;
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? (() => {});
  const root = resolve(options.root);
  const outDir = resolve(options.outDir ?? join(root, "dist"));
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  // Files validated now are stored in the validated-file cache while Astro renders, not as they are
  // read: rendering leaves most of a core idle, and storing them cost ~2.5 s of reading (scale 20).
  const v = await validateProject(root, progress, {
    threads: options.threads,
    cache: options.cache,
    deferCacheWrites: options.cache,
    memory: options.memory,
  });
  lap("read");
  const { project, loaded, db } = v;
  const cache = loaded.cache;
  if (hasErrors(v.problems)) {
    // The files without errors are stored all the same: the build after the fix reads only the rest.
    try {
      await cache?.writeDeferred(db);
    } finally {
      db.close();
    }
    return { ok: false, problems: v.problems, outDir, timings };
  }
  const { editions } = listEditions(root);
  const problems = v.problems;
  // Published months render from their editions: only drafts are computed.
  const drafts = project.months.filter((m) => !editions.has(m));
  let live: Record<string, MonthReport>;
  try {
    live = await (options.compute ?? computeReports)(db, drafts, { config: project.config, provided: loaded.provided }, progress);
  } catch (e) {
    db.close();
    throw e;
  }
  lap("metrics");
  const stored = cache?.deferred.length ? ", storing the files validated now in the cache" : "";
  let rendered = false;
  const storing = (async () => {
    try {
      // On one thread while Astro renders, so the render keeps a core; then on all of them (scale 20,
      // 3 paired builds: one thread 0.45 s faster than all; the render ends before the cache is stored).
      const { threads } = await db.one<{ threads: number }>(`SELECT current_setting('threads') AS threads`);
      await db.exec("SET threads = 1");
      let one = true;
      await cache?.writeDeferred(db, async () => {
        if (!one || !rendered) return;
        one = false;
        await db.exec(`SET threads = ${threads}`);
      });
    } finally {
      db.close();
    }
  })();
  // Awaited below, after the render; a failed render waits for it too.
  storing.catch(() => {});

  const views: Record<string, MonthView> = {};
  for (const month of drafts) {
    views[month] = {
      key: month,
      month,
      report: live[month]!,
      appendix: scopeOf(month, loaded.files, problems),
      definitions: ALL_DEFINITIONS,
      config: project.config as unknown as Record<string, unknown>,
      edition: { status: "draft", current: true, history: [], changes: [] },
    };
  }
  for (const [month, list] of editions) {
    const history = list.map((e) => ({
      revision: e.revision,
      publishedAt: e.publishedAt,
      reason: e.reason,
      key: e === list.at(-1) ? month : `${month}/r${e.revision}`,
    }));
    list.forEach((e, i) => {
      const current = i === list.length - 1;
      const key = current ? month : `${month}/r${e.revision}`;
      views[key] = {
        key,
        month,
        report: e.report as unknown as MonthReport,
        appendix: e.appendix as unknown as MonthView["appendix"],
        definitions: (e.definitions ?? []) as unknown as DefinitionGroup[],
        config: e.config,
        edition: {
          status: list.length > 1 ? "restated" : "published",
          revision: e.revision,
          current,
          publishedAt: e.publishedAt,
          publisher: e.publisher,
          reason: e.reason,
          history,
          // Drift is reported by check and build, not on the page: a published page never changes.
          changes: i > 0 ? headlineChanges(list[i - 1]!.report, e.report) : [],
        },
      };
    });
  }
  const model: SiteModel = {
    config: project.config,
    locale: options.locale ?? project.config.locale,
    months: [...new Set([...project.months, ...editions.keys()])].sort(),
    views,
    base: options.base ?? project.config.base,
    tool: { name: "gekkan", version: toolVersion(), schemaVersion: SCHEMA_VERSION },
  };
  // The model and Astro's cache live in a private temp dir, so concurrent builds never share files.
  const work = mkdtempSync(join(tmpdir(), "gekkan-build-"));
  const modelPath = join(work, "site.json");
  writeFileSync(modelPath, JSON.stringify(model));
  const staging = `${outDir}.tmp-${process.pid}`;
  mkdirSync(dirname(outDir), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  progress(`rendering pages${stored}`);
  let pages: number;
  try {
    pages = await withLock(join(TOOL_ROOT, ".astro"), () =>
      renderAstro({ modelPath, outDir: staging, base: options.base ?? project.config.base, cacheDir: join(work, "astro-cache"), root }),
    );
    rendered = true;
    await storing;
  } catch (e) {
    await storing.catch(() => {});
    rmSync(staging, { recursive: true, force: true });
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  lap("render");
  // Swap: the old site stays until the new one is complete.
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
  lap("swap");
  return { ok: true, problems, outDir, timings, pages };
}

async function renderAstro(o: { modelPath: string; outDir: string; base: string; cacheDir: string; root: string }): Promise<number> {
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  process.env.GEKKAN_SITE_JSON = o.modelPath;
  process.env.GEKKAN_PROJECT = o.root;
  // Narratives; a project without reports/ has none, and no collection is defined (site/reports.ts).
  process.env.GEKKAN_REPORTS = join(o.root, "reports");
  process.env.GEKKAN_BASE = o.base;
  const { build } = await import("astro");
  let pages = 0;
  await build({
    root: TOOL_ROOT,
    outDir: o.outDir,
    base: o.base,
    cacheDir: o.cacheDir,
    logLevel: "warn",
    integrations: [{ name: "gekkan-count", hooks: { "astro:build:done": ({ pages: p }) => void (pages = p.length) } }],
  });
  return pages;
}

function toolVersion(): string {
  return (JSON.parse(readFileSync(join(TOOL_ROOT, "package.json"), "utf8")) as { version: string }).version;
}
