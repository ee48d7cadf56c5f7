// Every label the pages show comes from a typed catalogue of both locales, and is looked up by
// locale here, in one place: components never choose a language themselves. A label with numbers
// or names in it is a function of them (in both locales); section-specific labels live in their
// section's folder (src/sections/<id>/labels.ts) in the same form. Metric labels and definitions
// live with their metrics.
import { DATASETS } from "../schema/dataset.ts";
import type { Severity } from "../validate/problem.ts";
import type { Locale } from "./format.ts";

/** Words the pages show, in both locales. */
export interface Text {
  en: string;
  ja: string;
}

/** A label: its text in both locales, or a function from what it says (numbers, names) to that text. */
export type Label = Text | ((...args: never[]) => Text);
export type Catalogue = Readonly<Record<string, Label>>;

/** A catalogue in one locale: each text a string, each function one that gives a string. */
export type Localized<C extends Catalogue> = {
  readonly [K in keyof C]: C[K] extends (...args: infer A) => Text ? (...args: A) => string : string;
};

const SEVERITY: Record<Severity, Text> = {
  error: { en: "error", ja: "エラー" },
  warning: { en: "warning", ja: "警告" },
  info: { en: "note", ja: "注記" },
};

/** Why a source value counts as marketing or not (model/sources.ts). */
type SourceClassBy = "config" | "generic" | "hubspot" | "salesforce" | "marketing" | "none";
const SOURCE_CLASSES: Record<SourceClassBy, Text> = {
  config: { en: "marketingSources (configured)", ja: "marketingSources の設定" },
  generic: { en: "generic channel name", ja: "一般的なチャネル名" },
  hubspot: { en: "HubSpot standard value", ja: "HubSpot の標準値" },
  salesforce: { en: "Salesforce standard value", ja: "Salesforce の標準値" },
  marketing: { en: "the value marketing", ja: "marketing という値" },
  none: { en: "no list names it", ja: "どの一覧にもない" },
};

/**
 * The one mark of a value with nothing to show although its data is present: a ratio of no cases
 * (0 / 0), an empty table, a cell without a value (no budget, no change on the month). The spec's
 * "-" (hyphen-minus), in both locales; never "not provided" (a dataset the month lacks), nor a
 * negative number's "−".
 */
export const NO_VALUE = "-";

/** The page furniture, and the data appendix's and the editions' words. */
export const LABELS = {
  siteTitle: { en: "Monthly demand review", ja: "月次デマンドレビュー" },
  dataAppendix: { en: "Data appendix", ja: "データ付録" },
  trends: { en: "Trends", ja: "推移" },
  archive: { en: "Archive", ja: "アーカイブ" },
  latest: { en: "Latest report", ja: "最新レポート" },
  draft: { en: "DRAFT", ja: "ドラフト" },
  draftNote: { en: "Numbers may still change until this month is published.", ja: "公開まで数値が変わる可能性があります。" },
  published: { en: "Published", ja: "公開済み" },
  asOf: { en: "Data as of", ja: "データ時点" },
  month: { en: "Month", ja: "月" },
  previousMonth: { en: "Previous month", ja: "前月" },
  nextMonth: { en: "Next month", ja: "翌月" },
  sameMonthLastYear: { en: "Same month last year", ja: "前年同月" },
  target: { en: "Target", ja: "目標" },
  attainment: { en: "Attainment", ja: "達成率" },
  mom: { en: "vs previous month", ja: "前月比" },
  yoy: { en: "vs last year", ja: "前年同月比" },
  notProvided: { en: "not provided", ja: "データなし" },
  /** A ratio whose denominator is zero with the data present: no cases. */
  noCases: { en: NO_VALUE, ja: NO_VALUE },
  /** A number whose population is still open at the as-of date (the maturity rule). */
  provisional: { en: "provisional", ja: "暫定" },
  provisionalNote: {
    en: "Provisional: its population is still open at the month's end, so it is not compared with earlier months.",
    ja: "暫定値：月末時点で対象がまだ確定していないため、前月などとは比較しません。",
  },
  emptyExport: {
    en: "The month's export held no records: no change from earlier months is shown.",
    ja: "当月のエクスポートにはレコードがありませんでした。前月比などの増減は表示しません。",
  },
  notProvidedSection: {
    en: "This month's folder does not provide the data this section needs:",
    ja: "当月のフォルダにこのセクションに必要なデータがありません：",
  },
  showTable: { en: "Table behind the chart", ja: "グラフのデータ" },
  highlights: { en: "Highlights", ja: "ハイライト" },
  actions: { en: "Next month's actions", ja: "来月のアクション" },
  commentary: { en: "Commentary", ja: "コメント" },
  definitionsTitle: { en: "Definitions", ja: "指標の定義" },
  files: { en: "Files read", ja: "読み込んだファイル" },
  file: { en: "File", ja: "ファイル" },
  encoding: { en: "Encoding", ja: "文字コード" },
  delimiter: { en: "Delimiter", ja: "区切り" },
  rows: { en: "Rows", ja: "行数" },
  skipped: { en: "Skipped", ja: "除外" },
  nonData: { en: "Non-data lines", ja: "データ以外の行" },
  hash: { en: "SHA-256", ja: "SHA-256" },
  problems: { en: "Problems and notes", ja: "問題と注記" },
  none: { en: "None.", ja: "ありません。" },
  configuration: { en: "Configuration in force", ja: "適用中の設定" },
  edition: { en: "Edition", ja: "版" },
  editionHistory: { en: "Edition history", ja: "版の履歴" },
  liveDraft: { en: "Live draft, computed from data/ on every build.", ja: "ドラフト：ビルドのたびに data/ から計算しています。" },
  metric: { en: "Metric", ja: "指標" },
  value: { en: "Value", ja: "値" },
  change: { en: "Change", ja: "増減" },
  total: { en: "Total", ja: "合計" },
  skipToContent: { en: "Skip to content", ja: "本文へ移動" },
  sections: { en: "Sections", ja: "セクション" },
  generatedBy: { en: "Generated by Gekkan", ja: "Gekkan で生成" },
  status: { en: "Status", ja: "状態" },
  allMonths: { en: "Every month", ja: "全ての月" },
  redirecting: { en: "Redirecting to the latest report…", ja: "最新のレポートへ移動します…" },
  notInEdition: {
    en: "Not in this edition: the report did not have this section when this month was published.",
    ja: "この版には含まれていません（この月の公開時にはこのセクションがありませんでした）。",
  },
  // Editions and restatements.
  revision: { en: "Revision", ja: "版" },
  publishedOn: { en: "Published", ja: "公開日" },
  reason: { en: "Reason", ja: "理由" },
  firstEdition: { en: "first edition", ja: "初版" },
  restatedBadge: { en: "Restated", ja: "訂正版" },
  restatedStatus: { en: "restated", ja: "訂正版" },
  superseded: (revision: number, published: string) => ({
    en: `This is revision ${revision} (published ${published}); it has been restated.`,
    ja: `この版（第${revision}版、${published}公開）は訂正されています。`,
  }),
  seeCurrent: (revision: number) => ({ en: `See the current revision (${revision})`, ja: `最新の版（第${revision}版）を見る` }),
  restatedTitle: (revision: number, published: string) => ({
    en: `Restated (revision ${revision}, ${published})`,
    ja: `訂正（第${revision}版、${published}）`,
  }),
  reasonIs: { en: "Reason: ", ja: "理由：" },
  changedHeadlines: { en: "Headline numbers that changed", ja: "変更された主要指標" },
  noHeadlineChanged: { en: "No headline number changed.", ja: "主要指標に変更はありません。" },
  before: { en: "Before", ja: "訂正前" },
  after: { en: "After", ja: "訂正後" },
  // The data appendix.
  asOfRule: (month: string, monthName: string) => ({
    en: `The ${monthName} report reads the folders up to ${month}; a record found in several folders is taken from the newest (as-of).`,
    ja: `${monthName}のレポートは ${month} 以前のフォルダを読み、同じレコードは最新のフォルダの値を使います（as-of）。`,
  }),
  rowsRejected: { en: "Rows rejected", ja: "除外した行" },
  unmatchedIds: { en: "Unmatched ids", ja: "参照先が見つからないID" },
  column: { en: "Column", ja: "列" },
  more: { en: "More", ja: "他に" },
  message: { en: "Message", ja: "内容" },
  fix: { en: "Fix", ja: "対処" },
  definition: { en: "Definition", ja: "定義" },
  severity: (severity: Severity) => SEVERITY[severity],
  anomalies: { en: "Anomalies", ja: "データの矛盾" },
  anomaliesDefinition: {
    en: "Records valid one by one that contradict themselves or each other, such as stage dates out of order. They are kept and counted here; a metric that leaves any out says how many beside it.",
    ja: "1件ずつは正しいが、日付の順序などが矛盾するレコード。除外せず件数を示します（各指標が除外した件数はその指標のそばに示します）。",
  },
  check: { en: "Check", ja: "検査" },
  records: { en: "Records", ja: "件数" },
  sourcesTitle: { en: "Source values and their classification", ja: "ソースの値と分類" },
  source: { en: "Source", ja: "ソース" },
  sourceLeads: { en: "Leads", ja: "リード" },
  sourceOpportunities: { en: "Opportunities", ja: "商談" },
  marketingSourced: { en: "Marketing-sourced", ja: "マーケ起点" },
  classifiedBy: { en: "Classified by", ja: "分類の根拠" },
  yes: { en: "yes", ja: "はい" },
  no: { en: "no", ja: "いいえ" },
  noSource: { en: "(none)", ja: "（なし）" },
  classification: (by: SourceClassBy) => SOURCE_CLASSES[by],
  /**
   * A dataset and the months of a window that lack it, in a note: "leads (Aug 26・Sep 26)" (its file's
   * name), 「リード（26/8・26/9）」 (its Japanese title, not an English word in Japanese text).
   */
  lacksIn: (dataset: string, months: string) => ({
    en: `${dataset} (${months})`,
    ja: `${(DATASETS as Record<string, { title: Text }>)[dataset]?.title.ja ?? dataset}（${months}）`,
  }),
  /** A name and what it says, in running text: "3 months: leads (…)", 「直近3か月：リード（…）」. */
  named: (name: string, value: string) => ({ en: `${name}: ${value}`, ja: `${name}：${value}` }),
  /** A figure of a period, in running text: "Won amount, FY2025", 「2025年度の受注額」. */
  ofPeriod: (name: string, period: string) => ({ en: `${name}, ${period}`, ja: `${period}の${name}` }),
  /** Items of a list in running text: 「、」 between them in Japanese, ", " in English. */
  list: (items: readonly string[]) => ({ en: items.join(", "), ja: items.join("、") }),
  // The data page's status line and its configuration table.
  errorsCount: { en: "Errors", ja: "エラー" },
  warningsCount: { en: "Warnings", ja: "警告" },
  changedFiles: { en: "Files changed since publication", ja: "公開後に変わったファイル" },
  timesCount: (n: string) => ({ en: `${n} times`, ja: `${n}件` }),
  setting: { en: "Setting", ja: "設定項目" },
} as const satisfies Catalogue;

/** The labels a component shows, in `locale`. */
export type Labels<C extends Catalogue = Catalogue> = Localized<typeof LABELS & C> & {
  /** Words that come as data in both locales (a metric's label, a configured stage or SLA rule), in the same locale. */
  text(t: Text): string;
};

const localized = new Map<Locale, WeakMap<Catalogue, unknown>>();

/**
 * The page furniture and the catalogue `own` (a section's labels) in `locale`: the one place a label
 * is looked up by locale. A key in both catalogues is an error: one word, one entry.
 */
export function labelsIn<C extends Catalogue = Record<never, never>>(locale: Locale, own?: C): Labels<C> {
  const catalogue: Catalogue = own ?? LABELS;
  const cache = localized.get(locale) ?? localized.set(locale, new WeakMap()).get(locale)!;
  const hit = cache.get(catalogue);
  if (hit) return hit as Labels<C>;
  const entries: Catalogue = { ...LABELS };
  for (const [key, label] of Object.entries(own ?? {})) {
    if (key in LABELS) throw new Error(`label ${key} is both a page label and a section's: give it one home`);
    (entries as Record<string, Label>)[key] = label;
  }
  const out: Record<string, unknown> = { text: (t: Text) => t[locale] };
  for (const [key, label] of Object.entries(entries))
    out[key] = typeof label === "function" ? (...args: never[]) => label(...args)[locale] : label[locale];
  cache.set(catalogue, out);
  // Built from the catalogue entry by entry: the type is the catalogue's, in one locale.
  return out as Labels<C>;
}
