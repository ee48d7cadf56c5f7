// A lead source written several ways is one source, spelled as first seen.
import { describe, expect, it } from "vitest";
import { unifySourceSpellings } from "../src/model/spellings.ts";
import { tables } from "./helpers/tables.ts";

describe("source spellings", () => {
  it("take the first spelling seen (by folder, file, line), trimmed; leave single spellings alone", async () => {
    const { db } = await tables(
      `INSERT INTO raw_leads (__folder, __file, __line, lead_id, created_at, source) VALUES
        ('2026-09', 'data/2026-09/leads.csv', 3, 'L1', '2026-09-01', 'Web'),
        ('2026-09', 'data/2026-09/leads.csv', 2, 'L2', '2026-09-01', ' ADS '),
        ('2026-10', 'data/2026-10/leads.csv', 2, 'L3', '2026-10-01', 'web'),
        ('2026-10', 'data/2026-10/leads.csv', 3, 'L4', '2026-10-01', 'WEB '),
        ('2026-10', 'data/2026-10/leads.csv', 4, 'L5', '2026-10-01', 'event'),
        ('2026-10', 'data/2026-10/leads.csv', 5, 'L6', '2026-10-01', NULL);
      INSERT INTO raw_opportunities (__folder, __file, __line, opportunity_id, created_at, amount, stage, source) VALUES
        ('2026-08', 'data/2026-08/opportunities.csv', 2, 'O1', '2026-08-01', 1, 'Proposal', 'ads'),
        ('2026-10', 'data/2026-10/opportunities.csv', 2, 'O2', '2026-10-01', 1, 'Proposal', 'Partner');`,
      "2026-10",
      { "2026-10": ["leads", "opportunities"] },
    );
    try {
      await unifySourceSpellings(db);
      const leads = await db.all<{ lead_id: string; source: string | null }>("SELECT lead_id, source FROM raw_leads ORDER BY lead_id");
      // ads: first seen in August's deals; web: September's "Web".
      expect(leads.map((l) => l.source)).toEqual(["Web", "ads", "Web", "Web", "event", null]);
      const deals = await db.all<{ source: string }>("SELECT source FROM raw_opportunities ORDER BY opportunity_id");
      expect(deals.map((d) => d.source)).toEqual(["ads", "Partner"]);
    } finally {
      db.close();
    }
  });
});
