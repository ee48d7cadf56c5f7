// Built-in header aliases: the column names real exports use for each canonical column.
// Sources: Salesforce report exports (en/ja UI) and API names, HubSpot exports, GA4 downloads (en/ja UI).
// Matching ignores case, width (全角/半角), spaces, underscores, hyphens and dots (see normalizeHeader).
import type { DatasetName } from "../schema/dataset.ts";
import type { DATASETS } from "../schema/dataset.ts";

type Shape<D extends DatasetName> = (typeof DATASETS)[D]["schema"]["shape"];
export type AliasTable = { [D in DatasetName]: { [K in keyof Shape<D>]?: readonly string[] } };

export const BUILT_IN_ALIASES: AliasTable = {
  leads: {
    lead_id: ["Lead ID", "リード ID", "リードID", "Id", "Record ID", "レコード ID", "Contact ID"],
    created_at: ["Created Date", "作成日", "作成日時", "CreatedDate", "Create Date", "Create date", "リード作成日"],
    source: ["Lead Source", "リードソース", "LeadSource", "Original Source", "Original source", "流入元"],
    campaign_id: ["Campaign ID", "キャンペーン ID", "CampaignId", "Primary Campaign ID"],
    content_id: ["Content ID", "コンテンツ ID", "Asset ID", "Form Content ID"],
    account_id: ["Account ID", "取引先 ID", "AccountId", "Associated Company ID", "Company ID"],
    company: ["Company", "会社名", "Company / Account", "Company Name", "会社名 / 取引先"],
    industry: ["Industry", "業種"],
    company_size: ["Company Size", "従業員規模", "企業規模", "Number of Employees", "従業員数", "NumberOfEmployees"],
    target_account: ["Target Account", "ターゲットアカウント", "ABM Target", "Target_Account__c"],
    mql_at: ["MQL Date", "MQL日", "MQL 日", "MQL_Date__c", "Became a Marketing Qualified Lead Date", "MQL日時"],
    handoff_at: ["Handoff Date", "引き渡し日", "トスアップ日", "Handoff_Date__c", "営業引渡日"],
    owner: ["Lead Owner", "リード所有者", "所有者", "OwnerId", "Owner", "Contact owner", "担当者"],
    accepted_at: ["Accepted Date", "SAL日", "受入日", "Became a Sales Qualified Lead Date", "Accepted_Date__c"],
    sql_at: ["SQL Date", "SQL日", "商談化日", "Converted Date", "取引開始日", "ConvertedDate", "Became an Opportunity Date"],
    disqualified_at: ["Disqualified Date", "不適格日", "Disqualified_Date__c"],
    disqualify_reason: ["Disqualify Reason", "不適格理由", "Disqualified Reason", "Lead Status Reason"],
    opportunity_id: ["Opportunity ID", "商談 ID", "ConvertedOpportunityId", "Converted Opportunity ID", "Associated Deal ID"],
  },
  activities: {
    activity_id: ["Activity ID", "活動 ID", "Task ID", "ToDo ID", "Id", "Engagement ID"],
    occurred_at: ["Date", "日付", "Activity Date", "活動日", "ActivityDate", "期日", "Activity date", "実施日時"],
    type: ["Type", "種別", "Task Subtype", "活動種別", "TaskSubtype", "Activity type", "Activity Type"],
    owner: ["Assigned", "任命先", "Owner", "OwnerId", "担当者", "Activity assigned to", "所有者"],
    lead_id: ["Lead ID", "リード ID", "WhoId", "Name ID", "Contact ID"],
    opportunity_id: ["Opportunity ID", "商談 ID", "WhatId", "Related To ID", "Deal ID"],
    connected: ["Connected", "通電", "通電フラグ", "Call Connected", "Call outcome connected"],
    appointment_set: ["Appointment Set", "アポ獲得", "アポ", "Meeting Booked"],
  },
  opportunities: {
    opportunity_id: ["Opportunity ID", "商談 ID", "Id", "Deal ID", "Record ID"],
    created_at: ["Created Date", "作成日", "CreatedDate", "Create Date", "商談作成日"],
    amount: ["Amount", "金額", "Deal amount", "Amount (converted)", "金額 (換算)"],
    stage: ["Stage", "フェーズ", "StageName", "Deal Stage", "Deal stage"],
    // Salesforce Lightning exports give a currency field's ISO code in a column of its own: Amount Currency, 金額 通貨.
    currency: ["Currency", "通貨", "CurrencyIsoCode", "Opportunity Currency", "Amount Currency", "金額 通貨"],
    lead_id: ["Lead ID", "リード ID", "Source Lead ID"],
    account_id: ["Account ID", "取引先 ID", "AccountId", "Associated Company ID"],
    owner: ["Opportunity Owner", "商談 所有者", "商談所有者", "OwnerId", "Deal owner"],
    source: ["Opportunity Source", "商談ソース", "Lead Source", "リードソース", "Source", "Original Source"],
    campaign_id: ["Primary Campaign Source", "Primary Campaign ID", "主キャンペーンソース", "CampaignId", "Campaign ID"],
    closed_at: ["Close Date", "完了予定日", "CloseDate", "Closed Date", "Close date", "クローズ日"],
    outcome: ["Outcome", "結果", "Won/Lost", "勝敗"],
    lost_reason: ["Lost Reason", "失注理由", "Loss Reason", "Closed lost reason", "失注理由__c"],
    type: ["Type", "種別", "種類", "商談 種別", "商談種別", "Opportunity Type", "Deal Type", "Deal type", "取引タイプ"],
    probability: ["Probability (%)", "確度 (%)", "確度(%)", "確度", "Probability", "Deal probability", "Deal Probability", "取引確度"],
    forecast_category: ["Forecast Category", "ForecastCategoryName", "売上予測分類", "Forecast category", "Forecast Category Name"],
  },
  campaigns: {
    campaign_id: ["Campaign ID", "キャンペーン ID", "Id"],
    name: ["Campaign Name", "キャンペーン名", "Name"],
    channel: ["Channel", "チャネル"],
    type: ["Type", "種別", "Campaign Type"],
    cost: ["Actual Cost", "実際の費用", "ActualCost", "Cost", "費用", "Budgeted Cost"],
    started_at: ["Start Date", "開始日", "StartDate"],
    ended_at: ["End Date", "終了日", "EndDate"],
  },
  content: {
    content_id: ["Content ID", "コンテンツ ID", "Asset ID"],
    title: ["Title", "タイトル", "Name", "Asset name"],
    type: ["Type", "種別", "Content Type", "コンテンツ種別", "Asset type"],
    url: ["URL", "Page URL"],
    published_at: ["Published Date", "公開日", "Publish date"],
    stage: ["Stage", "ステージ", "Journey Stage", "購買段階"],
  },
  content_touches: {
    lead_id: ["Lead ID", "リード ID", "Contact ID"],
    content_id: ["Content ID", "コンテンツ ID", "Asset ID"],
    occurred_at: ["Date", "日時", "日付", "Occurred At", "Timestamp"],
    action: ["Action", "アクション", "Interaction"],
  },
  web_traffic: {
    date: ["Date", "日付", "Month", "月", "年月"],
    channel: [
      "Session default channel group",
      "セッションのデフォルト チャネル グループ",
      "Default channel group",
      "デフォルト チャネル グループ",
      "First user default channel group",
      "Channel",
      "チャネル",
      "Session default channel grouping",
      "Default Channel Grouping",
    ],
    user_type: ["New / established", "新規 / 既存", "User Type", "ユーザー タイプ", "New vs returning"],
    sessions: ["Sessions", "セッション", "セッション数"],
    users: ["Users", "ユーザー", "Active users", "アクティブ ユーザー数", "ユーザー数", "Total users", "総ユーザー数"],
    new_users: ["New users", "新規ユーザー数", "New Users", "新しいユーザー"],
    engaged_sessions: ["Engaged sessions", "エンゲージのあったセッション数"],
    engagement_rate: ["Engagement rate", "エンゲージメント率"],
    bounces: ["Bounces", "直帰数"],
    engagement_seconds: ["User engagement", "ユーザー エンゲージメント", "Total engagement time"],
    avg_session_seconds: [
      "Average engagement time per session",
      "セッションあたりの平均エンゲージメント時間",
      "Avg. Session Duration",
      "平均セッション時間",
    ],
    avg_user_engagement_seconds: ["Average engagement time", "平均エンゲージメント時間"],
    pageviews: ["Views", "表示回数", "Pageviews", "ページビュー数", "Screen page views"],
  },
  spend: {
    month: ["Month", "月", "年月", "対象月", "計上月"],
    channel: ["Channel", "チャネル", "施策", "媒体"],
    amount: ["Amount", "Actual", "Actual Spend", "Spend", "実績", "実績額", "費用", "金額", "支出"],
    category: ["Category", "カテゴリ", "カテゴリー", "費目", "予算区分", "分類"],
    budget: ["Budget", "予算", "予算額", "Planned"],
    team: ["Team", "チーム", "部門", "Department"],
  },
  accounts: {
    account_id: ["Account ID", "取引先 ID", "Id", "AccountId", "Company ID", "Record ID"],
    name: ["Account Name", "取引先名", "Company Name", "会社名", "Company name", "企業名"],
    industry: ["Industry", "業種"],
    company_size: ["Company Size", "従業員規模", "企業規模", "Number of Employees", "従業員数", "NumberOfEmployees"],
    target: ["Target", "Target Account", "ターゲット", "ターゲットアカウント", "ABM Target", "Target_Account__c", "ABM対象"],
    tier: ["Tier", "ティア", "ランク", "Account Tier", "ABM Tier", "Tier__c"],
    owner: ["Account Owner", "取引先 所有者", "取引先所有者", "OwnerId", "Owner", "Company owner", "担当者"],
  },
  targets: {
    month: ["Month", "月", "年月"],
    metric: ["Metric", "指標", "KPI"],
    value: ["Value", "目標", "目標値", "Target"],
  },
};

/** Header comparison key: NFKC, lower case, no spaces/underscores/hyphens/dots/slashes/brackets. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-./()（）・:："']/g, "");
}

/**
 * Built-in value aliases for enum columns (compared lower-cased and trimmed). The project
 * mapping file adds its own under `values:`.
 */
export const BUILT_IN_VALUES: { [D in DatasetName]?: { [K in keyof Shape<D>]?: Record<string, readonly string[]> } } = {
  activities: {
    // Salesforce's Task Subtype (Call, Email, List Email, Task, Cadence) and Event Subtype (Event, 行動:
    // a calendar event, a meeting), HubSpot's engagement types (CALL, EMAIL, INCOMING_EMAIL, MEETING, NOTE).
    type: {
      call: ["電話", "架電", "コール", "phone", "phone call", "call", "outbound call", "tel"],
      email: [
        "メール",
        "e-mail",
        "mail",
        "email",
        "eメール",
        "list email",
        "listemail",
        "リストメール",
        "incoming email",
        "incoming_email",
        "forwarded email",
        "forwarded_email",
      ],
      meeting: ["商談", "訪問", "面談", "meeting", "web会議", "オンライン商談", "打ち合わせ", "打合せ", "アポイント", "event", "行動"],
      other: ["その他", "other", "task", "todo", "タスク", "note", "メモ", "cadence", "ケイデンス"],
    },
  },
  opportunities: {
    type: {
      new_business: ["new business", "new", "newbusiness", "新規", "新規顧客", "新規ビジネス", "新規案件"],
      expansion: [
        "existing business",
        "existing",
        "expansion",
        "upsell",
        "up-sell",
        "cross-sell",
        "既存",
        "既存顧客",
        "既存ビジネス",
        "アップセル",
        "クロスセル",
        "追加",
      ],
      renewal: ["renewal", "renew", "更新", "契約更新", "existing business - renewal"],
    },
    forecast_category: {
      pipeline: ["パイプライン", "pipeline"],
      best_case: ["best case", "bestcase", "最善", "最善の場合", "最善達成予測", "upside"],
      commit: ["commit", "確約", "コミット", "達成予測", "most likely"],
      closed: ["closed", "完了", "成約"],
      omitted: ["omitted", "除外", "omit", "売上予測から除外"],
    },
    outcome: {
      won: ["受注", "closed won", "win", "won", "成約"],
      lost: ["失注", "closed lost", "loss", "lost"],
      open: ["進行中", "open", "商談中"],
    },
  },
  content: {
    type: {
      blog: ["ブログ", "記事", "コラム", "blog post"],
      whitepaper: ["ホワイトペーパー", "資料", "ebook", "e-book", "white paper", "お役立ち資料"],
      webinar: ["ウェビナー", "セミナー", "オンラインセミナー"],
      case_study: ["導入事例", "事例", "case study", "casestudy", "customer story"],
      video: ["動画", "ビデオ"],
      other: ["その他"],
    },
    stage: {
      awareness: ["認知", "tofu", "top"],
      consideration: ["検討", "比較検討", "mofu", "middle"],
      decision: ["決定", "導入検討", "bofu", "bottom"],
    },
  },
  content_touches: {
    action: {
      view: ["閲覧", "pageview", "page view", "visit"],
      download: ["ダウンロード", "dl", "資料請求"],
      register: ["申込", "申し込み", "登録", "registration", "registered"],
      attend: ["参加", "出席", "視聴", "attended"],
    },
  },
  spend: {
    team: {
      marketing: ["マーケティング", "マーケ", "mkt", "marketing"],
      sales: ["営業", "セールス", "sales"],
    },
  },
  web_traffic: {
    user_type: {
      new: ["新規", "new visitor", "new user"],
      returning: ["既存", "リピーター", "returning visitor", "established", "returning user"],
    },
  },
};
