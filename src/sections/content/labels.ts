// Content performance's own labels (its metrics' labels are in metrics.ts).
import { type Catalogue, NO_VALUE, type Text } from "../../site/labels.ts";

/** The asset types and journey stages of the data contract, in words. */
const KINDS: Record<string, Text> = {
  blog: { en: "Blog", ja: "ブログ" },
  whitepaper: { en: "Whitepaper", ja: "ホワイトペーパー" },
  webinar: { en: "Webinar", ja: "ウェビナー" },
  case_study: { en: "Case study", ja: "導入事例" },
  video: { en: "Video", ja: "動画" },
  other: { en: "Other", ja: "その他" },
  awareness: { en: "Awareness", ja: "認知" },
  consideration: { en: "Consideration", ja: "検討" },
  decision: { en: "Decision", ja: "決定" },
  unknown: { en: "Unknown", ja: "不明" },
};

export const LABELS = {
  /** Why the influenced pipeline here differs from the overview's marketing-influenced pipeline. */
  notOverviewInfluence: {
    en: "Not the overview's marketing-influenced pipeline: that one also counts deals that came through a campaign; this one counts only the deals of leads that touched content.",
    ja: "概要の「マーケ関与パイプライン」とは別の数値です。概要はキャンペーン経由の商談も含み、ここではコンテンツに接触したリードの商談のみを数えます。",
  },
  /** The leads ranking's takeaway: the asset that produced the most leads (and how many others tie with it). */
  leadsTakeaway: (title: string, count: string, share: string | null, others: number) => ({
    en: `“${title}”${others ? ` and ${others} more` : ""} produced the most leads (${count}${share ? `, ${share} of the month's total` : ""})`,
    ja: `獲得リード最多は「${title}」${others ? `ほか${others}件` : ""}（${count}件${share ? `、全体の${share}` : ""}）`,
  }),
  /** The influence ranking's takeaway: the asset that touched the most converting leads, and their pipeline. */
  influenceTakeaway: (title: string, count: string, pipeline: string, others: number) => ({
    en: `“${title}”${others ? ` and ${others} more` : ""} influenced the most leads (${count}; pipeline ${pipeline})`,
    ja: `商談への関与が最も多いのは「${title}」${others ? `ほか${others}件` : ""}（関与リード${count}件、パイプライン${pipeline}）`,
  }),
  title: { en: "Title", ja: "タイトル" },
  type: { en: "Type", ja: "種別" },
  journeyStage: { en: "Stage", ja: "ステージ" },
  /** An asset's type or journey stage in words; one the contract does not name, as it came; none, a dash. */
  kind: (kind: string | null): Text => (kind === null ? { en: NO_VALUE, ja: NO_VALUE } : (KINDS[kind] ?? { en: kind, ja: kind })),
  headlines: { en: "Content-sourced leads and influence", ja: "コンテンツ起点のリードと関与" },
  byLeadsTitle: { en: "Assets by leads produced", ja: "獲得リード数の多い資産" },
  leadsByAsset: { en: "Leads by asset", ja: "資産別の獲得リード" },
  leadsByAssetTop: { en: "Leads by asset (top 10)", ja: "資産別の獲得リード（上位10件）" },
  leads: { en: "Leads", ja: "リード" },
  mqlsByAsset: { en: "MQLs by asset", ja: "資産別の獲得MQL" },
  influenceTitle: { en: "Influence on deals", ja: "商談への関与" },
  noInfluence: { en: "No lead that touched an asset converted this month.", ja: "今月、資産に接触して商談化したリードはありません。" },
  influencedByAssetTop: { en: "Influenced leads by asset (top 10)", ja: "資産別の関与リード（上位10件）" },
  byType: { en: "By type", ja: "種別ごと" },
  byJourneyStage: { en: "By journey stage", ja: "購買段階ごと" },
  publishedThisMonth: { en: "Published this month", ja: "今月公開した資産" },
  leadsSoFar: { en: "Leads so far", ja: "これまでのリード" },
} as const satisfies Catalogue;
