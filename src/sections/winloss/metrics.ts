// The win/loss section's metrics: why deals are lost, why leads are disqualified, win rate, deal
// size and sales cycle by segment, and the full funnel per source.
import { metrics } from "../section.ts";

/** Below this many cases a segment's rate or median is marked as small n. */
export const SMALL_N = 10;

export const METRICS = metrics([
  {
    id: "lost_reasons",
    unit: "count",
    datasets: ["opportunities"],
    label: { en: "Lost reasons", ja: "失注理由" },
    definition: {
      en: "Deals lost (outcome lost) with closed_at in the month, in the last 3 and in the last 12 months, by lost_reason: count and amount, most frequent first (ties by amount, then by name; no reason given after the reasons it ties with), with each reason's share of the count and the running share (Pareto). By source (the deal's, else its lead's), campaign, owner, industry and company size (its lead's): the last 3 months, one column per reason among the six most frequent in the 12 months (those of them whose folder has the deals), the rest as other. A span needs the deals of each of its months: when a month's folder lacks them (a month before the first folder included), the span reads not provided and a note names the months, never a sum counting that month as zero or the deals a later export holds for it; the breakdowns too when one of the last 3 months lacks them.",
      ja: "完了日が当月・直近3か月・直近12か月の失注商談を失注理由別に、件数と金額で多い順（同数は金額、次に名前の順。理由なしは同数の理由の後）に並べ、件数の構成比と累積比を示す（パレート）。ソース（商談の、無ければリードの）、キャンペーン、担当者、業種・企業規模（リードの）別は直近3か月で、12か月の上位6理由を列に、残りはその他。列の6理由は、12か月のうち商談データのある月から数える。各期間はそのすべての月に商談データが必要で、フォルダに商談データの無い月（最初のフォルダより前の月を含む）があれば、その期間は「データなし」とし、その月を注記する。その月を 0 とした合計や、後の月のデータにあるその月の失注は示さない。直近3か月にその月があれば内訳も「データなし」。",
    },
  },
  {
    id: "top_loss_reason_share",
    targets: "self",
    unit: "ratio",
    datasets: ["opportunities"],
    trend: true,
    better: "lower",
    label: { en: "Top loss reason's share", ja: "最多失注理由の比率" },
    definition: {
      en: "The month's most frequent lost reason (as the Pareto orders them) and its share of the month's lost deals, reason given or not. No value when nothing was lost with a reason. Month on month and year on year compare the same reason's share of the previous month's (the same month last year's) lost deals, not that month's own top reason: 0 when that month lost deals with a reason but none with this one; no comparison when it lost none with a reason or its data is not provided. Each month of the trend with its own top reason, as of the report month's end; a month whose folder lacks the deals reads not provided there, in the top reason by month and in the lost deals per reason, even when a later export holds deals lost then.",
      ja: "当月の最多の失注理由（パレートの順）と、当月の失注商談（理由の有無を問わない）に占める比率。理由つきの失注が無い月は値なし。前月比・前年同月比は、その月の最多理由ではなく同じ理由の前月（前年同月）の失注商談に占める比率と比べる。その月に理由つきの失注があり、この理由が無ければ 0。理由つきの失注が無い月、データの無い月とは比べない。推移の各月はその月の最多理由で、報告月末時点。フォルダに商談データの無い月は、後の月のデータにその月の失注があっても、推移・月別の最多理由・理由別の失注件数で「データなし」。",
    },
  },
  {
    id: "disqualify_reasons",
    unit: "count",
    datasets: ["leads"],
    label: { en: "Disqualify reasons", ja: "不適格理由" },
    definition: {
      en: "Leads disqualified (disqualified_at) in the month, the last 3 and the last 12 months, by disqualify_reason, as the lost reasons' Pareto (lead quality as sales sees it); by the lead's source, campaign, owner, industry and company size over the last 3 months. As for the lost reasons, a span (and the breakdowns) with a month whose folder lacks the leads reads not provided, naming the months, and the columns' reasons are counted over the 12 months that have the leads.",
      ja: "不適格日が当月・直近3か月・直近12か月のリードを不適格理由別に、失注理由と同じパレートで示す（営業から見たリードの質）。リードのソース、キャンペーン、担当者、業種・企業規模別は直近3か月。失注理由と同じく、フォルダにリードデータの無い月を含む期間（と内訳）は「データなし」とし、その月を注記する。列の理由は12か月のうちリードデータのある月から数える。",
    },
  },
  {
    id: "junk_share",
    unit: "ratio",
    datasets: ["leads"],
    better: "lower",
    label: { en: "Junk share", ja: "対象外リードの比率" },
    definition: {
      en: "Share of the month's disqualified leads whose reason says the lead was never a prospect (it names students, individuals, duplicates, tests or spam: 学生, 個人, 重複, テスト, いたずら, ...). Not provided when the month's folder lacks the leads (not a count of 0).",
      ja: "当月の不適格リードのうち、理由が見込み客でなかったことを示すもの（学生、個人、重複、テスト、いたずら など）の比率。当月のフォルダにリードデータが無ければ「データなし」（0件ではない）。",
    },
  },
  {
    id: "win_rate_by_segment",
    unit: "ratio",
    datasets: ["opportunities"],
    label: { en: "Win rate by segment", ja: "セグメント別の受注率" },
    definition: {
      en: `Won / (won + lost) of the deals closed in the last 12 months, by industry and company size (the deal's lead's), source and deal type (type: new business, expansion, renewal), each with its n; fewer than ${SMALL_N} closed deals is marked small n. Deal type is not provided when no closed deal has one (when none closed, when no deal has one). Every segment (win rate, deal size and sales cycle) is not provided when a month of the 12 lacks the deals (never counting that month as none closed, nor the deals a later export holds for it).`,
      ja: `直近12か月に完了した商談の 受注 /（受注 + 失注）を、業種・企業規模（商談のリードの）、ソース、商談タイプ（新規・拡大・更新）別に n とともに示す。完了が${SMALL_N}件未満は少数として明示。完了商談にタイプが1件も無ければ（完了商談が無いときは、商談にタイプが1件も無ければ）商談タイプは未提供。直近12か月に商談データの無い月があれば、セグメント別の受注率・平均受注額・商談期間はすべて「データなし」（その月を完了0件とせず、後の月のデータにあるその月の商談でも数えない）。`,
    },
  },
  {
    id: "deal_size_by_segment",
    unit: "currency",
    datasets: ["opportunities"],
    label: { en: "Average deal size by segment", ja: "セグメント別の平均受注額" },
    definition: {
      en: `Won amount / won deals with an amount, of the deals won in the last 12 months, by the same segments (a won deal without an amount is left out, unlike the KPI tree's average deal size, which divides by every won deal); fewer than ${SMALL_N} won deals is marked small n.`,
      ja: `直近12か月に受注した商談の 受注金額 ÷ 金額のある受注件数 を同じセグメント別に（金額の無い受注は除く。KPIツリーの平均受注額は全受注件数で割る点が異なる）。受注${SMALL_N}件未満は少数として明示。`,
    },
  },
  {
    id: "sales_cycle_by_segment",
    unit: "days",
    datasets: ["opportunities"],
    better: "lower",
    label: { en: "Sales cycle by segment", ja: "セグメント別の商談期間" },
    definition: {
      en: `Median days from created_at to closed_at of the deals won in the last 12 months, by the same segments; fewer than ${SMALL_N} won deals is marked small n. A deal won the day it was created takes 0 days (a close date without a time is not before its creation that day); a deal closed on a day before it was created has no cycle and is left out (the data page counts such deals).`,
      ja: `直近12か月に受注した商談の作成日から完了日までの日数の中央値を同じセグメント別に。受注${SMALL_N}件未満は少数として明示。作成当日に受注した商談は0日（時刻の無い完了日を同じ日の作成より前とはしない）。作成日より前の日に完了した商談は期間が無いため除く（データページでその件数を示す）。`,
    },
  },
  {
    id: "source_funnel",
    unit: "count",
    datasets: ["leads", "opportunities"],
    label: { en: "Funnel per source", ja: "ソース別ファネル" },
    definition: {
      en: "Cohort view: the leads created in the last 12 months, by their source, and how many of them reached MQL and SQL by the month's end, the opportunities they became (created by the month's end; count and amount) and those won by it (count and amount). A deal that several leads of a source became counts once for that source, its amount too (a lead's deal: its opportunity_id, or a deal whose lead_id is the lead). Recent cohorts are still maturing. Not provided when a month of the 12 lacks the leads (never counting its leads as none, nor the leads a later export holds for it).",
      ja: "コホート表示：直近12か月に作成されたリードをソース別に、月末までに MQL・商談化に達した数、月末までに作成された商談（件数と金額）、月末までに受注したもの（件数と金額）。同じソースの複数のリードが1つの商談になった場合、そのソースでは件数も金額も1回だけ数える（リードの商談：リードの opportunity_id、または lead_id がそのリードの商談）。直近のコホートは成熟途中。直近12か月にリードデータの無い月があれば「データなし」（その月のリードを0件とせず、後の月のデータにあるその月のリードでも数えない）。",
    },
  },
]);

export type WinlossMetricId = (typeof METRICS)[number]["id"];
