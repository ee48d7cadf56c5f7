// Carrying a month's pages over from the previous build. A month's pages are a function of what the
// site model holds for it (its views, their narratives included), the links its navigation shows,
// the site-wide settings and the templates (the tool's own files): when none of these changed, the previous
// build's pages are the pages this build would render, so they are carried over (linked) instead of rendered.
// When only the links changed, the previous pages are carried with their links rewritten, to what
// the layout writes for them (site/navigation.ts). Adding a month to a published site then renders
// the new month and the site's own pages, and rewrites the links of the month before it (its
// "next" link appears); the month a year before it keeps its pages (the new month links to it, not
// it to the new month).
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { MONTH_HOME, PAGES, type PageId } from "../sections/registry.ts";
import { type MonthNavigation, monthNavigation } from "./navigation.ts";
import type { MonthView, SiteModel } from "./model.ts";

/** Each month's key, as the build that wrote a site computed it (in the site's root). */
export const PAGES_MANIFEST = ".gekkan-pages.json";

/**
 * The tool's files a page depends on: its code and templates, the files Astro serves beside them, how
 * TypeScript is compiled, and the packages that render them.
 */
const TEMPLATE_ROOTS = ["src", "public", "astro.config.mjs", "tsconfig.json", "package-lock.json", "package.json"];

/** A hash of every file a page's markup can depend on, by path and content. */
export function templatesFingerprint(toolRoot: string): string {
  const hash = createHash("sha256");
  for (const rel of TEMPLATE_ROOTS) {
    const path = join(toolRoot, rel);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory() ? filesUnder(path).map((f) => join(path, f)) : [path];
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
 * Every month's key: a hash of everything its pages are made from but their links to other months
 * (monthPages). `sources`: by view key, what a view was made from, in place of the view itself (a
 * published view: its edition's files, by their SHA-256, and the settings the build applied to
 * them; the templates cover the code that did it).
 */
export function monthKeys(model: SiteModel, templates: string, sources: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const site = { config: model.config, locale: model.locale, base: model.base, tool: model.tool };
  const keys = new Map<string, string>();
  for (const month of model.months) {
    const hash = createHash("sha256").update(JSON.stringify({ templates, site }, sortedKeys));
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

/** What a site's pages of a month were made from: its key (monthKeys) and its links to other months. */
export interface MonthPages {
  key: string;
  navigation: MonthNavigation;
}

/** Every month's pages: its key and its links. */
export function monthPages(model: SiteModel, keys: ReadonlyMap<string, string>): Map<string, MonthPages> {
  return new Map([...keys].map(([month, key]) => [month, { key, navigation: monthNavigation(month, model.months) }]));
}

/** A month whose pages the previous site holds for the same key, under other links. */
export interface Relink {
  month: string;
  before: MonthNavigation;
  after: MonthNavigation;
}

/**
 * The months whose pages the site in `previous` holds for the same key: as they are (`carried`),
 * or with other links (`relink`). None when it holds no site, or one a build before this format wrote.
 */
export function carriedMonths(previous: string, pages: ReadonlyMap<string, MonthPages>): { carried: string[]; relink: Relink[] } {
  let before: Record<string, Partial<MonthPages> | string>;
  try {
    before = JSON.parse(readFileSync(join(previous, PAGES_MANIFEST), "utf8")) as typeof before;
  } catch {
    return { carried: [], relink: [] };
  }
  const carried: string[] = [];
  const relink: Relink[] = [];
  for (const [month, now] of pages) {
    const was = before[month];
    if (typeof was !== "object" || was.key !== now.key || !was.navigation || !existsSync(join(previous, month, "index.html"))) continue;
    if (sameNavigation(was.navigation, now.navigation)) carried.push(month);
    else relink.push({ month, before: was.navigation, after: now.navigation });
  }
  return { carried, relink };
}

const sameNavigation = (a: MonthNavigation, b: MonthNavigation) => a.prev === b.prev && a.next === b.next && a.lastYear === b.lastYear;

/**
 * By month, the files of the months to relink, by path in the site: a page read from the previous
 * site with its links rewritten, or undefined for a file other than a page (linked as it is). A
 * month any of whose pages does not hold its old links exactly once is left out: it is rendered.
 * `links`: a page's links to other months as the render writes them (monthNavHtml, and whatever
 * the render does to a page's text after Astro, the phrase breaks).
 */
export function relinkedPages(
  previous: string,
  relink: readonly Relink[],
  links: (nav: MonthNavigation, page: PageId) => string,
): Map<string, Map<string, string | undefined>> {
  const out = new Map<string, Map<string, string | undefined>>();
  for (const { month, before, after } of relink) {
    const files = new Map<string, string | undefined>();
    let whole = true;
    for (const rel of filesUnder(join(previous, month))) {
      const path = join(previous, month, rel);
      if (!rel.endsWith(".html")) {
        files.set(`${month}/${rel}`, undefined);
        continue;
      }
      const page = pageOf(rel);
      const [was, now] = [links(before, page), links(after, page)];
      const html = readFileSync(path, "utf8");
      const at = html.indexOf(was);
      if (at < 0 || html.indexOf(was, at + 1) >= 0) {
        whole = false;
        break;
      }
      files.set(`${month}/${rel}`, html.slice(0, at) + now + html.slice(at + was.length));
    }
    if (whole) out.set(month, files);
  }
  return out;
}

/**
 * The page whose links a page of a month's folder follows, by its path there ("sla/index.html",
 * "r1/data/index.html"): the last folder that names a page, else the month's home (the home
 * itself, a print edition, an older revision's home), as the layout is given it.
 */
export function pageOf(rel: string): PageId {
  const folders = rel.split("/").slice(0, -1);
  return (folders.reverse().find((f) => (PAGES as readonly string[]).includes(f)) as PageId | undefined) ?? MONTH_HOME;
}

/** Paths of the files under `dir`, relative to it, in the order of the system's paths, with "/" between folders. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
    .map((f) => f.split(sep).join("/"));
}

/** Write the relinked months' files into the new site, linking those other than pages. */
export function writeRelinked(
  previous: string,
  site: string,
  relinked: ReadonlyMap<string, ReadonlyMap<string, string | undefined>>,
  write: (path: string, text: string) => void,
): void {
  for (const files of relinked.values())
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(site, rel)), { recursive: true });
      if (text === undefined) linkOrCopy(join(previous, rel), join(site, rel));
      else write(join(site, rel), text);
    }
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
    else linkOrCopy(a, b);
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

export function writeManifest(site: string, pages: ReadonlyMap<string, MonthPages>, write: (path: string, text: string) => void): void {
  write(join(site, PAGES_MANIFEST), `${JSON.stringify(Object.fromEntries(pages), null, 1)}\n`);
}
