// Web benchmark: sessions, users, new users, engagement time per session, views per session and
// bounce rate (GA4: 1 - engaged sessions / sessions; UA: bounces / sessions), in total, by channel
// and by new vs returning users.
import { lit, type Db } from "../../model/duckdb.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, round } from "../../metrics/context.ts";
import type { Targets } from "../../metrics/headline.ts";
import { monthIndex } from "../../schema/month.ts";
import { byMonth, monthOf, monthSql, points, ratio, windowList } from "../../metrics/series.ts";
import { datasetsOf, headlineOf } from "../section.ts";
import { METRICS, type BenchmarkMetricId } from "./metrics.ts";
import type { Benchmark } from "./schema.ts";

const headline = headlineOf(METRICS);

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
/**
 * A rate's base as the page reads it: the sessions of the rows that give its columns, 0 when they
 * have none (no cases, "-"); null when no row gives them (not provided).
 */
const base = (num: number | null, den: number | null) => (num === null ? null : (den ?? 0));

export async function benchmarkMetrics(db: Db, ctx: MetricContext, targets: Targets): Promise<Benchmark> {
  const rows = byMonth(await db.all<Agg & { m: number }>(`SELECT m, ${AGG} FROM (${ROW}) WHERE m IN ${windowList(ctx)} GROUP BY m`));
  const h = (id: BenchmarkMetricId, f: (r: Agg) => { value: number | null; numerator?: number; denominator?: number }) =>
    headline(
      id,
      points(ctx, datasetsOf(METRICS, id), (m) => (rows.get(m) ? f(rows.get(m)!) : undefined), "null"),
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
    `SELECT user_type, ${AGG} FROM (${ROW}) WHERE m = ${m} GROUP BY user_type ORDER BY sessions DESC, user_type`,
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
    // With the columns given (a numerator), a month of no sessions over them is a rate of no cases.
    engagementPerSession: h("engagement_per_session", (r) =>
      r.engaged_seconds !== null ? ratio(r.engaged_seconds, r.engaged_base ?? 0) : { value: null },
    ),
    viewsPerSession: h("views_per_session", (r) => (r.views !== null ? ratio(r.views, r.views_base ?? 0) : { value: null })),
    bounceRate: h("bounce_rate", (r) => (r.bounced !== null ? ratio(round(r.bounced, 6)!, r.bounce_base ?? 0) : { value: null })),
    channels: channels.map((c) => ({
      channel: c.channel,
      sessions: c.sessions,
      share: round(total ? c.sessions / total : 0)!,
      users: c.users,
      newUsers: c.new_users,
      engagementPerSession: per(c.engaged_seconds, c.engaged_base),
      viewsPerSession: per(c.views, c.views_base),
      bounceRate: per(c.bounced, c.bounce_base),
      engagementBase: base(c.engaged_seconds, c.engaged_base),
      viewsBase: base(c.views, c.views_base),
      bounceBase: base(c.bounced, c.bounce_base),
      previousSessions: prevProvided ? (c.previous ?? 0) : null,
      mom: prevProvided && c.previous ? round((c.sessions - c.previous) / c.previous) : null,
    })),
    userTypes: userTypes.map((u) => ({
      // Rows without a user type are all the users when no row has one; beside new and returning,
      // they are those GA4 wrote (not set) for.
      userType: u.user_type === "all" && userTypes.length > 1 ? "(not set)" : u.user_type,
      sessions: u.sessions,
      users: u.users,
      share: round(total ? u.sessions / total : 0)!,
      bounceRate: per(u.bounced, u.bounce_base),
      bounceBase: base(u.bounced, u.bounce_base),
    })),
    channelSeries: top.map((channel) => ({
      channel,
      series: points(ctx, datasetsOf(METRICS, "sessions"), (month) => {
        const r = series.find((s) => s.channel === channel && s.m === monthIndex(month));
        return r ? { value: r.sessions } : undefined;
      }),
    })),
  };
}
