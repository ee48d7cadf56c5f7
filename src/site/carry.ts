// Carrying a month's pages over from the previous build. A month's pages are a function of what the
// site model holds for it (its views, their narratives included), the links its navigation shows,
// the site-wide settings and the templates (the tool's own files): when none of these changed, the previous
// build's pages are the pages this build would render, so they are carried over (linked) instead of rendered.
// Adding a month to a published site then renders the new month, the month before it (its "next"
// link appears) and the site's own pages; the month a year before it keeps its pages (the new
// month links to it, not it to the new month).
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { monthNavigation } from "./navigation.ts";
import type { MonthView, SiteModel } from "./model.ts";

/** Each month's key, as the build that wrote a site computed it (in the site's root). */
export const PAGES_MANIFEST = ".gekkan-pages.json";

/** The tool's files a page depends on: its code and templates, and the packages that render them. */
const TEMPLATE_ROOTS = ["src", "astro.config.mjs", "package-lock.json", "package.json"];

/** A hash of every file a page's markup can depend on, by path and content. */
export function templatesFingerprint(toolRoot: string): string {
  const hash = createHash("sha256");
  for (const rel of TEMPLATE_ROOTS) {
    const path = join(toolRoot, rel);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { withFileTypes: true, recursive: true })
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name))
          .sort()
      : [path];
    for (const file of files)
      hash
        .update(`${relative(toolRoot, file)}\0`)
        .update(readFileSync(file))
        .update("\0");
  }
  return hash.digest("hex");
}

/** The views of a month: its current one ("2026-10") and its older revisions ("2026-10/r1"). */
function viewsOf(model: SiteModel, month: string): Record<string, MonthView> {
  return Object.fromEntries(Object.entries(model.views).filter(([key]) => key === month || key.startsWith(`${month}/`)));
}

/**
 * Every month's key: a hash of everything its pages are made from. `sources`: by view key, what a
 * view was made from, in place of the view itself (a published view: its edition's files, by their
 * SHA-256, and the settings the build applied to them; the templates cover the code that did it).
 */
export function monthKeys(model: SiteModel, templates: string, sources: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const site = { config: model.config, locale: model.locale, base: model.base, tool: model.tool };
  const keys = new Map<string, string>();
  for (const month of model.months) {
    const hash = createHash("sha256").update(
      JSON.stringify({ templates, site, navigation: monthNavigation(month, model.months) }, sortedKeys),
    );
    for (const [key, view] of Object.entries(viewsOf(model, month)))
      hash.update(`\0${key}\0`).update(sources.has(key) ? `source\0${sources.get(key)}` : viewText(view));
    keys.set(month, hash.digest("hex"));
  }
  return keys;
}

/**
 * A view as the key hashes it. A published view is read from its edition's file, whose keys come in
 * the file's order, the same on every build: it is hashed as it is (sorting every object's keys
 * was most of the keys' time). A draft's keys are sorted (sortedKeys).
 */
function viewText(view: Partial<MonthView>): string {
  const published = view.edition !== undefined && view.edition.status !== "draft";
  return published ? JSON.stringify(view) : JSON.stringify(view, sortedKeys);
}

/**
 * Objects with their keys in order: a count by reason comes from a query without an order, in
 * another order on another run, and keyed as it came a month that had not changed was rendered again.
 * The pages list such counts in an order of their own (the reasons' list), never the object's.
 */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The months whose pages the site in `previous` holds for the same key (none when it holds no site). */
export function carriedMonths(previous: string, keys: ReadonlyMap<string, string>): string[] {
  let before: Record<string, string>;
  try {
    before = JSON.parse(readFileSync(join(previous, PAGES_MANIFEST), "utf8")) as Record<string, string>;
  } catch {
    return [];
  }
  return [...keys].filter(([month, key]) => before[month] === key && existsSync(join(previous, month, "index.html"))).map(([m]) => m);
}

/**
 * The carried months' pages (every view of the month: its folder) in the new site, each file a
 * hard link to the previous site's, or a copy where the disk cannot link: the build never writes
 * into a page once rendered, and removes the previous site after the swap (site/build.ts).
 */
export function carryOver(previous: string, site: string, months: readonly string[]): void {
  for (const month of months) linkTree(join(previous, month), join(site, month));
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [a, b] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(a, b);
    else
      try {
        linkSync(a, b);
      } catch {
        copyFileSync(a, b);
      }
  }
}

export function writeManifest(site: string, keys: ReadonlyMap<string, string>, write: (path: string, text: string) => void): void {
  write(join(site, PAGES_MANIFEST), `${JSON.stringify(Object.fromEntries(keys), null, 1)}\n`);
}
