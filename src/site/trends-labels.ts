// The trends page's words: each chart's takeaway, in both locales.
import { LABELS as PLAN_LABELS } from "../sections/plan/labels.ts";
import type { Catalogue } from "./labels.ts";
import { SUMMARY_LABELS } from "./summary-labels.ts";

export const TRENDS_LABELS = {
  /**
   * How many of the metrics with a target met it in the month, and which are at risk and which
   * missed, in the month's summary's status words (site/summary-labels.ts).
   */
  targetsMet: (month: string, met: number, judged: number, risk: string, missed: string) => {
    const en = [risk && `at risk: ${risk}`, missed && `missed: ${missed}`].filter(Boolean).join("; ");
    const ja = [risk && `${SUMMARY_LABELS.statusRisk.ja}：${risk}`, missed && `${SUMMARY_LABELS.statusMissed.ja}：${missed}`]
      .filter(Boolean)
      .join("。");
    return {
      en: `${month}: ${met} of ${judged} metrics with a target met it${en ? ` (${en})` : ""}`,
      ja: `${month}は目標のある${judged}指標のうち${met}指標が達成${ja ? `（${ja}）` : ""}`,
    };
  },
  /** The metric that moved most against the same month a year before. */
  movedMost: (metric: string, change: string) => ({
    en: `${metric} moved most on a year before (${change})`,
    ja: `前年同月比の変化が最も大きいのは${metric}（${change}）`,
  }),
  /** The two parts of a takeaway in one sentence. */
  and: (a: string, b: string) => ({ en: `${a}; ${b}`, ja: `${a}。${b}` }),
  /** A metric's target column in the table behind a chart. */
  targetOf: (metric: string) => ({ en: `${metric} target`, ja: `${metric}（目標）` }),
  /** A month whose edition predates the metric's section: its own page says "not in this edition". */
  sectionNotInEdition: { en: "not in this edition", ja: "この版にはなし" },
  /** An attainment in a month without its target: the plan page's words for a period without one. */
  noTarget: PLAN_LABELS.noTarget,
} as const satisfies Catalogue;
