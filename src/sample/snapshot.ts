// Month-close exports: what marketing ops would download on the first of the next month.
// Every record created or changed in the month, with its state as of the month end (anything
// dated later is blank); activities, touches and traffic that occurred in the month; the
// campaigns and content that exist by the month end. The first exported month also carries the
// earlier records that later months refer to (an initial load).
import type { FunnelBatch } from "./funnel.ts";
import type { SimActivity, SimLead, SimOpportunity, SimTouch } from "./model.ts";
import { at, onDay, type Row, type Rows } from "./export.ts";
import { planRow, planTimes } from "./forecast.ts";
import { DAY, dayOf, monthOfDay, monthStart, type Sec } from "./time.ts";
import type { WebRow } from "./web.ts";
import type { SimCampaign, SimContent } from "./world.ts";

export interface MonthRows {
  leads: Rows;
  activities: Rows;
  opportunities: Rows;
  campaigns: Rows;
  content: Rows;
  content_touches: Rows;
  web_traffic: Rows;
}

/** The rows of `records`, each made only when its slice is asked for. */
function rowsOf<T>(records: readonly T[], row: (record: T) => Row): Rows {
  return { length: records.length, slice: (start, end) => records.slice(start, end).map(row) };
}

const before = (t: Sec | undefined, cutoff: Sec) => (t !== undefined && t < cutoff ? t : undefined);

export function leadRow(l: SimLead, cutoff: Sec): Row {
  const handedOff = before(l.handoffAt, cutoff) !== undefined;
  const disqualified = before(l.disqualifiedAt, cutoff) !== undefined;
  const qualified = before(l.sqlAt, cutoff) !== undefined;
  return {
    lead_id: l.id,
    created_at: at(l.createdAt),
    source: l.source,
    campaign_id: l.campaign?.id,
    content_id: l.content?.id,
    account_id: l.company?.accountId,
    company: l.companyText,
    last_name: l.person.lastName,
    first_name: l.person.firstName,
    email: l.person.email,
    phone: l.person.phone,
    industry: l.company?.industry,
    company_size: l.company?.size,
    target_account: l.company ? l.company.target : undefined,
    mql_at: at(before(l.mqlAt, cutoff)),
    handoff_at: at(before(l.handoffAt, cutoff)),
    owner: handedOff ? l.owner?.name : undefined,
    accepted_at: at(before(l.acceptedAt, cutoff)),
    sql_at: at(before(l.sqlAt, cutoff)),
    disqualified_at: at(before(l.disqualifiedAt, cutoff)),
    disqualify_reason: disqualified ? l.disqualifyReason : undefined,
    opportunity_id: qualified ? l.opportunity?.id : undefined,
  };
}

export function opportunityRow(o: SimOpportunity, cutoff: Sec): Row {
  const closed = o.closedAt < cutoff;
  const stage = closed
    ? o.won
      ? "Closed Won"
      : "Closed Lost"
    : before(o.negotiationAt, cutoff) !== undefined
      ? "Negotiation"
      : before(o.proposalAt, cutoff) !== undefined
        ? "Proposal"
        : "Qualification";
  return {
    opportunity_id: o.id,
    created_at: at(o.createdAt),
    amount: o.amount,
    stage,
    lead_id: o.lead.id,
    account_id: o.lead.company?.accountId,
    owner: o.owner,
    source: o.lead.source,
    campaign_id: o.lead.campaign?.id,
    closed_at: closed ? onDay(dayOf(o.closedAt)) : undefined,
    lost_reason: closed && !o.won ? o.lostReason : undefined,
    // Type, probability, forecast category, and an open deal's expected close date.
    ...planRow(o, cutoff, stage),
  };
}

function campaignRow(c: SimCampaign, cutoff: Sec): Row {
  return {
    campaign_id: c.id,
    name: c.name,
    channel: c.channel,
    type: c.type,
    cost: c.cost,
    started_at: onDay(c.startDay),
    ended_at: c.endDay * DAY < cutoff ? onDay(c.endDay) : undefined,
  };
}

function contentRow(c: SimContent): Row {
  return { content_id: c.id, title: c.title, type: c.type, url: c.url, published_at: onDay(dayOf(c.publishedAt)), stage: c.stage };
}

function webRow(w: WebRow): Row {
  return {
    date: onDay(w.day),
    channel: w.channel,
    user_type: w.userType,
    sessions: w.sessions,
    users: w.users,
    new_users: w.newUsers,
    engaged_sessions: w.engagedSessions,
    engagement_seconds: w.engagementSeconds,
    pageviews: w.pageviews,
  };
}

/** The month-close exports' record times of a lead, and of an opportunity. */
const leadTimes = (l: SimLead) => [l.createdAt, l.mqlAt, l.handoffAt, l.acceptedAt, l.sqlAt, l.disqualifiedAt];
const opportunityTimes = (o: SimOpportunity) => [o.createdAt, o.proposalAt, o.negotiationAt, o.closedAt, ...planTimes(o)];

/** Is any of the times in [from, to)? */
function within(times: readonly (Sec | undefined)[], from: Sec, to: Sec): boolean {
  for (const t of times) if (t !== undefined && t >= from && t < to) return true;
  return false;
}

/** The latest of the times. */
function latest(times: readonly (Sec | undefined)[]): Sec {
  let last = Number.NEGATIVE_INFINITY;
  for (const t of times) if (t !== undefined && t > last) last = t;
  return last;
}

export interface SnapshotInput {
  campaigns: readonly SimCampaign[];
  content: readonly SimContent[];
  firstMi: number;
  lastMi: number;
}

/**
 * The month-close exports, month by month, from what the funnel returns (Funnel.advance): add()
 * everything before the next month's start, then rows() of that month. Only the records a later
 * month still exports are kept: leads and opportunities until their last change, nothing once
 * written.
 */
export class MonthSnapshots {
  private readonly input: SnapshotInput;
  private readonly rangeStart: Sec;
  /** Leads and opportunities a month from the first on may still export, in the funnel's order. */
  private leads: SimLead[] = [];
  private opportunities: SimOpportunity[] = [];
  /** The first month's initial load: earlier records that later months refer to. */
  private readonly carriedLeads = new Set<SimLead>();
  private readonly carriedOpportunities = new Set<SimOpportunity>();
  private activities = new Map<number, SimActivity[]>();
  private touches = new Map<number, SimTouch[]>();

  constructor(input: SnapshotInput) {
    this.input = input;
    this.rangeStart = monthStart(input.firstMi);
  }

  add(batch: FunnelBatch): void {
    const { firstMi, lastMi } = this.input;
    const rangeStart = this.rangeStart;
    for (const l of batch.leads) {
      // Initial load in the first month: earlier leads still being worked and the leads of earlier
      // deals still open, so nothing exported later refers to a record never exported.
      if (l.createdAt < rangeStart) {
        const o = l.opportunity;
        const openDeal = o !== undefined && o.createdAt < rangeStart && o.closedAt >= rangeStart;
        if (openDeal || Math.max(l.lastSeen, ...leadTimes(l).map((t) => t ?? 0)) >= rangeStart) this.carriedLeads.add(l);
      }
      if (latest(leadTimes(l)) >= rangeStart) this.leads.push(l);
    }
    for (const o of batch.opportunities) {
      // The earlier deals of the leads carried.
      if (o.createdAt < rangeStart && this.carriedLeads.has(o.lead)) this.carriedOpportunities.add(o);
      if (latest(opportunityTimes(o)) >= rangeStart) this.opportunities.push(o);
    }
    const byMonth = <T>(map: Map<number, T[]>, item: T, t: Sec) => {
      const mi = monthOfDay(dayOf(t));
      if (mi < firstMi || mi > lastMi) return;
      let list = map.get(mi);
      if (!list) map.set(mi, (list = []));
      list.push(item);
    };
    for (const a of batch.activities) byMonth(this.activities, a, a.at);
    for (const t of batch.touches) byMonth(this.touches, t, t.at);
  }

  /**
   * Month `mi`'s rows (made as they are written), once everything before the next month's start was
   * added; then what no later month needs is dropped.
   */
  rows(mi: number, web: readonly WebRow[]): MonthRows {
    const { firstMi, lastMi } = this.input;
    if (mi < firstMi || mi > lastMi) throw new Error(`month ${mi} is outside the sample`);
    const from = monthStart(mi);
    const cutoff = monthStart(mi + 1);
    let leads = this.leads.filter((l) => within(leadTimes(l), from, cutoff));
    let opps = this.opportunities.filter((o) => within(opportunityTimes(o), from, cutoff));
    if (mi === firstMi) {
      leads = [...new Set([...this.carriedLeads, ...leads])].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      opps = [...new Set([...this.carriedOpportunities, ...opps])].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      this.carriedLeads.clear();
      this.carriedOpportunities.clear();
    }
    this.leads = this.leads.filter((l) => latest(leadTimes(l)) >= cutoff);
    this.opportunities = this.opportunities.filter((o) => latest(opportunityTimes(o)) >= cutoff);
    const activities = this.activities.get(mi) ?? [];
    const touches = this.touches.get(mi) ?? [];
    this.activities.delete(mi);
    this.touches.delete(mi);
    return {
      leads: rowsOf(leads, (l) => leadRow(l, cutoff)),
      opportunities: rowsOf(opps, (o) => opportunityRow(o, cutoff)),
      activities: rowsOf(activities, (a) => ({
        activity_id: a.id,
        occurred_at: at(a.at),
        type: a.type,
        owner: a.owner,
        lead_id: a.lead?.id,
        opportunity_id: a.opportunity?.id,
        connected: a.type === "call" ? a.connected : undefined,
        appointment_set: a.appointment,
        subject: a.subject,
        visit: a.visit,
      })),
      content_touches: rowsOf(touches, (t) => ({
        lead_id: t.lead.id,
        content_id: t.content.id,
        occurred_at: at(t.at),
        action: t.action,
      })),
      campaigns: this.input.campaigns.filter((c) => c.startDay * DAY < cutoff).map((c) => campaignRow(c, cutoff)),
      content: this.input.content
        .filter((c) => c.publishedAt < cutoff)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(contentRow),
      web_traffic: web.map(webRow),
    };
  }
}
