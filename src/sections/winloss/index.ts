// Win/loss and lead-quality feedback, at /YYYY-MM/winloss/.
import type { Section } from "../section.ts";
import { winlossMetrics } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { winlossSchema, type Winloss } from "./schema.ts";

export const winloss = {
  id: "winloss",
  label: { en: "Win/loss", ja: "受注・失注分析" },
  metrics: METRICS,
  schema: winlossSchema,
  since: 4,
  compute: winlossMetrics,
  // The month's losses are closed deals: decided by the month's end.
  summary: (w) => {
    // The tile names the reason: a share alone does not say what to act on.
    const reason = w.lost.topByMonth.at(-1)?.reason;
    const label = reason ? { label: { en: `Top loss reason: ${reason}`, ja: `最多失注理由：${reason}` } } : {};
    return [{ metric: "top_loss_reason_share", headline: w.lost.topShare, maturity: "final", ...label }];
  },
} satisfies Section<"winloss", Winloss, undefined, typeof METRICS>;
