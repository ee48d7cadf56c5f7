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
  /** A stage's name as the configuration gives it; a stage it does not name, by its id. */
  stageName: (labels: Config["stages"]["labels"], stage: string): Text => labels[stage as keyof typeof labels] ?? { en: stage, ja: stage },
} as const satisfies Catalogue;
