// The follow-up SLA's own labels (its metrics' labels are in metrics.ts).
import type { SlaRule } from "../../schema/config.ts";
import type { Catalogue } from "../../site/labels.ts";

/** The time-to-first-touch buckets (schema.ts's TOUCH_BUCKETS) in words. */
const TOUCH_BUCKET_LABELS: Record<string, { en: string; ja: string }> = {
  "<1h": { en: "< 1 h", ja: "1時間未満" },
  "1-4h": { en: "1–4 h", ja: "1〜4時間" },
  "4-24h": { en: "4–24 h", ja: "4〜24時間" },
  "1-3d": { en: "1–3 days", ja: "1〜3日" },
  "3-7d": { en: "3–7 days", ja: "3〜7日" },
  "7d+": { en: "7 days +", ja: "7日以上" },
  never: { en: "never", ja: "未接触" },
};

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
  touchBucket: (bucket: string) => TOUCH_BUCKET_LABELS[bucket] ?? { en: bucket, ja: bucket },
  /** An owner as the output names it; the leads with no owner in words. */
  ownerName: (owner: string) => (owner === "unassigned" ? { en: "(unassigned)", ja: "（未割当）" } : { en: owner, ja: owner }),
  /** The compliance chart's takeaway. */
  complianceTakeaway: (rule: string, value: string, target: string | null, status: string | null) => ({
    en: `${rule}: ${value}${target ? ` against a target of ${target}` : ""}${status ? ` (${status})` : ""}`,
    ja: `${rule}：${value}${target ? `（目標 ${target}）` : ""}${status ? ` ${status}` : ""}`,
  }),
  /** The never-touched chart's takeaway. */
  untouchedTakeaway: (total: string, old: string) => ({
    en: `${total} handoffs never followed up, ${old} of them for 31 days or more`,
    ja: `一度も対応していない引き渡し ${total}件、うち31日以上 ${old}件`,
  }),
  /** The first-touch chart's takeaway. */
  firstTouchTakeaway: (median: string, never: string) => ({
    en: `Half the handoffs were touched within ${median} h; ${never} never`,
    ja: `引き渡しの半数は${median}時間以内に接触、未接触は${never}件`,
  }),
  timeFromHandoff: { en: "Time from handoff", ja: "引き渡しからの時間" },
  bucket: { en: "Bucket", ja: "区分" },
  /** An age bucket in days ("0-3 d", "0-3日"). */
  days: (bucket: string) => ({ en: `${bucket} d`, ja: `${bucket}日` }),
  daysSinceHandoff: { en: "Days since handoff", ja: "経過日数" },
} as const satisfies Catalogue;
