// The accounts (ABM) section's own labels (its metrics' labels are in metrics.ts).
import type { Catalogue } from "../../site/labels.ts";

export const LABELS = {
  coverageTitle: { en: "Coverage of the target accounts", ja: "ターゲット企業のカバー状況" },
  nothingTells: {
    en: "No accounts dataset, and no lead carries the target_account flag: nothing tells target accounts from the others, so coverage, the target vs other funnel and engagement are not provided.",
    ja: "accounts データが無く、target_account フラグのあるリードもありません。ターゲット企業とそれ以外を区別できないため、カバー率、ターゲットとそれ以外のファネル、接点は「データなし」です。",
  },
  flagOnly: {
    en: "No accounts dataset: target accounts are told by the leads' target_account flag. How many target accounts there are is unknown, so coverage is not provided; only the target vs non-target funnel is shown.",
    ja: "accounts データがありません。ターゲットかどうかは leads の target_account フラグで判定しています。ターゲット企業の総数がわからないため、カバー率は「データなし」とし、ターゲットとそれ以外のファネルだけを示します。",
  },
  tier: { en: "Tier", ja: "ティア" },
  allTiers: { en: "All tiers", ja: "全ティア" },
  tierName: (tier: string) => ({ en: `Tier ${tier}`, ja: `ティア ${tier}` }),
  targets: { en: "Target accounts", ja: "ターゲット企業数" },
  withLead: { en: "Any lead", ja: "リードあり" },
  withMql: { en: "MQL", ja: "MQLあり" },
  withOpportunity: { en: "Opportunity (month: created; to date: open)", ja: "商談（当月は作成、累計は進行中）" },
  withWon: { en: "Won", ja: "受注あり" },
  inMonth: { en: "month", ja: "当月" },
  toDate: { en: "fiscal year to date", ja: "年度累計" },
  cell: (n: string, share: string) => ({ en: `${n} (${share})`, ja: `${n}（${share}）` }),
  coverageTrend: { en: "Target-account coverage over 13 months", ja: "ターゲット企業カバー率の推移（13か月）" },
  funnelTitle: { en: "Funnel: target vs other accounts", ja: "ファネル：ターゲット企業とそれ以外" },
  group: { en: "Accounts", ja: "企業" },
  groupName: (group: string) =>
    group === "target"
      ? { en: "Target", ja: "ターゲット" }
      : group === "other"
        ? { en: "Other", ja: "それ以外" }
        : group === "unknown"
          ? { en: "No account (unknown)", ja: "企業不明" }
          : group === "unlisted"
            ? { en: "Not on the list", ja: "一覧にない企業" }
            : { en: `Tier ${group}`, ja: `ティア ${group}` },
  period: { en: "Period", ja: "期間" },
  periodName: (period: "month" | "year", year: number) =>
    period === "month" ? { en: "Month", ja: "当月" } : { en: `FY${year} to date`, ja: `${year}年度累計` },
  leads: { en: "Leads", ja: "リード" },
  mqls: { en: "MQLs", ja: "MQL" },
  sqls: { en: "SQLs", ja: "商談化" },
  opportunities: { en: "Opportunities", ja: "商談" },
  won: { en: "Won", ja: "受注" },
  lost: { en: "Lost", ja: "失注" },
  winRate: { en: "Win rate", ja: "勝率" },
  engagementTitle: { en: "Engagement per tier (this month)", ja: "ティア別の接点（当月）" },
  accountsCount: { en: "Accounts in the list", ja: "一覧の企業数" },
  touches: { en: "Content touches", ja: "コンテンツ接触" },
  activities: { en: "Sales activities", ja: "営業活動" },
  perAccount: (what: string) => ({ en: `${what} per account`, ja: `1社あたり${what}` }),
  uncoveredTitle: (total: number) => ({
    en: `Target accounts with no lead this fiscal year: ${total}`,
    ja: `今年度まだリードの無いターゲット企業：${total}社`,
  }),
  uncoveredMore: (shown: number, total: number) => ({
    en: `(the first ${shown} of ${total}, by tier and name)`,
    ja: `（ティア・名前順に${total}社中${shown}社）`,
  }),
  accountInTier: (name: string, tier: string) => ({ en: `${name} (tier ${tier})`, ja: `${name}（ティア ${tier}）` }),
  listSeparator: { en: ", ", ja: "、" },
  noneUncovered: { en: "Every target account has a lead this fiscal year.", ja: "今年度、全てのターゲット企業にリードがあります。" },
  noTargets: {
    en: "No account on the target list is a target account: there is none to cover.",
    ja: "ターゲット企業の一覧にターゲット企業がありません（カバーする対象がありません）。",
  },
} as const satisfies Catalogue;
