// What a metric on a page leaves out, said beside it: deals without an amount that an amount sum
// does not include, records velocity cannot use. Sentences from a report's counts; nothing when
// nothing was left out (or when the edition was frozen before the count existed).
import type { Overview } from "../metrics/overview.ts";
import { formatCount, type Locale } from "./format.ts";

/** `label(id)`: a metric's label as the page shows it (pipeline_amount, won_amount). */
export function amountNotes(o: Overview, locale: Locale, label: (id: string) => string): string[] {
  const m = o.amountMissing;
  if (!m) return [];
  const n = (v: number) => formatCount(v, { locale });
  const notes: string[] = [];
  if (m.pipeline > 0)
    notes.push(
      locale === "ja"
        ? `${label("pipeline_amount")}には金額のない商談 ${n(m.pipeline)} 件（うち進行中 ${n(m.open)} 件）を含みません。`
        : `${label("pipeline_amount")} leaves out ${n(m.pipeline)} deal${m.pipeline === 1 ? "" : "s"} without an amount (${n(m.open)} of them open).`,
    );
  if (m.won > 0)
    notes.push(
      locale === "ja"
        ? `${label("won_amount")}には金額のない受注 ${n(m.won)} 件を含みません。`
        : `${label("won_amount")} leaves out ${n(m.won)} won deal${m.won === 1 ? "" : "s"} without an amount.`,
    );
  return notes;
}

/** `stage(id)`: a stage's label. */
export function velocityNotes(o: Overview, locale: Locale, stage: (id: string) => string): string[] {
  return o.transitions
    .filter((x) => (x.velocity.excluded ?? 0) > 0)
    .map((x) => {
      const k = x.velocity.excluded!;
      const n = formatCount(k, { locale });
      return locale === "ja"
        ? `所要日数（${stage(x.from)} → ${stage(x.to)}）は、日付の順序が逆（${stage(x.to)}が${stage(x.from)}より前）の ${n} 件を除いています。`
        : `Velocity ${stage(x.from)} → ${stage(x.to)} leaves out ${n} record${k === 1 ? "" : "s"} whose stages are dated out of order (${stage(x.to)} before ${stage(x.from)}).`;
    });
}
