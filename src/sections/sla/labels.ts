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
  excluded: { en: "Not due (disqualified)", ja: "対象外（不適格）" },
  /** What the month's compliance is judged on. */
  judgedByDeadline: {
    en: "Judged on the handoffs whose deadline fell in the month: every one is decided (met or breached) by the month's end, so months compare like with like.",
    ja: "期限が当月に到来した引き渡しで判定：月末までに全件の遵守・違反が確定しているため、月どうしを同じ条件で比べられます。",
  },
  /** The disqualified left out of the due, in words (`n` formatted). */
  excludedNote: (n: string) => ({
    en: `${n} disqualified before the deadline without the required activity: not due (sla.excludeDisqualified).`,
    ja: `期限前に必要な活動なく不適格となった ${n} 件は対象外（sla.excludeDisqualified）。`,
  }),
  excludedOff: {
    en: "Handoffs disqualified before the deadline are counted as due (sla.excludeDisqualified is off).",
    ja: "期限前に不適格となった引き渡しも対象に含めています（sla.excludeDisqualified は無効）。",
  },
  undecidable: {
    en: "No rate: some handoffs due this month were handed over in a month whose folder lacks activities, so whether they were met is not known.",
    ja: "率なし：当月に期限を迎えた引き渡しの一部は、活動データが無い月の引き渡しのため、遵守したか判定できません。",
  },
  noDue: { en: "No deadline fell in this month.", ja: "当月に期限を迎えた引き渡しはありません。" },
  /** The operational view: the month's handoffs as of its end. */
  handoffsOfMonth: { en: "Handed over this month, as of the month's end", ja: "当月の引き渡し（月末時点）" },
  handoffsOfMonthDef: {
    en: "Handoffs of the month, not yet all decided: breached so far, and those still open with the days left to their deadline. Not a compliance rate: it becomes one in the month of each deadline.",
    ja: "当月の引き渡しの途中経過：これまでの違反と、期限までの残り日数別の期限内件数。遵守率ではありません（各期限の月に確定します）。",
  },
  handedOver: { en: "Handed over", ja: "引き渡し" },
  breachedSoFar: { en: "Breached so far", ja: "違反（現時点）" },
  /** Open handoffs with `bucket` days left ("1-3 d left"). */
  daysLeft: (bucket: string) => ({ en: `${bucket} d left`, ja: `残り${bucket}日` }),
  daysLeftTitle: { en: "Open handoffs by days left to the deadline", ja: "期限内の引き渡し（期限までの残り日数別）" },
  /** A rule frozen by an edition before deadline-month judging. */
  handoffMonthNote: {
    en: "This edition judged the rule by handoff month as of the month's end: its compliance counts only the handoffs already decided then, and is provisional (later editions judge by deadline month).",
    ja: "この版は引き渡し月・月末時点で判定しており、その時点で確定した引き渡しのみの遵守率です（暫定値。以降の版は期限月で判定）。",
  },
  /** Needs-action items. */
  attentionBreached: (label: string) => ({ en: `${label}: breached this month`, ja: `${label}：当月の違反` }),
  attentionOpen: (label: string) => ({ en: `${label}: open, deadline within 7 days`, ja: `${label}：期限内（残り7日以内）` }),
  /** Time to first touch is measured on the month's handoffs, some still untouched at its end. */
  firstTouchProvisional: {
    en: "Provisional: handoffs of the month not yet touched at its end count as never so far, and the median and 90th percentile are of those touched by then; no comparison with earlier months.",
    ja: "暫定値：月末時点で未接触の当月の引き渡しは「未接触」として数え、中央値と90パーセンタイルはそれまでに接触したものの値です。前月などとは比較しません。",
  },
  attentionUntouched: { en: "Handoffs never touched, over 3 days", ja: "未対応の引き渡し（4日以上）" },
} as const satisfies Catalogue;
