// The web benchmark's metrics (GA4 or Universal Analytics rows, added up per month).
import { metrics } from "../section.ts";

export const METRICS = metrics([
  {
    id: "sessions",
    unit: "count",
    datasets: ["web_traffic"],
    targets: "self",
    label: { en: "Sessions", ja: "セッション" },
    definition: { en: "Sum of sessions over the month's rows.", ja: "当月の行のセッション数の合計。" },
  },
  {
    id: "users",
    unit: "count",
    datasets: ["web_traffic"],
    targets: "self",
    label: { en: "Users", ja: "ユーザー" },
    definition: {
      en: "Sum of daily (or monthly) users over the month's rows; a person visiting on two days counts twice.",
      ja: "当月の行のユーザー数の合計（日別データでは、2日訪れた人は2人と数える）。",
    },
  },
  {
    id: "new_users",
    unit: "count",
    datasets: ["web_traffic"],
    targets: "self",
    label: { en: "New users", ja: "新規ユーザー" },
    definition: { en: "Sum of new users.", ja: "新規ユーザー数の合計。" },
  },
  {
    id: "engagement_per_session",
    unit: "seconds",
    datasets: ["web_traffic"],
    targets: "self",
    label: { en: "Engagement time per session", ja: "セッションあたりのエンゲージメント時間" },
    definition: {
      en: "Total engagement seconds / sessions, over rows that give engagement. Per row, total engagement is engagement_seconds, else avg_session_seconds × sessions, else avg_user_engagement_seconds × users. With no sessions over those rows (a channel without sessions) there are no cases (-); with no row giving engagement, not provided.",
      ja: "総エンゲージメント秒数 / セッション（エンゲージメントがある行）。行ごとの総秒数は engagement_seconds、無ければ平均セッション時間×セッション、それも無ければユーザーあたり平均×ユーザー。その行のセッションが 0（セッションの無いチャネル）なら対象なし（-）、エンゲージメントのある行が無ければ「データなし」。",
    },
  },
  {
    id: "views_per_session",
    unit: "number",
    datasets: ["web_traffic"],
    targets: "self",
    label: { en: "Views per session", ja: "セッションあたりの表示回数" },
    definition: {
      en: "Views (pageviews) / sessions, over rows that give views. With no sessions over those rows (a channel without sessions) there are no cases (-); with no row giving views, not provided.",
      ja: "表示回数 / セッション（表示回数がある行）。その行のセッションが 0（セッションの無いチャネル）なら対象なし（-）、表示回数のある行が無ければ「データなし」。",
    },
  },
  {
    id: "bounce_rate",
    unit: "ratio",
    datasets: ["web_traffic"],
    targets: "self",
    // Fewer bounces are better: 30% against a target of 25% is 83% attained, not 120%.
    better: "lower",
    label: { en: "Bounce rate", ja: "直帰率" },
    definition: {
      en: "GA4 rows: 1 − engaged sessions / sessions (engaged sessions, or engagement rate × sessions). UA-style rows: bounces / sessions. Rows of both kinds are added as bounces / sessions. With no sessions over the rows that give either (a channel without sessions) there are no cases (-); with no row giving either, not provided.",
      ja: "GA4 の行：1 − エンゲージのあったセッション / セッション（またはエンゲージメント率×セッション）。UA 形式の行：直帰数 / セッション。両方ある場合は直帰数 / セッションとして合算。そのいずれかのある行のセッションが 0（セッションの無いチャネル）なら対象なし（-）、いずれのある行も無ければ「データなし」。",
    },
  },
]);

export type BenchmarkMetricId = (typeof METRICS)[number]["id"];
