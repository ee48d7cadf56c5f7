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
  /** A stage's name as the configuration gives it; a stage it does not name, by its id. */
  stageName: (labels: Config["stages"]["labels"], stage: string): Text => labels[stage as keyof typeof labels] ?? { en: stage, ja: stage },
} as const satisfies Catalogue;
