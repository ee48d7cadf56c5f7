// The simulated records, before they are cut into month-close exports. Times are Tokyo
// wall-clock seconds (see time.ts); ids are given in time order as the funnel reaches each record
// (funnel.ts).
import type { Person } from "./names.ts";
import type { Sec } from "./time.ts";
import type { Company, Owner, SimCampaign, SimContent } from "./world.ts";

export const SOURCES = ["web", "ads", "event", "webinar", "referral", "partner", "outbound"] as const;
export type Source = (typeof SOURCES)[number];

export const DISQUALIFY_REASONS = ["重複", "競合他社", "学生・個人", "予算なし", "連絡不通"] as const;
export type DisqualifyReason = (typeof DISQUALIFY_REASONS)[number];

export const LOST_REASONS = ["価格", "競合他社", "時期尚早", "予算なし", "機能不足", "意思決定者不在"] as const;
export type LostReason = (typeof LOST_REASONS)[number];

export interface SimLead {
  id: string;
  createdAt: Sec;
  source: Source;
  campaign?: SimCampaign;
  content?: SimContent;
  /** Undefined for students and private persons. */
  company?: Company;
  /** The company as typed on the form (sometimes with ㈱). */
  companyText?: string;
  person: Person;
  mqlAt?: Sec;
  handoffAt?: Sec;
  owner?: Owner;
  acceptedAt?: Sec;
  sqlAt?: Sec;
  disqualifiedAt?: Sec;
  disqualifyReason?: DisqualifyReason;
  opportunity?: SimOpportunity;
  /** Latest activity or touch about this lead (for the first month's carried-over records). */
  lastSeen: Sec;
}

export const OPEN_STAGES = ["Qualification", "Proposal", "Negotiation"] as const;

export interface SimOpportunity {
  id: string;
  lead: SimLead;
  createdAt: Sec;
  amount: number;
  owner: string;
  proposalAt?: Sec;
  negotiationAt?: Sec;
  /** Start of the close day (close dates are dates). */
  closedAt: Sec;
  won: boolean;
  lostReason?: LostReason;
}

export type ActivityType = "call" | "email" | "meeting";

export interface SimActivity {
  id: string;
  at: Sec;
  type: ActivityType;
  owner: string;
  lead?: SimLead;
  opportunity?: SimOpportunity;
  connected?: boolean;
  appointment: boolean;
  /** Meetings: held at the customer's office (訪問) rather than online. */
  visit?: boolean;
  /** Free text as reps write it; carries the contact's name, so it is personal data. */
  subject: string;
}

export type TouchAction = "view" | "download" | "register" | "attend";

export interface SimTouch {
  lead: SimLead;
  content: SimContent;
  at: Sec;
  action: TouchAction;
}
