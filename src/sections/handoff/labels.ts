// The sales-marketing handoff's own labels (its metrics' labels are in metrics.ts).
import type { Catalogue } from "../../site/labels.ts";

export const LABELS = {
  /** An owner or industry key as the output names it; the empty ones in words. */
  keyName: (key: string) =>
    key === "unassigned"
      ? { en: "(unassigned)", ja: "（未割当）" }
      : key === "unknown"
        ? { en: "(unknown)", ja: "（不明）" }
        : { en: key, ja: key },
  handed: { en: "Handed", ja: "引き渡し" },
  calls: { en: "Calls", ja: "架電" },
  connects: { en: "Connects", ja: "通電" },
  emails: { en: "Emails", ja: "メール" },
  appointments: { en: "Appointments", ja: "アポ" },
  sqls: { en: "SQLs", ja: "商談化" },
  received: { en: "Received", ja: "受領" },
  funnel: { en: "Activity funnel", ja: "活動ファネル" },
  funnelSteps: { en: "Calls → connects → appointments → SQLs", ja: "架電 → 通電 → アポ → 商談化" },
  /** The activity funnel's takeaway: handoffs to SQLs, and the connect rate when activities are given. */
  funnelTakeaway: (handed: string, sqls: string, sqlRate: string, connectRate: string | null) => ({
    en: `${handed} handoffs became ${sqls} SQLs (${sqlRate})${connectRate ? `; ${connectRate} of calls connected` : ""}`,
    ja: `引き渡し${handed}件から商談化${sqls}件（${sqlRate}）${connectRate ? `。通電率は${connectRate}` : ""}`,
  }),
  /** The owners chart's takeaway: who received the most handoffs, how many, and their share. */
  ownerTakeaway: (owner: string, count: string, share: string) => ({
    en: `${owner} received the most handoffs (${count}, ${share})`,
    ja: `引き渡し最多は${owner}（${count}件、${share}）`,
  }),
  count: { en: "Count", ja: "件数" },
  step: { en: "Step", ja: "段階" },
  byOwner: { en: "By owner", ja: "担当者別" },
  owner: { en: "Owner", ja: "担当者" },
  handoffs: { en: "Handoffs", ja: "引き渡し" },
  handoffsByOwner: { en: "Handoffs by owner", ja: "担当者別の引き渡し" },
  /** The flag when one owner got more of the month's handoffs than the threshold (shares formatted). */
  ownerSkewFlag: (share: string, owner: string, threshold: string) => ({
    en: `${share} of handoffs went to ${owner} (threshold ${threshold}).`,
    ja: `引き渡しの ${share} が ${owner} に集中しています（しきい値 ${threshold}）。`,
  }),
  topOwner: { en: "top owner", ja: "最大の担当者" },
  normalised: { en: "normalised", ja: "正規化" },
  byIndustry: { en: "By industry", ja: "業種別" },
  industry: { en: "Industry", ja: "業種" },
  /** The flag when one industry got more of the month's handoffs than the threshold. */
  industrySkewFlag: (share: string, industry: string) => ({
    en: `${share} of handoffs are ${industry}.`,
    ja: `引き渡しの ${share} が ${industry} に集中しています。`,
  }),
  campaign: { en: "Campaign", ja: "キャンペーン" },
  leads: { en: "Leads", ja: "リード" },
  pipeline: { en: "Pipeline", ja: "パイプライン" },
  won: { en: "Won", ja: "受注" },
  /** The campaign table's column groups: the month's counts, and the campaign's cost with its counts to date. */
  thisMonth: { en: "This month", ja: "当月" },
  campaignToDate: { en: "Campaign to date", ja: "キャンペーン累計" },
  cost: { en: "Total cost", ja: "総費用" },
  /** Why the cost stands with the counts to date, not the month's. */
  costToDate: {
    en: "A campaign's cost is known only as its total, not month by month, so it stands with the campaign's counts to the month's end, not with this month's.",
    ja: "キャンペーンの費用は総額のみで月別の内訳がないため、当月の件数ではなく当月末までの累計件数と並べています。",
  },
  /** How many campaigns the table leaves out: none of their leads did anything this month. */
  inactiveCampaigns: (n: string) => ({
    en: `${n} campaigns with no lead, MQL, SQL, pipeline or win this month are not listed.`,
    ja: `当月にリード・MQL・商談化・パイプライン・受注のいずれもないキャンペーン ${n}件は省略しています。`,
  }),
  costPerMql: { en: "Cost / MQL", ja: "MQL単価" },
  costPerSql: { en: "Cost / SQL", ja: "商談化単価" },
} as const satisfies Catalogue;
