// Month-close exports: what marketing ops would download on the first of the next month.
// Every record created or changed in the month, with its state as of the month end (anything
// dated later is blank); activities, touches and traffic that occurred in the month; the
// campaigns and content that exist by the month end. The first exported month also carries the
// earlier records that later months refer to (an initial load).
import type { Simulation, SimLead, SimOpportunity } from "./model.ts";
import { at, onDay, type Row } from "./export.ts";
import { DAY, dayOf, monthOfDay, monthStart, type Sec } from "./time.ts";
import type { WebRow } from "./web.ts";
import type { SimCampaign, SimContent } from "./world.ts";

export interface MonthRows {
  leads: Row[];
  activities: Row[];
  opportunities: Row[];
  campaigns: Row[];
  content: Row[];
  content_touches: Row[];
  web_traffic: Row[];
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

/** Month indices (within [from, to]) in which any of the times falls. */
function monthsOf(times: readonly (Sec | undefined)[], from: number, to: number): Set<number> {
  const out = new Set<number>();
  for (const t of times) {
    if (t === undefined) continue;
    const mi = monthOfDay(dayOf(t));
    if (mi >= from && mi <= to) out.add(mi);
  }
  return out;
}

function bucket<T>(items: readonly T[], from: number, to: number, months: (item: T) => Iterable<number>): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    for (const mi of months(item)) {
      if (mi < from || mi > to) continue;
      let list = map.get(mi);
      if (!list) map.set(mi, (list = []));
      list.push(item);
    }
  }
  return map;
}

export interface SnapshotInput {
  sim: Simulation;
  campaigns: readonly SimCampaign[];
  content: readonly SimContent[];
  web: Map<number, WebRow[]>;
  firstMi: number;
  lastMi: number;
}

/** A month's rows, built on demand (so a large sample never holds every month's rows at once). */
export type MonthSnapshots = (mi: number) => MonthRows;

export function monthSnapshots(input: SnapshotInput): MonthSnapshots {
  const { sim, firstMi, lastMi } = input;
  const rangeStart = monthStart(firstMi);
  const leadMonths = bucket(sim.leads, firstMi, lastMi, (l) =>
    monthsOf([l.createdAt, l.mqlAt, l.handoffAt, l.acceptedAt, l.sqlAt, l.disqualifiedAt], firstMi, lastMi),
  );
  const oppMonths = bucket(sim.opportunities, firstMi, lastMi, (o) =>
    monthsOf([o.createdAt, o.proposalAt, o.negotiationAt, o.closedAt], firstMi, lastMi),
  );
  const activityMonths = bucket(sim.activities, firstMi, lastMi, (a) => [monthOfDay(dayOf(a.at))]);
  const touchMonths = bucket(sim.touches, firstMi, lastMi, (t) => [monthOfDay(dayOf(t.at))]);

  // Initial load in the first month: earlier deals still open, earlier leads still being worked,
  // and the leads of those deals, so nothing exported later refers to a record never exported.
  const carriedOpps = new Set(sim.opportunities.filter((o) => o.createdAt < rangeStart && o.closedAt >= rangeStart));
  const carriedLeads = new Set(
    sim.leads.filter(
      (l) =>
        l.createdAt < rangeStart &&
        Math.max(l.lastSeen, l.mqlAt ?? 0, l.handoffAt ?? 0, l.acceptedAt ?? 0, l.sqlAt ?? 0, l.disqualifiedAt ?? 0) >= rangeStart,
    ),
  );
  for (const o of carriedOpps) carriedLeads.add(o.lead);
  for (const l of carriedLeads) if (l.opportunity && l.opportunity.createdAt < rangeStart) carriedOpps.add(l.opportunity);

  return (mi: number): MonthRows => {
    if (mi < firstMi || mi > lastMi) throw new Error(`month ${mi} is outside the sample`);
    const cutoff = monthStart(mi + 1);
    let leads = leadMonths.get(mi) ?? [];
    let opps = oppMonths.get(mi) ?? [];
    if (mi === firstMi) {
      leads = [...new Set([...carriedLeads, ...leads])].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
      opps = [...new Set([...carriedOpps, ...opps])].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    }
    return {
      leads: leads.map((l) => leadRow(l, cutoff)),
      opportunities: opps.map((o) => opportunityRow(o, cutoff)),
      activities: (activityMonths.get(mi) ?? []).map((a) => ({
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
      content_touches: (touchMonths.get(mi) ?? []).map((t) => ({
        lead_id: t.lead.id,
        content_id: t.content.id,
        occurred_at: at(t.at),
        action: t.action,
      })),
      campaigns: input.campaigns.filter((c) => c.startDay * DAY < cutoff).map((c) => campaignRow(c, cutoff)),
      content: input.content
        .filter((c) => c.publishedAt < cutoff)
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map(contentRow),
      web_traffic: (input.web.get(mi) ?? []).map(webRow),
    };
  };
}
