// Content touches: the form fill that created a lead, webinar registrations and attendance, and
// the views and downloads that follow (most of them before the lead is qualified). A few hit
// assets pull far more touches than the rest.
import type { SimLead, SimTouch, TouchAction } from "./model.ts";
import { Weighted, type Rng } from "./random.ts";
import { DAY, dayOf, HOUR, type Sec, type WorkCalendar } from "./time.ts";
import type { ContentCatalog, SimContent } from "./world.ts";

const TYPE_PULL: Record<string, number> = { blog: 1.6, whitepaper: 1.1, case_study: 0.9, video: 0.8, webinar: 0.6 };

function actionFor(rng: Rng, content: SimContent, formFill: boolean): TouchAction {
  switch (content.type) {
    case "whitepaper":
      return formFill || rng.chance(0.7) ? "download" : "view";
    case "webinar":
      return formFill ? "register" : rng.chance(0.6) ? "attend" : "view";
    case "case_study":
      return formFill && rng.chance(0.6) ? "download" : "view";
    default:
      return "view";
  }
}

/** Picks assets published by a given time, weighted by pull, type and recency (by day, cached). */
export class ContentPicker {
  private readonly catalog: ContentCatalog;
  /** type weights -> day -> the weighted choice of that day (null: nothing published yet). */
  private readonly cache = new Map<Record<string, number>, Map<number, Weighted<SimContent> | null>>();

  constructor(catalog: ContentCatalog) {
    this.catalog = catalog;
  }

  pick(rng: Rng, at: Sec, typeWeights: Record<string, number> = TYPE_PULL): SimContent | undefined {
    const day = dayOf(at);
    let byDay = this.cache.get(typeWeights);
    if (!byDay) this.cache.set(typeWeights, (byDay = new Map()));
    let choice = byDay.get(day);
    if (choice === undefined) {
      const end = (day + 1) * DAY;
      const candidates: SimContent[] = [];
      const weights: number[] = [];
      for (const c of this.catalog.list) {
        if (c.publishedAt >= end) continue;
        const ageDays = (end - c.publishedAt) / DAY;
        const w = c.pull * (typeWeights[c.type] ?? 0) * (1 + 2.5 * Math.exp(-ageDays / 75));
        if (w <= 0) continue;
        candidates.push(c);
        weights.push(w);
      }
      choice = candidates.length ? new Weighted(candidates, weights) : null;
      byDay.set(day, choice);
    }
    if (!choice) return undefined;
    // Assets published later on the same day are not available yet: draw again (rarely needed).
    for (let i = 0; i < 8; i++) {
      const c = choice.draw(rng);
      if (c.publishedAt <= at) return c;
    }
    return undefined;
  }
}

export function touchesFor(rng: Rng, cal: WorkCalendar, lead: SimLead, picker: ContentPicker): SimTouch[] {
  const touches: SimTouch[] = [];
  const created = lead.createdAt;
  if (lead.content) touches.push({ lead, content: lead.content, at: created, action: actionFor(rng, lead.content, true) });
  const webinarDay = lead.campaign?.channel === "webinar" ? lead.campaign.mainDay : undefined;
  if (webinarDay !== undefined && lead.content && rng.chance(0.62)) {
    const at = webinarDay * DAY + 14 * HOUR + rng.int(0, 20) * 60;
    if (at > created) touches.push({ lead, content: lead.content, at, action: "attend" });
  }
  // Engagement after the lead was created, mostly before MQL/SQL.
  const mql = lead.mqlAt;
  const end = lead.sqlAt ?? (mql !== undefined ? mql + 20 * DAY : created + 40 * DAY);
  const stop = lead.disqualifiedAt !== undefined && lead.disqualifyReason !== "連絡不通" ? Math.min(end, lead.disqualifiedAt) : end;
  const extra = rng.poisson(mql !== undefined ? 2.6 : 1.1);
  for (let i = 0; i < extra; i++) {
    const beforeMql = mql !== undefined && mql > created && rng.chance(0.6);
    const from = created + 600;
    const to = beforeMql ? mql : stop;
    if (to <= from) continue;
    const day = dayOf(rng.uniform(from, to));
    const at = Math.min(Math.max(cal.anyTime(rng, day), from), to);
    const content = picker.pick(rng, at);
    if (!content) continue;
    touches.push({ lead, content, at, action: actionFor(rng, content, false) });
  }
  return touches;
}
