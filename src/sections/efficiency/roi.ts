// Campaign ROI and the maturity rule: whether a campaign's pipeline / cost and won / cost are final
// at the month's end, and why not. Both are to date. A campaign's leads take time to become deals
// and to be won: while fewer days have passed since its end than the campaign cycle's 90th
// percentile (schema.ts, campaignCycleSchema), or while it still runs, deals can still come
// (pipeline) and be won (won). A campaign without an end date may still run: both wait for it to
// give one. Won also waits for its deals still open at the month's end.
import type { CampaignCycle, CampaignRoi } from "./schema.ts";

/**
 * Fewer deals than this measuring the campaign cycle (lead to deal, lead to won): its 90th
 * percentile would be little more than the slowest of a handful, so it is not known, and every
 * campaign's ROI is then provisional.
 */
export const MIN_CYCLE_DEALS = 10;

/** A campaign too young for the cycle, or without an end: its days since its end (or start), and the cycle's p90 (null: not known). */
export interface Young {
  from: "end" | "start" | "open";
  days: number;
  p90: number | null;
}

/** Why a campaign's won / cost is not final: too young (undefined: not), and its deals open at the month's end. */
export interface WonMaturing {
  young?: Young;
  open: number;
}

/**
 * Too young for `p90` days (null: the cycle is not known), or without an end date (it may still run,
 * however long ago it started); never for an edition that did not measure it.
 */
function young(c: CampaignRoi, cycle: CampaignCycle | null, p90: number | null): Young | undefined {
  if (!cycle || !c.elapsed) return undefined;
  return p90 === null || c.elapsed.from === "open" || c.elapsed.days < p90 ? { ...c.elapsed, p90 } : undefined;
}

/** Whether the campaign's pipeline / cost can still rise: its leads may still become deals. */
export function pipelineMaturing(c: CampaignRoi, cycle: CampaignCycle | null): Young | undefined {
  return young(c, cycle, cycle?.toDeal ?? null);
}

/** Whether the campaign's won / cost can still rise: its leads may still be won, or its open deals. */
export function wonMaturing(c: CampaignRoi, cycle: CampaignCycle | null): WonMaturing | undefined {
  const y = young(c, cycle, cycle?.toWon ?? null);
  const open = c.openDeals ?? 0;
  return y || open > 0 ? { young: y, open } : undefined;
}
