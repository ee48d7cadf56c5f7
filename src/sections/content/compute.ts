// Content performance: assets ranked by leads and MQLs produced, and by influence on deals
// (distinct leads who touched the asset before becoming SQL, and those deals' pipeline), rolled up
// by type and journey stage; assets published in the month.
import { versionsSql } from "../../model/asof.ts";
import type { Db } from "../../model/duckdb.ts";
import { monthIndex } from "../../schema/month.ts";
import type { MetricContext } from "../../metrics/context.ts";
import type { Targets } from "../../metrics/headline.ts";
import {
  acrossMonthsSql,
  amountSum,
  byMonth,
  inMonth,
  inWindow,
  mergeCounts,
  monthOf,
  monthSql,
  points,
  rowsTable,
  windowList,
  windowStart,
} from "../../metrics/series.ts";
import { datasetsOf, headlineOf, preparedFor } from "../section.ts";
import { METRICS } from "./metrics.ts";
import type { AssetRow, ContentPerformance, Rollup } from "./schema.ts";

const headline = headlineOf(METRICS);

const TOP = 20;

/**
 * Per lead that converted within the window: the moment it became SQL or got an opportunity,
 * whichever came first, and its deal (__opp, null for an SQL without one) and amount. Only the
 * window's conversions are ever shown.
 */
const converted = (ctx: MetricContext) => `
  WITH f AS (SELECT * FROM first_opportunity),
  -- Only the leads that can qualify are joined (joining every as-of lead took twice as long): the
  -- earlier of sql_at and the first opportunity is in the window only if sql_at is on or after its
  -- start or, with no sql_at, the first opportunity is in it. Such leads reach a deal (deal_leads).
  l AS (
    SELECT __lead, sql_at FROM deal_leads WHERE sql_at >= ${windowStart(ctx)}
    UNION ALL
    SELECT __lead, sql_at FROM deal_leads WHERE sql_at IS NULL AND __lead IN (SELECT __lead FROM f WHERE ${inWindow("created_at", ctx)}))
  SELECT l.__lead, least(l.sql_at, f.created_at) AS at, f.__opp, f.amount
  FROM l LEFT JOIN f USING (__lead)
  WHERE ${inWindow("least(l.sql_at, f.created_at)", ctx)}`;

/** Per form asset, the month's leads created with it and leads that became MQL with it, and all its leads. */
interface ContentLeads {
  content_id: string;
  leads: number;
  mqls: number;
  all: number;
}

/** By report month: the assets' leads and MQLs, and leads with an asset by month of the window. */
export type PreparedContent = Map<string, { assets: ContentLeads[]; series: { m: number; leads: number }[] }>;

/** The leads with a form asset of every month of `months` at once, from the versions (acrossMonthsSql). */
export async function prepareContent(db: Db, months: readonly string[]): Promise<PreparedContent> {
  const relation = `SELECT * FROM (${versionsSql("leads")}) WHERE content_id IS NOT NULL`;
  const byAsset = (date: string | undefined, span: "month" | "any") =>
    db.all<{ r: number; content_id: string; n: number }>(
      acrossMonthsSql({
        relation,
        months,
        date,
        keys: ["content_id"],
        values: [{ name: "n", sql: "1" }],
        span,
      }),
    );
  const assets = mergeCounts(
    {
      leads: await byAsset("created_at", "month"),
      mqls: await byAsset("mql_at", "month"),
      all: await byAsset(undefined, "any"),
    },
    (x) => x.content_id,
  );
  const series = await db.all<{ r: number; m: number; leads: number }>(
    acrossMonthsSql({
      relation,
      months,
      date: "created_at",
      values: [{ name: "leads", sql: "1" }],
    }),
  );
  const out: PreparedContent = new Map();
  for (const month of months) {
    const r = monthIndex(month);
    out.set(month, {
      assets: [...(assets.get(r) ?? [])].map(([content_id, counts]) => ({ content_id, ...counts })),
      series: series.filter((x) => x.r === r).map(({ m, leads }) => ({ m, leads })),
    });
  }
  return out;
}

/**
 * Distinct (lead, asset) pairs where the lead touched the asset before converting, with the month it
 * converted and its deal. A converted lead reaches a deal: its touches are all in deal_touches
 * (model/asof.ts). Several leads may have one deal (two people of a company): a pipeline adds up
 * the pairs' deals, each once, never a deal's amount once per lead.
 */
const INFLUENCE_SQL = `
  SELECT DISTINCT c.__lead, t.content_id, ${monthOf("c.at")} AS m, c.__opp, coalesce(c.amount, 0) AS amount
  FROM content_converted c JOIN deal_touches t ON t.__lead = c.__lead AND t.occurred_at <= c.at`;

/** SQL: the pipeline of influence relation `rows` (a name) per `keys`: each deal's amount once (a lead without one adds nothing). */
const pipelineOf = (rows: string, keys: string) =>
  `SELECT ${keys}, ${amountSum("amount")} AS pipeline FROM (SELECT DISTINCT ${keys}, __opp, amount FROM ${rows} WHERE __opp IS NOT NULL) GROUP BY ALL`;

/** Materialized once per month: every query below reads it. */
const INFLUENCE = "content_influence";

/** The month's content performance; `prepared`: what prepareContent counted for the report months. */
export async function contentMetrics(db: Db, ctx: MetricContext, prepared: PreparedContent, targets: Targets): Promise<ContentPerformance> {
  const mine = preparedFor(prepared, ctx.month);
  /** The month's leads with a form asset: per asset, leads created and leads that became MQL in the month. */
  const assets = await rowsTable(
    db,
    "content_assets",
    [
      { name: "content_id", type: "VARCHAR" },
      { name: "leads", type: "BIGINT" },
      { name: "mqls", type: "BIGINT" },
      { name: "all_leads", type: "BIGINT" },
    ],
    mine.assets.map((a) => [a.content_id, a.leads, a.mqls, a.all]),
  );
  const createdOrMql = `SELECT * FROM (${assets}) WHERE leads > 0 OR mqls > 0`;
  // Two steps: planned as one query, DuckDB spent seconds optimizing it on large projects.
  await db.exec(`CREATE OR REPLACE TEMP TABLE content_converted AS ${converted(ctx)}`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${INFLUENCE} AS ${INFLUENCE_SQL}`);
  const m = monthSql(ctx.month);
  const hasTouches = ctx.provided("content_touches", ctx.month);
  const rank = (rows: Omit<AssetRow, "rank">[]) => {
    let r = 0;
    let last: number | undefined;
    return rows.map((x, i) => {
      if (x.value !== last) {
        r = i + 1;
        last = x.value;
      }
      return { ...x, rank: r };
    });
  };
  const ranking = async (count: "leads" | "mqls") =>
    rank(
      await db.all<Omit<AssetRow, "rank">>(`
      SELECT c.content_id AS contentId, c.title, c.type, c.stage, l.${count} AS value
      FROM (${createdOrMql}) l JOIN content c ON c.content_id = l.content_id WHERE l.${count} > 0
      ORDER BY value DESC, c.title, c.content_id LIMIT ${TOP}`),
    );
  const byLeads = await ranking("leads");
  const byMqls = await ranking("mqls");
  const byInfluence = hasTouches
    ? rank(
        await db.all<Omit<AssetRow, "rank">>(`
        WITH i AS (SELECT * FROM ${INFLUENCE} WHERE m = ${m}),
        n AS (SELECT content_id, count(*) AS value FROM i GROUP BY 1),
        p AS (${pipelineOf("i", "content_id")})
        SELECT c.content_id AS contentId, c.title, c.type, c.stage, n.value, coalesce(p.pipeline, 0) AS pipeline
        FROM n JOIN content c USING (content_id) LEFT JOIN p USING (content_id)
        ORDER BY value DESC, pipeline DESC, c.title, c.content_id LIMIT ${TOP}`),
      )
    : null;
  const rollup = async (col: "type" | "stage"): Promise<Rollup[]> => {
    const rows = await db.all<Rollup>(`
      WITH p AS (SELECT coalesce(c.${col}, 'unknown') AS key, sum(l.leads) AS leads, sum(l.mqls) AS mqls
                 FROM (${createdOrMql}) l JOIN content c ON c.content_id = l.content_id GROUP BY 1),
      k AS (SELECT DISTINCT i.__lead, coalesce(c.${col}, 'unknown') AS key, i.__opp, i.amount FROM ${INFLUENCE} i JOIN content c USING (content_id) WHERE i.m = ${m}),
      kp AS (${pipelineOf("k", "key")}),
      i AS (SELECT key, count(*) AS influenced, coalesce(any_value(kp.pipeline), 0) AS pipeline FROM k LEFT JOIN kp USING (key) GROUP BY key)
      SELECT key, coalesce(p.leads, 0) AS leads, coalesce(p.mqls, 0) AS mqls, ${hasTouches ? "coalesce(i.influenced, 0)" : "NULL"} AS influenced,
        ${hasTouches ? "coalesce(i.pipeline, 0)" : "NULL"} AS pipeline
      FROM p FULL JOIN i USING (key) ORDER BY leads DESC, key`);
    return rows.filter((r) => r.leads + r.mqls + (r.influenced ?? 0) > 0);
  };
  // Two assets of one title published at one instant (a series' parts) are listed by id: a sort with
  // ties left is in whatever order the threads give.
  const published = await db.all<ContentPerformance["published"][number]>(`
    SELECT c.content_id AS contentId, c.title, c.type, strftime(c.published_at, '%Y-%m-%d') AS publishedAt, coalesce(l.all_leads, 0) AS leads
    FROM content c LEFT JOIN (${assets}) l USING (content_id) WHERE ${inMonth("c.published_at", ctx.month)} ORDER BY c.published_at, c.title, c.content_id`);
  const series = byMonth(
    await db.all<{ m: number; leads: number; pipeline: number | null }>(`
    WITH l AS (${await rowsTable(
      db,
      "content_series",
      [
        { name: "m", type: "BIGINT" },
        { name: "leads", type: "BIGINT" },
      ],
      mine.series.map((x) => [x.m, x.leads]),
    )}),
    p AS (${pipelineOf(INFLUENCE, "m")})
    SELECT m, coalesce(l.leads, 0) AS leads, p.pipeline FROM l FULL JOIN p USING (m) WHERE m IN ${windowList(ctx)}`),
  );
  const totals = await db.one<{ leads: number; mqls: number; assets: number }>(`
    SELECT coalesce(sum(leads), 0) AS leads, coalesce(sum(mqls), 0) AS mqls, (SELECT count(*) FROM content) AS assets
    FROM (${createdOrMql})`);
  return {
    provided: ctx.provided("content", ctx.month) || ctx.provided("leads", ctx.month),
    byLeads,
    byMqls,
    byInfluence,
    byType: await rollup("type"),
    byStage: await rollup("stage"),
    published,
    contentLeads: headline(
      "content_leads",
      points(ctx, datasetsOf(METRICS, "content_leads"), (mm) => (series.get(mm) ? { value: series.get(mm)!.leads } : undefined)),
      ctx.month,
      targets,
    ),
    influencedPipeline: headline(
      "content_influenced_pipeline",
      points(ctx, datasetsOf(METRICS, "content_influenced_pipeline"), (mm) =>
        series.get(mm) ? { value: series.get(mm)!.pipeline ?? 0 } : undefined,
      ),
      ctx.month,
      targets,
    ),
    totals,
  };
}
