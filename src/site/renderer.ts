// Rendering the site's pages with the pages' bundle (site/bundle.ts): Astro's app, asked for each
// page with the route that renders it.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { App } from "astro/app";
import { BUNDLE_ENTRY } from "./bundle.ts";

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
 * (`<path>/index.html`, as `transform` makes it from Astro's HTML), and copies the files the
 * browser fetches beside them. A page's error fails the render. Under the render lock
 * (site/lock.ts), with the model provided (site/model.ts).
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
  // Files the browser fetches (public/, bundled client code), should the pages ever have any.
  const client = join(o.dir, "client");
  if (existsSync(client) && readdirSync(client).length) cpSync(client, o.outDir, { recursive: true });
}
