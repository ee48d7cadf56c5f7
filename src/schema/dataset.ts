// Data contract v1 as zod schemas: the one place a dataset's columns are declared.
// Types (z.infer), DuckDB DDL, validation expectations, header aliases and the data reference
// in the docs are all derived from these objects.
import { z } from "zod";
import { c, columnInfo, type ColumnInfo } from "./column.ts";

export const SCHEMA_VERSION = 1;

/** What a lead with a blank source is counted as, in every metric that groups by source. */
export const UNKNOWN_SOURCE = "(unknown)";

export const leads = z.object({
  lead_id: c.id("Unique lead id. Salesforce 15- and 18-character ids of the same record join."),
  created_at: c.datetime("When the lead entered the system."),
  // Real CRMs leave it blank: such a lead is kept, as UNKNOWN_SOURCE, and counted in a warning.
  source: c
    .string("Channel that produced the lead: web, event, ads, referral, partner, outbound, ... A blank source reads as (unknown).")
    .default(UNKNOWN_SOURCE),
  campaign_id: c.id("Campaign that produced the lead (joins campaigns).").optional(),
  content_id: c.id("Asset whose form produced the lead (joins content).").optional(),
  account_id: c.id("The company's account id.").optional(),
  company: c
    .string(
      "Company name (an organisation, not a person). A lead without an account_id is matched to the accounts list by it (legal forms such as 株式会社, (株), ㈱ and Co., Ltd., widths and spaces set aside).",
    )
    .optional(),
  industry: c.string("Industry segment.").optional(),
  company_size: c.string("Company size segment.").optional(),
  target_account: c.boolean("The company is on the target-account list.").optional(),
  mql_at: c.datetime("Became a marketing-qualified lead (MQL).").optional(),
  handoff_at: c.datetime("Handed to sales; the SLA clock starts here (falls back to mql_at).").optional(),
  owner: c.string("Sales or inside-sales rep who owns follow-up.").optional(),
  accepted_at: c.datetime("Sales accepted the lead (SAL).").optional(),
  sql_at: c.datetime("Sales qualified it: became an opportunity (商談化).").optional(),
  disqualified_at: c.datetime("Rejected or recycled.").optional(),
  disqualify_reason: c.string("Why it was rejected or recycled.").optional(),
  opportunity_id: c.id("The opportunity it became (joins opportunities).").optional(),
});

export const ACTIVITY_TYPES = ["call", "email", "meeting", "other"] as const;
export const activities = z.object({
  activity_id: c.id("Unique activity id."),
  occurred_at: c.datetime("When it happened."),
  type: c.enum(ACTIVITY_TYPES, "call, email, meeting (a visit or online meeting held) or other."),
  owner: c.string("Who did it."),
  lead_id: c.id("The lead it was about.").optional(),
  opportunity_id: c.id("The opportunity it was about.").optional(),
  connected: c.boolean("For calls: a person was reached (通電).").optional(),
  appointment_set: c.boolean("The activity booked a meeting (アポ獲得).").optional(),
});

export const OUTCOMES = ["open", "won", "lost"] as const;
/** Contract v2: what kind of deal it is. */
export const DEAL_TYPES = ["new_business", "expansion", "renewal"] as const;
/** Contract v2: Salesforce's forecast categories. */
export const FORECAST_CATEGORIES = ["pipeline", "best_case", "commit", "closed", "omitted"] as const;
export const opportunities = z.object({
  opportunity_id: c.id("Unique opportunity (deal) id."),
  created_at: c.datetime("When the deal was opened."),
  // Real pipeline exports leave it blank on early deals: kept, and left out of amount sums (which say how many).
  amount: c
    .number(
      "Deal value in the configured currency. May be blank: such a deal is kept and left out of amount sums (a won deal without an amount is a warning).",
    )
    .nullable(),
  stage: c.string("Current stage name."),
  currency: c
    .currency(
      "ISO 4217 code of the amount's currency. Amounts are added up, so a row in another currency than the configured one is an error, unless the amount column is a converted one (Amount (converted), 金額 (換算)).",
    )
    .optional(),
  lead_id: c
    .id(
      "The lead it came from. Without it (or when that lead is not in the exports), the deal's lead is the lead whose opportunity_id names it (the smallest lead_id of several).",
    )
    .optional(),
  account_id: c.id("The company's account id.").optional(),
  owner: c.string("Deal owner.").optional(),
  source: c.string("marketing / sales / partner ...; when absent it is derived from the lead's source.").optional(),
  campaign_id: c.id("Primary campaign.").optional(),
  closed_at: c.plannedDatetime("When it was won or lost; for an open deal, the expected close date (Salesforce 完了予定日).").optional(),
  outcome: c.enum(OUTCOMES, "open, won or lost; derived from stage by configuration when absent.").optional(),
  lost_reason: c.string("Why it was lost (失注理由).").optional(),
  type: c
    .enum(DEAL_TYPES, "new_business, expansion or renewal (Salesforce Type: New Business / Existing Business; 新規 / 既存 / アップセル).")
    .optional(),
  probability: c
    .number(
      "Chance of winning (Salesforce 確度 (%)): 0-100, or a share 0-1. A value above 1 is read as a percentage. Weighted pipeline prefers it to pipeline.stageProbabilities.",
    )
    .optional(),
  forecast_category: c
    .enum(FORECAST_CATEGORIES, "pipeline, best_case, commit, closed or omitted (Salesforce ForecastCategoryName).")
    .optional(),
});

export const campaigns = z.object({
  campaign_id: c.id("Unique campaign id."),
  name: c.string("Campaign name."),
  channel: c.string("Channel: web, event, ads, email, ...").optional(),
  type: c.string("Campaign type.").optional(),
  cost: c.number("Total cost in the configured currency.").optional(),
  started_at: c.plannedDatetime("Start (may be scheduled).").optional(),
  ended_at: c.plannedDatetime("End (may be scheduled).").optional(),
});

export const CONTENT_TYPES = ["blog", "whitepaper", "webinar", "case_study", "video", "other"] as const;
export const JOURNEY_STAGES = ["awareness", "consideration", "decision"] as const;
export const content = z.object({
  content_id: c.id("Unique asset id."),
  title: c.string("Asset title."),
  type: c.enum(CONTENT_TYPES, "blog, whitepaper, webinar, case_study, video or other."),
  url: c.string("Where the asset lives.").optional(),
  published_at: c.plannedDatetime("When it was (or is scheduled to be) published.").optional(),
  stage: c.enum(JOURNEY_STAGES, "Journey stage: awareness, consideration or decision.").optional(),
});

export const TOUCH_ACTIONS = ["view", "download", "register", "attend"] as const;
export const content_touches = z.object({
  lead_id: c.id("The lead who engaged."),
  content_id: c.id("The asset engaged with."),
  occurred_at: c.datetime("When."),
  action: c.enum(TOUCH_ACTIONS, "view, download, register or attend.").optional(),
});

export const USER_TYPES = ["new", "returning"] as const;
export const web_traffic = z.object({
  date: c.date("Day (or first day of the month, for monthly rows)."),
  channel: c.string("Channel grouping (Organic Search, Paid Search, Direct, ...)."),
  user_type: c.enum(USER_TYPES, "new or returning; GA4's (not set) reads as no user type.").optional(),
  sessions: c.count("Sessions."),
  users: c.count("Users (active users in GA4)."),
  new_users: c.count("New users.").optional(),
  engaged_sessions: c.count("Engaged sessions (GA4).").optional(),
  engagement_rate: c
    .number(
      "Engaged sessions / sessions (GA4), when engaged_sessions is not given: a share of 0-1 (0.6667) or a percentage with its sign (66.67%).",
    )
    .optional(),
  bounces: c.count("Bounces (Universal Analytics style).").optional(),
  engagement_seconds: c.number("Total engagement time in seconds.").optional(),
  avg_session_seconds: c.number("Average engagement (or session) time per session, in seconds.").optional(),
  avg_user_engagement_seconds: c.number("Average engagement time per active user, in seconds (GA4).").optional(),
  pageviews: c.count("Views (page views).").optional(),
});

/** SQL: a channel as the report compares and groups channels (spend's and the records' sources alike): lower-case, trimmed. */
export const channelKeySql = (column: string) => `lower(trim(${column}))`;

export const SPEND_TEAMS = ["marketing", "sales"] as const;
export const spend = z.object({
  month: c.month("Month the spend (or budget) is for (YYYY-MM)."),
  channel: c.string("Channel the money went to: ads, event, web, content, outbound, ... (or the sales team's line)."),
  amount: c
    .number("Actual spend in the configured currency. Blank on a budget-only row (a future month): counted as no spend yet, never as zero.")
    .optional(),
  category: c.string("Budget category (販促・広告 / 委託 / 制作 / ITインフラ / sales, ...).").optional(),
  budget: c.number("Budgeted amount for the month, channel and category.").optional(),
  // Optional in the contract: a sheet without the column is marketing's spend.
  team: c
    .enum(SPEND_TEAMS, "marketing or sales: whose spend it is (CAC adds both). Blank, or no team column, reads as marketing.")
    .default("marketing")
    .optional(),
});

export const accounts = z.object({
  account_id: c.id("The company's account id (joins leads' and opportunities' account_id)."),
  name: c.string("Company name (an organisation, never a person).").optional(),
  industry: c.string("Industry segment.").optional(),
  company_size: c.string("Company size segment.").optional(),
  target: c.boolean("The company is on the target-account list (ABM).").optional(),
  tier: c.string("Target tier (A / B / C, ...).").optional(),
  owner: c.string("Account owner (sales rep).").optional(),
});

export const targets = z.object({
  month: c.month("Month the target applies to (YYYY-MM)."),
  metric: c.string("Metric id the report defines (mql, sql, pipeline_amount, won_amount, sessions, sla_first_call, ...)."),
  value: c.number("Target value (a share as 0.8 or 80%)."),
});

/** SQL of each key column of `dataset` as compared (DatasetDef.keyAs), `prefix` (an alias and dot) before the column. */
export function keySql(dataset: DatasetName, prefix = ""): string[] {
  const def = DATASETS[dataset];
  return def.key.map((k) => {
    const column = `${prefix}"${k.replaceAll('"', '""')}"`;
    return def.keyAs?.[k]?.(column) ?? column;
  });
}

/** How each dataset is keyed and related. `key` identifies a record across month folders (as-of). */
export interface DatasetDef {
  name: DatasetName;
  schema: z.ZodObject;
  /** Columns that identify a record; the newest folder wins for the same key. */
  key: readonly string[];
  /**
   * How a key column's values are compared, where not as given: SQL of the column. Spend's channel is
   * compared as the report groups channels (channelKeySql), so a later folder restating a month with
   * `google ads` replaces its `Google Ads` row instead of adding to it.
   */
  keyAs?: Readonly<Record<string, (column: string) => string>>;
  /** True when the key must be unique within one file (an id); false for composite event keys. */
  uniqueId: boolean;
  /** Lives in data/ (targets) rather than in month folders. */
  root?: boolean;
  /**
   * A reference list (campaigns, content): exported when it changes, so the newest folder <= M
   * provides it for M. Event data and each month's leads and opportunities are provided for M only
   * by M's own folder.
   */
  list?: boolean;
  /** Datetime columns checked against the folder's plausible range. */
  references: readonly { column: string; dataset: DatasetName; severity: "warning" }[];
  title: { en: string; ja: string };
  /** How the report reads it, where that is not plain (docs/data-reference.md). */
  note?: string;
}

export const DATASET_NAMES = [
  "leads",
  "activities",
  "opportunities",
  "campaigns",
  "content",
  "content_touches",
  "web_traffic",
  "spend",
  "accounts",
  "targets",
] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export const DATASETS: Record<DatasetName, DatasetDef> = {
  leads: {
    name: "leads",
    schema: leads,
    key: ["lead_id"],
    uniqueId: true,
    references: [
      { column: "campaign_id", dataset: "campaigns", severity: "warning" },
      { column: "content_id", dataset: "content", severity: "warning" },
    ],
    title: { en: "Leads", ja: "リード" },
  },
  activities: {
    name: "activities",
    schema: activities,
    key: ["activity_id"],
    uniqueId: true,
    references: [
      { column: "lead_id", dataset: "leads", severity: "warning" },
      { column: "opportunity_id", dataset: "opportunities", severity: "warning" },
    ],
    title: { en: "Activities", ja: "活動" },
  },
  opportunities: {
    name: "opportunities",
    schema: opportunities,
    key: ["opportunity_id"],
    uniqueId: true,
    references: [
      { column: "lead_id", dataset: "leads", severity: "warning" },
      { column: "campaign_id", dataset: "campaigns", severity: "warning" },
    ],
    title: { en: "Opportunities", ja: "商談" },
  },
  campaigns: {
    name: "campaigns",
    schema: campaigns,
    key: ["campaign_id"],
    uniqueId: true,
    list: true,
    references: [],
    title: { en: "Campaigns", ja: "キャンペーン" },
  },
  content: {
    name: "content",
    schema: content,
    key: ["content_id"],
    uniqueId: true,
    list: true,
    references: [],
    title: { en: "Content", ja: "コンテンツ" },
  },
  content_touches: {
    name: "content_touches",
    schema: content_touches,
    key: ["lead_id", "content_id", "occurred_at", "action"],
    uniqueId: false,
    references: [
      { column: "lead_id", dataset: "leads", severity: "warning" },
      { column: "content_id", dataset: "content", severity: "warning" },
    ],
    title: { en: "Content touches", ja: "コンテンツ接触" },
  },
  web_traffic: {
    name: "web_traffic",
    schema: web_traffic,
    key: ["date", "channel", "user_type"],
    uniqueId: false,
    references: [],
    title: { en: "Web traffic", ja: "Webアクセス" },
  },
  spend: {
    name: "spend",
    schema: spend,
    key: ["month", "channel", "category"],
    keyAs: { channel: channelKeySql },
    uniqueId: true,
    references: [],
    title: { en: "Spend and budget", ja: "費用と予算" },
    note: "Event data: the report of month M adds up the rows whose `month` is in its period, each row as given by the newest folder <= M (a budget-only row written ahead for a future month is replaced when that month's actuals arrive). A blank `amount` is no spend reported yet, never zero.",
  },
  accounts: {
    name: "accounts",
    schema: accounts,
    key: ["account_id"],
    uniqueId: true,
    references: [],
    title: { en: "Accounts", ja: "取引先" },
    note: "A reference list: the report of month M reads each account as the newest folder <= M gives it, so a month folder without accounts carries the list forward; an account first listed in a later folder is unknown to earlier months. Leads and opportunities join it through `account_id`. Without it, target-account figures fall back to the leads' `target_account` flag, and coverage (which needs the number of target accounts) reads not provided.",
  },
  targets: {
    name: "targets",
    schema: targets,
    key: ["month", "metric"],
    uniqueId: true,
    root: true,
    references: [],
    title: { en: "Targets", ja: "目標" },
  },
};

export type Lead = z.infer<typeof leads>;
export type Activity = z.infer<typeof activities>;
export type Opportunity = z.infer<typeof opportunities>;
export type Campaign = z.infer<typeof campaigns>;
export type Content = z.infer<typeof content>;
export type ContentTouch = z.infer<typeof content_touches>;
export type WebTraffic = z.infer<typeof web_traffic>;
export type Spend = z.infer<typeof spend>;
export type Account = z.infer<typeof accounts>;
export type Target = z.infer<typeof targets>;

/** The columns of a dataset, read back from its zod schema. */
export function columnsOf(name: DatasetName): ColumnInfo[] {
  return Object.entries(DATASETS[name].schema.shape).map(([col, s]) => columnInfo(col, s as z.ZodType));
}

/** Columns known to carry personal data in real exports; recognised so the reader can say it dropped them. */
export const PERSONAL_COLUMN_HINTS = [
  "name",
  "first name",
  "last name",
  "full name",
  "氏名",
  "名前",
  "姓",
  "名",
  "email",
  "e-mail",
  "メール",
  "メールアドレス",
  "phone",
  "mobile",
  "電話",
  "電話番号",
  "携帯",
  "title",
  "役職",
  "address",
  "住所",
  "street",
  "番地",
  // Free text about a person ("田中様 初回架電"): treated as personal, never read.
  "subject",
  "件名",
  "description",
  "説明",
  "comments",
  "コメント",
  "memo",
  "メモ",
] as const;
