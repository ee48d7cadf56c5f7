// The report's sections, in navigation order: the one list. The routes, the navigation, the
// narrative's notes, the metric definitions on the data page and in editions, the trends page, the
// print edition, the report's schema and the valid targets.csv ids are all derived from it.
import { z } from "zod";
import type { Config } from "../schema/config.ts";
import { DATASET_NAMES } from "../schema/dataset.ts";
import { LABELS } from "../site/labels.ts";
import { accounts } from "./accounts/index.ts";
import { benchmark } from "./benchmark/index.ts";
import { content } from "./content/index.ts";
import { efficiency } from "./efficiency/index.ts";
import { handoff } from "./handoff/index.ts";
import { overview } from "./overview/index.ts";
import { pipeline } from "./pipeline/index.ts";
import { plan } from "./plan/index.ts";
import { definitionOf, notInEditionSchema, type Definition, type Metric, type Text } from "./section.ts";
import { sla } from "./sla/index.ts";
import { winloss } from "./winloss/index.ts";

export const SECTIONS = [overview, pipeline, winloss, plan, efficiency, accounts, benchmark, content, handoff, sla] as const;

export type ReportSection = (typeof SECTIONS)[number];
export type SectionId = ReportSection["id"];
export type MetricId = ReportSection["metrics"][number]["id"];

/**
 * The pages of a month, in navigation order: every section, then the data appendix (a page of its
 * own: it computes nothing).
 */
export const DATA_PAGE = "data";
export type PageId = SectionId | typeof DATA_PAGE;
export const PAGES: readonly PageId[] = [...SECTIONS.map((s) => s.id), DATA_PAGE];

/** The section at a month's root (/YYYY-MM/); the others are at /YYYY-MM/<id>/. */
export const MONTH_HOME: SectionId = "overview";

export function sectionOf(id: string): ReportSection | undefined {
  return SECTIONS.find((s) => s.id === id);
}

/** A page's label (the tab, the title); an id no section has any more (a frozen edition's) is its own label. */
export function pageLabel(id: string): Text {
  if (id === DATA_PAGE) return LABELS.dataAppendix;
  return sectionOf(id)?.label ?? { en: id, ja: id };
}

/** The shape of a month's report: each section's output under its id. */
function sectionShapes<const T extends readonly ReportSection[]>(list: T) {
  const shape: Partial<Record<SectionId, z.ZodType>> = {};
  for (const s of list) shape[s.id] = s.schema;
  // Typed by the list it was built from: the one assertion that ties ids to schemas.
  return shape as { [S in T[number] as S["id"]]: S["schema"] };
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The report month, its as-of day (the month's end) and the datasets its folder provides. */
export const reportBase = {
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** End of the month in the project's zone: the data is a month-close snapshot. */
  asOf: day,
  /** Datasets the month's folder provides. */
  provided: z.array(z.enum(DATASET_NAMES)),
};

/** One month's report: every number its pages show, as an edition freezes it. */
export const monthReportSchema = z.strictObject({ ...reportBase, ...sectionShapes(SECTIONS) });
export type MonthReport = z.infer<typeof monthReportSchema>;

/** The shape of a published month's report: each section's output, or the note that its edition did not have it. */
function editionShapes<const T extends readonly ReportSection[]>(list: T) {
  const shape: Partial<Record<SectionId, z.ZodType>> = {};
  for (const s of list) shape[s.id] = z.union([s.schema, notInEditionSchema]);
  // Typed by the list it was built from, as sectionShapes.
  return shape as { [S in T[number] as S["id"]]: z.ZodUnion<[S["schema"], typeof notInEditionSchema]> };
}

/**
 * A month's report as its pages show it: computed now (a MonthReport), or read from an edition
 * (edition/format.ts), where a section the edition predates is NOT_IN_EDITION.
 */
export const shownReportSchema = z.strictObject({ ...reportBase, ...editionShapes(SECTIONS) });
export type ShownReport = z.infer<typeof shownReportSchema>;

export interface DefinitionGroup {
  section: string;
  items: Definition[];
}

/** Every metric definition, per section: shown on the data page and frozen into editions. */
export const ALL_DEFINITIONS: DefinitionGroup[] = SECTIONS.map((s) => ({
  section: s.id,
  items: s.metrics.filter((m: Metric) => !m.internal).map(definitionOf),
}));

/** The metric ids targets.csv may name: each metric's headline ids (some follow the configuration). */
export function targetIds(config: Config): string[] {
  return SECTIONS.flatMap((s) =>
    s.metrics.flatMap((m: Metric) => (m.targets === "self" ? [m.id] : m.targets ? [...m.targets(config)] : [])),
  );
}

/** The target ids of shares (ratios of 0 to 1): a target above 1 for one is a percentage without its sign. */
export function shareTargetIds(config: Config): string[] {
  return SECTIONS.flatMap((s) =>
    s.metrics.flatMap((m: Metric) =>
      m.unit !== "ratio" || m.exceedsOne ? [] : m.targets === "self" ? [m.id] : m.targets ? [...m.targets(config)] : [],
    ),
  );
}

/** The metrics the trends page lines up, each with its section. */
export const TREND_METRICS: { section: SectionId; metric: Metric }[] = SECTIONS.flatMap((s) =>
  s.metrics.filter((m: Metric) => m.trend).map((metric) => ({ section: s.id, metric })),
);

/** A headline as a section's output keeps it: its value and target, and its denominator where it has one. */
export type HeadlineValue = { value: number | null; target: number | null; denominator?: number };

/**
 * Every headline in a section's output by id (the metric's number), wherever the output keeps it:
 * the first of each id in the output's order (arrays in order, members but `series` in theirs).
 */
export function headlinesOf(output: unknown): Map<string, HeadlineValue> {
  const found = new Map<string, HeadlineValue>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x && typeof x === "object") {
      if ("id" in x && typeof x.id === "string" && "value" in x && (typeof x.value === "number" || x.value === null) && !found.has(x.id))
        found.set(x.id, {
          value: x.value,
          target: "target" in x && typeof x.target === "number" ? x.target : null,
          ...("denominator" in x && typeof x.denominator === "number" ? { denominator: x.denominator } : {}),
        });
      for (const [k, v] of Object.entries(x)) if (k !== "series") walk(v);
    }
  };
  walk(output);
  return found;
}
