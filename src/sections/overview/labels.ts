// The overview's own labels (its metrics' labels are in metrics.ts).
import type { Config } from "../../schema/config.ts";
import type { Catalogue, Text } from "../../site/labels.ts";

export const LABELS = {
  waterfall: { en: "Demand waterfall", ja: "デマンドウォーターフォール" },
  stage: { en: "Stage", ja: "ステージ" },
  volume: { en: "Volume", ja: "件数" },
  flowConversion: { en: "Flow conversion", ja: "フロー転換率" },
  cohortConversion: { en: "Cohort conversion", ja: "コホート転換率" },
  velocityMedian: { en: "Velocity (median days)", ja: "所要日数（中央値）" },
  velocityP90: { en: "Velocity (p90 days)", ja: "所要日数（90%点）" },
  maturing: { en: "still maturing", ja: "成熟途中" },
  contribution: { en: "Marketing contribution", ja: "マーケティング貢献" },
  /** An amount sum's note on the deals it leaves out (counts already formatted). */
  pipelineLeftOut: (metric: string, deals: string, open: string, one: boolean): Text => ({
    en: `${metric} leaves out ${deals} deal${one ? "" : "s"} without an amount (${open} of them open).`,
    ja: `${metric}には金額のない商談 ${deals} 件（うち進行中 ${open} 件）を含みません。`,
  }),
  wonLeftOut: (metric: string, deals: string, one: boolean): Text => ({
    en: `${metric} leaves out ${deals} won deal${one ? "" : "s"} without an amount.`,
    ja: `${metric}には金額のない受注 ${deals} 件を含みません。`,
  }),
  /** Velocity's note on the records dated out of order it leaves out. */
  velocityLeftOut: (from: string, to: string, records: string, one: boolean): Text => ({
    en: `Velocity ${from} → ${to} leaves out ${records} record${one ? "" : "s"} whose stages are dated out of order (${to} before ${from}).`,
    ja: `所要日数（${from} → ${to}）は、日付の順序が逆（${to}が${from}より前）の ${records} 件を除いています。`,
  }),
  /** The waterfall's takeaway: from the first stage to the last, and the share that made it. */
  waterfallTakeaway: (first: string, firstCount: string, last: string, lastCount: string, rate: string): Text => ({
    en: `${firstCount} ${first} became ${lastCount} ${last} (${rate})`,
    ja: `${first} ${firstCount}件から${last} ${lastCount}件へ（${rate}）`,
  }),
  /** A waterfall bar standing for stages with the same count reached the same day (nothing between them to show). */
  sameStage: (a: string, b: string): Text => ({ en: `${a} = ${b}`, ja: `${a}＝${b}` }),
  foldedNote: (a: string, b: string): Text => ({
    en: `${a} and ${b} are one bar and one row: every ${a} became ${b} the same day this month.`,
    ja: `${a}と${b}は同じ件数・同日のため、グラフでも表でも1つにまとめています。`,
  }),
  /** The cohort chart's takeaway: the newest cohort that is complete. */
  cohortTakeaway: (month: string, rate: string, maturing: string): Text => ({
    en: `The newest complete cohort (${month}) converted ${rate}; ${maturing} newer months are still maturing`,
    ja: `確定した直近のコホート（${month}）の転換率は${rate}。以降${maturing}か月分は成熟途中`,
  }),
  /** The pipeline chart's takeaway. */
  pipelineTakeaway: (pipeline: string, metric: string, attainment: string | null, won: string, wonMetric: string): Text => ({
    en: `${metric} ${pipeline}${attainment ? ` (${attainment} of target)` : ""}; ${wonMetric} ${won}`,
    ja: `${metric} ${pipeline}${attainment ? `（目標比 ${attainment}）` : ""}、${wonMetric} ${won}`,
  }),
  /** A stage's name as the configuration gives it; a stage it does not name, by its id. */
  stageName: (labels: Config["stages"]["labels"], stage: string): Text => labels[stage as keyof typeof labels] ?? { en: stage, ja: stage },
} as const satisfies Catalogue;
