// The pages' renderer: Astro's server build of the pages, bundled once for the tool's files and a
// base path, kept under <tool root>/.astro/renderer/, and asked for each page a build renders. The
// pages read the build's model (site/model.ts), not their bundle, so a build whose templates did not
// change loads the bundle made before instead of bundling the pages again (docs/performance.md,
// "The pages bundled once").
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AstroIntegration } from "astro";
import type { App } from "astro/app";
import { sharedModules } from "./shared-modules.ts";

/** A page of the site: its path under the base ("" or ending in "/") and its file under src/pages/. */
export interface SitePage {
  path: string;
  page: string;
}

/** What renders the pages: the bundle's app, or Astro's builder when no bundle was made for these files yet. */
export type Renderer = { app: App } | { astro: typeof import("astro") };

/** Bundles kept for other files or base paths (a build with --base, an older checkout): the newest few. */
const KEPT_BUNDLES = 4;

const ENTRY = join("server", "entry.mjs");

/** The bundle's folder for the tool's files (their fingerprint, site/carry.ts) and a base path. */
export function bundleDir(toolRoot: string, templates: string, base: string): string {
  const key = createHash("sha256").update(JSON.stringify({ templates, base })).digest("hex").slice(0, 16);
  return join(toolRoot, ".astro", "renderer", key);
}

/**
 * Starts loading the renderer: the bundle in `dir` if one was made, or else Astro's builder to make
 * one (`renderPages` does, under the render lock).
 */
export async function openRenderer(dir: string): Promise<Renderer> {
  const entry = join(dir, ENTRY);
  if (existsSync(entry)) return { app: await importApp(entry) };
  return { astro: await import("astro") };
}

/**
 * Renders `pages` into `outDir` with the renderer, bundling the pages into `dir` first when it
 * holds no bundle. Under the render lock (site/lock.ts): bundles are made and pruned one at a time.
 */
export async function renderPages(
  renderer: Renderer,
  pages: readonly SitePage[],
  o: { toolRoot: string; dir: string; base: string; cacheDir: string; outDir: string },
): Promise<void> {
  const app = "app" in renderer ? renderer.app : await bundledApp(renderer.astro, o);
  const routes = new Map(app.manifest.routes.map((r) => [r.routeData.component, r.routeData]));
  // A page's error fails the build, as it fails Astro's static build: not a 500 page written as the page.
  app.renderError = async (_request, options) => {
    throw options.error ?? new Error(`a page answered ${options.status}`);
  };
  mkdirSync(o.outDir, { recursive: true });
  for (const { path, page } of pages) {
    const routeData = routes.get(`src/pages/${page}`);
    if (!routeData) throw new Error(`the pages' bundle has no page src/pages/${page}`);
    // The route is given, not matched: "/2026-10/r1/" is a view's home, not the section "r1" of "2026-10".
    const response = await app.render(new Request(new URL(`${o.base}${path}`, "http://gekkan.invalid")), { routeData });
    if (response.status !== 200) throw new Error(`rendering ${o.base}${path} answered ${response.status}`);
    const dir = join(o.outDir, path);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), await response.text());
  }
  // Files the browser fetches (src/public/ and bundled client code), if the pages ever have any.
  const client = join(o.dir, "client");
  if (existsSync(client) && readdirSync(client).length) cpSync(client, o.outDir, { recursive: true });
}

/** The app of the bundle in `dir`, made now unless another build made it since this one looked. */
async function bundledApp(
  astro: typeof import("astro"),
  o: { toolRoot: string; dir: string; base: string; cacheDir: string },
): Promise<App> {
  const entry = join(o.dir, ENTRY);
  if (!existsSync(entry)) await bundle(astro, o);
  return importApp(entry);
}

async function importApp(entry: string): Promise<App> {
  const { app } = (await import(pathToFileURL(entry).href)) as { app: App };
  return app;
}

/** Astro's server build of the pages into `dir`, written beside it and moved in whole. */
async function bundle(astro: typeof import("astro"), o: { toolRoot: string; dir: string; base: string; cacheDir: string }): Promise<void> {
  const staging = `${o.dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  // No content sync: the pages read no content collection (narratives are read as an edition freezes
  // them, into the model), and the sync started a temporary Vite server on every build
  // (docs/performance.md). An option of Astro's builder its typings leave out, hence the variable.
  const builder: Parameters<typeof astro.build>[1] & { sync: boolean } = { sync: false };
  try {
    await astro.build(
      {
        root: o.toolRoot,
        outDir: staging,
        base: o.base,
        cacheDir: o.cacheDir,
        logLevel: "warn",
        output: "server",
        adapter: adapter(o.toolRoot),
        // The pages show no images: no image service (the default one, sharp, is for images at request time).
        image: { service: { entrypoint: "astro/assets/services/noop" } },
        vite: { plugins: [sharedModules(o.toolRoot)] },
      },
      builder,
    );
    pruneBundles(join(o.dir, ".."));
    rmSync(o.dir, { recursive: true, force: true });
    renameSync(staging, o.dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Removes all but the newest bundles but one, which the caller is about to add. */
function pruneBundles(parent: string): void {
  if (!existsSync(parent)) return;
  const bundles = readdirSync(parent)
    .filter((name) => !name.includes(".tmp-"))
    .map((name) => ({ path: join(parent, name), time: statSync(join(parent, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { path } of bundles.slice(KEPT_BUNDLES - 1)) rmSync(path, { recursive: true, force: true });
}

/** The adapter the pages' server build needs: its entry is an app that renders a page on request. */
function adapter(toolRoot: string): AstroIntegration {
  const name = "gekkan-renderer";
  return {
    name,
    hooks: {
      "astro:config:done": ({ setAdapter }) =>
        setAdapter({
          name,
          entrypointResolution: "auto",
          serverEntrypoint: join(toolRoot, "src", "site", "server-entry.ts"),
          supportedAstroFeatures: { staticOutput: "stable", serverOutput: "stable" },
        }),
    },
  };
}
