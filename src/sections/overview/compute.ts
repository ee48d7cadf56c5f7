// Overview: the demand waterfall (volume, flow and cohort conversion, velocity, value),
// win rate, and marketing's contribution (sourced vs influenced, never added together).
import type { Db } from "../../model/duckdb.ts";
import { outcomeSql, versionsSql } from "../../model/asof.ts";
import { marketingSql } from "../../model/sources.ts";
import type { Config } from "../../schema/config.ts";
import { monthIndex } from "../../schema/month.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, providesAll, round } from "../../metrics/context.ts";
import { stageDaysSql } from "../../metrics/days.ts";
import { headline, type Targets } from "../../metrics/headline.ts";
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
  ratio,
  rowsTable,
  spanFilter,
  windowList,
  windowMonths,
} from "../../metrics/series.ts";
import type { DatasetName } from "../../schema/dataset.ts";
import { datasetsOf, headlineOf, preparedFor } from "../section.ts";
import { conversionId, METRICS, TRANSITIONS, type OverviewMetricId } from "./metrics.ts";
import type { Overview, Stage, Transition, Velocity } from "./schema.ts";
import { sourceMetrics } from "./sources.ts";

/** A headline of one of the overview's metrics (a transition's is named by conversionId). */
const metricHeadline = headlineOf(METRICS);

const MARKETING = (ctx: MetricContext) => marketingSql(ctx.config);

/** Per month of the window: stage entries, closes and values; `leadCounts`: the leads' (prepareOverview). */
async function volumeSql(db: Db, ctx: MetricContext, leadCounts: readonly LeadCounts[]): Promise<string> {
  const w = windowList(ctx);
  return `
    WITH m AS (${windowMonths(ctx)}),
    l AS (${await rowsTable(
      db,
      "lead_volumes",
      ["m", "leads", "mql", "sql"].map((name) => ({ name, type: "BIGINT" as const })),
      leadCounts.map((x) => [x.m, x.leads, x.mql, x.sql]),
    )}),
    o AS (SELECT ${monthOf("created_at")} AS m, count(*) AS opportunities, ${amountSum("amount")} AS pipeline,
            count(*) FILTER (WHERE amount IS NULL) AS no_amount, count(*) FILTER (WHERE amount IS NULL AND outcome = 'open') AS open_no_amount,
            count(*) FILTER (WHERE ${MARKETING(ctx)}) AS mkt_count, coalesce(${amountSum("amount", MARKETING(ctx))}, 0) AS mkt_pipeline
          FROM opportunities WHERE ${inWindow("created_at", ctx)} GROUP BY 1),
    c AS (SELECT ${monthOf("closed_at")} AS m, count(*) FILTER (WHERE outcome = 'won') AS won, count(*) FILTER (WHERE outcome = 'lost') AS lost,
            coalesce(${amountSum("amount", `outcome = 'won'`)}, 0) AS won_amount, count(*) FILTER (WHERE outcome = 'won' AND amount IS NULL) AS won_no_amount,
            coalesce(${amountSum("amount", `outcome = 'won' AND ${MARKETING(ctx)}`)}, 0) AS mkt_revenue
          FROM opportunities WHERE outcome IN ('won', 'lost') AND ${inWindow("closed_at", ctx)} GROUP BY 1),
    -- An opportunity's lead reaches a deal: it and its touches are in deal_leads and deal_touches.
    touched AS (
      SELECT o.__opp FROM opportunities o JOIN deal_leads ld ON ld.__lead = o.__lead
      WHERE ${inWindow("o.created_at", ctx)} AND (ld.campaign_id IS NOT NULL OR o.campaign_id IS NOT NULL
         OR EXISTS (SELECT 1 FROM deal_touches t WHERE t.__lead = o.__lead AND t.occurred_at <= o.created_at))),
    i AS (SELECT ${monthOf("created_at")} AS m, count(*) AS infl_count, ${amountSum("amount")} AS infl_pipeline
          FROM opportunities WHERE ${inWindow("created_at", ctx)} AND __opp IN (SELECT __opp FROM touched) GROUP BY 1)
    SELECT m.m, coalesce(leads, 0) AS leads, coalesce(mql, 0) AS mql, coalesce(sql, 0) AS sql,
      coalesce(opportunities, 0) AS opportunities, coalesce(pipeline, 0) AS pipeline, coalesce(won, 0) AS won, coalesce(lost, 0) AS lost,
      coalesce(won_amount, 0) AS won_amount, coalesce(mkt_count, 0) AS mkt_count, coalesce(mkt_pipeline, 0) AS mkt_pipeline,
      coalesce(mkt_revenue, 0) AS mkt_revenue, coalesce(infl_count, 0) AS infl_count, coalesce(infl_pipeline, 0) AS infl_pipeline,
      coalesce(no_amount, 0) AS no_amount, coalesce(open_no_amount, 0) AS open_no_amount, coalesce(won_no_amount, 0) AS won_no_amount
    FROM m LEFT JOIN l USING (m) LEFT JOIN o USING (m) LEFT JOIN c USING (m) LEFT JOIN i USING (m)
    WHERE m.m IN ${w} ORDER BY m.m`;
}

/** Days from entering a stage to reaching the next (negative when out of order: VELOCITY_AGGREGATES leaves it out and counts it). */
const VELOCITY_DAYS = stageDaysSql("entered_at", "reached_at");

/** Velocity over `days` (VELOCITY_DAYS): negative durations are left out, and counted. */
const VELOCITY_AGGREGATES = `quantile_cont(days, 0.5) FILTER (WHERE days >= 0) AS median, quantile_cont(days, 0.9) FILTER (WHERE days >= 0) AS p90,
  count(*) FILTER (WHERE days >= 0) AS n, count(*) FILTER (WHERE days < 0) AS excluded`;

interface TransitionSpec {
  from: Stage;
  to: Stage;
  needs: readonly ("leads" | "opportunities")[];
  /**
   * Where a transition's records are rows of one dataset (entered_at and reached_at from the row
   * alone): every version of them, with __since and __until (model/asof.ts). Its numbers are then
   * computed for every report month at once (prepareOverview).
   */
  versions?: (config: Config, scratch: string) => string;
  /** The versions are a join: written once to a TEMP table, not joined again by each of prepareOverview's three queries. */
  joined?: true;
  /** Otherwise a relation over the month's as-of tables, one row per record. */
  relation?: string;
}

/** How each transition (metrics.ts TRANSITIONS), keyed by its from-stage, finds its records. */
const HOW: Record<(typeof TRANSITIONS)[number][0], Omit<TransitionSpec, "from" | "to">> = {
  lead: {
    needs: ["leads"],
    versions: () => `SELECT created_at AS entered_at, mql_at AS reached_at, __since, __until FROM (${versionsSql("leads")})`,
  },
  mql: {
    needs: ["leads"],
    versions: () =>
      `SELECT mql_at AS entered_at, sql_at AS reached_at, __since, __until FROM (${versionsSql("leads")}) WHERE mql_at IS NOT NULL`,
  },
  sql: {
    needs: ["leads", "opportunities"],
    joined: true,
    // An SQL reaches a deal: deal_leads (model/asof.ts) has every as-of lead with sql_at, joined to
    // its first opportunity as of the same month (firstOpportunitySql, versioned). A deal lead's
    // version is cut where one of its lead's first-opportunity versions starts or ends, each span
    // with the opportunity holding at its first month (none: reached_at NULL).
    versions: (_config, scratch) => `
      WITH l AS (SELECT rowid AS __v, __lead, sql_at, __since, __until FROM ${scratch}raw_deal_leads WHERE sql_at IS NOT NULL),
      f AS (SELECT __lead, created_at, __since, __until FROM ${scratch}raw_first_opportunity),
      b AS (SELECT __v, __since AS __at FROM l
            UNION SELECT l.__v, p.__at FROM l JOIN (SELECT __lead, unnest([__since, __until]) AS __at FROM f) p USING (__lead)
            WHERE p.__at > l.__since AND p.__at < l.__until),
      s AS (SELECT l.__lead, l.sql_at, b.__at, coalesce(lead(b.__at) OVER (PARTITION BY b.__v ORDER BY b.__at), l.__until) AS __upto
            FROM b JOIN l USING (__v))
      SELECT s.sql_at AS entered_at, f.created_at AS reached_at, s.__at AS __since, s.__upto AS __until
      FROM s LEFT JOIN f ON f.__lead = s.__lead AND f.__since <= s.__at AND f.__until > s.__at`,
  },
  opportunity: {
    needs: ["opportunities"],
    versions: (
      config,
    ) => `SELECT created_at AS entered_at, CASE WHEN ${outcomeSql(config)} = 'won' THEN closed_at END AS reached_at, __since, __until
      FROM raw_opportunities`,
  },
};

const SPECS: TransitionSpec[] = TRANSITIONS.map(([from, to]) => ({ from, to, ...HOW[from] }));

interface TransitionCounts {
  /** Per month of the window (index): records entering the from-stage, those of them that reached the to-stage, and records reaching it. */
  rows: { m: number; entered: number; converted: number; reached_here: number }[];
  velocity: Velocity;
}

/** Leads created, MQLs and SQLs in a month of the window. */
interface LeadCounts {
  m: number;
  leads: number;
  mql: number;
  sql: number;
}

/** By report month: the lead volumes of its window and the transitions' counts. */
export type PreparedOverview = Map<string, { volumes: LeadCounts[]; transitions: Map<Stage, TransitionCounts> }>;

/** The lead volumes and the transitions with a `versions` relation, for every month of `months` at once (acrossMonthsSql). */
export async function prepareOverview(db: Db, months: readonly string[], config: Config): Promise<PreparedOverview> {
  const out: PreparedOverview = new Map(months.map((m) => [m, { volumes: [], transitions: new Map() }]));
  // Lead volumes: leads by created_at, MQLs by mql_at, SQLs by sql_at.
  const leads = versionsSql("leads");
  const volume = (date: string) =>
    db.all<{ r: number; m: number; n: number }>(acrossMonthsSql({ relation: leads, months, date, values: [{ name: "n", sql: "1" }] }));
  const volumes = mergeCounts({ leads: await volume("created_at"), mql: await volume("mql_at"), sql: await volume("sql_at") }, (x) => x.m);
  for (const month of months) {
    out.get(month)!.volumes = [...(volumes.get(monthIndex(month)) ?? [])].map(([m, counts]) => ({ m, ...counts }));
  }
  for (const spec of SPECS) {
    if (!spec.versions) continue;
    let relation = spec.versions(config, db.scratch);
    if (spec.joined) {
      await db.exec(`CREATE OR REPLACE TEMP TABLE __overview_versions AS ${relation}`);
      relation = "SELECT * FROM __overview_versions";
    }
    const entered = await db.all<{ r: number; m: number; entered: number; converted: number }>(
      acrossMonthsSql({
        relation,
        months,
        date: "entered_at",
        values: [
          { name: "entered", sql: "1" },
          { name: "converted", sql: "CAST(reached_at IS NOT NULL AS INTEGER)" },
        ],
      }),
    );
    const reached = await db.all<{ r: number; m: number; reached_here: number }>(
      acrossMonthsSql({
        relation,
        months,
        date: "reached_at",
        values: [{ name: "reached_here", sql: "1" }],
      }),
    );
    // Velocity of report month r: the versions valid at r whose to-stage date is in r.
    const velocity = await db.all<{ r: number; median: number | null; p90: number | null; n: number; excluded: number }>(`
      SELECT r, ${VELOCITY_AGGREGATES} FROM (
        SELECT ${monthOf("reached_at")} AS r, ${VELOCITY_DAYS} AS days, __since, __until
        FROM (${relation}) WHERE ${spanFilter(months, "month", "reached_at")})
      WHERE r IN (${months.map(monthSql).join(", ")}) AND __since <= r AND __until > r GROUP BY r`);
    for (const month of months) {
      const r = monthIndex(month);
      const rows = new Map<number, TransitionCounts["rows"][number]>();
      const row = (m: number) => rows.get(m) ?? rows.set(m, { m, entered: 0, converted: 0, reached_here: 0 }).get(m)!;
      for (const x of entered) if (x.r === r) Object.assign(row(x.m), { entered: x.entered, converted: x.converted });
      for (const x of reached) if (x.r === r) row(x.m).reached_here = x.reached_here;
      const vel = velocity.find((x) => x.r === r);
      out.get(month)!.transitions.set(spec.from, {
        rows: [...rows.values()].sort((a, b) => a.m - b.m),
        velocity: vel
          ? { median: vel.median, p90: vel.p90, n: vel.n, excluded: vel.excluded }
          : { median: null, p90: null, n: 0, excluded: 0 },
      });
    }
  }
  await db.exec("DROP TABLE IF EXISTS __overview_versions");
  return out;
}

async function transitionCounts(
  db: Db,
  ctx: MetricContext,
  spec: TransitionSpec,
  prepared: Map<Stage, TransitionCounts>,
): Promise<TransitionCounts> {
  if (spec.versions) return prepared.get(spec.from)!;
  // Inlined, not materialised: each branch below then reads only the rows its filter keeps.
  const rows = await db.all<{ m: number; entered: number; converted: number; reached_here: number }>(`
    WITH r AS NOT MATERIALIZED (${spec.relation})
    SELECT m, sum(entered) AS entered, sum(converted) AS converted, sum(reached_here) AS reached_here FROM (
      SELECT ${monthOf("entered_at")} AS m, 1 AS entered, CASE WHEN reached_at IS NOT NULL THEN 1 ELSE 0 END AS converted, 0 AS reached_here FROM r WHERE ${inWindow("entered_at", ctx)}
      UNION ALL
      SELECT ${monthOf("reached_at")} AS m, 0, 0, 1 FROM r WHERE ${inWindow("reached_at", ctx)}
    ) WHERE m IN ${windowList(ctx)} GROUP BY m ORDER BY m`);
  const velocity = await db.one<{ median: number | null; p90: number | null; n: number; excluded: number }>(`
    WITH r AS (${spec.relation}), d AS (SELECT ${VELOCITY_DAYS} AS days FROM r
      WHERE reached_at IS NOT NULL AND ${inMonth("reached_at", ctx.month)})
    SELECT ${VELOCITY_AGGREGATES} FROM d`);
  return { rows, velocity };
}

/** Days from the end of month `from` to the end of month `to` (calendar days, the months' own lengths). */
function daysBetweenEnds(from: string, to: string): number {
  const end = (m: string) => Date.parse(`${addMonths(m, 1)}-01T00:00:00Z`);
  return (end(to) - end(from)) / 86_400_000;
}

async function transition(
  db: Db,
  ctx: MetricContext,
  spec: TransitionSpec,
  targets: Targets,
  prepared: Map<Stage, TransitionCounts>,
): Promise<Transition> {
  const { rows, velocity: v } = await transitionCounts(db, ctx, spec, prepared);
  const at = byMonth(rows);
  const flow = points(
    ctx,
    spec.needs,
    // A month with the data and no record entering or reaching a stage has no cases (0 / 0), which
    // reads "-", not "not provided".
    (m) => {
      const r = at.get(m);
      return ratio(r?.reached_here ?? 0, r?.entered ?? 0);
    },
    "null",
  );
  // A cohort is still maturing while its last entries (its month's last day) have had fewer days
  // by the report month's end than the p90 velocity; the report month's own always is. Every cohort
  // is when nothing reached the next stage this month: how long that takes is then unknown, and a
  // cohort of none converted yet is no finished 0%.
  const maturing = (m: string) => m === ctx.month || v.p90 === null || daysBetweenEnds(m, ctx.month) < v.p90;
  const provided = (m: string) => providesAll(ctx, spec.needs, m);
  const cohort = ctx.window.filter(provided).map((m) => {
    const r = at.get(m);
    const entered = r?.entered ?? 0;
    const converted = r?.converted ?? 0;
    return {
      month: m,
      entered,
      converted,
      rate: entered > 0 ? round(converted / entered) : null,
      maturing: maturing(m),
    };
  });
  return {
    from: spec.from,
    to: spec.to,
    flow: headline(conversionId(spec.from, spec.to), flow, ctx.month, targets),
    cohort,
    velocity: { median: round(v.median, 1), p90: round(v.p90, 1), n: v.n, excluded: v.excluded },
  };
}

/** The month's overview; `prepared`: what prepareOverview counted for the report months. */
export async function overviewMetrics(db: Db, ctx: MetricContext, prepared: PreparedOverview, targets: Targets): Promise<Overview> {
  const mine = preparedFor(prepared, ctx.month);
  const at = byMonth(await db.all<Record<string, number> & { m: number }>(await volumeSql(db, ctx, mine.volumes)));
  const series = (needs: readonly DatasetName[], f: (r: Record<string, number>) => ReturnType<typeof ratio> | { value: number }) =>
    points(ctx, needs, (m) => {
      const r = at.get(m);
      return r ? f(r) : undefined;
    });
  const h = (id: OverviewMetricId, col: string) =>
    metricHeadline(
      id,
      series(datasetsOf(METRICS, id), (r) => ({ value: r[col]! })),
      ctx.month,
      targets,
    );
  const transitions: Transition[] = [];
  for (const spec of SPECS) transitions.push(await transition(db, ctx, spec, targets, mine.transitions));
  const winRate = metricHeadline(
    "win_rate",
    points(
      ctx,
      datasetsOf(METRICS, "win_rate"),
      (m) => {
        const r = at.get(m);
        return r ? ratio(r.won!, r.won! + r.lost!) : undefined;
      },
      "null",
    ),
    ctx.month,
    targets,
  );
  const current = at.get(ctx.month);
  const opps = ctx.provided("opportunities", ctx.month);
  return {
    volumes: {
      leads: h("leads", "leads"),
      mql: h("mql", "mql"),
      sql: h("sql", "sql"),
      opportunities: h("opportunities", "opportunities"),
      won: h("won", "won"),
      lost: h("lost", "lost"),
    },
    transitions,
    pipeline: h("pipeline_amount", "pipeline"),
    wonAmount: h("won_amount", "won_amount"),
    winRate,
    amountMissing: opps
      ? { pipeline: current?.no_amount ?? 0, open: current?.open_no_amount ?? 0, won: current?.won_no_amount ?? 0 }
      : null,
    marketing: {
      sourcedPipeline: h("marketing_sourced_pipeline", "mkt_pipeline"),
      sourcedCount: opps ? (current?.mkt_count ?? 0) : null,
      sourcedRevenue: h("marketing_sourced_revenue", "mkt_revenue"),
      influencedPipeline: h("marketing_influenced_pipeline", "infl_pipeline"),
      influencedCount: opps ? (current?.infl_count ?? 0) : null,
    },
    sources: await sourceMetrics(db, ctx),
  };
}
