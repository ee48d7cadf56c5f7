// Leads through the funnel: creation (volume with Japanese fiscal-year seasonality, sources,
// campaigns, content forms), marketing qualification, the handoff to an inside-sales rep (supply
// skewed towards one rep), and the follow-up that may end in an opportunity.
import { ID_PREFIX, IdMint } from "./ids.ts";
import { followUp } from "./followup.ts";
import { SOURCES, type SimActivity, type SimLead, type SimOpportunity, type SimTouch, type Source } from "./model.ts";
import { person } from "./names.ts";
import { Weighted, type Rng } from "./random.ts";
import { ContentPicker, touchesFor } from "./touches.ts";
import {
  DAY,
  HOUR,
  MINUTE,
  dayOf,
  monthKey,
  monthOfDay,
  monthOfYear,
  monthStartDay,
  weekday,
  type Sec,
  type WorkCalendar,
} from "./time.ts";
import {
  OWNERS,
  plannedLeads,
  type Companies,
  type Company,
  type ContentCatalog,
  type Habit,
  type Owner,
  type SimCampaign,
} from "./world.ts";

export interface World {
  cal: WorkCalendar;
  companies: Companies;
  catalog: ContentCatalog;
  campaigns: SimCampaign[];
}

export interface SimulationRange {
  /** First simulated month (a warm-up before the exported range). */
  firstMi: number;
  /** First exported month. */
  rangeStartMi: number;
  lastMi: number;
  scale: number;
}

const BASE_MIX: Record<Source, number> = { web: 0.3, ads: 0.17, event: 0.1, webinar: 0.14, referral: 0.07, partner: 0.08, outbound: 0.14 };
const MQL_SOURCE: Record<Source, number> = {
  web: 0.95,
  ads: 0.78,
  event: 0.85,
  webinar: 1.12,
  referral: 1.45,
  partner: 1.2,
  outbound: 1.05,
};
const MQL_SIZE: Record<string, number> = { "1-49": 0.75, "50-299": 1, "300-999": 1.1, "1000+": 1.2 };
const FORM_CONTENT: Record<string, number> = { whitepaper: 4, case_study: 2, video: 0.8, blog: 0.5 };

function sourceMix(mi: number, hasEvents: boolean, hasWebinars: boolean): Weighted<Source> {
  const moy = monthOfYear(mi);
  const w = { ...BASE_MIX };
  if (moy === 6 || moy === 10) w.event *= 2.6;
  if (moy === 3) {
    w.ads *= 1.3;
    w.webinar *= 1.2;
  }
  if (moy === 8 || moy === 12 || moy === 1) {
    w.event *= 0.4;
    w.outbound *= 0.8;
  }
  if (!hasEvents) w.event = 0;
  if (!hasWebinars) w.webinar = 0;
  return new Weighted(
    SOURCES,
    SOURCES.map((s) => w[s]),
  );
}

/** Days of a month weighted for human activity: weekdays, quieter weekends, holidays and closures. */
function dayWeights(cal: WorkCalendar, mi: number, businessOnly: boolean): Weighted<number> {
  const first = monthStartDay(mi);
  const days: number[] = [];
  const weights: number[] = [];
  for (let d = first; d < monthStartDay(mi + 1); d++) {
    const w = weekday(d);
    let weight = w === 0 ? 0.25 : w === 6 ? 0.3 : !cal.isBusinessDay(d) ? 0.35 : 1;
    if (businessOnly) weight = cal.capacity(d);
    else if (cal.isBusinessDay(d)) weight *= 0.4 + 0.6 * cal.capacity(d);
    days.push(d);
    weights.push(weight);
  }
  return new Weighted(days, weights);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

interface MonthContext {
  mi: number;
  rng: Rng;
  /** The month's campaigns by channel, each with its pull as the weight. */
  byChannel: Map<SimCampaign["channel"], Weighted<SimCampaign>>;
  emails: SimCampaign[];
  anyDay: Weighted<number>;
  businessDay: Weighted<number>;
}

function createLead(
  ctx: MonthContext,
  world: World,
  picker: ContentPicker,
  source: Source,
  targets: Weighted<Company>,
): SimLead | undefined {
  const { rng } = ctx;
  const { cal } = world;
  const draw = (ch: SimCampaign["channel"]) => ctx.byChannel.get(ch)!.draw(rng);
  let createdAt: Sec;
  let campaign: SimCampaign | undefined;
  switch (source) {
    case "event": {
      campaign = draw("event");
      // Badge scans are imported in batches a few business days after the event: same minute.
      const batch = rng.chance(0.7) ? 1 : 3;
      const importDay = cal.addBusinessDays(campaign.mainDay, batch);
      const batchRng = rng.fork(`import/${campaign.name}/${batch}`);
      createdAt = importDay * DAY + batchRng.int(10, 17) * HOUR + batchRng.int(0, 59) * MINUTE + rng.int(0, 59);
      break;
    }
    case "webinar": {
      campaign = draw("webinar");
      // Registrations pile up towards the webinar day.
      const before = Math.floor((campaign.mainDay - campaign.startDay) * rng.next() ** 1.8);
      createdAt = cal.anyTime(rng, campaign.mainDay - before);
      if (createdAt > campaign.mainDay * DAY + 13 * HOUR) createdAt = campaign.mainDay * DAY + rng.int(8, 12) * HOUR + rng.int(0, 3599);
      break;
    }
    case "ads": {
      campaign = draw("ads");
      createdAt = cal.anyTime(rng, ctx.anyDay.draw(rng));
      break;
    }
    case "web": {
      createdAt = cal.anyTime(rng, ctx.anyDay.draw(rng));
      const mails = ctx.emails.filter((m) => m.mainDay * DAY <= createdAt && createdAt < (m.mainDay + 10) * DAY);
      if (mails.length > 0 && rng.chance(0.35)) campaign = rng.pick(mails);
      break;
    }
    default: {
      const t = cal.workTime(rng, ctx.businessDay.draw(rng));
      if (t === undefined) return undefined;
      createdAt = t;
    }
  }

  // Students and private persons (to be disqualified) come through the web forms.
  const personal = (source === "web" || source === "webinar") && rng.chance(0.045);
  const company = personal ? undefined : source === "outbound" && rng.chance(0.3) ? targets.draw(rng) : world.companies.pick.draw(rng);
  let content = source === "webinar" ? campaign?.asset : undefined;
  if ((source === "web" && rng.chance(0.65)) || (source === "ads" && rng.chance(0.6))) content = picker.pick(rng, createdAt, FORM_CONTENT);
  const lead: SimLead = {
    id: "",
    createdAt,
    source,
    person: person(rng, company?.domain),
    lastSeen: createdAt,
  };
  if (campaign) lead.campaign = campaign;
  if (content) lead.content = content;
  if (company) {
    lead.company = company;
    lead.companyText = rng.chance(0.06) ? company.typed : company.name;
  }
  return lead;
}

/** Marketing qualification and the early disqualifications. */
function qualify(rng: Rng, cal: WorkCalendar, lead: SimLead): void {
  const created = lead.createdAt;
  if (!lead.company) {
    lead.disqualifiedAt = cal.workAfter(rng, created, rng.int(0, 4));
    lead.disqualifyReason = "学生・個人";
    return;
  }
  if (rng.chance(0.035)) {
    lead.disqualifiedAt = cal.workAfter(rng, created, rng.int(0, 2));
    lead.disqualifyReason = "重複";
    return;
  }
  const hit = (lead.content?.pull ?? 1) > 5;
  const p = clamp(
    0.39 *
      MQL_SOURCE[lead.source] *
      (MQL_SIZE[lead.company.size] ?? 1) *
      (lead.company.target ? 1.25 : 1) *
      (lead.content?.stage === "decision" ? 1.3 : 1) *
      (hit ? 1.15 : 1),
    0.05,
    0.9,
  );
  if (!rng.chance(p)) return;
  // Same day (a demo request, a hot score) or over the following three weeks.
  const mqlAt = rng.chance(0.35)
    ? created + Math.min(Math.round(rng.exponential(2 * HOUR)), 8 * HOUR) + 60
    : created + Math.round(Math.min(21 * DAY, DAY / 2 + rng.exponential(5 * DAY)));
  lead.mqlAt = mqlAt;
  // Handoff: at once (routing rule) or in the next business morning's batch.
  const day = dayOf(mqlAt);
  const hourOfDay = (mqlAt - day * DAY) / HOUR;
  const immediate = cal.isBusinessDay(day) && hourOfDay < 18 ? rng.chance(0.6) : rng.chance(0.3);
  lead.handoffAt = immediate ? mqlAt : cal.addBusinessDays(day, 1) * DAY + 9 * HOUR + rng.int(0, 90) * MINUTE;
}

const ROUTING = new Map<string, Weighted<Owner>>();
function routeOwner(rng: Rng, lead: SimLead): Owner {
  const industry = lead.company?.industry ?? "";
  let routing = ROUTING.get(industry);
  if (!routing) {
    routing = new Weighted(
      OWNERS,
      OWNERS.map((o) => o.weight * (o.affinity.some((a) => a === industry) ? 2 : 1)),
    );
    ROUTING.set(industry, routing);
  }
  return routing.draw(rng);
}

/** The rep's habit in a month: the slow rep is coached and improves in the last months. */
function habitIn(owner: Owner, mi: number, range: SimulationRange): Habit {
  if (owner.habit === "slow" && mi >= range.rangeStartMi + 13) return "average";
  return owner.habit;
}

/**
 * Overloaded months: the top rep in the event and fiscal-year-end peaks, everyone when the
 * expo leads arrive (June, October), anyone now and then.
 */
function busyIn(rng: Rng, owner: Owner, mi: number): boolean {
  const moy = monthOfYear(mi);
  const peak = moy === 3 || moy === 6 || moy === 10;
  const p = owner.weight >= 0.25 && peak ? 0.6 : moy === 6 || moy === 10 ? 0.3 : 0.08;
  return rng.fork(`busy/${owner.name}/${monthKey(mi)}`).chance(p);
}

/** What Funnel.advance returns: everything that happened before a time and was not returned before. */
export interface FunnelBatch {
  /** Leads created before the time, with their ids, taken through the funnel to their end (times after it included). */
  leads: SimLead[];
  /** Opportunities created, activities and touches that occurred before the time: in time order, with their ids. */
  opportunities: SimOpportunity[];
  activities: SimActivity[];
  touches: SimTouch[];
}

/**
 * The simulation, forward in time: advance(until) creates the leads of every month that may have
 * leads created before `until`, takes those leads through the funnel one by one in creation order,
 * and returns what happened before `until`. A lead's whole future (follow-up, deal, touches) is
 * drawn when it is taken, from one stream of random numbers for all leads, and records are
 * numbered in time order across calls: the result is the same however far each call goes, and
 * only leads not yet taken and records not yet due are held here, never the whole simulation.
 */
export class Funnel {
  private readonly rng: Rng;
  private readonly world: World;
  private readonly range: SimulationRange;
  private readonly picker: ContentPicker;
  private readonly targets: Weighted<Company>;
  private readonly funnelRng: Rng;
  private readonly leadIds = new IdMint(ID_PREFIX.lead, "5g", 3_456_789);
  private readonly oppIds = new IdMint(ID_PREFIX.opportunity, "5g", 5_678_901);
  private readonly activityIds = new IdMint(ID_PREFIX.activity, "5g", 2_345_678);
  /** earliestFrom[mi - firstMi]: the earliest time a lead of month mi or any later month can be created. */
  private readonly earliestFrom: Sec[];
  /** The next month whose leads are to be created. */
  private nextMonth: number;
  /** Created, not yet taken through the funnel (in creation order, not yet sorted by time). */
  private leads: SimLead[] = [];
  private opportunities: SimOpportunity[] = [];
  private activities: SimActivity[] = [];
  private touches: SimTouch[] = [];
  /** The last advance's time: everything before it has been returned. */
  private done: Sec = Number.NEGATIVE_INFINITY;

  constructor(rng: Rng, world: World, range: SimulationRange) {
    this.rng = rng;
    this.world = world;
    this.range = range;
    this.picker = new ContentPicker(world.catalog);
    const targetCompanies = world.companies.list.filter((c) => c.target);
    this.targets = new Weighted(
      targetCompanies,
      targetCompanies.map(() => 1),
    );
    this.funnelRng = rng.fork("funnel");
    this.nextMonth = range.firstMi;
    this.earliestFrom = [];
    for (let mi = range.lastMi; mi >= range.firstMi; mi--) {
      const earliest = Math.min(earliestLead(world, mi), this.earliestFrom[0] ?? Number.POSITIVE_INFINITY);
      this.earliestFrom.unshift(earliest);
    }
  }

  advance(until: Sec): FunnelBatch {
    if (until < this.done) throw new Error("the funnel only moves forward in time");
    const { range } = this;
    while (this.nextMonth <= range.lastMi && this.earliestFrom[this.nextMonth - range.firstMi]! < until) this.createMonth(this.nextMonth++);
    // Every lead created before `until` exists now; they are taken in time order (a stable sort:
    // leads created in the same second in the order they were created).
    const leads = due(this.leads, (l) => l.createdAt, until, this.done);
    this.leads = leads.rest;
    for (const lead of leads.due) {
      lead.id = this.leadIds.next();
      this.take(lead);
    }
    // A lead's records all follow its creation, so every record before `until` is known now.
    const activities = due(this.activities, (a) => a.at, until, this.done);
    this.activities = activities.rest;
    for (const a of activities.due) a.id = this.activityIds.next();
    const opportunities = due(this.opportunities, (o) => o.createdAt, until, this.done);
    this.opportunities = opportunities.rest;
    opportunities.due.sort((a, b) => a.createdAt - b.createdAt || (a.lead.id < b.lead.id ? -1 : 1));
    for (const o of opportunities.due) o.id = this.oppIds.next();
    const touches = due(this.touches, (t) => t.at, until, this.done);
    this.touches = touches.rest;
    this.done = until;
    return { leads: leads.due, opportunities: opportunities.due, activities: activities.due, touches: touches.due };
  }

  /** Create the leads of month `mi` (their ids come when they are taken). */
  private createMonth(mi: number): void {
    const { rng, world, range } = this;
    const { cal } = world;
    const mrng = rng.fork(`leads/${monthKey(mi)}`);
    const first = monthStartDay(mi);
    const next = monthStartDay(mi + 1);
    const campaigns = world.campaigns.filter((c) => c.mainDay >= first && c.mainDay < next);
    const byChannel = new Map<SimCampaign["channel"], Weighted<SimCampaign>>();
    for (const channel of ["event", "webinar", "ads"] as const) {
      const list = campaigns.filter((c) => c.channel === channel);
      if (list.length)
        byChannel.set(
          channel,
          new Weighted(
            list,
            list.map((c) => c.pull),
          ),
        );
    }
    const ctx: MonthContext = {
      mi,
      rng: mrng,
      byChannel,
      emails: campaigns.filter((c) => c.channel === "email"),
      anyDay: dayWeights(cal, mi, false),
      businessDay: dayWeights(cal, mi, true),
    };
    // Volume noise is drawn from its own stream so that scale multiplies volume exactly.
    const noise = clamp(rng.fork(`volume/${monthKey(mi)}`).lognormal(1, 0.025), 0.96, 1.04);
    const count = Math.round(plannedLeads(mi, range.rangeStartMi) * noise * range.scale);
    const mix = sourceMix(mi, byChannel.has("event"), byChannel.has("webinar"));
    const earliest = earliestLead(world, mi);
    for (let i = 0; i < count; i++) {
      const lead = createLead(ctx, world, this.picker, mix.draw(mrng), this.targets);
      if (!lead) continue;
      if (lead.createdAt < earliest) throw new Error(`a lead of ${monthKey(mi)} was created before the month's earliest possible time`);
      this.leads.push(lead);
    }
  }

  /** Qualification, handoff, follow-up and touches of one lead: its whole future. */
  private take(lead: SimLead): void {
    const { world, range } = this;
    const frng = this.funnelRng;
    qualify(frng, world.cal, lead);
    if (lead.handoffAt !== undefined) {
      const owner = routeOwner(frng, lead);
      lead.owner = owner;
      const mi = monthOfDay(dayOf(lead.handoffAt));
      const result = followUp(
        { rng: frng, cal: world.cal, habit: habitIn(owner, mi, range), busy: busyIn(this.rng, owner, mi) },
        lead,
        owner,
      );
      for (const a of result.activities) {
        this.activities.push(a);
        lead.lastSeen = Math.max(lead.lastSeen, a.at);
      }
      if (result.opportunity) this.opportunities.push(result.opportunity);
    }
    for (const t of touchesFor(frng, world.cal, lead, this.picker)) {
      this.touches.push(t);
      lead.lastSeen = Math.max(lead.lastSeen, t.at);
    }
  }
}

/**
 * The earliest time a lead of month `mi` can be created: the month's start, or a webinar's
 * registration start in the month before (event leads are imported after the event).
 */
function earliestLead(world: World, mi: number): Sec {
  const first = monthStartDay(mi);
  const next = monthStartDay(mi + 1);
  let day = first;
  for (const c of world.campaigns) if (c.mainDay >= first && c.mainDay < next) day = Math.min(day, c.startDay);
  return day * DAY;
}

/**
 * The items timed before `until`, in time order (stable: equal times keep the order they were
 * made in), and the rest in the order they were made. An item before `done` would have been due
 * in an earlier call: the simulation made a record before the lead it follows.
 */
function due<T>(items: readonly T[], time: (item: T) => Sec, until: Sec, done: Sec): { due: T[]; rest: T[] } {
  const now: T[] = [];
  const rest: T[] = [];
  for (const item of items) {
    const t = time(item);
    if (t < done) throw new Error("the simulation made a record dated before the lead it follows");
    (t < until ? now : rest).push(item);
  }
  now.sort((a, b) => time(a) - time(b));
  return { due: now, rest };
}
