// The whole build: validate, compute every month's report, render with Astro into a temporary
// directory, and only then replace dist/. A failure at any stage leaves the previous dist/ as it was.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ALL_DEFINITIONS } from "../sections/registry.ts";
import { computeReports } from "../metrics/executor.ts";
import type { MonthReport } from "../sections/registry.ts";
import { frozenFile, frozenProblem } from "../edition/format.ts";
import { headlineChanges, summaryRulesOf } from "../edition/freeze.ts";
import { readNarrative } from "../edition/narrative.ts";
import { scopeOf } from "../model/load.ts";
import { validateProject, type Validated } from "../model/pipeline.ts";
import { SCHEMA_VERSION } from "../schema/dataset.ts";
import { isNotInEdition } from "../sections/section.ts";
import { maskedValues, maskPersonal, maskValues, publishedProblem } from "../validate/mask.ts";
import { policyKey } from "../edition/checked.ts";
import type { Edition } from "../edition/edition.ts";
import { hasErrors, type Problem } from "../validate/problem.ts";
import {
  carriedMonths,
  carryOver,
  monthKeys,
  monthPages,
  relinkedPages,
  templatesFingerprint,
  writeManifest,
  writeRelinked,
} from "./carry.ts";
import { writeFailure } from "./failure.ts";
import { monthNavHtml } from "./navigation.ts";
import { shownConfig, withOwnerPolicy } from "./privacy.ts";
import { withLock } from "./lock.ts";
import { normalizeBase, outDirProblem, removeLeftovers, SITE_MARKER, SITE_MARKER_TEXT } from "./output.ts";
import { provideSite, type MonthView, type SiteModel } from "./model.ts";
import { sitePageGroups } from "./pages.ts";
import type { App } from "astro/app";
import { bundleDir, makeBundle } from "./bundle.ts";
import { loadApp, renderGroups } from "./renderer.ts";

/**
 * The part of the memory limit DuckDB may hold while Astro renders (the rest of the time, its
 * DATABASE_SHARE): it only stores the validated files then, which streams, and Astro's pages need
 * the room (docs/performance.md, "Memory").
 */
const DATABASE_SHARE_WHILE_RENDERING = 0.4;

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
  /** Copy the pages of months whose inputs did not change from the site already in outDir (default on). */
  carry?: boolean;
  /** The metric code (an effect, so a test can swap it and show published months do not depend on it). */
  compute?: typeof computeReports;
  /**
   * Worker threads rendering pages beside the build's own (site/renderer.ts). Default: none for
   * fewer than PAGES_FOR_WORKERS pages, else one per core beyond two, at least one and at most three.
   */
  renderWorkers?: number;
  /** How the build writes its own files into the site (an effect, so a test can make the disk full). */
  writeFile?: (path: string, text: string) => void;
}

export interface BuildResult {
  ok: boolean;
  problems: Problem[];
  outDir: string;
  timings: Record<string, number>;
  pages?: number;
  /** Months whose pages were copied from the previous build in outDir, not rendered (site/carry.ts). */
  carried?: string[];
  /** Months whose pages were copied from the previous build with their links to other months rewritten (site/carry.ts). */
  relinked?: string[];
  /** About this machine, not the data (a cache that cannot be written): for the CLI to say. */
  notices?: Problem[];
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const root = resolve(options.root);
  const outDir = resolve(options.outDir ?? join(root, "dist"));
  const templates = templatesFingerprint(TOOL_ROOT);
  const bundle: PagesBundle = { templates, dir: bundleDir(TOOL_ROOT, templates), made: Promise.resolve() };
  try {
    return await build(options, root, outDir, bundle);
  } catch (e) {
    // A full disk, a folder it may not write: a problem, not a stack trace.
    const places = [
      { dir: dirname(outDir), label: outDir, what: "the site", elsewhere: "build elsewhere with --out" },
      { dir: tmpdir(), what: "the build's temporary files", elsewhere: "point TMPDIR at a disk with space" },
      { dir: TOOL_ROOT, label: join(TOOL_ROOT, ".astro"), what: "the renderer's working files" },
      { dir: root, label: join(root, ".gekkan"), what: "the validated-file cache" },
    ];
    const problem = writeFailure(e, root, places);
    if (!problem) throw e;
    return { ok: false, problems: [problem], outDir, timings: {} };
  } finally {
    // A build that ends before its render (bad data) leaves no bundling behind.
    await bundle.made.catch(() => {});
  }
}

/** The pages' bundle of a build: its folder, and its making (done at once when it was made before; started by `build`). */
interface PagesBundle {
  templates: string;
  dir: string;
  made: Promise<void>;
}

async function build(options: BuildOptions, root: string, outDir: string, bundle: PagesBundle): Promise<BuildResult> {
  const progress = options.progress ?? (() => {});
  const timings: Record<string, number> = {};
  // Where the site goes and its base path are checked before anything is read: the build replaces
  // its output directory as a whole.
  const base = options.base === undefined ? undefined : normalizeBase(options.base);
  const refused = [outDirProblem(root, outDir, TOOL_ROOT), base && "problem" in base ? base.problem : undefined].filter(
    (p) => p !== undefined,
  );
  if (refused.length) return { ok: false, problems: refused, outDir, timings };
  // The pages' bundle, made while the data is read if the tool's files changed since it was made.
  bundle.made = makeBundle({ toolRoot: TOOL_ROOT, dir: bundle.dir });
  bundle.made.catch(() => {});
  removeLeftovers(outDir, tmpdir(), (path) => rmSync(path, { recursive: true, force: true }));
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };

  // Files validated now are stored in the validated-file cache while Astro renders, not as they are
  // read: rendering leaves most of a core idle, and storing them took time from reading.
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
    return { ok: false, problems: v.problems, outDir, timings, notices: v.notices };
  }
  const { editions } = v;
  const problems = v.problems;
  // Published months render from their editions: only drafts are computed.
  const drafts = project.months.filter((m) => !editions.has(m));
  const computing = (options.compute ?? computeReports)(
    db,
    drafts,
    { config: project.config, provided: loaded.provided, empty: loaded.empty, versioned: true },
    progress,
  );
  computing.catch(() => {});
  // The renderer loads while DuckDB computes the months, its main thread idle (docs/performance.md).
  // After the months' first query is under way: the import holds the main thread before it first
  // yields, and that query (the deal tables, `versioned` above) keeps DuckDB busy for longer.
  const renderer = Promise.all([bundle.made.then(() => loadApp(bundle.dir)), import("./phrases.ts")]);
  renderer.catch(() => {});
  let live: Record<string, MonthReport>;
  try {
    live = await computing;
  } catch (e) {
    db.close();
    throw e;
  }
  lap("metrics");
  const toStore = cache?.deferred.length ? cache : undefined;
  const stored = toStore ? ", storing the files validated now in the cache" : "";
  let markRendered = () => {};
  const rendered = new Promise<void>((resolve) => (markRendered = resolve));
  const storing = (async () => {
    try {
      // Nothing to store: DuckDB is not made to evict its tables for nothing.
      if (!toStore) return;
      // On one connection while Astro renders, so the render keeps a core; then on two
      // (docs/performance.md). Within a smaller share of the memory limit, so that Astro's render fits beside it.
      await db.withMemoryShare(DATABASE_SHARE_WHILE_RENDERING, () => toStore.writeDeferred(db, rendered));
    } finally {
      db.close();
    }
  })();
  // Awaited below, after the render; a failed render waits for it too.
  storing.catch(() => {});

  const locale = options.locale ?? project.config.locale;
  const published = publishedViews(editions, { root, project, locale, hashes: v.editionHashes, checked: v.checked });
  const views: Record<string, MonthView> = { ...published.views };
  for (const month of drafts) views[month] = draftView(month, live[month]!, { root, project, loaded, problems, locale });
  const siteBase = base && "base" in base ? base.base : project.config.base;
  const model: SiteModel = {
    config: shownConfig(project.config),
    locale,
    months: [...new Set([...project.months, ...editions.keys()])].sort(),
    views,
    base: siteBase,
    tool: { name: "gekkan", version: toolVersion(), schemaVersion: SCHEMA_VERSION },
  };
  // A month whose pages would come out as the previous build's is copied from it, not rendered.
  const keys = monthPages(model, monthKeys(model, bundle.templates, published.sources));
  const { carried, relink } = options.carry === false ? { carried: [], relink: [] } : carriedMonths(outDir, keys);
  // A failed import fails the build as a failed render does: once the cache is stored.
  const modules = await renderer.catch(async (e: unknown) => {
    await storing.catch(() => {});
    throw e;
  });
  // A month whose links to other months alone changed keeps its pages, their links rewritten as
  // the render writes them.
  const [, { withPhraseBreaks }] = modules;
  const relinked = relinkedPages(outDir, relink, (nav, page) => {
    const html = monthNavHtml(nav, page, { base: siteBase, locale });
    return breaksPhrases(locale) ? withPhraseBreaks(html) : html;
  });
  model.carried = [...carried, ...relinked.keys()];
  const staging = `${outDir}.tmp-${process.pid}`;
  mkdirSync(dirname(outDir), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  progress(`rendering pages${carriedNote(carried.length, relinked.size)}${stored}`);
  let pages: number;
  try {
    await withLock(join(TOOL_ROOT, ".astro"), () =>
      renderSite(modules, model, { dir: bundle.dir, outDir: staging, locale, workers: options.renderWorkers }),
    );
    carryOver(outDir, staging, carried);
    writeRelinked(outDir, staging, relinked, options.writeFile ?? writeFileSync);
    pages = countPages(staging);
    // Marks the directory as a site, so the next build may replace it (site/output.ts).
    (options.writeFile ?? writeFileSync)(join(staging, SITE_MARKER), SITE_MARKER_TEXT);
    writeManifest(staging, keys, options.writeFile ?? writeFileSync);
    markRendered();
    await storing;
    v.checked?.save();
  } catch (e) {
    // The store goes on two connections, so the failure is reported sooner.
    markRendered();
    await storing.catch(() => {});
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  lap("render");
  // Swap: the old site stays until the new one is complete. Under the lock, so two builds into one
  // directory never interleave their renames (a killed build's are undone by the next: site/output.ts).
  const old = `${outDir}.old-${process.pid}`;
  await withLock(join(TOOL_ROOT, ".astro"), async () => {
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(staging, outDir);
  });
  rmSync(old, { recursive: true, force: true });
  lap("swap");
  return { ok: true, problems, outDir, timings, pages, carried, relinked: [...relinked.keys()], notices: v.notices };
}

/**
 * Whether the render gives a site's pages phrase breaks after Astro writes them (site/phrases.ts):
 * Japanese ones. A relinked page's links get them as a rendered one's do.
 */
const breaksPhrases = (locale: "ja" | "en") => locale === "ja";

/** What the render says of the months it carries over. */
function carriedNote(carried: number, relinked: number): string {
  const months = (n: number) => `${n} month${n === 1 ? "" : "s"}`;
  const notes = [
    ...(carried ? [`${months(carried)} unchanged, copied from the previous build`] : []),
    ...(relinked ? [`${months(relinked)} copied with ${relinked === 1 ? "its" : "their"} links to other months rewritten`] : []),
  ];
  return notes.length ? ` (${notes.join("; ")})` : "";
}

/** What a month's view is made with, besides its report. */
interface ViewInputs {
  root: string;
  project: Validated["project"];
  locale: "ja" | "en";
}

/**
 * Owners as privacy.owners says, on every month's pages (a publication policy, not a number), and
 * emails and phone numbers in free text masked (an edition frozen before they were is masked too).
 */
function shownReport<R extends MonthView["report"]>(report: R, { project, locale }: ViewInputs): R {
  return maskedValues(withOwnerPolicy(report, project.config.privacy, locale));
}

/** A draft's view, from the report computed now. */
function draftView(month: string, report: MonthReport, o: ViewInputs & { loaded: Validated["loaded"]; problems: Problem[] }): MonthView {
  // Through JSON, as a publish freezes it: a draft's pages are those its edition will render
  // (published views come from their files; the pages get the model in memory, see provideSite).
  return jsonCopy({
    key: month,
    month,
    report: shownReport(report, o),
    appendix: shownScope(scopeOf(month, o.loaded.files, o.problems)),
    definitions: ALL_DEFINITIONS,
    config: shownConfig(o.project.config),
    summary: summaryRulesOf(o.project.config),
    edition: { status: "draft", current: true, history: [], changes: [] },
    // Read as a publish would freeze it, so a draft shows the words its edition will keep.
    narrative: readNarrative(o.root, month),
  });
}

/**
 * Every edition's view (the current one at its month, older revisions at "YYYY-MM/rN"), and what
 * each is made from, for its month's key (site/carry.ts): its edition's files, the owner policy,
 * and a narrative the edition did not freeze.
 */
function publishedViews(
  editions: Validated["editions"],
  o: ViewInputs & { hashes: Validated["editionHashes"]; checked: Validated["checked"] },
): { views: Record<string, MonthView>; sources: Map<string, string> } {
  const { root, project, locale, hashes, checked } = o;
  // An edition's file that earlier runs found masking leaves as it is, under this policy, is not masked again.
  const policy = policyKey(project.config.privacy, locale);
  const shownEdition = (e: Edition): Edition["report"] => {
    const owned = withOwnerPolicy(e.report, project.config.privacy, locale);
    const sha = hashes.get(e);
    if (sha !== undefined && checked?.isMaskClean(sha, policy)) return owned;
    const masked = maskValues(owned);
    if (sha !== undefined && !masked.changed) checked?.noteMaskClean(sha, policy);
    return masked.value;
  };
  const views: Record<string, MonthView> = {};
  const sources = new Map<string, string>();
  for (const [month, list] of editions) {
    const history = list.map((e) => ({
      revision: e.revision,
      publishedAt: e.publishedAt,
      reason: e.reason,
      key: e === list.at(-1) ? month : `${month}/r${e.revision}`,
    }));
    const files = list.map((e) => hashes.get(e));
    list.forEach((e, i) => {
      const current = i === list.length - 1;
      const key = current ? month : `${month}/r${e.revision}`;
      const frozen = e.narrative;
      const unfrozen = isNotInEdition(frozen);
      const narrative = unfrozen ? readNarrative(root, month) : frozen;
      if (files.every((f) => f !== undefined)) sources.set(key, JSON.stringify({ files, policy, narrative: unfrozen ? narrative : null }));
      views[key] = {
        key,
        month,
        report: shownEdition(e),
        appendix: {
          files: e.appendix.files.map((f) => ({ ...f, rel: maskPersonal(f.rel) })),
          problems: e.appendix.problems.map(publishedProblem),
        },
        definitions: e.definitions,
        config: shownConfig(e.config),
        summary: e.summary,
        // An edition of a format before 13 froze no narrative: its pages show the month's file.
        narrative,
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
  return { views, sources };
}

/**
 * A build rendering at least this many pages renders them on worker threads too (site/renderer.ts):
 * a worker costs ~0.5-1 s of a core to start, and a monthly rebuild renders ~16 pages.
 */
const PAGES_FOR_WORKERS = 100;

/** Renders the model's pages (site/pages.ts) into `outDir`, with Japanese phrase breaks for a Japanese site. */
async function renderSite(
  [app, { phraseBreaker }]: [App, typeof import("./phrases.ts")],
  model: SiteModel,
  o: { dir: string; outDir: string; locale: "ja" | "en"; workers?: number },
): Promise<void> {
  const phraseBreaks = breaksPhrases(o.locale);
  // Broken as each page is written, not read back from the disk afterwards.
  const transform = phraseBreaks ? phraseBreaker() : undefined;
  const groups = sitePageGroups(model);
  const pages = groups.reduce((n, g) => n + g.length, 0);
  // One worker per core beyond this thread's, less one for DuckDB's store of the cache beside the render.
  const helpers = o.workers ?? (pages < PAGES_FOR_WORKERS ? 0 : Math.max(1, Math.min(3, availableParallelism() - 2)));
  const release = provideSite(model);
  try {
    await renderGroups(app, groups, { dir: o.dir, outDir: o.outDir, model, phraseBreaks, transform, helpers });
  } finally {
    release();
  }
}

/** A draft's files and problems as its data page shows them: as an edition freezes them, without this run's timings. */
function shownScope(scope: ReturnType<typeof scopeOf>): MonthView["appendix"] {
  return { files: scope.files.map(frozenFile), problems: scope.problems.map(frozenProblem) };
}

/** The HTML pages under `dir`. */
function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith(".html")).length;
}

function toolVersion(): string {
  return (JSON.parse(readFileSync(join(TOOL_ROOT, "package.json"), "utf8")) as { version: string }).version;
}

/** A copy of a JSON value as it reads back from JSON (no undefined members, NaN as null). */
function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
