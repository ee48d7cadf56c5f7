// The month's executive summary: every section's headline numbers with their status against target,
// the biggest changes since last month, and what needs action, from the view's report (so a published
// month's summary comes from its edition).
import { addMonths, round } from "../metrics/context.ts";
import type { Headline } from "../metrics/headline.ts";
import { SECTIONS, type SectionId } from "../sections/registry.ts";
import { outputOf, type AttentionItem, type Metric, type SummaryItem, type Text, type Unit } from "../sections/section.ts";
import type { Config } from "../schema/config.ts";
import { definitionOf, type MonthView } from "./model.ts";

export type Status = "met" | "risk" | "missed" | "none";

/**
 * A headline's status against its target: met at or above it, at risk from `atRisk` of it (the view's
 * config.status.atRisk, as the plan and efficiency pages judge theirs), missed below. For a metric
 * where lower is better the ratio is inverted (target / value): 10% over a cost target is as far off
 * as 10% under a lead target. "none" when there is no target or no value.
 */
export function statusOf(h: Pick<Headline, "value" | "target">, better: Metric["better"], atRisk: number): Status {
  if (h.value === null || h.target === null || h.target === 0) return "none";
  const ratio = better === "lower" ? (h.value === 0 ? Number.POSITIVE_INFINITY : h.target / h.value) : h.value / h.target;
  if (ratio >= 1) return "met";
  if (ratio >= atRisk) return "risk";
  return "missed";
}

/** Month-on-month change as the card shows it: percentage points for a ratio, relative otherwise. */
export function changeOf(h: Headline, unit: Unit): number | null {
  if (h.empty || h.value === null || h.previous === null) return null;
  if (unit === "ratio") return h.value - h.previous;
  return h.previous === 0 ? null : (h.value - h.previous) / Math.abs(h.previous);
}

export interface Tile {
  /** Unique on the page (the metric id, or the headline id where one metric gives several). */
  key: string;
  section: SectionId;
  label: Text;
  unit: Unit;
  better: "higher" | "lower";
  headline: Headline;
  maturity: SummaryItem["maturity"];
  status: Status;
  /** As changeOf; null for a provisional number (never compared with finished ones). */
  change: number | null;
  /**
   * A final number that moved from zero: last month's was 0 with its data there (not an export that
   * held no records), this month's is not. No relative change measures the move. Never in an edition
   * older than format 13, whose biggest changes left such moves out (view.summary.fromZero).
   */
  fromZero: boolean;
}

export interface Attention extends AttentionItem {
  section: SectionId;
}

export interface ExecutiveSummary {
  tiles: Tile[];
  /**
   * The final numbers that moved most since last month, at most `CHANGES`: those that moved from zero
   * first (a bigger move than any relative change), then by relative change (of the rate, for a ratio).
   */
  changes: Tile[];
  attention: Attention[];
}

/**
 * The tile's "of target" share: value / target. A lower-is-better metric's headline attainment is
 * target / value (format 11), so its share is worked from the value and target, as it was frozen.
 */
export function ofTarget(t: Pick<Tile, "better" | "headline">): number | null {
  const { value, target, attainment } = t.headline;
  if (t.better === "higher") return attainment;
  return value !== null && target ? round(value / target) : null;
}

export const CHANGES = 3;

/** "Revenue gap's main cause: win rate" (the role first, then the metric's label). */
function withRole(role: Text | undefined, label: Text): Text {
  return role ? { en: `${role.en}: ${label.en}`, ja: `${role.ja}：${label.ja}` } : label;
}

export function executiveSummary(view: MonthView, config: Config): ExecutiveSummary {
  const tiles: Tile[] = [];
  const attention: Attention[] = [];
  for (const section of SECTIONS) {
    const output = outputOf(view.report[section.id] as object);
    if (!output) continue;
    const def = definitionOf(view, section as { id: string; metrics: readonly Metric[] });
    const summary = (section as { summary?: (o: never, c: Config) => SummaryItem[] }).summary;
    for (const item of summary?.(output as never, config) ?? []) {
      // A section's own metric, or one another section defines (the plan's gap may lie in the MQLs).
      const has = (s: { metrics: readonly Metric[] }) => s.metrics.some((m) => m.id === item.metric);
      const home = has(section as { metrics: readonly Metric[] })
        ? section
        : SECTIONS.find((s) => has(s as { metrics: readonly Metric[] }));
      if (!home) throw new Error(`${section.id}.summary names ${item.metric}, which no section defines`);
      const metric = (home.metrics as readonly Metric[]).find((m) => m.id === item.metric)!;
      const homeDef = home === section ? def : definitionOf(view, home as { id: string; metrics: readonly Metric[] });
      const better = metric.better ?? "higher";
      const h = item.headline;
      const lastMonth = h.series.find((p) => p.month === addMonths(view.month, -1));
      tiles.push({
        key: item.headline.id,
        section: section.id,
        label: item.label ?? withRole(item.role, homeDef(metric.id).label),
        unit: metric.unit,
        better,
        headline: item.headline,
        maturity: item.maturity,
        status: statusOf(item.headline, better, view.summary.atRisk),
        change: item.maturity === "provisional" ? null : changeOf(item.headline, metric.unit),
        fromZero:
          view.summary.fromZero &&
          item.maturity === "final" &&
          !h.empty &&
          !lastMonth?.empty &&
          h.previous === 0 &&
          h.value !== null &&
          h.value !== 0,
      });
    }
    const attend = (section as { attention?: (o: never, c: Config) => AttentionItem[] }).attention;
    for (const item of attend?.(output as never, config) ?? []) attention.push({ ...item, section: section.id });
  }
  const moved = (t: Tile) => (t.headline.mom === null ? 0 : Math.abs(t.headline.mom));
  // Ties keep the strip's order (a stable sort): the same list on every build.
  const changes = tiles
    .filter((t) => t.fromZero || (t.change !== null && t.change !== 0 && t.headline.mom !== null))
    .sort((a, b) => Number(b.fromZero) - Number(a.fromZero) || moved(b) - moved(a))
    .slice(0, CHANGES);
  return { tiles, changes, attention };
}
