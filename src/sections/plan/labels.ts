// The plan section's own labels (its metrics' labels are in metrics.ts; the tree's counts are the overview's metrics).
import { type Catalogue, NO_VALUE } from "../../site/labels.ts";

export const LABELS = {
  treeTitle: { en: "KPI tree: where the revenue gap comes from", ja: "KPIツリー：売上目標との差はどこから来ているか" },
  closed: { en: "Deals closed", ja: "クローズ件数" },
  wonAmount: { en: "Won amount", ja: "受注額" },
  sessions: { en: "Sessions", ja: "セッション" },
  winRate: { en: "Win rate", ja: "勝率" },
  node: { en: "Node", ja: "項目" },
  actual: { en: "Actual", ja: "実績" },
  targetFrom: (from: "given" | "derived" | "implied" | null) =>
    from === "given"
      ? { en: "given", ja: "指定" }
      : from === "derived"
        ? { en: "derived", ja: "導出" }
        : from === "implied"
          ? { en: "implied", ja: "含意" }
          : { en: "none", ja: "なし" },
  targetOf: (value: string, from: string) => ({ en: `Target ${value} (${from})`, ja: `目標 ${value}（${from}）` }),
  targetSource: { en: "Target from", ja: "目標の出所" },
  share: { en: "Share of the gap", ja: "差への寄与" },
  statusWord: (status: "met" | "at_risk" | "missed" | null) =>
    status === "met"
      ? { en: "✓ met", ja: "✓達成" }
      : status === "at_risk"
        ? { en: "△ at risk", ja: "△要注意" }
        : status === "missed"
          ? { en: "✕ missed", ja: "✕未達" }
          : { en: NO_VALUE, ja: NO_VALUE },
  driverTag: { en: "main cause", ja: "主因" },
  momShort: { en: "MoM", ja: "前月比" },
  statusSymbol: (status: "met" | "at_risk" | "missed") =>
    status === "met" ? { en: "✓", ja: "✓" } : status === "at_risk" ? { en: "△", ja: "△" } : { en: "✕", ja: "✕" },
  driverShare: (node: string, effect: string, share: string, below: boolean) => ({
    en: `The won amount is ${below ? "below" : "above"} target mostly because of ${node}: ${effect} against its target, ${share} of the gap (log share; above 100% when other factors offset part of it).`,
    ja: `受注額が目標を${below ? "下回った" : "上回った"}主因は「${node}」です：目標比 ${effect}、差への寄与 ${share}（対数での寄与。100%を超えるのは他の要因が一部を打ち消しているとき）。`,
  }),
  driverZero: (node: string) => ({
    en: `No won amount this month: ${node} fell to zero.`,
    ja: `当月の受注額はゼロです：「${node}」がゼロになりました。`,
  }),
  driverOnTarget: {
    en: "On target: no single cause. The won amount met its target this month, so no factor is named as the cause of a gap.",
    ja: "目標達成：主因なし。当月の受注額は目標を達成しているため、差の主因は挙げません。",
  },
  driverNone: {
    en: "No main cause to name: the tree has no factor with both an actual and a target above zero.",
    ja: "主因はありません（実績と 0 より大きい目標の揃う要因がありません）。",
  },
  driverNoTarget: {
    en: "No won amount target this month (targets.csv): there is no gap to split, so no cause is named.",
    ja: "当月の受注額の目標がありません（targets.csv）。目標との差が無いため、主因は挙げません。",
  },
  noSessions: {
    en: "Web traffic is not provided this month: the tree ends at leads.",
    ja: "当月の Web アクセスのデータが無いため、ツリーはリードまでです。",
  },
  trailingMissing: (months: string, lacks: string) => ({
    en: `Some of the trailing 3 months (${months}) lack data: ${lacks}. The rates over these months, and the targets and needs worked from them, read not provided.`,
    ja: `直近3か月（${months}）にデータの無い月があります：${lacks}。この3か月の率と、そこから導く目標・必要件数は「データなし」です。`,
  }),
  periodsTitle: { en: "Quarter and fiscal year to date, with the run-rate", ja: "四半期・年度の累計と着地見込み" },
  period: { en: "Period", ja: "期間" },
  periodName: (period: "quarter" | "year", year: number, quarter: number) =>
    period === "quarter" ? { en: `FY${year} Q${quarter}`, ja: `${year}年度 第${quarter}四半期` } : { en: `FY${year}`, ja: `${year}年度` },
  elapsed: (elapsed: number, months: number) => ({ en: `${elapsed} of ${months} months`, ja: `${months}か月中${elapsed}か月経過` }),
  toDate: { en: "Actual to date", ja: "累計実績" },
  toDateMissing: (lacks: string) => ({
    en: `Some months to date lack the data their actual reads: ${lacks}. Those periods' actual to date and run-rate read not provided, and so do the attainment of those with a target to date and the projected attainment of those with a whole-period target.`,
    ja: `累計期間に、実績に必要なデータの無い月があります：${lacks}。その期間の累計実績・着地見込みは「データなし」、累計目標のある期間は達成率、期間目標のある期間は見込み達成率も「データなし」です。`,
  }),
  targetToDate: { en: "Target to date", ja: "累計目標" },
  targetFull: { en: "Target, whole period", ja: "期間目標" },
  runRate: { en: "Run-rate to period end", ja: "期末着地見込み（ランレート）" },
  projected: { en: "Projected attainment", ja: "見込み達成率" },
  noTarget: { en: "no target", ja: "目標なし" },
  backTitle: { en: "What next month and the rest of the quarter need", ja: "来月と四半期の残りに必要な件数（逆算）" },
  /** At a quarter's last month: the months beside next month are the next quarter's. */
  backTitleNextQuarter: { en: "What next month and the next quarter need", ja: "来月と次の四半期に必要な件数（逆算）" },
  stage: { en: "Stage", ja: "段階" },
  rate: { en: "Trailing 3-month rate to the next stage", ja: "直近3か月の次段階への率" },
  nextNeed: (month: string) => ({ en: `Needed for ${month}`, ja: `${month}に必要` }),
  restNeed: (months: string) => ({ en: `Needed for ${months}`, ja: `${months}に必要` }),
  cycle: { en: "Median days to won", ja: "受注までの日数（中央値）" },
  enterBy: { en: "Must enter the stage by", ja: "この日までに必要" },
  /** A day on or before the report month's end: passed when the report is read. */
  passed: { en: "passed", ja: "経過済み" },
  passedWhy: (monthEnd: string) => ({
    en: `On or before ${monthEnd}, the end of the month this report covers: already passed.`,
    ja: `本レポートの対象月末（${monthEnd}）以前の日付で、すでに過ぎています。`,
  }),
  passedNote: (stages: string, monthEnd: string) => ({
    en: `Passed: for ${stages}, the day by which next month's volume had to enter the stage is on or before ${monthEnd}, the end of the month this report covers. At the median days to won, next month's won deals from these stages must come from what is already in them (the pipeline as it stands); what enters them from now on is won after next month.`,
    ja: `経過済み：${stages}では、来月の受注に向けてその段階に入っているべき日が本レポートの対象月末（${monthEnd}）以前で、すでに過ぎています。受注までの日数が中央値どおりなら、来月の受注はこれらの段階に既にある案件（現在のパイプライン）から生まれる必要があり、これから入る件数が受注になるのは来月より後です。`,
  }),
  backTargetNextQuarter: (next: string, months: string, rest: string) => ({
    en: `Won amount targets: next month ${next}; next quarter (${months}) ${rest}.`,
    ja: `受注額の目標：来月 ${next}、次の四半期（${months}）${rest}。`,
  }),
  backTarget: (next: string, rest: string) => ({
    en: `Won amount targets: next month ${next}; rest of the quarter ${rest}.`,
    ja: `受注額の目標：来月 ${next}、四半期の残り ${rest}。`,
  }),
  stageName: (stage: "won" | "opportunities" | "sql" | "mql" | "leads") =>
    ({
      won: { en: "Won deals (rate: average deal size)", ja: "受注件数（率：平均受注額）" },
      opportunities: { en: "Opportunities", ja: "商談" },
      sql: { en: "SQLs", ja: "商談化" },
      mql: { en: "MQLs", ja: "MQL" },
      leads: { en: "Leads", ja: "リード" },
    })[stage],
} as const satisfies Catalogue;
