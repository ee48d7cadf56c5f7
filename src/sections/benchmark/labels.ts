// The web benchmark's own labels (its metrics' labels are in metrics.ts).
import type { Catalogue, Text } from "../../site/labels.ts";

const USER_KINDS: Record<string, Text> = { new: { en: "new", ja: "新規" }, returning: { en: "returning", ja: "リピーター" } };

export const LABELS = {
  /** The sessions chart's takeaway. */
  sessionsTakeaway: (metric: string, value: string, mom: string, attainment: string | null) => ({
    en: `${metric} ${value}, ${mom} on last month${attainment ? `, ${attainment} of target` : ""}`,
    ja: `${metric} ${value}（前月比 ${mom}${attainment ? `、目標比 ${attainment}` : ""}）`,
  }),
  /** The channel multiples' takeaway: the largest channel and its share of the month's sessions. */
  channelsTakeaway: (channel: string, share: string) => ({
    en: `${channel} brings the most sessions (${share}); each channel on its own scale`,
    ja: `セッション最多は${channel}（${share}）。各チャネルは個別の目盛り`,
  }),
  count: { en: "Count", ja: "件数" },
  byChannel: { en: "By channel", ja: "チャネル別" },
  channel: { en: "Channel", ja: "チャネル" },
  share: { en: "Share", ja: "構成比" },
  newVsReturning: { en: "New vs returning", ja: "新規 / リピーター" },
  userType: { en: "Users", ja: "ユーザー" },
  /** A user type as GA4 names it: new or returning in words, any other as it came. */
  userKind: (userType: string): Text => USER_KINDS[userType] ?? { en: userType, ja: userType },
  channelTrends: { en: "Sessions by channel, 13 months", ja: "チャネル別セッションの推移" },
  sessionsByChannel: { en: "Sessions by channel", ja: "チャネル別セッション" },
} as const satisfies Catalogue;
