// Status against a target: met, at risk or missed (configurable: config.status.atRisk), from the
// actual and the target, in the metric's direction: for a lower-is-better metric (a cost, a cycle
// time) the ratio is inverted, so spending 5% over budget is at risk, not "105% attained".
import { z } from "zod";
import type { Config } from "../schema/config.ts";
import { round } from "./context.ts";

export const STATUSES = ["met", "at_risk", "missed"] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

/** actual / target (higher is better) or target / actual (lower is better); null without both. */
export function attainmentOf(actual: number | null, target: number | null, better: "higher" | "lower" = "higher"): number | null {
  if (actual === null || target === null) return null;
  if (better === "higher") return target > 0 ? round(actual / target) : null;
  if (actual <= 0) return target >= 0 ? 1 : null;
  return target > 0 ? round(target / actual) : null;
}

/** Met at attainment >= 1, at risk from config.status.atRisk, missed below; null without an attainment. */
export function statusOf(attainment: number | null, config: Pick<Config, "status">): Status | null {
  if (attainment === null) return null;
  if (attainment >= 1) return "met";
  return attainment >= config.status.atRisk ? "at_risk" : "missed";
}
