// Opportunities: from the day a lead is qualified (商談化) to Closed Won or Closed Lost, with the
// account executive's deal meetings along the way. The amount is log-normal (median about ¥2.4M),
// larger for larger companies; stage dates drive which month-close exports carry the deal.
import { LOST_REASONS, type SimActivity, type SimLead, type SimOpportunity } from "./model.ts";
import { Weighted, type Rng } from "./random.ts";
import { DAY, dayOf, type Sec, type WorkCalendar } from "./time.ts";

const SOURCE_WIN: Record<string, number> = {
  web: 1,
  ads: 0.8,
  event: 0.9,
  webinar: 1,
  referral: 1.45,
  partner: 1.25,
  outbound: 0.95,
};
const SIZE_WIN: Record<string, number> = { "1-49": 0.9, "50-299": 1, "300-999": 1.05, "1000+": 0.9 };
const SIZE_AMOUNT: Record<string, number> = { "1-49": 0.5, "50-299": 0.85, "300-999": 1.3, "1000+": 2.1 };
const LOST_REASON = new Weighted(LOST_REASONS, [25, 25, 20, 15, 10, 5]);
const LOST_AT = new Weighted([0, 1, 2], [40, 40, 20]);

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function subjectCompany(lead: SimLead): string {
  return lead.company?.name ?? `${lead.person.lastName}様`;
}

export function openOpportunity(
  rng: Rng,
  cal: WorkCalendar,
  lead: SimLead,
  createdAt: Sec,
  owner: string,
): { opportunity: SimOpportunity; meetings: SimActivity[] } {
  const company = lead.company;
  const size = company?.size ?? "1-49";
  const pWin = clamp(
    0.29 *
      (SOURCE_WIN[lead.source] ?? 1) *
      (SIZE_WIN[size] ?? 1) *
      (company?.target ? 1.15 : 1) *
      (lead.content?.stage === "decision" ? 1.1 : 1),
    0.05,
    0.8,
  );
  const won = rng.chance(pWin);
  const amount = Math.round(clamp(rng.lognormal(1_900_000 * (SIZE_AMOUNT[size] ?? 1), 0.62), 500_000, 20_000_000) / 10_000) * 10_000;
  const closeDays = won ? clamp(rng.lognormal(78, 0.38), 28, 148) : clamp(rng.lognormal(48, 0.5), 20, 140);
  const createdDay = dayOf(createdAt);
  const closeDay = cal.onOrAfter(createdDay + Math.round(closeDays));
  const span = closeDay - createdDay;
  // How far a deal got: won deals go through every stage; lost ones stop somewhere.
  const reached = won ? 2 : LOST_AT.draw(rng);
  const stageDay = (share: number) => cal.onOrAfter(createdDay + Math.max(1, Math.round(span * share)));
  const opportunity: SimOpportunity = {
    id: "",
    lead,
    createdAt,
    amount,
    owner,
    closedAt: closeDay * DAY,
    won,
  };
  if (reached >= 1)
    opportunity.proposalAt = cal.workTime(rng, Math.min(stageDay(rng.uniform(0.15, 0.35)), closeDay - 1)) ?? createdAt + DAY;
  if (reached >= 2)
    opportunity.negotiationAt = cal.workTime(rng, Math.min(stageDay(rng.uniform(0.55, 0.8)), closeDay - 1)) ?? createdAt + 2 * DAY;
  if (
    opportunity.negotiationAt !== undefined &&
    opportunity.proposalAt !== undefined &&
    opportunity.negotiationAt <= opportunity.proposalAt
  ) {
    opportunity.negotiationAt = opportunity.proposalAt + 3600;
  }
  if (!won) opportunity.lostReason = LOST_REASON.draw(rng);

  const meetings: SimActivity[] = [];
  const count = won ? rng.int(2, 3) : reached === 0 ? rng.int(0, 1) : rng.int(1, 2);
  const name = subjectCompany(lead);
  const topics = ["ヒアリング", "デモ", "提案", "見積説明", "条件調整"];
  for (let i = 0; i < count && span > 6; i++) {
    const day = cal.onOrAfter(createdDay + 3 + Math.floor(((span - 5) * (i + rng.next())) / count));
    if (day >= closeDay) break;
    const at = cal.workTime(rng, day, undefined, 10, 17.5);
    if (at === undefined) continue;
    const topic = topics[Math.min(topics.length - 1, Math.floor(((i + 1) / count) * (reached + 2)))]!;
    meetings.push({
      id: "",
      at,
      type: "meeting",
      owner,
      opportunity,
      appointment: false,
      visit: rng.chance(0.4),
      subject: `${name} ${topic}`,
    });
  }
  return { opportunity, meetings };
}
