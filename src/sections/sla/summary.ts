// The follow-up SLA's headline numbers and what needs action, for the month's executive summary.
import type { AttentionItem, SummaryItem, Text } from "../section.ts";
import type { Sla } from "./schema.ts";

const COMPLIANCE: Text = { en: "SLA compliance", ja: "SLA遵守率" };

/**
 * One compliance per rule. Provisional while handoffs of the month are still open at its end (their
 * deadline is after it): the rate counts only the decided ones, and the open ones may still breach.
 */
export function slaSummary(sla: Sla): SummaryItem[] {
  if (!sla.provided) return [];
  return sla.rules.map((r) => ({
    metric: "sla_compliance",
    label: { en: `${r.rule.label.en} ${COMPLIANCE.en}`, ja: `${r.rule.label.ja} ${COMPLIANCE.ja}` },
    headline: r.compliance,
    maturity: r.open > 0 ? "provisional" : "final",
  }));
}

const ruleAnchor = (rule: string) => `sla-${rule.replaceAll("_", "-")}`;

/** Breached handoffs per rule (act now), still-open ones (watch), and handoffs never touched. */
export function slaAttention(sla: Sla): AttentionItem[] {
  const provided = sla.provided;
  const items: AttentionItem[] = sla.rules.flatMap((r) => [
    {
      id: `attention-${ruleAnchor(r.rule.id)}-breached`,
      label: { en: `${r.rule.label.en}: SLA breached`, ja: `${r.rule.label.ja}：SLA違反` },
      count: provided ? r.breached : null,
      anchor: `${ruleAnchor(r.rule.id)}-by-owner`,
      level: "alert" as const,
    },
    {
      id: `attention-${ruleAnchor(r.rule.id)}-open`,
      label: { en: `${r.rule.label.en}: open, deadline after month end`, ja: `${r.rule.label.ja}：期限内で未対応` },
      count: provided ? r.open : null,
      anchor: `${ruleAnchor(r.rule.id)}-by-owner`,
      level: "watch" as const,
    },
  ]);
  const old = sla.untouched.buckets.find((b) => b.bucket === "31+")?.count ?? 0;
  items.push(
    {
      id: "attention-untouched",
      label: { en: "Handoffs never followed up", ja: "引き渡し後に一度も対応なし" },
      count: provided ? sla.untouched.total : null,
      anchor: "untouched",
      level: "alert",
    },
    {
      id: "attention-untouched-old",
      label: { en: "…of which handed over 31+ days ago", ja: "うち引き渡しから31日以上" },
      count: provided ? old : null,
      anchor: "untouched-by-owner",
      level: "alert",
    },
  );
  return items;
}
