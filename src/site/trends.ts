// The headline metrics the trends page lines up (the registry's trend metrics), each read from its
// own month's report, with the month's target where targets.csv had one.
import { addMonths } from "../metrics/context.ts";
import { type HeadlineValue, headlinesOf, sectionOf, TREND_METRICS } from "../sections/registry.ts";
import { isNotInEdition, outputOf, type Metric, type Text } from "../sections/section.ts";
import type { ValueUnit } from "./format.ts";
import type { SiteModel } from "./model.ts";
import { noCases } from "./provided.ts";
import { statusOf, type Status } from "./summary.ts";

export interface TrendMetric {
  id: string;
  label: Text;
  unit: ValueUnit;
  better: NonNullable<Metric["better"]>;
  value(month: string): number | null;
  /**
   * The month's report has the data and no value (site/provided.ts noCases, or, for a headline
   * without a denominator, Section.noCases): "-", not "not provided".
   */
  noCases(month: string): boolean;
  /** An attainment whose month's report has no target for it (Section.untargeted): "no target", not "not provided". */
  noTarget(month: string): boolean;
  /**
   * The month's edition predates the metric's section (NOT_IN_EDITION): not measured when it was
   * published, as its own page says, not a dataset it lacked ("not provided").
   */
  notInEdition(month: string): boolean;
  /** The month's value is provisional, as its section's page marks it (Section.provisional). */
  provisional(month: string): boolean;
  target(month: string): number | null;
}

export function trendMetrics(s: SiteModel): TrendMetric[] {
  // A month's section output walked once for all its metrics: value, target and noCases each ask,
  // and the walk goes through the whole output.
  const headlines = new Map<string, Map<string, HeadlineValue>>();
  return TREND_METRICS.map(({ section, metric }) => {
    const at = (month: string) => {
      const key = `${month}/${section}`;
      let found = headlines.get(key);
      if (!found) headlines.set(key, (found = headlinesOf(s.views[month]?.report[section])));
      return found.get(metric.id);
    };
    const hooks = sectionOf(section) as
      | {
          untargeted?: (o: never, metric: string) => boolean;
          noCases?: (o: never, metric: string, provided: readonly string[]) => boolean;
          provisional?: (o: never, metric: string) => boolean;
        }
      | undefined;
    /** The section's output of the month, and the datasets its report has. */
    const outputAt = (month: string) => {
      const r = s.views[month]?.report;
      const output = r ? outputOf(r[section] as object) : undefined;
      return r && output !== undefined ? { output: output as never, provided: r.provided } : undefined;
    };
    return {
      id: metric.id,
      label: metric.label,
      unit: metric.unit,
      better: metric.better ?? "higher",
      value: (month: string) => at(month)?.value ?? null,
      noCases: (month: string) => {
        const h = at(month);
        if (h !== undefined && noCases(h)) return true;
        const o = outputAt(month);
        return o !== undefined && (hooks?.noCases?.(o.output, metric.id, o.provided) ?? false);
      },
      noTarget: (month: string) => {
        const o = outputAt(month);
        return o !== undefined && (hooks?.untargeted?.(o.output, metric.id) ?? false);
      },
      target: (month: string) => at(month)?.target ?? null,
      notInEdition: (month: string) => isNotInEdition(s.views[month]?.report[section]),
      provisional: (month: string) => {
        const o = outputAt(month);
        return o !== undefined && (hooks?.provisional?.(o.output, metric.id) ?? false);
      },
    };
  });
}

/** What a group of trends says about `month`: each metric's status against its target, and its change on a year before. */
export interface TrendTakeaway {
  /**
   * Metrics with a final value and a target in the month, by status (the month's summary's
   * statuses); a provisional value is not judged.
   */
  met: TrendMetric[];
  risk: TrendMetric[];
  missed: TrendMetric[];
  /**
   * The metric that moved most against the same month a year before (relative change; for a ratio,
   * the change in points), when any has both values.
   */
  mover: { metric: TrendMetric; change: number } | null;
}

/** `atRisk`: the month's own at-risk threshold (MonthView.summary.atRisk), as its summary judges its statuses. */
export function trendTakeaway(metrics: readonly TrendMetric[], month: string, atRisk: number): TrendTakeaway {
  const yearBefore = addMonths(month, -12);
  const status = (m: TrendMetric): Status => statusOf({ value: m.value(month), target: m.target(month) }, m.better, atRisk);
  const judged = metrics.filter((m) => !m.provisional(month) && status(m) !== "none");
  let mover: TrendTakeaway["mover"] = null;
  for (const metric of metrics) {
    const now = metric.value(month);
    const before = metric.value(yearBefore);
    // A provisional number is compared with no finished one (the maturity rule).
    if (now === null || before === null || metric.provisional(month) || metric.provisional(yearBefore)) continue;
    const change = metric.unit === "ratio" ? now - before : before === 0 ? null : (now - before) / Math.abs(before);
    // A group shares one unit, so its changes compare like with like (points for ratios).
    if (change === null) continue;
    if (!mover || Math.abs(change) > Math.abs(mover.change)) mover = { metric, change };
  }
  const by = (s: Status) => judged.filter((m) => status(m) === s);
  return { met: by("met"), risk: by("risk"), missed: by("missed"), mover };
}
