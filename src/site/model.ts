// The site model: what the build step computed, as the pages read it. Pages never query data.
// A view is one edition of one month: the current one at "2026-10", older revisions at "2026-10/r1".
import { definitionOf as definitionFrom, isNotInEdition, type Definition, type Metric, type NotInEdition } from "../sections/section.ts";
import type { DefinitionGroup, ShownReport } from "../sections/registry.ts";
import type { HeadlineChange } from "../edition/freeze.ts";
import type { FrozenFile, SummaryRules } from "../edition/format.ts";
import type { FrozenNarrative } from "../edition/narrative.ts";
import { config as configSchema, type Config } from "../schema/config.ts";
import type { Problem } from "../validate/problem.ts";

export type EditionStatus = "draft" | "published" | "restated";

export interface EditionInfo {
  status: EditionStatus;
  /** Revision shown by this view (none for a live draft). */
  revision?: number;
  /** False for an older revision kept readable at /YYYY-MM/rN/. */
  current: boolean;
  publishedAt?: string;
  publisher?: string;
  reason?: string;
  /** Every revision of the month, oldest first, with the key of its view. */
  history: { revision: number; publishedAt: string; reason?: string; key: string }[];
  /** Headline numbers this revision changed from the previous one. */
  changes: HeadlineChange[];
}

export interface MonthView {
  key: string;
  month: string;
  /** Computed now (a draft) or read from its edition, where a section the edition predates is NOT_IN_EDITION. */
  report: ShownReport;
  appendix: { files: FrozenFile[]; problems: Problem[] };
  /** The definitions in force: today's for a draft, the frozen ones for an edition (format 1 froze none). */
  definitions: DefinitionGroup[] | NotInEdition;
  edition: EditionInfo;
  /** Configuration in force for this view (frozen with a published edition). */
  config: Record<string, unknown>;
  /** The executive summary's rules: the config's for a draft, an edition's as frozen (edition/format.ts). */
  summary: SummaryRules;
  /**
   * The narrative this view shows (null: none): frozen with its edition; for a draft, and for an
   * edition of a format before 13, reports/YYYY-MM.md as the build read it.
   */
  narrative: FrozenNarrative | null;
}

export interface SiteModel {
  config: Config;
  /** Locale the site is rendered in (config.locale unless the build overrides it). */
  locale: "ja" | "en";
  /** Months with a current view, ascending. */
  months: string[];
  views: Record<string, MonthView>;
  /** Base path the site is served under, starting and ending with "/". */
  base: string;
  tool: { name: string; version: string; schemaVersion: number };
  /** Months whose pages are copied from the previous build instead of rendered (site/carry.ts). */
  carried?: string[];
}

/**
 * The model of the build rendering, shared through the process's global object: the build
 * (site/build.ts) and the pages' bundle (site/bundle.ts) hold separate module instances of this
 * file in one process. Handing the model over in memory spares writing it out as JSON and parsing
 * it back (docs/performance.md). One at a time: renders take the render lock (site/lock.ts).
 */
const MODEL = Symbol.for("gekkan.site-model");
const shared = globalThis as { [MODEL]?: SiteModel };

/** Make `model` the site() until the returned function is called. */
export function provideSite(model: SiteModel): () => void {
  if (shared[MODEL]) throw new Error("another build's site model is being rendered in this process");
  shared[MODEL] = model;
  return () => {
    if (shared[MODEL] === model) delete shared[MODEL];
  };
}

/** The model of the build under way. */
export function site(): SiteModel {
  const model = shared[MODEL];
  if (!model) throw new Error("no site model to render: build the site with `npm run build`, not `astro build`");
  return model;
}

/** Charts already rendered, by model (a build) and then by view and figure id (see chartOf). */
const charts = new WeakMap<SiteModel, Map<string, string>>();

/**
 * A view's chart, rendered once per build: a month's section page and its print page show the same
 * figures, and rendering each twice was a third of the render stage. The
 * figure id is unique within a view, and a build renders one locale, so (view, id) names one SVG.
 */
export function chartOf(view: MonthView, id: string, render: () => string): string {
  const s = site();
  let built = charts.get(s);
  if (!built) charts.set(s, (built = new Map()));
  const key = `${view.key}#${id}`;
  let svg = built.get(key);
  if (svg === undefined) built.set(key, (svg = render()));
  return svg;
}

/**
 * The configuration a view shows as in force: its own (frozen with its edition, or the project's for a
 * draft), with the locale and base path the build rendered it with (`--locale` and `--base` override the
 * configured ones): a site served under /sub/ said it was served at /.
 */
export function configInForce(view: MonthView, s: SiteModel): Record<string, unknown> {
  return { ...view.config, locale: s.locale, base: s.base };
}

/**
 * The configuration a view's words come from (stage and SLA rule labels, the fiscal year): its own,
 * frozen with its edition, so renaming a stage later does not rename it on a published month's pages;
 * the project's for a draft. A frozen configuration today's schema cannot read falls back to the project's.
 */
export function configOf(view: MonthView, s: SiteModel): Config {
  if (frozenConfigs?.site !== s) frozenConfigs = { site: s, byView: new Map() };
  let c = frozenConfigs.byView.get(view.key);
  if (c === undefined) {
    const parsed = configSchema.safeParse(view.config);
    frozenConfigs.byView.set(view.key, (c = parsed.success ? parsed.data : s.config));
  }
  return c;
}
let frozenConfigs: { site: SiteModel; byView: Map<string, Config> } | undefined;

export function formatOptions(s: SiteModel) {
  return { locale: s.locale, currency: s.config.currency, yenUnits: s.config.yenUnits };
}

/**
 * The views this build renders: every view but those of the months whose pages are carried over
 * from the previous build (site/carry.ts).
 */
export function renderedViews(s: SiteModel): string[] {
  const carried = new Set(s.carried ?? []);
  return Object.keys(s.views).filter((key) => !carried.has(s.views[key]!.month));
}

export function viewOf(key: string): MonthView {
  const v = site().views[key];
  if (!v) throw new Error(`no view ${key}`);
  return v;
}

/** The newest published month, if any. */
export function latestPublished(s: SiteModel): string | undefined {
  return [...s.months].reverse().find((m) => s.views[m]!.edition.status !== "draft");
}

/**
 * A metric's definition as this view shows it: the one frozen with its edition, else today's
 * (format 1 editions froze none).
 */
export function definitionOf<M extends readonly Metric[]>(
  view: MonthView,
  section: { id: string; metrics: M },
): (id: M[number]["id"]) => Definition {
  const current = section.metrics.map(definitionFrom);
  const frozen = isNotInEdition(view.definitions) ? current : (view.definitions.find((g) => g.section === section.id)?.items ?? current);
  return (id) => frozen.find((d) => d.id === id) ?? current.find((d) => d.id === id)!;
}
