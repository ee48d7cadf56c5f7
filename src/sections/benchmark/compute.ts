// Web benchmark: sessions, users, new users, engagement time per session, views per session and
// bounce rate (GA4: 1 - engaged sessions / sessions; UA: bounces / sessions), in total, by channel
// and by new vs returning users.
import { lit, type Db } from "../../model/duckdb.ts";
import type { Definition, MetricContext } from "../../metrics/context.ts";
import { addMonths, round } from "../../metrics/context.ts";
import { headline, type Headline, type Point, type Targets } from "../../metrics/headline.ts";
import { monthIndex } from "../../schema/month.ts";
import { byMonth, monthOf, monthSql, points, ratio, windowList } from "../../metrics/series.ts";

export const DEFINITIONS: Definition[] = [
  {
    id: "sessions",
    unit: "count",
    label: { en: "Sessions", ja: "セッション" },
    definition: { en: "Sum of sessions over the month's rows.", ja: "当月の行のセッション数の合計。" },
  },
  {
    id: "users",
    unit: "count",
    label: { en: "Users", ja: "ユーザー" },
    definition: {
      en: "Sum of daily (or monthly) users over the month's rows; a person visiting on two days counts twice.",
      ja: "当月の行のユーザー数の合計（日別データでは、2日訪れた人は2人と数える）。",
    },
  },
  {
    id: "new_users",
    unit: "count",
    label: { en: "New users", ja: "新規ユーザー" },
    definition: { en: "Sum of new users.", ja: "新規ユーザー数の合計。" },
  },
  {
    id: "engagement_per_session",
    unit: "seconds",
    label: { en: "Engagement time per session", ja: "セッションあたりのエンゲージメント時間" },
    definition: {
      en: "Total engagement seconds / sessions. Per row, total engagement is engagement_seconds, else avg_session_seconds × sessions, else avg_user_engagement_seconds × users.",
      ja: "総エンゲージメント秒数 / セッション。行ごとの総秒数は engagement_seconds、無ければ平均セッション時間×セッション、それも無ければユーザーあたり平均×ユーザー。",
    },
  },
  {
    id: "views_per_session",
    unit: "number",
    label: { en: "Views per session", ja: "セッションあたりの表示回数" },
    definition: { en: "Views (pageviews) / sessions, over rows that give views.", ja: "表示回数 / セッション（表示回数がある行）。" },
  },
  {
    id: "bounce_rate",
    unit: "ratio",
    label: { en: "Bounce rate", ja: "直帰率" },
    definition: {
      en: "GA4 rows: 1 − engaged sessions / sessions (engaged sessions, or engagement rate × sessions). UA-style rows: bounces / sessions. Rows of both kinds are added as bounces / sessions.",
      ja: "GA4 の行：1 − エンゲージのあったセッション / セッション（またはエンゲージメント率×セッション）。UA 形式の行：直帰数 / セッション。両方ある場合は直帰数 / セッションとして合算。",
    },
  },
];

export interface ChannelRow {
  channel: string;
  sessions: number;
  share: number;
  users: number;
  newUsers: number | null;
  engagementPerSession: number | null;
  viewsPerSession: number | null;
  bounceRate: number | null;
  previousSessions: number | null;
  mom: number | null;
}

export interface Benchmark {
  provided: boolean;
  sessions: Headline;
  users: Headline;
  newUsers: Headline;
  engagementPerSession: Headline;
  viewsPerSession: Headline;
  bounceRate: Headline;
  channels: ChannelRow[];
  userTypes: { userType: string; sessions: number; users: number; share: number; bounceRate: number | null }[];
  /** 13-month sessions of the top channels (small multiples). */
  channelSeries: { channel: string; series: Point[] }[];
}

/** Per-row numerators and denominators, so mixed GA4/UA rows add up correctly. */
const ROW = `
  SELECT ${monthOf("date")} AS m, channel, coalesce(user_type, 'all') AS user_type, sessions, users, new_users, pageviews,
    coalesce(engagement_seconds, avg_session_seconds * sessions, avg_user_engagement_seconds * users) AS engaged_seconds,
    CASE WHEN bounces IS NOT NULL THEN bounces
         WHEN engaged_sessions IS NOT NULL THEN sessions - engaged_sessions
         WHEN engagement_rate IS NOT NULL THEN sessions * (1 - engagement_rate) END AS bounced,
    CASE WHEN bounces IS NOT NULL OR engaged_sessions IS NOT NULL OR engagement_rate IS NOT NULL THEN sessions END AS bounce_base,
    CASE WHEN engagement_seconds IS NOT NULL OR avg_session_seconds IS NOT NULL OR avg_user_engagement_seconds IS NOT NULL THEN sessions END AS engaged_base,
    CASE WHEN pageviews IS NOT NULL THEN sessions END AS views_base
  FROM web_traffic`;

const AGG = `sum(sessions) AS sessions, sum(users) AS users, sum(new_users) AS new_users, sum(pageviews) AS views, sum(views_base) AS views_base,
  sum(engaged_seconds) AS engaged_seconds, sum(engaged_base) AS engaged_base, sum(bounced) AS bounced, sum(bounce_base) AS bounce_base`;

interface Agg {
  sessions: number;
  users: number;
  new_users: number | null;
  views: number | null;
  views_base: number | null;
  engaged_seconds: number | null;
  engaged_base: number | null;
  bounced: number | null;
  bounce_base: number | null;
}

const per = (num: number | null, den: number | null) => (num !== null && den ? round(num / den) : null);

export async function benchmarkMetrics(db: Db, ctx: MetricContext, targets: Targets): Promise<Benchmark> {
  const rows = byMonth(await db.all<Agg & { m: number }>(`SELECT m, ${AGG} FROM (${ROW}) WHERE m IN ${windowList(ctx)} GROUP BY m`));
  const needs = ["web_traffic"] as const;
  const h = (id: string, f: (r: Agg) => { value: number | null; numerator?: number; denominator?: number }) =>
    headline(
      id,
      points(ctx, needs, (m) => (rows.get(m) ? f(rows.get(m)!) : undefined), "null"),
      ctx.month,
      targets,
    );
  const m = monthSql(ctx.month);
  const prev = monthSql(addMonths(ctx.month, -1));
  const channels = await db.all<Agg & { channel: string; previous: number | null }>(`
    WITH cur AS (SELECT channel, ${AGG} FROM (${ROW}) WHERE m = ${m} GROUP BY channel),
    p AS (SELECT channel, sum(sessions) AS previous FROM (${ROW}) WHERE m = ${prev} GROUP BY channel)
    SELECT cur.*, p.previous FROM cur LEFT JOIN p USING (channel) ORDER BY sessions DESC, channel`);
  const total = channels.reduce((a, c) => a + c.sessions, 0);
  const prevProvided = ctx.provided("web_traffic", addMonths(ctx.month, -1));
  const userTypes = await db.all<Agg & { user_type: string }>(
    `SELECT user_type, ${AGG} FROM (${ROW}) WHERE m = ${m} GROUP BY user_type ORDER BY sessions DESC`,
  );
  const top = channels.slice(0, 6).map((c) => c.channel);
  const series = top.length
    ? await db.all<{ channel: string; m: number; sessions: number }>(
        `SELECT channel, m, sum(sessions) AS sessions FROM (${ROW}) WHERE m IN ${windowList(ctx)} AND channel IN (${top.map(lit).join(", ")}) GROUP BY ALL`,
      )
    : [];
  return {
    provided: ctx.provided("web_traffic", ctx.month),
    sessions: h("sessions", (r) => ({ value: r.sessions })),
    users: h("users", (r) => ({ value: r.users })),
    newUsers: h("new_users", (r) => ({ value: r.new_users })),
    engagementPerSession: h("engagement_per_session", (r) =>
      r.engaged_seconds !== null && r.engaged_base ? ratio(r.engaged_seconds, r.engaged_base) : { value: null },
    ),
    viewsPerSession: h("views_per_session", (r) => (r.views !== null && r.views_base ? ratio(r.views, r.views_base) : { value: null })),
    bounceRate: h("bounce_rate", (r) =>
      r.bounced !== null && r.bounce_base ? ratio(round(r.bounced, 6)!, r.bounce_base) : { value: null },
    ),
    channels: channels.map((c) => ({
      channel: c.channel,
      sessions: c.sessions,
      share: round(total ? c.sessions / total : 0)!,
      users: c.users,
      newUsers: c.new_users,
      engagementPerSession: per(c.engaged_seconds, c.engaged_base),
      viewsPerSession: per(c.views, c.views_base),
      bounceRate: per(c.bounced, c.bounce_base),
      previousSessions: prevProvided ? (c.previous ?? 0) : null,
      mom: prevProvided && c.previous ? round((c.sessions - c.previous) / c.previous) : null,
    })),
    userTypes: userTypes.map((u) => ({
      userType: u.user_type,
      sessions: u.sessions,
      users: u.users,
      share: round(total ? u.sessions / total : 0)!,
      bounceRate: per(u.bounced, u.bounce_base),
    })),
    channelSeries: top.map((channel) => ({
      channel,
      series: points(ctx, needs, (month) => {
        const r = series.find((s) => s.channel === channel && s.m === monthIndex(month));
        return r ? { value: r.sessions } : undefined;
      }),
    })),
  };
}
