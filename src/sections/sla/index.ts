// The follow-up SLA: compliance per rule by deadline month and per owner, the month's handoffs as of
// its end, time to first touch, handoffs never touched.
import { dropPreparedTable, type AttentionItem, type Section, type SummaryItem } from "../section.ts";
import { prepareSla, slaMetrics } from "./compute.ts";
import { LABELS } from "./labels.ts";
import { METRICS } from "./metrics.ts";
import { slaSchema, type Sla } from "./schema.ts";

const COMPLIANCE = { en: "SLA compliance", ja: "SLA遵守率" };

/** A rule's anchor on the SLA page (Rule.astro). */
const ruleAnchor = (rule: string) => `sla-${rule.replaceAll("_", "-")}`;

/**
 * Each rule's compliance: final when judged by deadline month (every handoff of the population is
 * decided by the month's end), provisional when an edition froze it by handoff month.
 */
export function slaSummary(output: Sla): SummaryItem[] {
  return output.rules.map((r) => ({
    metric: "sla_compliance",
    // One headline per rule: the rule names it.
    label: { en: `${r.rule.label.en}: ${COMPLIANCE.en}`, ja: `${r.rule.label.ja}：${COMPLIANCE.ja}` },
    headline: r.compliance,
    maturity: r.judgedBy === "deadline_month" ? "final" : "provisional",
  }));
}

/**
 * Per rule: handoffs due this month that breached (alert) and the month's handoffs still open with
 * 7 days or less left (watch); and the handoffs never touched for more than 3 days (alert). Counts
 * are null when the month lacks leads or activities.
 */
export function slaAttention(output: Sla): AttentionItem[] {
  const known = (n: number) => (output.provided ? n : null);
  const items: AttentionItem[] = [];
  for (const r of output.rules) {
    if (r.judgedBy !== "deadline_month") continue;
    const id = ruleAnchor(r.rule.id);
    items.push({
      id: `${id}-breached`,
      label: attentionText(LABELS.attentionBreached, r.rule.label),
      count: known(r.breached),
      anchor: `${id}-by-owner-table`,
      level: "alert",
    });
    const soon = r.handoffs.daysLeft.reduce((a, b) => a + (b.bucket === "1-3" || b.bucket === "4-7" ? b.count : 0), 0);
    items.push({
      id: `${id}-open`,
      label: attentionText(LABELS.attentionOpen, r.rule.label),
      count: known(soon),
      anchor: `${id}-handoffs-by-owner`,
      level: "watch",
    });
  }
  const aged = output.untouched.buckets.reduce((a, b) => a + (b.bucket === "0-3" ? 0 : b.count), 0);
  items.push({ id: "sla-untouched", label: LABELS.attentionUntouched, count: known(aged), anchor: "untouched-by-owner", level: "alert" });
  return items;
}

/** A label of a rule in both locales, from a label function and the rule's own label. */
function attentionText(f: (label: string) => { en: string; ja: string }, label: { en: string; ja: string }) {
  return { en: f(label.en).en, ja: f(label.ja).ja };
}

export const sla = {
  id: "sla",
  label: { en: "Follow-up SLA", ja: "フォローアップSLA" },
  metrics: METRICS,
  schema: slaSchema,
  since: 2,
  summary: slaSummary,
  attention: slaAttention,
  prepare: prepareSla,
  compute: (db, ctx, table, targets) => slaMetrics(db, ctx, table, targets),
  release: dropPreparedTable,
} satisfies Section<"sla", Sla, string, typeof METRICS>;
