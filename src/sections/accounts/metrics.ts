// The accounts (ABM) section's metrics: coverage of the target accounts, the target vs non-target
// funnel, and engagement per tier.
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "target_account_coverage",
    unit: "ratio",
    datasets: ["accounts", "leads"],
    trend: true,
    targets: "self",
    label: { en: "Target-account coverage to date", ja: "ターゲット企業カバー率（年度累計）" },
    definition: {
      en: "Target accounts (accounts dataset, target true, each account as the newest folder up to the month gives it) with at least one lead (leads' account_id) created in the fiscal year to date (from its first month, fiscalYearStartMonth, to the month's end: the ABM list is a fiscal year's plan) / all target accounts. Each month of the trend counts the target list as of that month, so an account first listed in a later folder counts from that month on. A fiscal year's first month has no month-on-month change (the count restarts). Not provided without the accounts dataset (the leads' target_account flag cannot tell how many target accounts there are). A lead's account is its account_id, else the listed account whose name its company name matches (legal forms such as 株式会社, (株), ㈱ and Co., Ltd., character widths, spaces and punctuation set aside; a name two listed accounts share matches neither).",
      ja: "年度累計（年度初月 fiscalYearStartMonth から月末まで。ABM の一覧は年度の計画）でリードが1件以上ある（leads の account_id）ターゲット企業数 / ターゲット企業数（accounts データの target が true のもの。各社は報告月までの最新フォルダの内容）。推移の各月はその月時点のターゲット一覧で数えるため、後のフォルダで初めて載った企業はその月から数える。年度初月は累計が始まり直すため前月比を示さない。accounts データが無い場合は「データなし」（leads の target_account フラグではターゲット企業の総数がわからない）。リードの企業は account_id、無ければ会社名が一覧の企業名と一致する企業（株式会社・(株)・㈱・Co., Ltd. などの法人格、全角・半角、空白、記号は区別しない。一覧の2社が同じ名前になるときはどちらにも一致させない）。",
    },
  },
  {
    id: "target_coverage_stages",
    unit: "ratio",
    datasets: ["accounts", "leads", "opportunities"],
    label: { en: "Coverage by tier and stage", ja: "ティア・段階別のカバー率" },
    definition: {
      en: "Per tier, the share of its target accounts with: a lead created, a lead that became MQL, an opportunity (in the month: created; to date: open at the month's end), a won deal (closed won) — in the month and in the fiscal year to date. An opportunity's account is its own account, else its lead's. A lead's account is its account_id, else the listed account whose name its company name matches (legal forms such as 株式会社, (株), ㈱ and Co., Ltd., character widths, spaces and punctuation set aside; a name two listed accounts share matches neither).",
      ja: "ティアごとに、ターゲット企業のうち次のあるものの割合：リード作成、MQL 化したリード、商談（当月：作成、累計：月末時点で進行中）、受注（受注クローズ）。当月と年度累計。商談の企業は商談の取引先、無ければそのリードの取引先。リードの企業は account_id、無ければ会社名が一覧の企業名と一致する企業（株式会社・(株)・㈱・Co., Ltd. などの法人格、全角・半角、空白、記号は区別しない。一覧の2社が同じ名前になるときはどちらにも一致させない）。",
    },
  },
  {
    id: "target_funnel",
    unit: "count",
    datasets: ["leads", "opportunities"],
    label: { en: "Funnel: target vs non-target accounts", ja: "ファネル：ターゲット企業とそれ以外" },
    definition: {
      en: "Leads created, MQLs, SQLs, opportunities created, won and lost deals in the month and in the fiscal year to date, by the account of the lead or the deal (a deal's own account, else its lead's). With the accounts list (as the newest folder up to the month gives it), the populations of the engagement's rows: target accounts, the other accounts on the list (target false or blank), the accounts the list does not name ('not on the list'), and leads and deals without an account_id (on the deal or its lead: 'no account'), each a row of its own, none left out. Without the list, by the leads' target_account flag (a deal by its lead's): flagged and the others; with no lead carrying the flag either, not provided (nothing tells target accounts from the others). Win rate = won / (won + lost), per row. A lead's account is its account_id, else the listed account whose name its company name matches (legal forms such as 株式会社, (株), ㈱ and Co., Ltd., character widths, spaces and punctuation set aside; a name two listed accounts share matches neither).",
      ja: "当月と年度累計のリード作成・MQL・商談化・商談作成・受注・失注を、リード・商談の企業（商談は商談の取引先、無ければそのリードの取引先）で分けたもの。accounts の一覧（報告月までの最新フォルダの内容）があるときは接点の行と同じ分け方で、ターゲット企業、一覧にあるそれ以外の企業（target が false または空欄）、一覧にない企業、account_id の無いリード・商談（商談にもそのリードにも無いもの。「企業不明」）をそれぞれ別の行とし、除外しない。一覧が無いときは leads の target_account フラグ（商談はそのリードのフラグ）で、フラグのあるものとそれ以外に分ける。フラグのあるリードも無いときは「データなし」（ターゲット企業とそれ以外を区別できない）。勝率 = 受注 /（受注 + 失注）、行ごと。リードの企業は account_id、無ければ会社名が一覧の企業名と一致する企業（株式会社・(株)・㈱・Co., Ltd. などの法人格、全角・半角、空白、記号は区別しない。一覧の2社が同じ名前になるときはどちらにも一致させない）。",
    },
  },
  {
    id: "target_engagement",
    unit: "number",
    datasets: ["accounts", "leads", "activities", "content_touches"],
    label: { en: "Engagement per tier", ja: "ティア別の接点" },
    definition: {
      en: "Content touches by the accounts' leads and sales activities on their leads or opportunities in the month (a touch counts for its lead's account; an activity for its lead's, else its opportunity's, else that opportunity's lead's). With the accounts list (as the newest folder up to the month gives it): per tier of the target accounts, the other accounts on the list (target false or blank), and the accounts the list does not name ('not on the list'); records without an account are in no row. Per account = the group's touches or activities / the group's accounts on the list, both counting the same accounts: the records of accounts not on the list are in no group's rate, and their row has none (no count of such accounts to divide by). From the leads' target_account flag alone: flagged leads' records and the rest, with no per-account rate (how many accounts there are is unknown). A lead's account is its account_id, else the listed account whose name its company name matches (legal forms such as 株式会社, (株), ㈱ and Co., Ltd., character widths, spaces and punctuation set aside; a name two listed accounts share matches neither).",
      ja: "当月の、各企業のリードによるコンテンツ接触と、そのリードまたは商談への営業活動（接触はリードの企業、活動はリードの企業、無ければ商談の企業、それも無ければ商談のリードの企業に数える）。accounts の一覧（報告月までの最新フォルダの内容）があるとき、ターゲット企業のティア別、一覧にあるそれ以外の企業（target が false または空欄）、一覧にない企業に分ける。企業の無いレコードはどの行にも含めない。1社あたり = グループの接触・活動数 / 一覧にあるそのグループの企業数（分子と分母は同じ企業の集まり）。一覧にない企業のレコードはどのグループの1社あたりにも含めず、その行には1社あたりを示さない（割る企業数が無い）。leads の target_account フラグだけのときは、フラグのあるリードとそれ以外に分け、1社あたりは計算しない（企業数がわからない）。リードの企業は account_id、無ければ会社名が一覧の企業名と一致する企業（株式会社・(株)・㈱・Co., Ltd. などの法人格、全角・半角、空白、記号は区別しない。一覧の2社が同じ名前になるときはどちらにも一致させない）。",
    },
  },
]);
