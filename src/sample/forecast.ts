// What a rep's CRM says about an open deal on the way to its close: the deal type, the expected
// close date (pushed out when it passes, left in the past by a busy rep, sometimes a 9999-12-31
// placeholder at first, sometimes later than the deal really closes), the probability by stage
// and the forecast category. Drawn from the deal's own stream (keyed by its id), so adding it left
// every other number of the sample as it was.
import type { Row } from "./export.ts";
import type { SimOpportunity } from "./model.ts";
import { Rng, Weighted } from "./random.ts";
import { DAY, dayOf, HOUR, type Sec } from "./time.ts";

export const DEAL_TYPES = ["new_business", "expansion", "renewal"] as const;
type DealType = (typeof DEAL_TYPES)[number];

/** Won deals are more often with existing customers. */
const TYPE_WON = new Weighted(DEAL_TYPES, [55, 28, 17]);
const TYPE_LOST = new Weighted(DEAL_TYPES, [76, 17, 7]);

/** Salesforce's Japanese labels of the values, for the Japanese export. */
export const TYPE_JA: Record<DealType, string> = { new_business: "新規ビジネス", expansion: "既存ビジネス", renewal: "契約更新" };
const CATEGORY_JA: Record<string, string> = {
  pipeline: "パイプライン",
  best_case: "最善達成予測",
  commit: "達成予測",
  closed: "完了",
  omitted: "売上予測から除外",
};

/** A placeholder close date, as CRMs let reps leave it. */
const PLACEHOLDER = "9999-12-31";

/** The probabilities (%) a rep picks per stage: one of three, by the deal. */
const STAGE_PROBABILITY: Record<string, readonly number[]> = {
  Qualification: [10, 20, 20],
  Proposal: [30, 40, 50],
  Negotiation: [60, 70, 80],
};

interface Expectation {
  /** From this time on the CRM shows `day` as the expected close (a day number, or the placeholder). */
  from: Sec;
  day: number | typeof PLACEHOLDER;
}

export interface DealPlan {
  type: DealType;
  expected: Expectation[];
  /** Which of its stage's probabilities the rep picks; null: the rep leaves probability blank. */
  pick: number | null;
  omitted: boolean;
}

const plans = new WeakMap<SimOpportunity, DealPlan>();

/** The deal's plan, drawn once from its own stream. */
export function planOf(o: SimOpportunity): DealPlan {
  const known = plans.get(o);
  if (known) return known;
  const rng = new Rng(`gekkan-sample/deal/${o.id}`);
  const created = dayOf(o.createdAt);
  const close = dayOf(o.closedAt);
  const span = Math.max(1, close - created);
  const at = (day: number): Sec => day * DAY + 10 * HOUR;
  const expected: Expectation[] = [];
  const mode = rng.next();
  let day: number;
  if (mode < 0.12) {
    // Expected later than it comes: pulled in when it closes.
    day = close + 10 + Math.round(span * rng.uniform(0.2, 0.7));
  } else if (mode < 0.7) {
    // Optimistic: expected well before it closes, and pushed out as each date passes.
    day = created + Math.max(7, Math.round(span * rng.uniform(0.35, 0.85)));
  } else {
    day = Math.max(created + 3, close + rng.int(-6, 6));
  }
  let from = o.createdAt;
  if (rng.chance(0.04)) {
    // The placeholder until the rep first dates the deal.
    expected.push({ from, day: PLACEHOLDER });
    from = at(created + rng.int(5, 35));
    if (from >= o.closedAt) return remember(o, { type: typeOf(o, rng), expected, pick: pickOf(rng), omitted: false });
  }
  expected.push({ from, day });
  // A busy rep updates late: the date sits in the past for weeks.
  const busy = rng.chance(0.12);
  while (day < close) {
    const update = at(day + (busy ? rng.int(20, 50) : rng.int(0, 10)));
    if (update >= o.closedAt) break;
    day = Math.max(dayOf(update) + 7, day + Math.round(rng.uniform(14, 45)));
    expected.push({ from: update, day });
  }
  return remember(o, { type: typeOf(o, rng), expected, pick: pickOf(rng), omitted: rng.chance(0.03) });
}

function typeOf(o: SimOpportunity, rng: Rng): DealType {
  return (o.won ? TYPE_WON : TYPE_LOST).draw(rng);
}

function pickOf(rng: Rng): number | null {
  return rng.chance(0.1) ? null : rng.int(0, 2);
}

function remember(o: SimOpportunity, plan: DealPlan): DealPlan {
  plans.set(o, plan);
  return plan;
}

/** When the deal's expected close date changes (its record then shows up in that month's export). */
export function planTimes(o: SimOpportunity): Sec[] {
  return planOf(o)
    .expected.slice(1)
    .map((e) => e.from);
}

/**
 * The columns the plan gives the deal's row at `cutoff` (a month's end), given its stage then:
 * type, probability (%), forecast category, and for an open deal its expected close date (also in
 * the Japanese labels the Japanese export writes).
 */
export function planRow(o: SimOpportunity, cutoff: Sec, stage: string): Row {
  const plan = planOf(o);
  const closed = o.closedAt < cutoff;
  const probability = closed ? (o.won ? 100 : 0) : plan.pick === null ? undefined : STAGE_PROBABILITY[stage]?.[plan.pick];
  const category = closed
    ? "closed"
    : plan.omitted
      ? "omitted"
      : probability === undefined || probability < 40
        ? "pipeline"
        : probability < 70
          ? "best_case"
          : "commit";
  const row: Row = {
    type: plan.type,
    type_ja: TYPE_JA[plan.type],
    probability,
    forecast_category: category,
    forecast_category_ja: CATEGORY_JA[category],
  };
  if (!closed) {
    const now = plan.expected.filter((e) => e.from < cutoff).at(-1);
    if (now) row.closed_at = now.day === PLACEHOLDER ? PLACEHOLDER : { day: now.day };
  }
  return row;
}
