// The follow-up SLA's metrics: handoffs due, met, breached and open per rule, time to first touch,
// handoffs never touched.
import { metrics } from "../section.ts";

/** A rule's compliance headline id (a targets.csv metric): sla_<rule id>. */
export function complianceId(rule: string): `sla_${string}` {
  return `sla_${rule}`;
}

export const METRICS = metrics([
  {
    id: "sla_due",
    unit: "count",
    datasets: ["leads", "activities"],
    label: { en: "Handoffs due", ja: "対象の引き渡し" },
    definition: {
      en: "Handoffs (handoff_at, or mql_at when absent) whose SLA deadline fell in the month, whatever month they were handed over in: every one is decided (met or breached) by the month's end. A handoff disqualified before its deadline without the rule's activity is not due and is counted apart (sla.excludeDisqualified, on by default); a disqualification dated before the handoff day was of an earlier handoff (the lead was recycled and handed over again) and does not count.",
      ja: "SLA の期限が当月に到来した引き渡し（引き渡し日、無い場合は MQL 日。引き渡し月は問わない）。月末までに全件の遵守・違反が確定している。期限前にルール対象の活動なく不適格となったものは対象外として別に数える（sla.excludeDisqualified、既定で有効）。引き渡し日より前の不適格日は以前の引き渡しのもの（リサイクル後に再度引き渡されたリード）で、数えない。",
    },
  },
  {
    id: "sla_status",
    unit: "count",
    datasets: ["leads", "activities"],
    label: { en: "Met / breached / open", ja: "遵守 / 違反 / 期限内" },
    definition: {
      en: "Met: the first activity of the rule's type on the lead at or after the handoff came by the deadline (activities before the handoff do not count; one dated the handoff day without a time may have come after it, and counts). Breached: it came after the deadline, or the deadline passed by the month's end without one. Open: the deadline is after the month's end and nothing happened yet (the month's own handoffs, shown with the days left). Deadline: the end of the Nth business day after the handoff day (weekends, Japanese public holidays and company holidays do not count), or the end of the Nth calendar day after it. Statuses are as of the report month's end.",
      ja: "遵守：引き渡し以降（引き渡し前の活動は数えない。時刻の無い引き渡し当日の活動は引き渡し後の可能性があり、数える）最初のルール対象活動が期限までにあった。違反：期限後にあった、または月末時点で期限を過ぎても無かった。期限内：期限が月末より後で、まだ活動が無い（当月の引き渡しについて残り日数とともに表示）。期限：引き渡し日の N 営業日後（土日・祝日・会社休日を除く）または N 日後の日の終わり。状態は報告月末時点。",
    },
  },
  {
    id: "sla_compliance",
    unit: "ratio",
    datasets: ["leads", "activities"],
    targets: (config) => config.sla.rules.map((rule) => complianceId(rule.id)),
    label: { en: "SLA compliance", ja: "SLA遵守率" },
    definition: {
      en: "Met / due of the handoffs whose deadline fell in the month (judged by deadline month): all are decided by the month's end, so months compare like with like. Every month of the trend is judged as of the report month's end. \"-\" when nothing was due; no value when the month's folder lacks leads or activities, or the activities of a month a due handoff was handed over in.",
      ja: "期限が当月に到来した引き渡しの 遵守 / 対象（期限月で判定）。月末までに全件確定しているため、月どうしを同じ条件で比べられる。推移の各月も報告月末時点で判定。対象が無い月は「-」、リードか活動が未提供の月（対象の引き渡し月の活動が無い場合も）は値なし。",
    },
  },
  {
    id: "time_to_first_touch",
    unit: "number",
    datasets: ["leads", "activities"],
    label: { en: "Time to first touch", ja: "初回接触までの時間" },
    definition: {
      en: "Hours from the handoff to the first activity of the first rule's type (by default a call), for the month's handoffs (0 hours for an activity dated the handoff day without a time): median and 90th percentile of those touched by the month's end; the distribution also counts those never touched (<1h, 1-4h, 4-24h, 1-3d = 24-72h, 3-7d = 72-168h, 7d+, never).",
      ja: "当月の引き渡しについて、引き渡しから最初の第1ルール対象活動（既定は架電）までの時間（時刻の無い引き渡し当日の活動は0時間）。月末までに接触したものの中央値と90パーセンタイル。分布には未接触も含む（1時間未満、1-4時間、4-24時間、1-3日 = 24-72時間、3-7日 = 72-168時間、7日以上、未接触）。",
    },
  },
  {
    id: "untouched",
    unit: "count",
    datasets: ["leads", "activities"],
    label: { en: "Never touched", ja: "未対応" },
    definition: {
      en: "Handoffs up to the month's end (any month) with no activity of any type on the lead since the handoff, neither disqualified since the handoff day nor SQL by the month's end, aged in calendar days from the handoff day to the month's last day (0-3, 4-7, 8-30, 31+).",
      ja: "月末までの引き渡し（月を問わない）のうち、引き渡し以降に種別を問わず活動が無く、月末時点で（引き渡し日以降に）不適格となっておらず商談化もしていないもの。引き渡し日から月末日までの経過日数で区分（0-3、4-7、8-30、31日以上）。",
    },
  },
]);

export type SlaMetricId = (typeof METRICS)[number]["id"];
