// Follow-up SLA: for each rule, handoffs due, met, breached and still open as of the month's end;
// compliance per month and per owner; time to first touch; handoffs never touched, aged.
// Needs the `calendar` table (src/model/calendar.ts) covering every handoff day of the window.
import { createHash } from "node:crypto";
import { NEWEST, spanOf, validAt, validIn, versionsSql } from "../../model/asof.ts";
import type { Config, SlaRule } from "../../schema/config.ts";
import { lit, type Db } from "../../model/duckdb.ts";
import { monthIndex, monthKey } from "../../schema/month.ts";
import type { MetricContext } from "../../metrics/context.ts";
import { addMonths, round, windowOf } from "../../metrics/context.ts";
import { headline, type Targets } from "../../metrics/headline.ts";
import { monthOf, monthSql, points, ratio, windowStart } from "../../metrics/series.ts";
import { datasetsOf, writePreparedTable } from "../section.ts";
import { complianceId, METRICS } from "./metrics.ts";
import {
  AGE_BUCKETS,
  DAYS_LEFT_BUCKETS,
  type DecidedOwner,
  type HandoffOwner,
  type RuleResult,
  type Sla,
  TOUCH_BUCKETS,
} from "./schema.ts";

/** The month's end as an exclusive bound: the first instant of the next month. */
function endOf(month: string): string {
  return `TIMESTAMP '${addMonths(month, 1)}-01 00:00:00'`;
}

/** The month's last day. */
function lastDayOf(month: string): string {
  return `(DATE '${addMonths(month, 1)}-01' - 1)`;
}

/** Columns of rule i in the handoff table. */
const deadlineCol = (i: number) => `deadline_${i}`;
const statusCol = (i: number) => `status_${i}`;
/** Prefix of rule i's met_i_from and met_i_spans columns in the versions table (versionsTableSql). */
const metCol = (i: number) => `met_${i}`;

/**
 * The SLA's facts for every version of a lead with a handoff that a report month reads, computed once for all report
 * months (a regular table, so every connection of computeReports reads it). Statuses are as of a
 * report month's end, so they change from month to month; what decides them does not:
 *
 * - deadline_i: the first instant after rule i's deadline day. Business days: the business day
 *   whose bidx is the handoff day's bidx + N (equi-joins only).
 * - met_i: when a touch meeting rule i (its type, at or after the handoff, before the deadline)
 *   is in the as-of data. An activity version is seen by report month R when it is in R's as-of
 *   table and happened before R's end: R in [max(__since, its month), __until). A touch whose
 *   version is never replaced, once seen, stays seen: met_i_from is the first R of such touches.
 *   Those whose version was replaced (few) are listed with their spans in met_i_spans, NULL when
 *   there are none: listing every touch was a large part of this query. The
 *   handoff is met as of R when some touch is seen by R (seenBy): exactly "the first qualifying
 *   touch came by the deadline".
 * - touched: the same for any activity at or after the handoff (never-touched handoffs).
 * - first_touch_at: the first touch of the first rule's type as of the handoff's own month.
 *
 * One join here and a scan of this table a month, instead of joining each month's handoffs to its
 * activities again.
 */
function versionsTableSql(rules: readonly SlaRule[], months: readonly string[]): string {
  // Only what some report month reads (exact, as spanFilter's): handoff versions valid in one of
  // them and started by the last one's end (never-touched handoffs are aged from any earlier
  // month); the activities seen by the last one (one counts from the later of its version and its month).
  const span = spanOf(months);
  const end = endOf(monthKey(span.last));
  // The versions some report month reads (exact; the first month's window starts first and its end
  // comes first): handoffsSql's, in a window by their dates, and untouched's, still open at a month's end.
  const first = monthKey(span.first);
  const read = `${byDates(rules, `TIMESTAMP '${windowOf(first)[0]}-01'`)} OR (${stillOpen(endOf(first))})`;
  const types = (rule: SlaRule) => rule.activity.map(lit).join(", ");
  const business = rules.some((r) => r.unit === "business_days");
  const spans = (name: string, condition: string) => `min(a.lo) FILTER (WHERE ${condition}a.hi = ${NEWEST}) AS ${name}_from,
        list({'lo': a.lo, 'hi': a.hi}) FILTER (WHERE ${condition}a.hi <> ${NEWEST}) AS ${name}_spans`;
  return `
    WITH h AS (
      SELECT __version, __since, __until, lead_id, __lead, coalesce(owner, 'unassigned') AS owner, sla_start_at AS start,
        CAST(sla_start_at AS DATE) AS start_day, ${monthOf("sla_start_at")} AS m, disqualified_at, sql_at
      FROM (${versionsSql("leads")})
      WHERE ${validIn(span)} AND sla_start_at < ${end}),
    d AS (SELECT * FROM (
      SELECT h.*, ${rules.map((r, i) => `${r.unit === "business_days" ? `CAST(c${i}.day + 1 AS TIMESTAMP)` : `CAST(h.start_day + ${r.within + 1} AS TIMESTAMP)`} AS ${deadlineCol(i)}`).join(", ")}
      FROM h
      ${business ? "LEFT JOIN calendar start_c ON start_c.day = h.start_day" : ""}
      ${rules.map((r, i) => (r.unit === "business_days" ? `LEFT JOIN calendar c${i} ON c${i}.bidx = start_c.bidx + ${r.within} AND c${i}.business` : "")).join(" ")})
      WHERE ${read}),
    a AS (
      SELECT __lead, type, occurred_at, ${LATEST_SQL} AS latest, greatest(__since, ${monthOf("occurred_at")}) AS lo, __until AS hi
      FROM (${versionsSql("activities")})
      WHERE __lead IS NOT NULL AND __since <= ${span.last} AND occurred_at < ${end}),
    t AS (
      SELECT d.__version,
        ${rules.map((r, i) => spans(metCol(i), `a.type IN (${types(r)}) AND a.occurred_at < d.${deadlineCol(i)} AND `)).join(",\n        ")},
        min(a.occurred_at) FILTER (WHERE a.type IN (${types(rules[0]!)}) AND a.lo <= d.m AND d.m < a.hi) AS first_touch_at,
        ${spans("touched", "")}
      FROM d JOIN a ON a.__lead = d.__lead AND a.latest >= d.start
      GROUP BY d.__version)
    SELECT * FROM d LEFT JOIN t USING (__version)`;
}

/**
 * SQL: the latest instant an activity's occurred_at may stand for. An activity dated without a time
 * (00:00: a Salesforce task's date is a day) may have come at any hour of its day, so on the handoff
 * day it is not before a handoff timed later that day: it counts as at the handoff (0 hours). A
 * timed activity before the handoff does not count.
 */
const LATEST_SQL =
  "CASE WHEN occurred_at = date_trunc('day', occurred_at) THEN occurred_at + INTERVAL 1 DAY - INTERVAL 1 MICROSECOND ELSE occurred_at END";

/** SQL: the facts `name` (see versionsTableSql) hold as of report month index `m`. */
function seenBy(name: string, m: string): string {
  const lasting = `coalesce(${name}_from <= ${m}, false)`;
  return `CASE WHEN ${name}_spans IS NULL THEN ${lasting}
    ELSE ${lasting} OR list_bool_or(list_transform(${name}_spans, lambda s: s.lo <= ${m} AND ${m} < s.hi)) END`;
}

/** The versions table for these rules (its name says which rules it was computed for). */
function versionsTable(rules: readonly SlaRule[]): string {
  return `__sla_versions_${createHash("sha256").update(JSON.stringify(rules)).digest("hex").slice(0, 12)}`;
}

/** Compute the SLA facts of the report months' lead versions once (see versionsTableSql), into the table it returns. */
export function prepareSla(db: Db, months: readonly string[], config: Config): Promise<string> {
  return writePreparedTable(db, versionsTable(config.sla.rules), versionsTableSql(config.sla.rules, months));
}

/**
 * SQL: the lead was disqualified at or after its handoff (by calendar day: a rejection dated without
 * a time on the handoff day is of this handoff). A disqualification before it was of an earlier
 * handoff: the lead was recycled and handed over again, and this handoff is live.
 */
const DISQUALIFIED_SINCE = "coalesce(CAST(disqualified_at AS DATE) >= start_day, false)";

/** SQL: the DAYS_LEFT_BUCKETS bucket of `days` (calendar days to the deadline day). */
const DAYS_LEFT_SQL = (days: string) =>
  `CASE WHEN ${days} <= 3 THEN '1-3' WHEN ${days} <= 7 THEN '4-7' WHEN ${days} <= 14 THEN '8-14' ELSE '15+' END`;

/** Columns of rule i in handoffsSql: its deadline month, and the days-left bucket of an open handoff. */
const deadlineMonthCol = (i: number) => `dm_${i}`;
const leftCol = (i: number) => `left_${i}`;

/**
 * One row per handoff as of the month's end whose handoff or whose deadline (of any rule) falls in
 * the window: its handoff month m, owner, start day, hours to the first touch (first rule, as of its
 * own month; NULL when none) and for each rule i
 * - status_i: met when a qualifying touch is seen by the month; else excluded when the project
 *   leaves out the disqualified (sla.excludeDisqualified) and the lead was disqualified before the
 *   deadline and by the month's end; else breached when the deadline has passed by the month's end;
 *   else open. NULL when the calendar does not cover the deadline.
 * - dm_i: the month of its deadline day (the population compliance is judged on);
 * - left_i: for an open handoff, the DAYS_LEFT_BUCKETS bucket of the days from the month's last
 *   day to the deadline day.
 */
function handoffsSql(ctx: MetricContext, table: string): string {
  const { rules, excludeDisqualified } = ctx.config.sla;
  const asOf = endOf(ctx.month);
  const m = monthSql(ctx.month);
  const start = windowStart(ctx);
  return `
    SELECT ${ctx.config.publishRecords ? "lead_id, " : ""}owner, start_day, m, CASE WHEN first_touch_at IS NOT NULL THEN greatest(0, date_diff('second', start, first_touch_at) / 3600.0) END AS hours,
      ${rules
        .map(
          (_, i) => `CASE
        WHEN ${deadlineCol(i)} IS NULL THEN NULL
        WHEN ${seenBy(metCol(i), m)} THEN 'met'
        ${excludeDisqualified ? `WHEN ${DISQUALIFIED_SINCE} AND disqualified_at < ${deadlineCol(i)} AND disqualified_at < ${asOf} THEN 'excluded'` : ""}
        WHEN ${deadlineCol(i)} <= ${asOf} THEN 'breached'
        ELSE 'open' END AS ${statusCol(i)},
      ${monthOf(`CAST(${deadlineCol(i)} AS DATE) - 1`)} AS ${deadlineMonthCol(i)},
      CASE WHEN ${deadlineCol(i)} > ${asOf} AND NOT (${seenBy(metCol(i), m)})
        THEN ${DAYS_LEFT_SQL(`(CAST(${deadlineCol(i)} AS DATE) - 1 - ${lastDayOf(ctx.month)})`)} END AS ${leftCol(i)}`,
        )
        .join(",\n      ")}
    FROM ${table}
    WHERE ${validAt(monthIndex(ctx.month))} AND start < ${asOf} AND ${byDates(rules, start)}`;
}

/** SQL: a handoff handoffsSql reads by its dates: handed over, or due under a rule, since `start`. */
function byDates(rules: readonly SlaRule[], start: string): string {
  return `(start >= ${start} ${rules.map((_, i) => `OR ${deadlineCol(i)} > ${start}`).join(" ")})`;
}

/** SQL: a handoff still to be followed up at `asOf` (neither disqualified since it nor SQL by then), as untouched reads it. */
function stillOpen(asOf: string): string {
  return `NOT (${DISQUALIFIED_SINCE} AND disqualified_at < ${asOf}) AND (sql_at IS NULL OR sql_at >= ${asOf})`;
}

/** SQL: the TOUCH_BUCKETS bucket of `hours` (NULL: never touched). */
const TOUCH_BUCKET_SQL = `CASE WHEN hours IS NULL THEN 'never' WHEN hours < 1 THEN '<1h' WHEN hours < 4 THEN '1-4h'
  WHEN hours < 24 THEN '4-24h' WHEN hours < 72 THEN '1-3d' WHEN hours < 168 THEN '3-7d' ELSE '7d+' END`;

/**
 * Handoffs of one handoff month, owner, combination of each rule's status, deadline month and
 * days left (and first-touch bucket, in the report month).
 */
type Group = { m: number; owner: string; bucket: string | null; n: number; day: string; ids?: string[] } & Record<
  string,
  string | number | null
>;

/**
 * The handoffs counted in one pass over handoffsSql, grouped by handoff month, owner, each rule's
 * status, deadline month and days left and, in the report month, the first-touch bucket: a few
 * thousand groups, which the rules' numbers are summed from. Materializing the handoffs and querying
 * them several times cost twice as much.
 */
function groupsSql(ctx: MetricContext, table: string): string {
  const m = monthSql(ctx.month);
  const inMonth = `m = ${m}`;
  const dueInMonth = ctx.config.sla.rules.map((_, i) => `${deadlineMonthCol(i)} = ${m}`).join(" OR ");
  const cols = ctx.config.sla.rules.flatMap((_, i) => [statusCol(i), deadlineMonthCol(i), leftCol(i)]);
  return `
    SELECT m, owner, ${cols.join(", ")}, CASE WHEN ${inMonth} THEN ${TOUCH_BUCKET_SQL} END AS bucket,
      count(*) AS n, CAST(min(start_day) AS VARCHAR) AS day${ctx.config.publishRecords ? `, list(lead_id) FILTER (WHERE ${dueInMonth}) AS ids` : ""}
    FROM (${handoffsSql(ctx, table)}) GROUP BY ALL`;
}

/** Items by key, in their order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Text in DuckDB's order (by UTF-8 bytes), as its ORDER BY sorts. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Whether the handoffs `of` whose deadline fell in a month can be judged: the activities of the
 * month each was handed over in are provided (a deadline early in a month belongs to a handoff of
 * the month before, whose touches that month's folder holds; without them it would read breached).
 */
function decidable(ctx: MetricContext, of: readonly Group[]): boolean {
  return of.every((g) => ctx.provided("activities", monthKey(g.m)));
}

function ruleResult(ctx: MetricContext, rule: SlaRule, i: number, groups: readonly Group[], targets: Targets): RuleResult {
  const status = statusCol(i);
  const missing = groups
    .filter((g) => g[status] === null)
    .map((g) => g.day)
    .sort();
  if (missing.length)
    throw new Error(
      `SLA rule ${rule.id}: the calendar table does not cover handoff day ${missing[0]} and the ${rule.within} business days after it`,
    );
  const count = (of: readonly Group[], value: string) => of.reduce((a, g) => a + (g[status] === value ? g.n : 0), 0);
  const byDeadline = groupBy(groups, (g) => monthKey(Number(g[deadlineMonthCol(i)])));
  const series = points(
    ctx,
    datasetsOf(METRICS, "sla_compliance"),
    (m) => {
      const of = byDeadline.get(m) ?? [];
      // Undecidable: not provided (null, no counts), never a breach.
      return decidable(ctx, of) ? ratio(count(of, "met"), count(of, "met") + count(of, "breached")) : { value: null };
    },
    "null",
  );
  const due = byDeadline.get(ctx.month) ?? [];
  const owners: DecidedOwner[] = [...groupBy(due, (g) => g.owner)]
    .map(([owner, of]) => {
      const [met, breached] = [count(of, "met"), count(of, "breached")];
      return { owner, due: met + breached, met, breached, excluded: count(of, "excluded"), compliance: ratio(met, met + breached).value };
    })
    .map((o) => ({ ...o, compliance: round(o.compliance) }))
    .sort((a, b) => b.due + b.excluded - (a.due + a.excluded) || byBytes(a.owner, b.owner));
  const handed = groups.filter((g) => g.m === monthIndex(ctx.month));
  const left = (of: readonly Group[], bucket: string) => of.reduce((a, g) => a + (g[leftCol(i)] === bucket ? g.n : 0), 0);
  const handoffOwners: HandoffOwner[] = [...groupBy(handed, (g) => g.owner)]
    .map(([owner, of]) => ({
      owner,
      handoffs: of.reduce((a, g) => a + g.n, 0),
      met: count(of, "met"),
      breached: count(of, "breached"),
      open: count(of, "open"),
      excluded: count(of, "excluded"),
      daysLeft: Object.fromEntries(DAYS_LEFT_BUCKETS.map((b) => [b, left(of, b)])),
    }))
    .sort((a, b) => b.handoffs - a.handoffs || byBytes(a.owner, b.owner));
  const sum = <K extends string>(list: readonly Record<K, number>[], k: K) => list.reduce((a, o) => a + o[k], 0);
  const result: RuleResult = {
    judgedBy: "deadline_month",
    rule,
    compliance: headline(complianceId(rule.id), series, ctx.month, targets),
    due: sum(owners, "due"),
    met: sum(owners, "met"),
    breached: sum(owners, "breached"),
    excluded: sum(owners, "excluded"),
    excludeDisqualified: ctx.config.sla.excludeDisqualified,
    owners,
    handoffs: {
      total: sum(handoffOwners, "handoffs"),
      met: sum(handoffOwners, "met"),
      breached: sum(handoffOwners, "breached"),
      open: sum(handoffOwners, "open"),
      excluded: sum(handoffOwners, "excluded"),
      daysLeft: DAYS_LEFT_BUCKETS.map((b) => ({ bucket: b, count: left(handed, b) })),
      owners: handoffOwners,
    },
  };
  if (ctx.config.publishRecords)
    result.breachedIds = due
      .filter((g) => g[status] === "breached")
      .flatMap((g) => g.ids ?? [])
      .sort(byBytes);
  return result;
}

/** Time to first touch under the first rule, for the month's handoffs: quantiles here, buckets from the groups. */
async function firstTouch(db: Db, ctx: MetricContext, table: string, groups: readonly Group[]): Promise<Sla["firstTouch"]> {
  const q = await db.one<{ median: number | null; p90: number | null }>(`
    SELECT quantile_cont(hours, 0.5) AS median, quantile_cont(hours, 0.9) AS p90
    FROM (${handoffsSql(ctx, table)}) WHERE m = ${monthSql(ctx.month)}`);
  const mine = groups.filter((g) => g.bucket !== null);
  const count = (bucket: string) => mine.reduce((a, g) => a + (g.bucket === bucket ? g.n : 0), 0);
  return {
    medianHours: round(q.median, 1),
    p90Hours: round(q.p90, 1),
    touched: mine.reduce((a, g) => a + (g.bucket === "never" ? 0 : g.n), 0),
    buckets: TOUCH_BUCKETS.map((b) => ({ bucket: b, count: count(b) })),
  };
}

/** Handoffs up to the month's end never touched by any activity, not disqualified, not SQL: per owner, aged. */
async function untouched(db: Db, ctx: MetricContext, table: string): Promise<Sla["untouched"]> {
  const asOf = endOf(ctx.month);
  const rows = await db.all<{ owner: string; "0-3": number; "4-7": number; "8-30": number; "31+": number; total: number }>(`
    WITH u AS (
      SELECT owner, ${lastDayOf(ctx.month)} - start_day AS age
      FROM ${table}
      WHERE ${validAt(monthIndex(ctx.month))} AND start < ${asOf} AND NOT (${seenBy("touched", monthSql(ctx.month))})
        AND ${stillOpen(asOf)})
    SELECT owner, count(*) FILTER (WHERE age <= 3) AS "0-3", count(*) FILTER (WHERE age BETWEEN 4 AND 7) AS "4-7",
      count(*) FILTER (WHERE age BETWEEN 8 AND 30) AS "8-30", count(*) FILTER (WHERE age >= 31) AS "31+", count(*) AS total
    FROM u GROUP BY owner ORDER BY total DESC, owner`);
  return {
    total: rows.reduce((a, r) => a + r.total, 0),
    buckets: AGE_BUCKETS.map((b) => ({ bucket: b, count: rows.reduce((a, r) => a + r[b], 0) })),
    owners: rows.map((r) => ({ owner: r.owner, counts: Object.fromEntries(AGE_BUCKETS.map((b) => [b, r[b]])), total: r.total })),
  };
}

/** The month's SLA numbers; `table`: the facts prepareSla computed (the config has at least one rule, schema/config.ts). */
export async function slaMetrics(db: Db, ctx: MetricContext, table: string, targets: Targets): Promise<Sla> {
  const groups = await db.all<Group>(groupsSql(ctx, table));
  return {
    provided: ctx.provided("leads", ctx.month) && ctx.provided("activities", ctx.month),
    rules: ctx.config.sla.rules.map((rule, i) => ruleResult(ctx, rule, i, groups, targets)),
    firstTouch: await firstTouch(db, ctx, table, groups),
    untouched: await untouched(db, ctx, table),
  };
}
