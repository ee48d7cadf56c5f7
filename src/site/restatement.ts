// A restatement's changed headline numbers in words: the metric's label, its values formatted in its
// unit, and whether attainment against target flipped.
import { SECTIONS } from "../sections/registry.ts";
import type { Metric, Text, Unit } from "../sections/section.ts";
import type { HeadlineChange } from "../edition/freeze.ts";
import type { Config } from "../schema/config.ts";
import { statusOf, type Status } from "./summary.ts";

export interface ChangeInWords {
  change: HeadlineChange;
  label: Text;
  unit: Unit;
  /** Status against the month's target before and after; undefined without a target. */
  status?: { before: Status; after: Status };
}

/** The metric a headline id names: its own id, or one of the ids its `targets` gives (sla_<rule>). */
function metricOf(id: string, config: Config): { metric: Metric; label?: Text } | undefined {
  for (const s of SECTIONS)
    for (const m of s.metrics as readonly Metric[]) {
      if (m.id === id) return { metric: m };
      if (typeof m.targets === "function" && m.targets(config).includes(id)) {
        const rule = config.sla.rules.find((r) => `sla_${r.id}` === id);
        if (rule) return { metric: m, label: { en: `${rule.label.en} ${m.label.en}`, ja: `${rule.label.ja} ${m.label.ja}` } };
        const stages = stagesOf(id, config);
        return { metric: m, label: stages ? { en: `${m.label.en} (${stages.en})`, ja: `${m.label.ja}（${stages.ja}）` } : undefined };
      }
    }
  return undefined;
}

/** The stages a conversion_<from>_<to> id names, in words ("MQL → SQL"). */
function stagesOf(id: string, config: Config): Text | undefined {
  const labels = config.stages.labels as Record<string, Text | undefined>;
  for (const from of Object.keys(labels)) {
    const to = id.startsWith(`conversion_${from}_`) ? id.slice(`conversion_${from}_`.length) : undefined;
    const a = labels[from];
    const b = to === undefined ? undefined : labels[to];
    if (a && b) return { en: `${a.en} → ${b.en}`, ja: `${a.ja} → ${b.ja}` };
  }
  return undefined;
}

/** `atRisk`: the restating revision's at-risk threshold (MonthView.summary.atRisk), for both statuses. */
export function changesInWords(changes: readonly HeadlineChange[], config: Config, atRisk = 0.9): ChangeInWords[] {
  return changes.map((change) => {
    const found = metricOf(change.id, config);
    const label = found?.label ?? found?.metric.label ?? { en: change.id, ja: change.id };
    const unit = found?.metric.unit ?? "number";
    const better = found?.metric.better;
    // Each revision against its own target, as its pages showed it: the new target made the old
    // number look met (or at risk) where its revision had said otherwise, or had no target at all.
    const { target } = change;
    const status =
      target.before === null && target.after === null
        ? undefined
        : {
            before: statusOf({ value: change.before, target: target.before }, better, atRisk),
            after: statusOf({ value: change.after, target: target.after }, better, atRisk),
          };
    return { change, label, unit, status };
  });
}
