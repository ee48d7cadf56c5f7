// Web benchmark against a hand-computed fixture: bounce rate from GA4 and from UA-style columns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { round, type MetricContext } from "../src/metrics/context.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { benchmark } from "../src/sections/benchmark/index.ts";
import type { Benchmark } from "../src/sections/benchmark/schema.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let ctx: MetricContext;
let b: Benchmark;
beforeAll(async () => {
  const t = await tables(
    `
    INSERT INTO raw_web_traffic (__folder, date, channel, user_type, sessions, users, new_users, engaged_sessions, engagement_rate, bounces, engagement_seconds, avg_session_seconds, pageviews) VALUES
      ('2026-10', '2026-10-01', 'Organic Search', 'new', 100, 80, 60, 60, NULL, NULL, 6000, NULL, 250), -- GA4: 40 bounced, 6,000 s
      ('2026-10', '2026-10-01', 'Direct', 'returning', 50, 40, 0, NULL, NULL, 10, NULL, 30, 100),        -- UA: 10 bounces, 30 s x 50
      ('2026-10', '2026-10-02', 'Email', 'new', 50, 50, 50, NULL, 0.8, NULL, NULL, NULL, NULL),           -- GA4 rate: 10 bounced
      ('2026-09', '2026-09-15', 'Organic Search', 'new', 80, 70, 50, 40, NULL, NULL, 4000, NULL, 160);`,
    "2026-10",
    { "2026-10": ["web_traffic"], "2026-09": ["web_traffic"] },
  );
  db = t.db;
  ctx = t.ctx;
  b = await computeSection(db, benchmark, t.ctx, new Map([["sessions|2026-10", 250]]));
});
afterAll(() => db.close());

describe("web benchmark", () => {
  it("adds up sessions and users", () => {
    expect([b.sessions.value, b.users.value, b.newUsers.value]).toEqual([200, 170, 110]);
    expect(b.sessions.attainment).toBe(0.8);
    expect(b.sessions.mom).toBe(1.5); // (200 - 80) / 80
  });
  it("computes bounce rate from GA4 and UA-style rows together", () => {
    // Bounced: 100 - 60 (GA4) + 10 (UA bounces) + 50 x (1 - 0.8) (GA4 rate) = 60 of 200 sessions.
    expect(b.bounceRate.value).toBe(0.3);
    expect(b.channels.find((c) => c.channel === "Direct")!.bounceRate).toBe(0.2); // 10 / 50 (UA)
    expect(b.channels.find((c) => c.channel === "Organic Search")!.bounceRate).toBe(0.4); // 1 - 60/100 (GA4)
  });
  it("takes engagement time from whichever column a row gives", () => {
    // 6,000 s + 30 s x 50 = 7,500 s over the 150 sessions that give it = 50 s per session.
    expect(b.engagementPerSession.value).toBe(50);
    // Views: 350 over the 150 sessions that give views.
    expect(b.viewsPerSession.value).toBeCloseTo(350 / 150, 6);
  });
  it("breaks down by channel with shares and MoM", () => {
    expect(b.channels.map((c) => [c.channel, c.share])).toEqual([
      ["Organic Search", 0.5],
      ["Direct", 0.25],
      ["Email", 0.25],
    ]);
    expect(b.channels[0]!.mom).toBe(0.25); // 100 vs 80
    expect(b.channels[1]!.mom).toBeNull(); // no Direct sessions in September: no rate of change
  });
});

describe("web benchmark by user type", () => {
  it("names the rows GA4 gave no user type (not set) beside new and returning, and 'all' when no row has one", async () => {
    const byType = async (rows: string) => {
      const t = await tables(
        `INSERT INTO raw_web_traffic (__folder, date, channel, user_type, sessions, users) VALUES ${rows}`,
        "2026-10",
        { "2026-10": ["web_traffic"] },
      );
      try {
        return (await computeSection(t.db, benchmark, t.ctx, new Map())).userTypes.map((u) => [u.userType, u.sessions]);
      } finally {
        t.db.close();
      }
    };
    expect(
      await byType(
        `('2026-10', '2026-10-01', 'Direct', 'new', 100, 90), ('2026-10', '2026-10-01', 'Direct', 'returning', 50, 40), ('2026-10', '2026-10-01', 'Direct', NULL, 2, 2)`,
      ),
    ).toEqual([
      ["new", 100],
      ["returning", 50],
      ["(not set)", 2],
    ]);
    expect(await byType(`('2026-10', '2026-10-01', 'Direct', NULL, 100, 90)`)).toEqual([["all", 100]]);
  });
});

describe("web benchmark: a channel without sessions", () => {
  // October: Direct 10 sessions (6 engaged, 20 views, 300 s); Referral 0 sessions from its 2 users,
  // with every column given; Email 4 sessions whose row leaves the engagement, views and bounce
  // columns blank.
  it("has per-session rates of no cases (a base of 0), apart from a channel whose rows do not give them (no base)", async () => {
    const t = await tables(
      `INSERT INTO raw_web_traffic (__folder, date, channel, sessions, users, engaged_sessions, engagement_seconds, pageviews) VALUES
        ('2026-10', '2026-10-01', 'Direct', 10, 8, 6, 300, 20),
        ('2026-10', '2026-10-01', 'Referral', 0, 2, 0, 0, 0),
        ('2026-10', '2026-10-01', 'Email', 4, 4, NULL, NULL, NULL);`,
      "2026-10",
      { "2026-10": ["web_traffic"] },
    );
    try {
      const w = await computeSection(t.db, benchmark, t.ctx, new Map());
      const row = (channel: string) => w.channels.find((c) => c.channel === channel)!;
      const rates = (channel: string) => {
        const c = row(channel);
        return [c.engagementPerSession, c.engagementBase, c.viewsPerSession, c.viewsBase, c.bounceRate, c.bounceBase];
      };
      // Direct: 300 s / 10, 20 / 10, 1 - 6 / 10.
      expect(rates("Direct")).toEqual([30, 10, 2, 10, 0.4, 10]);
      // Referral: each rate over its 0 sessions: no cases ("-"), the columns given.
      expect(rates("Referral")).toEqual([null, 0, null, 0, null, 0]);
      // Email: the columns blank, so the rates are not provided: no base.
      expect(rates("Email")).toEqual([null, null, null, null, null, null]);
      expect(w.userTypes.map((u) => [u.userType, u.bounceRate, u.bounceBase])).toEqual([["all", 0.4, 10]]);
    } finally {
      t.db.close();
    }
  });
});

describe("web benchmark: bounce rate against its target", () => {
  it("is lower-is-better: 30% bounced against a target of 25% is 25 / 30 = 83% attained, not 120%", async () => {
    const w = await computeSection(db, benchmark, ctx, new Map([["bounce_rate|2026-10", 0.25]]));
    expect(w.bounceRate).toMatchObject({ value: 0.3, target: 0.25, attainment: round(0.25 / 0.3) });
  });
});
