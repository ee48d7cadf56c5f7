// Rendering the site's pages with the pages' bundle (site/bundle.ts): Astro's app, asked for each
// page with the route that renders it.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as turn } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { App } from "astro/app";
import { BUNDLE_ENTRY } from "./bundle.ts";
import type { SiteModel } from "./model.ts";

/** A page of the site: its path under the base ("" or ending in "/") and its file under src/pages/. */
export interface SitePage {
  path: string;
  page: string;
}

/** The app of the bundle in `dir` (made: site/bundle.ts). */
export async function loadApp(dir: string): Promise<App> {
  const { app } = (await import(pathToFileURL(join(dir, BUNDLE_ENTRY)).href)) as { app: App };
  return app;
}

/**
 * Renders `pages` into `outDir` with the app of the bundle in `dir`, each page its own file
 * (`<path>/index.html`, as `transform` makes it from Astro's HTML). A page's error fails the
 * render. Under the render lock (site/lock.ts), with the model provided (site/model.ts).
 */
export async function renderPages(
  app: App,
  pages: readonly SitePage[],
  o: { dir: string; outDir: string; transform?: (html: string) => string },
): Promise<void> {
  const routes = new Map(app.manifest.routes.map((r) => [r.routeData.component, r.routeData]));
  // As in Astro's static build: not a 500 page written as the page.
  app.renderError = async (_request, options) => {
    throw options.error ?? new Error(`a page answered ${options.status}`);
  };
  mkdirSync(o.outDir, { recursive: true });
  for (const { path, page } of pages) {
    const routeData = routes.get(`src/pages/${page}`);
    if (!routeData) throw new Error(`the pages' bundle has no page src/pages/${page}`);
    // The route is given, not matched: "/2026-10/r1/" is a view's home, not the section "r1" of "2026-10".
    const response = await app.render(new Request(new URL(path, "http://gekkan.invalid/")), { routeData });
    if (response.status !== 200) throw new Error(`rendering /${path} answered ${response.status}`);
    const dir = join(o.outDir, path);
    mkdirSync(dir, { recursive: true });
    const html = await response.text();
    writeFileSync(join(dir, "index.html"), o.transform ? o.transform(html) : html);
  }
}

/** What a render worker (site/render-worker.ts) is given: the bundle, where pages go, and the model to copy. */
export interface WorkerSetup {
  dir: string;
  outDir: string;
  model: SiteModel;
  /** Japanese phrase breaks in every page (site/phrases.ts), as this thread's `transform` adds them. */
  phraseBreaks: boolean;
}

/** What a render worker says: ready for more pages (after each group), or the error that stopped it. */
export type WorkerMessage = { ready: true } | { error: string; stack?: string };

/**
 * Renders `groups` of pages into `outDir` as renderPages does, on this thread and on `helpers`
 * worker threads at once, and copies the files the browser fetches beside them. Astro renders on
 * one thread, which left a core idle in a build rendering many pages (docs/performance.md). Each
 * group is rendered whole on one thread (a view's pages share their charts, site/model.ts); each
 * worker loads the bundle's app itself, gets a copy of the model, and takes the next group when it
 * is done with one, as this thread does. The first error stops every thread and fails the render.
 */
export async function renderGroups(
  app: App,
  groups: readonly (readonly SitePage[])[],
  o: { transform?: (html: string) => string; helpers: number } & WorkerSetup,
): Promise<void> {
  const queue = [...groups];
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    queue.length = 0;
  };
  // Each worker's first group is given as it starts: it renders one at least, whatever this thread does meanwhile.
  const workers = Array.from({ length: Math.min(o.helpers, queue.length - 1) }, () => helper(queue.shift()!, queue, o, fail));
  try {
    for (let group = queue.shift(); group; group = queue.shift()) {
      await renderPages(app, group, o).catch((e: Error) => fail(e));
      // A turn of the event loop, so a worker that is done with its group gets the next one.
      await turn();
    }
    await Promise.all(workers.map((w) => w.done));
  } finally {
    for (const w of workers) await w.worker.terminate();
  }
  if (failure) throw failure;
  // Files the browser fetches (public/, bundled client code), should the pages ever have any.
  const client = join(o.dir, "client");
  if (existsSync(client) && readdirSync(client).length) cpSync(client, o.outDir, { recursive: true });
}

/** A render worker rendering `first`, then groups from `queue` until it is empty; `done` settles when it has stopped. */
function helper(
  first: readonly SitePage[],
  queue: (readonly SitePage[])[],
  setup: WorkerSetup,
  fail: (e: Error) => void,
): { worker: Worker; done: Promise<void> } {
  const { dir, outDir, model, phraseBreaks } = setup;
  const workerData: WorkerSetup & { first: readonly SitePage[] } = { dir, outDir, model, phraseBreaks, first };
  const worker = new Worker(new URL("./render-worker.ts", import.meta.url), { workerData });
  const done = new Promise<void>((resolve) => {
    let stopped = false;
    // Its first word is the last: terminating it afterwards is no failure.
    const stop = (e?: Error) => {
      if (stopped) return;
      stopped = true;
      if (e) fail(e);
      resolve();
    };
    worker.on("message", (m: WorkerMessage) => {
      if ("error" in m) return stop(Object.assign(new Error(m.error), { stack: m.stack }));
      const group = queue.shift();
      if (group) worker.postMessage(group);
      else stop();
    });
    worker.on("error", stop);
    worker.on("exit", (code) => stop(code === 0 ? undefined : new Error(`a render worker stopped (exit code ${code})`)));
  });
  return { worker, done };
}
