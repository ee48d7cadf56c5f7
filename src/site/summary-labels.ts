// The executive summary's words (the headline strip, the biggest changes, the needs-action panel)
// and the home page's, in both locales.
import type { Catalogue } from "./labels.ts";

export const SUMMARY_LABELS = {
  executiveSummary: { en: "The month at a glance", ja: "今月のサマリー" },
  headlineStrip: { en: "Headline numbers against target", ja: "主要指標と目標に対する状況" },
  statusMet: { en: "Met", ja: "達成" },
  statusRisk: { en: "At risk", ja: "注意" },
  statusMissed: { en: "Missed", ja: "未達" },
  statusNone: { en: "No target", ja: "目標なし" },
  /** Status with the attainment: "Missed · 87% of target". */
  ofTarget: (percent: string) => ({ en: `${percent} of target`, ja: `目標比 ${percent}` }),
  /** The status rule, with the view's at-risk threshold ("90%"). */
  statusRule: (atRisk: string) => ({
    en: `Status against target: met at 100% or more, at risk from ${atRisk}, missed below (for a cost, the other way round).`,
    ja: `目標に対する状況：100%以上で達成、${atRisk}以上で注意、それ未満で未達（コストなど低いほど良い指標は逆）。`,
  }),
  biggestChanges: { en: "Biggest changes since last month", ja: "前月からの主な変化" },
  noChanges: { en: "No comparable number for last month.", ja: "前月と比較できる数値がありません。" },
  /** A count or an amount that was 0 last month: no relative change says how far it moved. */
  fromZero: { en: "up from zero", ja: "ゼロから増加" },
  /** "was 1,120": the previous month's value beside a change. */
  was: (value: string) => ({ en: `last month ${value}`, ja: `前月 ${value}` }),
  better: { en: "better", ja: "改善" },
  worse: { en: "worse", ja: "悪化" },
  needsAction: { en: "Needs action", ja: "要対応" },
  levelAlert: { en: "Act now", ja: "要対応" },
  levelWatch: { en: "Watch", ja: "注視" },
  nothingNeedsAction: { en: "Nothing needs action this month.", ja: "今月、対応が必要な項目はありません。" },
  cases: (n: string) => ({ en: n, ja: `${n}件` }),
  // Restatements.
  attainmentFlip: { en: "Against target", ja: "目標に対する状況" },
  flipped: (before: string, after: string) => ({ en: `flipped: ${before} → ${after}`, ja: `変化：${before} → ${after}` }),
  /** A headline the superseded revision did not have (a section its edition predates). */
  notInPrevious: { en: "not in the superseded revision", ja: "旧版になし" },
  unchangedStatus: (status: string) => ({ en: `unchanged (${status})`, ja: `変化なし（${status}）` }),
  seeSuperseded: (revision: number) => ({ en: `See the superseded revision ${revision}`, ja: `旧版（第${revision}版）を見る` }),
  supersededBadge: { en: "Superseded", ja: "旧版" },
  olderRevisions: { en: "Older revisions", ja: "旧版" },
  // The home page.
  monthUnderReview: { en: "Month under review", ja: "レビュー対象の月" },
  newestPublished: (month: string) => ({ en: `Newest published month: ${month}`, ja: `最新の公開版：${month}` }),
  supersededRevision: { en: "superseded", ja: "旧版" },
  openMonth: (month: string) => ({ en: `Open ${month}`, ja: `${month}のレポートを開く` }),
} as const satisfies Catalogue;
