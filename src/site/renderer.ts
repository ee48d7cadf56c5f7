// Rendering the site's pages with the pages' bundle (site/bundle.ts): Astro's app, asked for each
// page with the route that renders it.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as turn } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { App } from "astro/app";
import { BUNDLE_ENTRY } from "./bundle.ts";
import { codeOf, pathOf } from "./failure.ts";
import type { SiteModel } from "./model.ts";

/** A page of the site: its path under the base ("" or ending in "/") and its file under src/pages/. */
export interface SitePage {
  path: string;
  page: string;
}

/** The app of the bundle in `dir` (made: site/bundle.ts). */
export async function loadApp(dir: string): Promise<App> {
  const { app } = (await import(pathToFileURL(join(dir, BUNDLE_ENTRY)).href)) as { app: App };
  // The site's pages' modules too, not when the first page of each is rendered: the build loads
  // the app while DuckDB computes the months, and the render waits for nothing to load.
  const pages = [...(app.manifest.pageMap ?? [])].filter(([component]) => component.startsWith("src/pages/"));
  await Promise.all(pages.map(async ([, load]) => (await load()).page()));
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

/** What a render worker says: started (its app loaded), done with a group, or the error that stopped it. */
export type WorkerMessage = { started: true } | { rendered: true } | { error: SentError };

/** An error as a worker sends it back, with what the build's report of a failure reads (site/failure.ts). */
export interface SentError {
  message: string;
  name?: string;
  stack?: string;
  code?: string;
  path?: string;
}

/** `e` as a worker sends it: with the system error code and path the build's report of a failure finds in it. */
export function sentError(e: unknown): SentError {
  if (!(e instanceof Error)) return { message: String(e) };
  return { message: e.message, name: e.name, stack: e.stack, code: codeOf(e), path: pathOf(e) };
}

/** The error a worker sent, as this thread throws it. */
export function receivedError(sent: SentError): Error {
  const e = new Error(sent.message) as Error & { code?: string; path?: string };
  if (sent.name) e.name = sent.name;
  if (sent.stack) e.stack = sent.stack;
  if (sent.code) e.code = sent.code;
  if (sent.path) e.path = sent.path;
  return e;
}

/**
 * Renders `groups` of pages into `outDir` as renderPages does, on this thread and on `helpers`
 * worker threads at once, and copies the files the browser fetches beside them. Astro renders on
 * one thread, which left a core idle in a build rendering many pages (docs/performance.md). Each
 * group is rendered whole on one thread (a view's pages share their charts, site/model.ts); each
 * worker loads the bundle's app itself, gets a copy of the model, and holds two groups at a time,
 * so it never waits for this thread to hand it the next. A worker that cannot start leaves its
 * groups to this thread; the first error of a page stops the workers and fails the render.
 */
export async function renderGroups(
  app: App,
  groups: readonly (readonly SitePage[])[],
  o: { transform?: (html: string) => string; helpers: number } & WorkerSetup,
): Promise<void> {
  const queue = [...groups];
  const workers: Helper[] = [];
  let failure: Error | undefined;
  const fail = (e: Error) => {
    failure ??= e;
    queue.length = 0;
    // What they render is thrown away with the staging folder: no need to wait for their groups.
    for (const w of workers) void w.worker.terminate();
  };
  try {
    for (let i = 0; i < Math.min(o.helpers, queue.length - 1); i++) {
      const w = helper(queue, o, fail);
      if (!w) break; // no thread to be had: this thread renders the rest
      workers.push(w);
    }
    // This thread's share; then, once the workers have stopped, the groups of one that could not start.
    for (;;) {
      for (let group = queue.shift(); group && !failure; group = queue.shift()) {
        await renderPages(app, group, o).catch((e: Error) => fail(e));
        // A turn of the event loop, so a worker that is done with a group gets the next one.
        await turn();
      }
      await Promise.all(workers.map((w) => w.done));
      if (!queue.length || failure) break;
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  if (failure) throw failure;
  // Files the browser fetches (public/, bundled client code), should the pages ever have any.
  const client = join(o.dir, "client");
  if (existsSync(client) && readdirSync(client).length) cpSync(client, o.outDir, { recursive: true });
}

/** A render worker; `done` settles once it has stopped, whatever the reason. */
interface Helper {
  worker: Worker;
  done: Promise<void>;
}

/**
 * A render worker taking groups from `queue`, two at a time, until it is empty; none when no
 * thread can be started. A worker that stops before it has started puts its groups back.
 */
function helper(queue: (readonly SitePage[])[], setup: WorkerSetup, fail: (e: Error) => void): Helper | undefined {
  const { dir, outDir, model, phraseBreaks } = setup;
  let worker: Worker;
  try {
    worker = new Worker(new URL("./render-worker.ts", import.meta.url), { workerData: { dir, outDir, model, phraseBreaks } });
  } catch {
    return undefined;
  }
  // The groups handed over and not rendered yet, in the order the worker renders them.
  const held: (readonly SitePage[])[] = [];
  const give = () => {
    const group = queue.shift();
    if (!group) return;
    held.push(group);
    worker.postMessage(group);
  };
  give();
  give();
  let started = false;
  const done = new Promise<void>((resolve) => {
    let stopped = false;
    // Its first word after its last group is its last: terminating it afterwards is no failure.
    const stop = (e?: Error) => {
      if (stopped) return;
      stopped = true;
      if (!started) queue.unshift(...held.splice(0));
      else if (e) fail(e);
      else if (held.length) fail(new Error("a render worker stopped before it had rendered its pages"));
      resolve();
    };
    worker.on("message", (m: WorkerMessage) => {
      if ("started" in m) started = true;
      else if ("error" in m) stop(receivedError(m.error));
      else {
        held.shift();
        give();
        if (!held.length) stop();
      }
    });
    worker.on("error", (e) => stop(e));
    worker.on("exit", (code) => stop(code === 0 ? undefined : new Error(`a render worker stopped (exit code ${code})`)));
  });
  return { worker, done };
}
