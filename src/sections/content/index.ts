// Content performance: assets by leads, MQLs and influence on deals; rollups; assets published.
import type { Section } from "../section.ts";
import { contentMetrics, prepareContent, type PreparedContent } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { contentSummary } from "./summary.ts";
import { contentSchema, type ContentPerformance } from "./schema.ts";

export const content = {
  id: "content",
  label: { en: "Content performance", ja: "コンテンツ成果" },
  metrics: METRICS,
  schema: contentSchema,
  since: 2,
  summary: contentSummary,
  prepare: (db, months) => prepareContent(db, months),
  compute: contentMetrics,
} satisfies Section<"content", ContentPerformance, PreparedContent, typeof METRICS>;
