// The whole build: validate, compute every month's report, render with Astro into a temporary
// directory, and only then replace dist/. A failure at any stage leaves the previous dist/ as it was.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFINITIONS as OVERVIEW } from "../metrics/overview.ts";
import { monthReport, type MonthReport } from "../metrics/report.ts";
import { createCalendarTable } from "../model/calendar.ts";
import { validateProject } from "../model/pipeline.ts";
import { SCHEMA_VERSION } from "../schema/dataset.ts";
import { hasErrors, type Problem } from "../validate/problem.ts";
import { withLock } from "./lock.ts";
import type { SiteModel } from "./model.ts";

export const TOOL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface BuildOptions {
  root: string;
  /** Where the site goes; default <root>/dist. */
  outDir?: string;
  locale?: "ja" | "en";
  base?: string;
  progress?: (message: string) => void;
  threads?: number;
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

  const v = await validateProject(root, progress, { threads: options.threads });
  lap("read");
  if (hasErrors(v.problems)) {
    v.db.close();
    return { ok: false, problems: v.problems, outDir, timings };
  }
  const { project, loaded, db } = v;
  const reports: Record<string, MonthReport> = {};
  try {
    const first = `${Number(project.months[0]!.slice(0, 4)) - 2}-01-01`;
    const last = `${Number(project.months.at(-1)!.slice(0, 4)) + 1}-12-31`;
    await createCalendarTable(db, project.config.calendar, first, last);
    for (const month of project.months) {
      progress(`metrics ${month}`);
      reports[month] = await monthReport(db, month, { config: project.config, provided: loaded.provided });
    }
  } finally {
    db.close();
  }
  lap("metrics");

  const model: SiteModel = {
    config: project.config,
    locale: options.locale ?? project.config.locale,
    months: project.months,
    reports,
    files: loaded.files,
    problems: v.problems,
    definitions: [{ section: "overview", items: OVERVIEW }],
    tool: { name: "gekkan", version: toolVersion(), schemaVersion: SCHEMA_VERSION },
  };
  // The model and Astro's cache live in a private temp dir, so concurrent builds never share files.
  const work = mkdtempSync(join(tmpdir(), "gekkan-build-"));
  const modelPath = join(work, "site.json");
  writeFileSync(modelPath, JSON.stringify(model));
  const staging = `${outDir}.tmp-${process.pid}`;
  mkdirSync(dirname(outDir), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  progress("rendering pages");
  let pages: number;
  try {
    pages = await withLock(join(TOOL_ROOT, ".astro"), () =>
      renderAstro({ modelPath, outDir: staging, base: options.base ?? project.config.base, cacheDir: join(work, "astro-cache"), root }));
  } catch (e) {
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
  return { ok: true, problems: v.problems, outDir, timings, pages };
}

async function renderAstro(o: { modelPath: string; outDir: string; base: string; cacheDir: string; root: string }): Promise<number> {
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  process.env.GEKKAN_SITE_JSON = o.modelPath;
  process.env.GEKKAN_PROJECT = o.root;
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
