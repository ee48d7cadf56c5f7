// What a metric of the overview leaves out, said beside it: deals without an amount that an amount
// sum does not include, records velocity cannot use. Sentences from the report's counts; none when
// nothing was left out, or when the edition was frozen before the count existed.
import { formatCount } from "../../site/format.ts";
import type { Labels } from "../../site/labels.ts";
import { isNotInEdition } from "../section.ts";
import type { LABELS } from "./labels.ts";
import type { Overview } from "./schema.ts";

type OverviewLabels = Labels<typeof LABELS>;

/** `label(id)`: a metric's label as the page shows it (pipeline_amount, won_amount). */
export function amountNotes(
  o: Overview,
  t: OverviewLabels,
  locale: "ja" | "en",
  label: (id: "pipeline_amount" | "won_amount") => string,
): string[] {
  const m = o.amountMissing;
  if (m === null || isNotInEdition(m)) return [];
  const n = (v: number) => formatCount(v, { locale });
  const notes: string[] = [];
  if (m.pipeline > 0) notes.push(t.pipelineLeftOut(label("pipeline_amount"), n(m.pipeline), n(m.open), m.pipeline === 1));
  if (m.won > 0) notes.push(t.wonLeftOut(label("won_amount"), n(m.won), m.won === 1));
  return notes;
}

/** `stage(id)`: a stage's label. */
export function velocityNotes(o: Overview, t: OverviewLabels, locale: "ja" | "en", stage: (id: string) => string): string[] {
  return o.transitions.flatMap((x) => {
    const k = x.velocity.excluded;
    return k ? [t.velocityLeftOut(stage(x.from), stage(x.to), formatCount(k, { locale }), k === 1)] : [];
  });
}
