// Writing a month's records in the styles real tools export them:
// - canonical: UTF-8 CSV, canonical headers, LF, ISO dates, quoted only when needed (RFC 4180);
// - salesforce-ja: a Japanese Salesforce report export (CP932, CRLF, every value quoted, Japanese
//   and custom headers, 2026/06/01 9:05 dates, ¥ amounts, はい/いいえ, a footer after a blank line);
// - ga4-ja: a GA4 Japanese download (UTF-8 with BOM, '#' preamble, a 総計 totals row);
// - jsonl: one JSON object per line with canonical keys;
// - tsv-en: tab-separated, CRLF, UTF-8 with BOM, English Salesforce headers.
import { encodeShiftJis } from "../read/encoding.ts";
import { toSalesforce18 } from "../read/sfid.ts";
import { columnsOf, type DatasetName } from "../schema/dataset.ts";
import { compactDate, dayIso, isoDateTime, isoMinute, slashDate, slashDateTime, type Sec } from "./time.ts";

/** A value in a row: text, number, boolean, a date-time, a date, or blank. */
export type Cell = string | number | boolean | undefined | { at: Sec } | { day: number };
export type Row = Record<string, Cell>;

/**
 * A file's rows, made a slice at a time: a large month's rows never all exist at once (an array
 * of rows is one too). Every writer here yields the file's bytes in chunks of CHUNK_ROWS rows.
 */
export interface Rows {
  readonly length: number;
  slice(start: number, end: number): readonly Row[];
}

const CHUNK_ROWS = 10_000;

export const at = (t: Sec | undefined): Cell => (t === undefined ? undefined : { at: t });
export const onDay = (day: number | undefined): Cell => (day === undefined ? undefined : { day });

/** Personal-data columns real exports carry (never read by the report). */
export const PERSONAL_COLUMNS: Partial<Record<DatasetName, readonly string[]>> = {
  leads: ["last_name", "first_name", "email", "phone"],
  activities: ["subject"],
};

/** Canonical columns written for each dataset, checked against the zod schemas. */
const WRITTEN: Record<Exclude<DatasetName, "targets">, readonly string[]> = {
  leads: [
    "lead_id",
    "created_at",
    "source",
    "campaign_id",
    "content_id",
    "account_id",
    "company",
    "industry",
    "company_size",
    "target_account",
    "mql_at",
    "handoff_at",
    "owner",
    "accepted_at",
    "sql_at",
    "disqualified_at",
    "disqualify_reason",
    "opportunity_id",
  ],
  activities: ["activity_id", "occurred_at", "type", "owner", "lead_id", "opportunity_id", "connected", "appointment_set"],
  opportunities: [
    "opportunity_id",
    "created_at",
    "amount",
    "stage",
    "lead_id",
    "account_id",
    "owner",
    "source",
    "campaign_id",
    "closed_at",
    "lost_reason",
    "type",
    "probability",
    "forecast_category",
  ],
  campaigns: ["campaign_id", "name", "channel", "type", "cost", "started_at", "ended_at"],
  content: ["content_id", "title", "type", "url", "published_at", "stage"],
  content_touches: ["lead_id", "content_id", "occurred_at", "action"],
  web_traffic: ["date", "channel", "user_type", "sessions", "users", "new_users", "engaged_sessions", "engagement_seconds", "pageviews"],
  spend: ["month", "channel", "category", "team", "budget", "amount"],
  accounts: ["account_id", "name", "industry", "company_size", "target", "tier", "owner"],
};

export function canonicalColumns(dataset: Exclude<DatasetName, "targets">): string[] {
  const known = new Set(columnsOf(dataset).map((c) => c.name));
  for (const c of WRITTEN[dataset]) if (!known.has(c)) throw new Error(`${dataset}.${c} is not a column of the data contract`);
  const cols = [...WRITTEN[dataset]];
  // Personal columns sit where exports put them: names and contacts next to the company.
  const personal = PERSONAL_COLUMNS[dataset] ?? [];
  if (dataset === "leads") cols.splice(cols.indexOf("company") + 1, 0, ...personal);
  else cols.push(...personal);
  return cols;
}

const utf8 = new TextEncoder();
const BOM = "\ufeff";

function isStamp(v: Cell): v is { at: Sec } {
  return typeof v === "object" && "at" in v;
}

function isDay(v: Cell): v is { day: number } {
  return typeof v === "object" && "day" in v;
}

function canonicalText(v: Cell): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (isStamp(v)) return isoDateTime(v.at);
  return dayIso(v.day);
}

const NEEDS_QUOTE = /[",\r\n]/;

function csvField(text: string, delimiter: string): string {
  if (NEEDS_QUOTE.test(text) || (delimiter !== "," && text.includes(delimiter))) return `"${text.replaceAll('"', '""')}"`;
  return text;
}

/** The rows as lines, each followed by `end`, encoded a chunk of rows at a time. */
function* lines(rows: Rows, line: (r: Row) => string, end: string, encode: (text: string) => Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS)
    yield encode(
      `${rows
        .slice(i, i + CHUNK_ROWS)
        .map(line)
        .join(end)}${end}`,
    );
}

const encodeUtf8 = (text: string) => utf8.encode(text);

export function* canonicalCsv(columns: readonly string[], rows: Rows): Generator<Uint8Array> {
  yield utf8.encode(`${columns.join(",")}\n`);
  yield* lines(rows, (r) => columns.map((c) => csvField(canonicalText(r[c]), ",")).join(","), "\n", encodeUtf8);
}

export function* jsonLines(columns: readonly string[], rows: Rows): Generator<Uint8Array> {
  if (rows.length === 0) yield utf8.encode("\n");
  yield* lines(
    rows,
    (r) => {
      const o: Record<string, string | number | boolean> = {};
      for (const c of columns) {
        const v = r[c];
        if (v === undefined) continue;
        o[c] = typeof v === "object" ? canonicalText(v) : v;
      }
      return JSON.stringify(o);
    },
    "\n",
    encodeUtf8,
  );
}

/** How one column is written in a tool's export. */
export interface ExportColumn {
  /** Canonical (or personal) column of the row. */
  key: string;
  header: string;
  format?: "date" | "datetime" | "yen" | "id18" | "yesno" | "flag" | "activity-ja" | "activity-en" | "truefalse" | "minute";
}

const ACTIVITY_JA: Record<string, string> = { call: "架電", email: "メール" };
const ACTIVITY_EN: Record<string, string> = { call: "Call", email: "Email", meeting: "Meeting" };

function toolText(v: Cell, col: ExportColumn, row: Row): string {
  if (v === undefined) return "";
  switch (col.format) {
    case "date":
      return isStamp(v) ? slashDate(Math.floor(v.at / 86_400)) : isDay(v) ? slashDate(v.day) : String(v);
    case "datetime":
      return isStamp(v) ? slashDateTime(v.at) : isDay(v) ? slashDate(v.day) : String(v);
    case "minute":
      return isStamp(v) ? isoMinute(v.at) : canonicalText(v);
    case "yen":
      return typeof v === "number" ? `￥${v.toLocaleString("en-US")}` : String(v); // CP932 has only the full-width yen sign
    case "id18":
      return typeof v === "string" && /^[0-9A-Za-z]{15}$/.test(v) ? toSalesforce18(v) : canonicalText(v);
    case "yesno":
      return v === true ? "はい" : v === false ? "いいえ" : canonicalText(v);
    case "flag":
      return v === true ? "1" : v === false ? "0" : canonicalText(v);
    case "truefalse":
      return v === true ? "TRUE" : v === false ? "FALSE" : canonicalText(v);
    case "activity-ja":
      return v === "meeting" ? (row.visit === true ? "訪問" : "Web商談") : (ACTIVITY_JA[String(v)] ?? String(v));
    case "activity-en":
      return ACTIVITY_EN[String(v)] ?? String(v);
    default:
      return canonicalText(v);
  }
}

/** A Japanese Salesforce report export: CP932, CRLF, every value quoted, footer after a blank line. */
export function* salesforceJa(columns: readonly ExportColumn[], rows: Rows, year: number): Generator<Uint8Array> {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  yield encodeShiftJis(`${columns.map((c) => q(c.header)).join(",")}\r\n`);
  yield* lines(rows, (r) => columns.map((c) => q(toolText(r[c.key], c, r))).join(","), "\r\n", encodeShiftJis);
  const footer = [
    "",
    q(`総計 (${rows.length.toLocaleString("en-US")} レコード)`),
    q("機密情報 - 配布禁止"),
    q(`Copyright (c) 2000-${year} salesforce.com, inc. All rights reserved.`),
  ];
  yield encodeShiftJis(`${footer.join("\r\n")}\r\n`);
}

/** Tab-separated with English headers, CRLF, UTF-8 with BOM (a report saved from a spreadsheet). */
export function* tsvWithBom(columns: readonly ExportColumn[], rows: Rows): Generator<Uint8Array> {
  yield utf8.encode(`${BOM}${columns.map((c) => c.header).join("\t")}\r\n`);
  yield* lines(rows, (r) => columns.map((c) => csvField(toolText(r[c.key], c, r), "\t")).join("\t"), "\r\n", encodeUtf8);
}

const GA4_NUMBERS = ["sessions", "users", "new_users", "engaged_sessions", "engagement_seconds", "pageviews"] as const;
const GA4_HEADERS = [
  "日付",
  "セッションのデフォルト チャネル グループ",
  "新規 / 既存",
  "セッション",
  "ユーザー",
  "新規ユーザー数",
  "エンゲージのあったセッション数",
  "ユーザー エンゲージメント",
  "表示回数",
];

/** A GA4 download from the Japanese UI: BOM, '#' preamble, header, rows, and a 総計 totals row. */
export function* ga4Ja(rows: Rows, firstDay: number, lastDay: number): Generator<Uint8Array> {
  const rule = "# ----------------------------------------";
  const head = [
    rule,
    "# すべてのユーザー",
    `# 開始日: ${compactDate(firstDay)}`,
    `# 終了日: ${compactDate(lastDay)}`,
    rule,
    "",
    GA4_HEADERS.join(","),
  ];
  yield utf8.encode(`${BOM}${head.join("\n")}\n`);
  const totals = GA4_NUMBERS.map(() => 0);
  const line = (r: Row) => {
    const date = r.date;
    const numbers = GA4_NUMBERS.map((k, i) => {
      const n = Number(r[k] ?? 0);
      totals[i]! += n;
      return String(n);
    });
    return [isDay(date) ? compactDate(date.day) : "", csvField(String(r.channel), ","), String(r.user_type), ...numbers].join(",");
  };
  yield* lines(rows, line, "\n", encodeUtf8);
  yield utf8.encode(`${["総計", "", "", ...totals.map(String)].join(",")}\n`);
}

/** Headers of the Japanese Salesforce exports (from the built-in aliases and mapping.yaml). */
export const SALESFORCE_JA: Partial<Record<DatasetName, readonly ExportColumn[]>> = {
  leads: [
    { key: "lead_id", header: "リード ID", format: "id18" },
    { key: "owner", header: "リード所有者" },
    { key: "last_name", header: "姓" },
    { key: "first_name", header: "名" },
    { key: "company", header: "会社名" },
    { key: "email", header: "メール" },
    { key: "phone", header: "電話" },
    { key: "created_at", header: "作成日", format: "datetime" },
    { key: "source", header: "リードソース" },
    { key: "campaign_id", header: "キャンペーン ID", format: "id18" },
    { key: "content_id", header: "コンテンツ ID" },
    { key: "account_id", header: "取引先 ID", format: "id18" },
    { key: "industry", header: "業種" },
    { key: "company_size", header: "従業員規模" },
    { key: "target_account", header: "ターゲットアカウント", format: "yesno" },
    { key: "mql_at", header: "MQL日", format: "datetime" },
    { key: "handoff_at", header: "引渡日__c", format: "datetime" },
    { key: "accepted_at", header: "SAL日", format: "datetime" },
    { key: "sql_at", header: "商談化日", format: "date" },
    { key: "disqualified_at", header: "不適格日", format: "date" },
    { key: "disqualify_reason", header: "不適格理由" },
    { key: "opportunity_id", header: "商談 ID", format: "id18" },
  ],
  activities: [
    { key: "activity_id", header: "活動 ID" },
    { key: "subject", header: "件名" },
    { key: "occurred_at", header: "日付", format: "datetime" },
    { key: "type", header: "種別", format: "activity-ja" },
    { key: "owner", header: "任命先" },
    { key: "lead_id", header: "リード ID" },
    { key: "opportunity_id", header: "商談 ID" },
    { key: "connected", header: "通電", format: "yesno" },
    { key: "appointment_set", header: "アポ獲得__c", format: "flag" },
  ],
  opportunities: [
    { key: "opportunity_id", header: "商談 ID" },
    { key: "owner", header: "商談 所有者" },
    { key: "created_at", header: "作成日", format: "datetime" },
    { key: "stage", header: "フェーズ" },
    { key: "amount", header: "金額", format: "yen" },
    { key: "closed_at", header: "完了予定日", format: "date" },
    { key: "source", header: "リードソース" },
    { key: "lead_id", header: "リード ID" },
    { key: "account_id", header: "取引先 ID" },
    { key: "campaign_id", header: "主キャンペーンソース" },
    { key: "lost_reason", header: "失注理由詳細__c" },
    { key: "type_ja", header: "種別" },
    { key: "probability", header: "確度 (%)" },
    { key: "forecast_category_ja", header: "売上予測分類" },
  ],
};

/** English Salesforce report headers for the tab-separated activities export. */
export const SALESFORCE_EN_ACTIVITIES: readonly ExportColumn[] = [
  { key: "activity_id", header: "Activity ID" },
  { key: "subject", header: "Subject" },
  { key: "occurred_at", header: "Date", format: "minute" },
  { key: "type", header: "Type", format: "activity-en" },
  { key: "owner", header: "Assigned" },
  { key: "lead_id", header: "Lead ID" },
  { key: "opportunity_id", header: "Opportunity ID" },
  { key: "connected", header: "Call Connected", format: "truefalse" },
  { key: "appointment_set", header: "Appointment Set", format: "truefalse" },
];
