// Inside sales working a handed-off MQL: the first call (when depends on the rep's habit, the
// month's workload and the working calendar), further call attempts and e-mails, the
// appointment (アポ獲得), the first meeting held by an account executive, and the result:
// qualified (商談化), still being nurtured, or disqualified.
import { openOpportunity } from "./deals.ts";
import type { SimActivity, SimLead, SimOpportunity } from "./model.ts";
import { Weighted, type Rng } from "./random.ts";
import { DAY, HOUR, MINUTE, dayOf, type Sec, type WorkCalendar } from "./time.ts";
import { accountExecutive, type Habit, type Owner } from "./world.ts";

/** Business days from handoff to the first call, by habit. */
const FIRST_CALL_DELAY: Record<Habit, Weighted<number>> = {
  fast: new Weighted([0, 1, 2, 3, 5], [60, 38, 1.2, 0.6, 0.2]),
  average: new Weighted([0, 1, 2, 3, 4, 5, 6, 8], [22, 30, 20, 12, 7, 5, 2, 2]),
  slow: new Weighted([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 13], [5, 9, 11, 12, 14, 15, 11, 9, 7, 4, 3]),
  neglect: new Weighted([0, 1, 2, 3, 4, 5, 6, 8], [18, 27, 20, 13, 9, 7, 3, 3]),
};
const BUSY_EXTRA = new Weighted([0, 1, 2, 3, 4], [25, 30, 25, 12, 8]);

const SOURCE_QUALITY: Record<string, number> = {
  web: 0.95,
  ads: 0.8,
  event: 0.8,
  webinar: 1.0,
  referral: 1.55,
  partner: 1.25,
  outbound: 1.05,
};
const SIZE_QUALITY: Record<string, number> = { "1-49": 0.7, "50-299": 1, "300-999": 1.15, "1000+": 1.2 };

export interface FollowUpContext {
  rng: Rng;
  cal: WorkCalendar;
  /** The rep's habit this month (a slow rep may have been coached). */
  habit: Habit;
  /** The rep is overloaded this month (slower first calls). */
  busy: boolean;
}

export interface FollowUp {
  activities: SimActivity[];
  opportunity?: SimOpportunity;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Next attempt: a few business days later, in working hours. */
function later(ctx: FollowUpContext, after: Sec, minDays: number, maxDays: number): Sec {
  const { rng, cal } = ctx;
  for (;;) {
    const day = cal.workDay(rng, cal.addBusinessDays(dayOf(after), rng.int(minDays, maxDays)));
    const t = cal.workTime(rng, day);
    if (t !== undefined) return t;
  }
}

/** Same day shortly after `t` if the day allows, else the next working day. */
function soonAfter(ctx: FollowUpContext, t: Sec): Sec {
  const { rng, cal } = ctx;
  const same = cal.isBusinessDay(dayOf(t)) ? cal.workTime(rng, dayOf(t), t + rng.int(2, 40) * MINUTE) : undefined;
  return same ?? later(ctx, t, 1, 1);
}

export function followUp(ctx: FollowUpContext, lead: SimLead, owner: Owner): FollowUp {
  const { rng, cal } = ctx;
  const handoffAt = lead.handoffAt!;
  const handoffDay = dayOf(handoffAt);
  const name = lead.person.lastName;
  const activities: SimActivity[] = [];
  const call = (at: Sec, connected: boolean, appointment: boolean, subject: string) =>
    activities.push({ id: "", at, type: "call", owner: owner.name, lead, connected, appointment, subject });
  const email = (at: Sec, appointment: boolean, subject: string) =>
    activities.push({ id: "", at, type: "email", owner: owner.name, lead, appointment, subject });

  const untouched = rng.chance(ctx.habit === "neglect" ? 0.25 : 0.025);
  if (untouched) {
    if (rng.chance(0.3)) lead.acceptedAt = cal.workAfter(rng, handoffAt, rng.int(0, 2));
    // A quarterly clean-up closes some of them as unreachable, long after.
    if (rng.chance(0.3)) {
      lead.disqualifiedAt = cal.workAfter(rng, (handoffDay + rng.int(45, 100)) * DAY);
      lead.disqualifyReason = "連絡不通";
    }
    return { activities };
  }

  // The first call.
  let delay = FIRST_CALL_DELAY[ctx.habit].draw(rng);
  if (ctx.busy) delay += BUSY_EXTRA.draw(rng);
  let firstAt: Sec | undefined;
  if (delay === 0 && cal.isBusinessDay(handoffDay) && rng.chance(cal.capacity(handoffDay))) {
    firstAt = cal.workTime(rng, handoffDay, handoffAt + rng.int(5, 90) * MINUTE);
  }
  if (firstAt === undefined) {
    const day = cal.workDay(rng, cal.addBusinessDays(handoffDay, Math.max(1, delay)));
    firstAt = cal.workTime(rng, day)!;
  }
  const delayDays = cal.businessDaysBetween(handoffDay, dayOf(firstAt));

  // Sales accepts the lead when working it, often before the first call.
  const acceptAt = rng.chance(0.6) ? cal.workTime(rng, cal.onOrAfter(handoffDay), handoffAt) : undefined;
  lead.acceptedAt = acceptAt !== undefined && acceptAt < firstAt ? acceptAt : firstAt;

  const company = lead.company;
  const quality =
    (SOURCE_QUALITY[lead.source] ?? 1) *
    (SIZE_QUALITY[company?.size ?? "1-49"] ?? 1) *
    (company?.target ? 1.35 : 1) *
    (lead.content?.stage === "decision" ? 1.25 : 1);
  const speed = delayDays <= 1 ? 1.15 : delayDays <= 3 ? 1 : delayDays <= 6 ? 0.78 : 0.62;
  const pSql = clamp(0.2 * quality * owner.skill * speed, 0.03, 0.85);
  const outcome = rng.chance(pSql) ? "sql" : rng.chance(0.1) ? "meeting" : "nurture";

  if (outcome === "nurture") {
    const calls = rng.weighted([1, 2, 3, 4], [25, 35, 25, 15]);
    let t = firstAt;
    let reached = false;
    let last = t;
    for (let i = 0; i < calls; i++) {
      const connected = rng.chance(owner.connect - 0.02);
      reached ||= connected;
      call(t, connected, false, i === 0 ? `${name}様 初回架電` : `${name}様 架電（${i + 1}回目）`);
      last = t;
      if (i === 0 && !connected && rng.chance(0.55)) email(soonAfter(ctx, t), false, `${name}様 資料送付のご案内`);
      if (connected && rng.chance(0.5)) break;
      t = later(ctx, t, 1, 4);
    }
    if (rng.chance(0.45)) email(later(ctx, last, 3, 10), false, `${name}様 情報提供のご案内`);
    if (!reached && calls >= 3 && rng.chance(0.55)) {
      lead.disqualifiedAt = later(ctx, last, 5, 25);
      lead.disqualifyReason = "連絡不通";
    } else if (reached && rng.chance(0.35)) {
      lead.disqualifiedAt = later(ctx, last, 0, 8);
      lead.disqualifyReason = rng.chance(0.62) ? "予算なし" : "競合他社";
    }
    return { activities };
  }

  // Calls until someone answers, then the appointment (on the call, or by e-mail afterwards).
  let t = firstAt;
  let bookedAt: Sec | undefined;
  for (let attempt = 1; bookedAt === undefined; attempt++) {
    const connected = attempt >= 5 || rng.chance(clamp(owner.connect + 0.04, 0, 0.9));
    const onCall = connected && rng.chance(0.85);
    call(t, connected, onCall, attempt === 1 ? `${name}様 初回架電` : `${name}様 架電（${attempt}回目）`);
    if (onCall) bookedAt = t;
    else if (connected) {
      bookedAt = soonAfter(ctx, t);
      email(bookedAt, true, `${name}様 日程調整のご連絡`);
    } else {
      if (attempt === 2 && rng.chance(0.5)) email(soonAfter(ctx, t), false, `${name}様 資料送付のご案内`);
      t = later(ctx, t, 1, 3);
    }
  }
  const ae = accountExecutive(rng, company?.industry);
  const meetingDay = cal.workDay(rng, cal.addBusinessDays(dayOf(bookedAt), rng.int(2, 9)));
  const meetingAt = cal.workTime(rng, meetingDay, undefined, 10, 17.5)!;
  const visit = rng.chance(0.3);
  activities.push({
    id: "",
    at: meetingAt,
    type: "meeting",
    owner: ae,
    lead,
    appointment: false,
    visit,
    subject: `${company?.name ?? "個人"} 初回商談（${name}様）`,
  });

  let sqlAt = rng.chance(0.5)
    ? meetingAt + rng.int(60, 300) * MINUTE
    : (cal.workTime(rng, cal.addBusinessDays(meetingDay, rng.int(1, 3))) ?? meetingAt + DAY);
  // Qualification takes at least three days from the handoff.
  const earliest = handoffAt + 3 * DAY;
  if (sqlAt < earliest) sqlAt = cal.workTime(rng, cal.onOrAfter(dayOf(earliest) + 1)) ?? earliest + HOUR;

  if (outcome === "meeting" || sqlAt > handoffAt + 45 * DAY) {
    if (rng.chance(0.5)) {
      lead.disqualifiedAt = later(ctx, meetingAt, 2, 15);
      lead.disqualifyReason = rng.chance(0.6) ? "予算なし" : "競合他社";
    }
    return { activities };
  }

  lead.sqlAt = sqlAt;
  const { opportunity, meetings } = openOpportunity(rng, cal, lead, sqlAt, ae);
  lead.opportunity = opportunity;
  activities.push(...meetings);
  return { activities, opportunity };
}
