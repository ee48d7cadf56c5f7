// Follow-up SLA: for each rule, handoffs due, met, breached and still open as of the month's end;
// compliance per month and per owner; time to first touch; handoffs never touched, aged.
import type { SlaRule } from "../schema/config.ts";
import { lit, type Db } from "../model/duckdb.ts";
import type { Definition, MetricContext } from "./context.ts";
import { addMonths, round } from "./context.ts";
import { headline, type Headline, type Targets } from "./headline.ts";
import { byMonth, monthOf, points, ratio, windowList } from "./series.ts";

export const DEFINITIONS: Definition[] = [
  { id: "sla_due", unit: "count", label: { en: "Handoffs due", ja: "対象の引き渡し" },
    definition: { en: "Leads whose handoff (handoff_at, or mql_at when absent) falls in the month.", ja: "引き渡し日（無い場合は MQL 日）が当月のリード。" } },
  { id: "sla_status", unit: "count", label: { en: "Met / breached / open", ja: "遵守 / 違反 / 期限内" },
    definition: {
      en: "Met: the first activity of the rule's type after the handoff came by the deadline. Breached: the deadline passed (by the month's end) without one. Open: the deadline is after the month's end and nothing happened yet. Deadline: the end of the Nth business day after the handoff day (weekends, Japanese holidays and company holidays do not count), or of the Nth calendar day.",
      ja: "遵守：引き渡し後、期限までにルールの種別の活動があった。違反：月末時点で期限を過ぎても無かった。期限内：期限が月末より後で、まだ活動が無い。期限：引き渡し日の N 営業日後（土日・祝日・会社休日を除く）または N 日後の終わり。",
    } },
  { id: "sla_compliance", unit: "ratio", label: { en: "SLA compliance", ja: "SLA遵守率" },
    definition: { en: "Met / (met + breached); open handoffs are not counted until they are decided.", ja: "遵守 /（遵守 + 違反）。期限内のものは確定するまで数えない。" } },
  { id: "time_to_first_touch", unit: "number", label: { en: "Time to first touch", ja: "初回接触までの時間" },
    definition: { en: "Hours from handoff to the first activity of the first rule's type, for handoffs due in the month (median and 90th percentile of those touched by the month's end).", ja: "当月の引き渡しについて、引き渡しから最初のルール対象活動までの時間（月末までに接触したものの中央値と90パーセンタイル）。" } },
  { id: "untouched", unit: "count", label: { en: "Never touched", ja: "未対応" },
    definition: { en: "Handoffs up to the month's end with no activity of any kind since, not disqualified and not SQL, aged in calendar days at the month's end.", ja: "月末までの引き渡しのうち、以降に活動が一切無く、不適格でも商談化でもないもの。月末時点の経過日数で区分。" } },
];

export interface OwnerSla {
  owner: string;
  due: number;
  met: number;
  breached: number;
  open: number;
  compliance: number | null;
}

export interface RuleResult {
  rule: SlaRule;
  compliance: Headline;
  due: number;
  met: number;
  breached: number;
  open: number;
  owners: OwnerSla[];
  /** Lead ids that breached this month: only when the project publishes records. */
  breachedIds?: string[];
}

export const TOUCH_BUCKETS = ["<1h", "1-4h", "4-24h", "1-3d", "3-7d", "7d+", "never"] as const;
export const AGE_BUCKETS = ["0-3", "4-7", "8-30", "31+"] as const;

export interface Sla {
  provided: boolean;
  rules: RuleResult[];
  firstTouch: { medianHours: number | null; p90Hours: number | null; touched: number; buckets: { bucket: string; count: number }[] };
  untouched: { total: number; buckets: { bucket: string; count: number }[]; owners: { owner: string; counts: Record<string, number>; total: number }[] };
}

/** Month end as an exclusive bound: the first instant of the next month. */
function endOf(month: string): string {
  return `TIMESTAMP '${addMonths(month, 1)}-01 00:00:00'`;
}

/** Each handoff in the window with its deadline and first qualifying touch (as of the report month's end). */
function handoffsSql(ctx: MetricContext, rule: SlaRule): string {
  const types = rule.activity.map(lit).join(", ");
  const asOf = endOf(ctx.month);
  const deadline =
    rule.unit === "business_days"
      ? `(SELECT min(c2.day) FROM calendar c1 JOIN calendar c2 ON c2.bidx = c1.bidx + ${rule.within} AND c2.business
           WHERE c1.day = CAST(h.start AS DATE)) + INTERVAL 1 DAY`
      : `CAST(h.start AS DATE) + INTERVAL ${rule.within + 1} DAY`;
  return `
    WITH h AS (
      SELECT lead_id, coalesce(owner, 'unassigned') AS owner, sla_start_at AS start, ${monthOf("sla_start_at")} AS m
      FROM leads WHERE sla_start_at IS NOT NULL AND sla_start_at < ${asOf} AND ${monthOf("sla_start_at")} IN ${windowList(ctx)}),
    t AS (
      SELECT h.lead_id, min(a.occurred_at) AS touched_at FROM h JOIN activities a
        ON a.lead_id = h.lead_id AND a.type IN (${types}) AND a.occurred_at >= h.start AND a.occurred_at < ${asOf}
      GROUP BY h.lead_id),
    d AS (SELECT h.*, t.touched_at, CAST(${deadline} AS TIMESTAMP) AS deadline FROM h LEFT JOIN t USING (lead_id))
    SELECT *, CASE
        WHEN touched_at IS NOT NULL AND touched_at < deadline THEN 'met'
        WHEN deadline <= ${asOf} THEN 'breached'
        ELSE 'open' END AS status
    FROM d`;
}

async function ruleResult(db: Db, ctx: MetricContext, rule: SlaRule, targets: Targets): Promise<RuleResult> {
  const sql = handoffsSql(ctx, rule);
  const monthly = byMonth(await db.all<{ m: string; met: number; breached: number }>(`
    SELECT m, count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'breached') AS breached FROM (${sql}) GROUP BY m`));
  const needs = ["leads", "activities"] as const;
  const series = points(ctx, needs, (m) => {
    const r = monthly.get(m);
    return r ? ratio(r.met, r.met + r.breached) : undefined;
  }, "null");
  const owners = await db.all<OwnerSla>(`
    SELECT owner, count(*) AS due, count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'breached') AS breached,
      count(*) FILTER (WHERE status = 'open') AS open, NULL AS compliance
    FROM (${sql}) WHERE m = ${lit(ctx.month)} GROUP BY owner ORDER BY due DESC, owner`);
  for (const o of owners) o.compliance = o.met + o.breached > 0 ? round(o.met / (o.met + o.breached)) : null;
  const total = (k: "due" | "met" | "breached" | "open") => owners.reduce((a, o) => a + o[k], 0);
  const result: RuleResult = {
    rule, compliance: headline(`sla_${rule.id}`, series, ctx.month, targets),
    due: total("due"), met: total("met"), breached: total("breached"), open: total("open"), owners,
  };
  if (ctx.config.publishRecords) {
    result.breachedIds = (await db.all<{ lead_id: string }>(`SELECT lead_id FROM (${sql}) WHERE m = ${lit(ctx.month)} AND status = 'breached' ORDER BY lead_id`)).map((r) => r.lead_id);
  }
  return result;
}

export async function slaMetrics(db: Db, ctx: MetricContext, targets: Targets): Promise<Sla> {
  const provided = ctx.provided("leads", ctx.month) && ctx.provided("activities", ctx.month);
  const rules: RuleResult[] = [];
  for (const rule of ctx.config.sla) rules.push(await ruleResult(db, ctx, rule, targets));
  const first = ctx.config.sla[0]!;
  const asOf = endOf(ctx.month);
  const touch = await db.all<{ hours: number | null }>(`
    SELECT date_diff('second', start, touched_at) / 3600.0 AS hours FROM (${handoffsSql(ctx, first)}) WHERE m = ${lit(ctx.month)}`);
  const hours = touch.map((r) => r.hours).filter((h): h is number => h !== null).sort((a, b) => a - b);
  const bucketOf = (h: number | null) => (h === null ? "never" : h < 1 ? "<1h" : h < 4 ? "1-4h" : h < 24 ? "4-24h" : h < 72 ? "1-3d" : h < 168 ? "3-7d" : "7d+");
  const counts = new Map<string, number>(TOUCH_BUCKETS.map((b) => [b, 0]));
  for (const r of touch) counts.set(bucketOf(r.hours), counts.get(bucketOf(r.hours))! + 1);
  const quantile = (q: number) => {
    if (hours.length === 0) return null;
    const pos = (hours.length - 1) * q;
    const lo = Math.floor(pos);
    return round(hours[lo]! + (hours[Math.min(lo + 1, hours.length - 1)]! - hours[lo]!) * (pos - lo), 1);
  };
  const untouchedRows = await db.all<{ owner: string; bucket: string; n: number }>(`
    WITH u AS (
      SELECT coalesce(l.owner, 'unassigned') AS owner, date_diff('day', CAST(l.sla_start_at AS DATE), DATE '${addMonths(ctx.month, 1)}-01' - INTERVAL 1 DAY) AS age
      FROM leads l
      WHERE l.sla_start_at IS NOT NULL AND l.sla_start_at < ${asOf}
        AND (l.disqualified_at IS NULL OR l.disqualified_at >= ${asOf}) AND (l.sql_at IS NULL OR l.sql_at >= ${asOf})
        AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.lead_id AND a.occurred_at >= l.sla_start_at AND a.occurred_at < ${asOf}))
    SELECT owner, CASE WHEN age <= 3 THEN '0-3' WHEN age <= 7 THEN '4-7' WHEN age <= 30 THEN '8-30' ELSE '31+' END AS bucket, count(*) AS n
    FROM u GROUP BY ALL ORDER BY owner, bucket`);
  const owners = [...new Set(untouchedRows.map((r) => r.owner))].map((owner) => {
    const c = Object.fromEntries(AGE_BUCKETS.map((b) => [b, untouchedRows.find((r) => r.owner === owner && r.bucket === b)?.n ?? 0]));
    return { owner, counts: c, total: Object.values(c).reduce((a, b) => a + b, 0) };
  }).sort((a, b) => b.total - a.total || a.owner.localeCompare(b.owner));
  return {
    provided,
    rules,
    firstTouch: { medianHours: quantile(0.5), p90Hours: quantile(0.9), touched: hours.length, buckets: TOUCH_BUCKETS.map((b) => ({ bucket: b, count: counts.get(b)! })) },
    untouched: {
      total: untouchedRows.reduce((a, r) => a + r.n, 0),
      buckets: AGE_BUCKETS.map((b) => ({ bucket: b, count: untouchedRows.filter((r) => r.bucket === b).reduce((a, r) => a + r.n, 0) })),
      owners,
    },
  };
}
