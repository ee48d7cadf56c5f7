// Web analytics in the shape of a GA4 report: one row per day x default channel group x
// new/returning, with sessions, users, new users, engaged sessions, engagement time and views.
// Weekday/weekend pattern, holidays and seasonality; e-mail spikes on newsletter days and
// referral/direct bumps around expos.
import type { Rng } from "./random.ts";
import { monthOfYear, monthStartDay, weekday, type WorkCalendar } from "./time.ts";
import { plannedSessions, type SimCampaign } from "./world.ts";

export interface WebRow {
  day: number;
  channel: string;
  userType: "new" | "returning";
  sessions: number;
  users: number;
  newUsers: number;
  engagedSessions: number;
  engagementSeconds: number;
  pageviews: number;
}

interface Channel {
  name: string;
  share: number;
  newShare: number;
  engagement: number;
  viewsPerSession: number;
  secondsPerEngaged: number;
}

const CHANNELS: readonly Channel[] = [
  { name: "Organic Search", share: 0.4, newShare: 0.68, engagement: 0.62, viewsPerSession: 2.6, secondsPerEngaged: 96 },
  { name: "Paid Search", share: 0.13, newShare: 0.78, engagement: 0.55, viewsPerSession: 2.0, secondsPerEngaged: 72 },
  { name: "Direct", share: 0.19, newShare: 0.42, engagement: 0.6, viewsPerSession: 2.9, secondsPerEngaged: 112 },
  { name: "Referral", share: 0.06, newShare: 0.55, engagement: 0.64, viewsPerSession: 2.5, secondsPerEngaged: 101 },
  { name: "Organic Social", share: 0.06, newShare: 0.7, engagement: 0.4, viewsPerSession: 1.7, secondsPerEngaged: 54 },
  { name: "Email", share: 0.07, newShare: 0.15, engagement: 0.7, viewsPerSession: 2.4, secondsPerEngaged: 121 },
  { name: "Display", share: 0.09, newShare: 0.85, engagement: 0.28, viewsPerSession: 1.3, secondsPerEngaged: 26 },
];

function dayFactor(cal: WorkCalendar, day: number): number {
  const w = weekday(day);
  if (w === 0) return 0.38;
  if (w === 6) return 0.42;
  if (cal.isHoliday(day) || cal.isClosure(day)) return 0.45;
  const cap = cal.capacity(day);
  const base = w === 1 ? 1.05 : w === 5 ? 0.93 : 1;
  return cap < 1 ? base * (0.3 + 0.5 * cap) : base;
}

export function webTraffic(
  rng: Rng,
  cal: WorkCalendar,
  mi: number,
  rangeStartMi: number,
  scale: number,
  campaigns: SimCampaign[],
): WebRow[] {
  const first = monthStartDay(mi);
  const next = monthStartDay(mi + 1);
  const moy = monthOfYear(mi);
  let weightSum = 0;
  for (let d = first; d < next; d++) weightSum += dayFactor(cal, d);
  const monthly = plannedSessions(mi, rangeStartMi) * scale * Math.min(1.08, Math.max(0.92, rng.lognormal(1, 0.04)));
  const perUnit = monthly / weightSum;
  const mailDays = new Set(campaigns.filter((c) => c.channel === "email").map((c) => c.mainDay));
  const expoDays = new Set<number>();
  for (const c of campaigns) if (c.type === "展示会") for (let d = c.mainDay - 3; d <= c.mainDay + 3; d++) expoDays.add(d);
  const rows: WebRow[] = [];
  for (let d = first; d < next; d++) {
    const base = perUnit * dayFactor(cal, d);
    for (const ch of CHANNELS) {
      let share = ch.share;
      if (ch.name === "Email") share *= mailDays.has(d) ? 4 : mailDays.has(d - 1) ? 1.8 : 0.75;
      if ((ch.name === "Referral" || ch.name === "Direct") && expoDays.has(d)) share *= 1.5;
      if (ch.name === "Paid Search" && moy === 3) share *= 1.3;
      if (ch.name === "Display" && (moy === 6 || moy === 10)) share *= 1.3;
      for (const userType of ["new", "returning"] as const) {
        const part = userType === "new" ? ch.newShare : 1 - ch.newShare;
        const sessions = Math.max(0, Math.round(base * share * part * rng.lognormal(1, 0.12)));
        if (sessions === 0) continue;
        const users = Math.max(1, Math.round((sessions / (userType === "new" ? 1.07 : 1.45)) * rng.lognormal(1, 0.03)));
        const engagedRate = Math.min(0.95, ch.engagement * (userType === "new" ? 0.92 : 1.12) * rng.lognormal(1, 0.06));
        const engagedSessions = Math.min(sessions, Math.round(sessions * engagedRate));
        rows.push({
          day: d,
          channel: ch.name,
          userType,
          sessions,
          users: Math.min(users, sessions),
          newUsers: userType === "new" ? Math.min(users, sessions) : 0,
          engagedSessions,
          engagementSeconds: Math.round(engagedSessions * ch.secondsPerEngaged * rng.lognormal(1, 0.1) + (sessions - engagedSessions) * 4),
          pageviews: Math.max(sessions, Math.round(sessions * ch.viewsPerSession * rng.lognormal(1, 0.06))),
        });
      }
    }
  }
  return rows;
}
