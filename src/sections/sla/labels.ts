// The follow-up SLA's own labels (its metrics' labels are in metrics.ts).
import type { SlaRule } from "../../schema/config.ts";
import type { Catalogue } from "../../site/labels.ts";

export const LABELS = {
  met: { en: "Met", ja: "遵守" },
  breached: { en: "Breached", ja: "違反" },
  open: { en: "Open", ja: "期限内" },
  /** A rule in words, e.g. "First call within 3 business days of handoff" (`label`: the rule's, in the page's locale). */
  ruleWithin: (label: string, within: number, unit: SlaRule["unit"]) => ({
    en: `${label} within ${within} ${unit === "business_days" ? "business days" : "calendar days"} of handoff`,
    ja: `引き渡しから${within}${unit === "business_days" ? "営業日" : "日"}以内に${label}`,
  }),
  /** A chart or table of `what`, by owner. */
  byOwner: (what: string) => ({ en: `${what} (by owner)`, ja: `${what} (担当者別)` }),
  handoffCount: { en: "Handoffs", ja: "引き渡し件数" },
  handoffs: { en: "Handoffs", ja: "件数" },
  noHandoff: { en: "No handoff was due this month.", ja: "当月の引き渡しはありません。" },
  owner: { en: "Owner", ja: "担当者" },
  breachedIds: { en: "Lead ids that breached", ja: "違反したリード ID" },
  median: { en: "Median", ja: "中央値" },
  hours: { en: " h", ja: "時間" },
  /** A time-to-first-touch bucket: as the metric names it, but the handoffs never touched in words. */
  touchBucket: (bucket: string) => (bucket === "never" ? { en: "never", ja: "未接触" } : { en: bucket, ja: bucket }),
  timeFromHandoff: { en: "Time from handoff", ja: "引き渡しからの時間" },
  bucket: { en: "Bucket", ja: "区分" },
  /** An age bucket in days ("0-3 d", "0-3日"). */
  days: (bucket: string) => ({ en: `${bucket} d`, ja: `${bucket}日` }),
  daysSinceHandoff: { en: "Days since handoff", ja: "経過日数" },
} as const satisfies Catalogue;
