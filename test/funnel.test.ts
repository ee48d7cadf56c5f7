import { describe, expect, it } from "vitest";
import { Funnel, type FunnelBatch } from "../src/sample/funnel.ts";
import { scramble } from "../src/sample/ids.ts";
import { Rng } from "../src/sample/random.ts";
import { DAY, monthIndex, monthStart, WorkCalendar } from "../src/sample/time.ts";
import { ContentCatalog, makeCampaigns, makeCompanies, seedContent } from "../src/sample/world.ts";

/** A small simulated company, as the sample generator sets it up. */
function funnel(): Funnel {
  const rng = new Rng("funnel-test");
  const cal = new WorkCalendar();
  const rangeStartMi = monthIndex("2026-01");
  const firstMi = rangeStartMi - 2;
  const lastMi = rangeStartMi + 3;
  const catalog = new ContentCatalog();
  seedContent(rng.fork("content"), catalog, cal, firstMi, lastMi, rangeStartMi);
  const campaigns = makeCampaigns(rng.fork("campaigns"), cal, catalog, firstMi, lastMi);
  const companies = makeCompanies(rng.fork("companies"), 300);
  return new Funnel(rng.fork("simulation"), { cal, companies, catalog, campaigns }, { firstMi, rangeStartMi, lastMi, scale: 0.2 });
}

/** Everything the funnel returns up to `end`, advancing in steps of `step` seconds. */
function run(step: number, end: number) {
  const f = funnel();
  const all: FunnelBatch = { leads: [], opportunities: [], activities: [], touches: [] };
  for (let t = monthStart(monthIndex("2025-11")) + step; ; t += step) {
    const b = f.advance(Math.min(t, end));
    all.leads.push(...b.leads);
    all.opportunities.push(...b.opportunities);
    all.activities.push(...b.activities);
    all.touches.push(...b.touches);
    if (t >= end) break;
  }
  return {
    leads: all.leads.map((l) => [l.id, l.createdAt, l.mqlAt, l.sqlAt, l.disqualifiedAt, l.lastSeen, l.opportunity?.id]),
    opportunities: all.opportunities.map((o) => [o.id, o.createdAt, o.lead.id, o.amount, o.closedAt]),
    activities: all.activities.map((a) => [a.id, a.at, a.type, a.lead?.id ?? a.opportunity?.id, a.subject]),
    touches: all.touches.map((t) => [t.at, t.lead.id, t.content.id, t.action]),
  };
}

describe("the sample's funnel, simulated forward in time", () => {
  it("gives the same records, order and ids however far each step goes", () => {
    const end = monthStart(monthIndex("2026-05"));
    const monthly = run(31 * DAY, end);
    expect(monthly.leads.length).toBeGreaterThan(500);
    expect(monthly.activities.length).toBeGreaterThan(100);
    expect(monthly.opportunities.length).toBeGreaterThan(5);
    expect(run(4 * DAY, end)).toEqual(monthly);
    expect(run(end, end)).toEqual(monthly);
  });

  it("returns each record once, in time order", () => {
    const { leads, activities, touches } = run(9 * DAY, monthStart(monthIndex("2026-05")));
    for (const list of [leads, activities]) expect(new Set(list.map((r) => r[0])).size).toBe(list.length);
    const times = (rows: unknown[][], k: number) => rows.map((r) => r[k] as number);
    expect(times(leads, 1)).toEqual([...times(leads, 1)].sort((a, b) => a - b));
    expect(times(activities, 1)).toEqual([...times(activities, 1)].sort((a, b) => a - b));
    expect(times(touches, 0)).toEqual([...times(touches, 0)].sort((a, b) => a - b));
  });
});

describe("record ids", () => {
  it("scramble their sequence exactly, also past 2^53 / 3^18 (about 23 million records)", () => {
    const exact = (n: number) => Number((BigInt(n) * 387_420_489n) % 62n ** 5n);
    for (const n of [0, 1, 12_345, 23_000_001, 23_300_001, 100_000_001, 62 ** 5 - 1]) expect(scramble(n), String(n)).toBe(exact(n));
  });
});
