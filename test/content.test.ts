// Content performance against a hand-computed fixture: influence counted once per lead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { content } from "../src/sections/content/index.ts";
import type { ContentPerformance } from "../src/sections/content/schema.ts";
import { computeReports, computeSection } from "../src/metrics/executor.ts";
import { tables } from "./helpers/tables.ts";

let db: Db;
let c: ContentPerformance;
beforeAll(async () => {
  const t = await tables(
    `
    INSERT INTO raw_content (__folder, content_id, title, type, stage, published_at) VALUES
      ('2026-10', 'W1', 'Guide', 'whitepaper', 'consideration', '2026-05-01'),
      ('2026-10', 'B1', 'Blog one', 'blog', 'awareness', '2026-10-03'),
      ('2026-10', 'B2', 'Blog two', 'blog', 'awareness', '2026-06-01');
    INSERT INTO raw_leads (__folder, lead_id, created_at, source, content_id, mql_at, sql_at, opportunity_id) VALUES
      ('2026-10', 'L1', '2026-10-01', 'web', 'W1', '2026-10-02', '2026-10-20', 'O1'),
      ('2026-10', 'L2', '2026-10-05', 'web', 'W1', NULL, NULL, NULL),
      ('2026-10', 'L3', '2026-10-06', 'web', 'B1', '2026-10-07', NULL, NULL);
    INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id) VALUES ('2026-10', 'O1', '2026-10-20', 1000000, 'Proposal', 'L1');
    INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
      ('2026-10', 'L1', 'B1', '2026-10-03', 'view'), ('2026-10', 'L1', 'B1', '2026-10-04', 'view'), ('2026-10', 'L1', 'B1', '2026-10-05', 'view'),
      ('2026-10', 'L1', 'B2', '2026-10-06', 'view'),
      ('2026-10', 'L1', 'W1', '2026-10-25', 'download');`,
    "2026-10",
    { "2026-10": ["leads", "content", "content_touches", "opportunities"] },
  );
  db = t.db;
  c = await computeSection(db, content, t.ctx, new Map());
});
afterAll(() => db.close());

describe("content performance", () => {
  it("ranks assets by leads and MQLs produced", () => {
    expect(c.byLeads.map((a) => [a.contentId, a.value, a.rank])).toEqual([
      ["W1", 2, 1],
      ["B1", 1, 2],
    ]);
    expect(c.byMqls.map((a) => [a.contentId, a.value, a.rank])).toEqual([
      ["B1", 1, 1],
      ["W1", 1, 1],
    ]);
  });
  it("counts influence once per lead, and only touches before the SQL", () => {
    // L1 became SQL on 10-20: three B1 views count once, B2 once; the W1 download came after.
    expect(c.byInfluence!.map((a) => [a.contentId, a.value, a.pipeline])).toEqual([
      ["B1", 1, 1000000],
      ["B2", 1, 1000000],
    ]);
    // The blog rollup counts L1 once although it touched two blog posts.
    expect(c.byType.find((r) => r.key === "blog")).toMatchObject({ influenced: 1, pipeline: 1000000, leads: 1, mqls: 1 });
    expect(c.influencedPipeline.value).toBe(1000000);
  });
  it("lists assets published this month", () => {
    expect(c.published).toEqual([{ contentId: "B1", title: "Blog one", type: "blog", publishedAt: "2026-10-03", leads: 1 }]);
  });
});

describe("content influence: when a lead converted", () => {
  let db2: Db;
  let c2: ContentPerformance;
  beforeAll(async () => {
    // Window: 2025-10 .. 2026-10. A lead converts at the earlier of sql_at and its first opportunity.
    const t = await tables(
      `
      INSERT INTO raw_content (__folder, content_id, title, type, stage, published_at) VALUES ('2026-10', 'W1', 'Guide', 'whitepaper', 'consideration', '2024-01-01');
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, sql_at) VALUES
        ('2026-10', 'L4', '2026-09-01', 'web', NULL),          -- no SQL; its opportunity (10-15) converts it
        ('2026-10', 'L5', '2023-12-01', 'web', '2024-01-10'),  -- SQL before the window: its later opportunity does not bring it in
        ('2026-10', 'L6', '2024-12-01', 'web', NULL),          -- no SQL; opportunity before the window
        ('2026-10', 'L7', '2026-09-01', 'web', '2026-10-05');  -- SQL in the window, no opportunity
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id) VALUES
        ('2026-10', 'O4', '2026-10-15', 500000, 'Proposal', 'L4'),
        ('2026-10', 'O5', '2026-10-12', 700000, 'Proposal', 'L5'),
        ('2026-10', 'O6', '2025-01-05', 900000, 'Proposal', 'L6');
      INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
        ('2026-10', 'L4', 'W1', '2026-10-10', 'view'), ('2026-10', 'L5', 'W1', '2026-10-01', 'view'),
        ('2026-10', 'L6', 'W1', '2025-01-01', 'view'), ('2026-10', 'L7', 'W1', '2026-10-01', 'view');`,
      "2026-10",
      { "2026-10": ["leads", "content", "content_touches", "opportunities"] },
    );
    db2 = t.db;
    c2 = await computeSection(db2, content, t.ctx, new Map());
  });
  afterAll(() => db2.close());

  it("counts leads converted in the window by SQL or by their first opportunity, and no others", () => {
    // L4 (opportunity 10-15, 500,000) and L7 (SQL 10-05, no deal); L5 and L6 converted before the window.
    expect(c2.byInfluence!.map((a) => [a.contentId, a.value, a.pipeline])).toEqual([["W1", 2, 500000]]);
    expect(c2.influencedPipeline.value).toBe(500000);
  });
});

describe("content of several months computed together", () => {
  it("gives each month the numbers of its own as-of data", async () => {
    // K1 came in September through the guide and became an MQL in October's export; K2 in October. The
    // launch post (published 10-01) has K3 from September's export and K4 from October's.
    const t = await tables(
      `
      INSERT INTO raw_content (__folder, content_id, title, type, stage, published_at) VALUES
        ('2026-09', 'G1', 'Guide', 'whitepaper', 'consideration', '2026-05-01'), ('2026-10', 'G1', 'Guide', 'whitepaper', 'consideration', '2026-05-01'),
        ('2026-09', 'P1', 'Launch post', 'blog', 'awareness', '2026-10-01'), ('2026-10', 'P1', 'Launch post', 'blog', 'awareness', '2026-10-01');
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, content_id, mql_at) VALUES
        ('2026-09', 'K1', '2026-09-10', 'web', 'G1', NULL),
        ('2026-09', 'K3', '2026-09-20', 'web', 'P1', NULL),
        ('2026-10', 'K1', '2026-09-10', 'web', 'G1', '2026-10-02'),
        ('2026-10', 'K2', '2026-10-05', 'web', 'G1', NULL),
        ('2026-10', 'K4', '2026-10-03', 'web', 'P1', NULL);`,
      "2026-10",
      { "2026-09": ["leads", "content"], "2026-10": ["leads", "content"] },
    );
    try {
      const alone = await computeSection(t.db, content, t.ctx, new Map());
      const provided = new Map([
        ["2026-09", new Set(["leads", "content"] as const)],
        ["2026-10", new Set(["leads", "content"] as const)],
      ]);
      const reports = await computeReports(t.db, ["2026-09", "2026-10"], { config: t.ctx.config, provided });
      const sep = reports["2026-09"]!.content!;
      expect([sep.byLeads.map((a) => [a.contentId, a.value]), sep.byMqls, sep.totals, sep.published]).toEqual([
        [
          ["G1", 1],
          ["P1", 1],
        ],
        [],
        { leads: 2, mqls: 0, assets: 2 },
        [],
      ]);
      const oct = reports["2026-10"]!.content!;
      expect([oct.byLeads.map((a) => [a.contentId, a.value]), oct.byMqls.map((a) => [a.contentId, a.value]), oct.totals]).toEqual([
        [
          ["G1", 1],
          ["P1", 1],
        ],
        [["G1", 1]],
        { leads: 2, mqls: 1, assets: 2 },
      ]);
      // Published in October: the launch post, with all its leads as of October (K3 and K4).
      expect(oct.published).toEqual([{ contentId: "P1", title: "Launch post", type: "blog", publishedAt: "2026-10-01", leads: 2 }]);
      // Content leads by month, as of October: K1 and K3 in September, K2 and K4 in October.
      expect(oct.contentLeads.series.slice(-2).map((p) => p.value)).toEqual([2, 2]);
      expect(oct).toEqual(alone);
    } finally {
      t.db.close();
    }
  });
});

describe("content influence: two leads of one deal", () => {
  it("counts the deal's amount once per asset, per rollup and in the month's pipeline, and each lead once", async () => {
    // Two people of one company, M1 and M2, both converted into deal D1 (800,000; both leads name it)
    // on 10-10 and both read the guide before; M2 also read the blog post. M3 converted into D2
    // (200,000) after reading the guide. The guide influenced 3 leads and 2 deals: 800,000 + 200,000.
    const t = await tables(
      `
      INSERT INTO raw_content (__folder, content_id, title, type, stage, published_at) VALUES
        ('2026-10', 'G1', 'Guide', 'whitepaper', 'consideration', '2026-05-01'),
        ('2026-10', 'P1', 'Post', 'blog', 'awareness', '2026-05-01');
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, sql_at, opportunity_id) VALUES
        ('2026-10', 'M1', '2026-09-01', 'web', '2026-10-10', 'D1'),
        ('2026-10', 'M2', '2026-09-02', 'web', '2026-10-10', 'D1'),
        ('2026-10', 'M3', '2026-09-03', 'web', '2026-10-12', 'D2');
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage) VALUES
        ('2026-10', 'D1', '2026-10-10', 800000, 'Proposal'), ('2026-10', 'D2', '2026-10-12', 200000, 'Proposal');
      INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
        ('2026-10', 'M1', 'G1', '2026-10-01', 'view'), ('2026-10', 'M2', 'G1', '2026-10-02', 'view'),
        ('2026-10', 'M2', 'P1', '2026-10-03', 'view'), ('2026-10', 'M3', 'G1', '2026-10-04', 'view');`,
      "2026-10",
      { "2026-10": ["leads", "content", "content_touches", "opportunities"] },
    );
    try {
      const c3 = await computeSection(t.db, content, t.ctx, new Map());
      expect(c3.byInfluence!.map((a) => [a.contentId, a.value, a.pipeline])).toEqual([
        ["G1", 3, 1000000],
        ["P1", 1, 800000],
      ]);
      expect(c3.byType.map((r) => [r.key, r.influenced, r.pipeline])).toEqual([
        ["blog", 1, 800000],
        ["whitepaper", 3, 1000000],
      ]);
      // The month's influenced pipeline: D1 and D2, once each.
      expect(c3.influencedPipeline.value).toBe(1000000);
    } finally {
      t.db.close();
    }
  });
});

describe("content published in the month", () => {
  it("lists assets of one title published at one instant by their id, whatever order the export gives", async () => {
    const t = await tables(
      `INSERT INTO raw_content (__folder, content_id, title, type, stage, published_at) VALUES
        ('2026-10', 'V3', 'Webinar recording', 'video', 'consideration', '2026-10-05'),
        ('2026-10', 'V1', 'Webinar recording', 'video', 'consideration', '2026-10-05'),
        ('2026-10', 'V2', 'Webinar recording', 'video', 'consideration', '2026-10-05');`,
      "2026-10",
      { "2026-10": ["leads", "content"] },
    );
    try {
      const c4 = await computeSection(t.db, content, t.ctx, new Map());
      expect(c4.published.map((p) => p.contentId)).toEqual(["V1", "V2", "V3"]);
    } finally {
      t.db.close();
    }
  });
});

describe("leads produced without the content dataset", () => {
  it("read not provided, never 0: the leads' content_id names no asset the month lists", async () => {
    // A CRM without form assets: the leads have no content_id, and no folder has the content.
    const t = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source) VALUES ('2026-10', 'L1', '2026-10-01', 'web');`,
      "2026-10",
      { "2026-10": ["leads"] },
    );
    try {
      const x = await computeSection(t.db, content, t.ctx, new Map());
      expect(x.contentLeads.value).toBeNull();
      expect(x.contentLeads.series.find((p) => p.month === "2026-10")!.value).toBeNull();
    } finally {
      t.db.close();
    }
  });
});
