// The sample's spend dataset: marketing's budget and actuals per month, channel and category (the
// four budget categories 販促・広告, 委託, 制作, ITインフラ) and the sales team's cost. Campaign
// channels spend what their campaigns cost; their budget is the plan for those campaigns, which
// paid search overruns every month (the over-budget channel). Each month folder holds that month's
// actuals and, budget only, the plan for the rest of the fiscal year (April start), as a budget
// sheet exported at month close would.
import type { Row } from "./export.ts";
import type { Rng } from "./random.ts";
import { monthKey, monthStartDay } from "./time.ts";
import { lastDayOf, type SimCampaign } from "./world.ts";

/** Fiscal year start (April), as the sample's configuration has it. */
const FY_START_MONTH = 4;

interface Line {
  channel: string;
  category: string;
  team: "marketing" | "sales";
  /** Campaign channels whose campaigns the line pays for; none for a fixed line. */
  campaigns?: readonly SimCampaign["channel"][];
  /** Fixed lines: the monthly budget at scale 1. */
  monthly?: number;
  /** Actual / budget: a range drawn per month. */
  overrun: [number, number];
}

const LINES: readonly Line[] = [
  { channel: "ads", category: "販促・広告", team: "marketing", campaigns: ["ads"], overrun: [1.12, 1.3] },
  { channel: "event", category: "販促・広告", team: "marketing", campaigns: ["event"], overrun: [0.9, 1.04] },
  { channel: "webinar", category: "委託", team: "marketing", campaigns: ["webinar"], overrun: [0.92, 1.03] },
  { channel: "web", category: "販促・広告", team: "marketing", campaigns: ["email"], overrun: [0.95, 1.02] },
  { channel: "web", category: "制作", team: "marketing", monthly: 900_000, overrun: [0.82, 1.08] },
  { channel: "web", category: "ITインフラ", team: "marketing", monthly: 650_000, overrun: [0.99, 1.01] },
  { channel: "outbound", category: "委託", team: "marketing", monthly: 1_200_000, overrun: [0.95, 1.03] },
  { channel: "partner", category: "委託", team: "marketing", monthly: 400_000, overrun: [0.85, 1.05] },
  { channel: "field sales", category: "sales", team: "sales", monthly: 14_000_000, overrun: [0.97, 1.03] },
];

const roundTo = (n: number, to = 10_000) => Math.round(n / to) * to;

export class SpendPlan {
  private readonly byMonth = new Map<number, Map<SimCampaign["channel"], number>>();
  private readonly average = new Map<SimCampaign["channel"], number>();
  private readonly seed: Rng;
  private readonly scale: number;
  constructor(campaigns: readonly SimCampaign[], seed: Rng, scale: number, months: { first: number; last: number }) {
    this.seed = seed;
    this.scale = scale;
    const totals = new Map<SimCampaign["channel"], number>();
    for (let mi = months.first; mi <= months.last; mi++) {
      const cost = new Map<SimCampaign["channel"], number>();
      for (const c of campaigns)
        if (c.mainDay >= monthStartDay(mi) && c.mainDay <= lastDayOf(mi)) cost.set(c.channel, (cost.get(c.channel) ?? 0) + c.cost);
      this.byMonth.set(mi, cost);
      for (const [ch, v] of cost) totals.set(ch, (totals.get(ch) ?? 0) + v);
    }
    const n = months.last - months.first + 1;
    for (const [ch, v] of totals) this.average.set(ch, v / n);
  }

  /** Actual and budget of a line in month `mi`: the same whichever folder asks. */
  private line(l: Line, mi: number): { amount: number; budget: number } {
    const factor = this.seed.fork(`${monthKey(mi)}/${l.channel}/${l.category}`).uniform(l.overrun[0], l.overrun[1]);
    if (l.monthly !== undefined) {
      const budget = roundTo(l.monthly * this.scale, 10_000);
      return { amount: roundTo(budget * factor, 1_000), budget };
    }
    const costs = this.byMonth.get(mi);
    const planned = (l.campaigns ?? []).reduce((a, ch) => a + (costs ? (costs.get(ch) ?? 0) : (this.average.get(ch) ?? 0)), 0);
    // The campaigns' cost is what was spent; the budget planned it lower (or higher) by the line's overrun.
    return costs ? { amount: planned, budget: roundTo(planned / factor) } : { amount: roundTo(planned), budget: roundTo(planned / factor) };
  }

  /** Rows of the folder of month `mi`: its actuals with their budget, and budget-only rows to the fiscal year's end. */
  rows(mi: number): Row[] {
    const rows: Row[] = [];
    const fyEnd = mi + ((FY_START_MONTH - 1 - (mi % 12) + 12 - 1) % 12);
    for (let m = mi; m <= fyEnd; m++)
      for (const l of LINES) {
        const { amount, budget } = this.line(l, m);
        if (budget === 0 && amount === 0) continue;
        rows.push({
          month: monthKey(m),
          channel: l.channel,
          category: l.category,
          team: l.team,
          budget,
          amount: m === mi ? amount : undefined,
        });
      }
    return rows;
  }
}
