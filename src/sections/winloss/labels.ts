// The win/loss section's own labels (its metrics' labels are in metrics.ts).
import type { Catalogue } from "../../site/labels.ts";

export const LABELS = {
  noReason: { en: "(no reason given)", ja: "（理由なし）" },
  otherReasons: { en: "Other reasons", ja: "その他の理由" },
  blank: { en: "(blank)", ja: "（空欄）" },
  deals: { en: "Deals", ja: "件数" },
  leads: { en: "Leads", ja: "リード" },
  amount: { en: "Amount", ja: "金額" },
  share: { en: "Share", ja: "構成比" },
  cumulative: { en: "Cumulative", ja: "累積" },
  spanTitle: (what: string, months: number) =>
    months === 1
      ? { en: `${what}: this month`, ja: `${what}：当月` }
      : { en: `${what}: last ${months} months`, ja: `${what}：直近${months}か月` },
  spanName: (months: number) =>
    months === 1 ? { en: "This month", ja: "当月" } : { en: `Last ${months} months`, ja: `直近${months}か月` },
  lostSpansMissing: (lacks: string) => ({
    en: `Some months of these spans lack the deals they count: ${lacks}. A span with such a month reads not provided, and so do the breakdowns of the last 3 months below when one of them lacks the deals (never a sum counting that month as zero, nor the deals a later export holds for it).`,
    ja: `集計期間に、商談データの無い月があります：${lacks}。その月を含む期間の失注理由は「データなし」で、その月が直近3か月にあれば下の直近3か月の内訳も「データなし」です。その月を 0 とした合計や、後の月のデータにあるその月の失注は示しません。`,
  }),
  disqualifiedSpansMissing: (lacks: string) => ({
    en: `Some months of these spans lack the leads they count: ${lacks}. A span with such a month reads not provided, and so do the breakdowns of the last 3 months below when one of them lacks the leads (never a sum counting that month as zero, nor the leads a later export holds for it).`,
    ja: `集計期間に、リードデータの無い月があります：${lacks}。その月を含む期間の不適格理由は「データなし」で、その月が直近3か月にあれば下の直近3か月の内訳も「データなし」です。その月を 0 とした合計や、後の月のデータにあるその月の不適格リードは示しません。`,
  }),
  funnelMissing: (lacks: string) => ({
    en: `Some of the last 12 months lack the leads: ${lacks}. The funnel per source reads not provided (never counting such a month's leads as none, nor the leads a later export holds for it).`,
    ja: `直近12か月にリードデータの無い月があります：${lacks}。ソース別ファネルは「データなし」です。その月のリードを0件としたり、後の月のデータにあるその月のリードで数えたりはしません。`,
  }),
  segmentsMissing: (lacks: string) => ({
    en: `Some of the last 12 months lack the deals: ${lacks}. Win rate, deal size and sales cycle by segment read not provided (never counting such a month as none closed, nor the deals a later export holds for it).`,
    ja: `直近12か月に商談データの無い月があります：${lacks}。セグメント別の受注率・平均受注額・商談期間は「データなし」です。その月を完了0件としたり、後の月のデータにあるその月の商談で数えたりはしません。`,
  }),
  topReason: (reason: string, share: string) => ({
    en: `Top loss reason: ${reason} (${share})`,
    ja: `最多の失注理由：${reason}（${share}）`,
  }),
  noLoss: { en: "No deal was lost with a reason this month.", ja: "当月、理由つきの失注はありません。" },
  sameReason: (reason: string) => ({
    en: `The changes compare ${reason}'s own share of the lost deals in the previous month and a year ago, whichever reason led then.`,
    ja: `前月比・前年同月比は、その月の最多理由ではなく「${reason}」のその月の比率と比べています。`,
  }),
  trendTitle: { en: "Lost deals per month, by reason", ja: "理由別の月次失注件数" },
  topByMonth: { en: "Top loss reason, month by month", ja: "各月の最多失注理由" },
  lostDeals: { en: "Lost deals", ja: "失注件数" },
  breakdownTitle: (what: string, by: string) => ({ en: `${what} by ${by} (last 3 months)`, ja: `${by}別の${what}（直近3か月）` }),
  bySource: { en: "source", ja: "ソース" },
  byCampaign: { en: "campaign", ja: "キャンペーン" },
  byOwner: { en: "owner", ja: "担当者" },
  byIndustry: { en: "industry", ja: "業種" },
  bySize: { en: "company size", ja: "企業規模" },
  byType: { en: "deal type", ja: "商談タイプ" },
  disqualifiedLeads: { en: "Disqualified leads", ja: "不適格リード" },
  junk: (share: string, count: string) => ({ en: `Junk: ${share} (${count} leads)`, ja: `対象外：${share}（${count}件）` }),
  segmentTitle: (by: string) => ({
    en: `Win rate, deal size and cycle by ${by} (last 12 months)`,
    ja: `${by}別の受注率・平均受注額・商談期間（直近12か月）`,
  }),
  won: { en: "Won", ja: "受注" },
  lost: { en: "Lost", ja: "失注" },
  n: { en: "n (closed)", ja: "n（完了）" },
  smallN: (n: number) => ({ en: `※ small n (fewer than ${n})`, ja: `※ 少数（${n}件未満）` }),
  smallMark: { en: "※", ja: "※" },
  typeNotProvided: {
    en: "Deal type: not provided (no closed deal has a type).",
    ja: "商談タイプ：データなし（完了商談にタイプがありません）。",
  },
  dealType: (type: string) =>
    type === "new_business"
      ? { en: "New business", ja: "新規" }
      : type === "expansion"
        ? { en: "Expansion", ja: "拡大" }
        : type === "renewal"
          ? { en: "Renewal", ja: "更新" }
          : { en: type, ja: type },
  funnelTitle: { en: "Funnel per source (leads of the last 12 months)", ja: "ソース別ファネル（直近12か月のリード）" },
  maturing: {
    en: "Cohort view: the most recent leads are still maturing, so their later stages are not final.",
    ja: "コホート表示：直近のリードは成熟途中のため、後段の数値は確定していません。",
  },
  mql: { en: "MQL", ja: "MQL" },
  sql: { en: "SQL", ja: "商談化" },
  opportunities: { en: "Opportunities", ja: "商談" },
  pipelineAmount: { en: "Pipeline", ja: "パイプライン金額" },
  wonAmount: { en: "Won amount", ja: "受注金額" },
  winRateBySource: { en: "Win rate by source (last 12 months)", ja: "ソース別の受注率（直近12か月）" },
} as const satisfies Catalogue;
