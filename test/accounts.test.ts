// Target accounts against hand-computed fixtures: coverage with an account that only a later
// folder lists, coverage by tier and stage, the target vs other funnel, engagement per tier, and
// the fallback to the leads' target_account flag (coverage then not provided).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../src/model/duckdb.ts";
import { computeSection } from "../src/metrics/executor.ts";
import { accounts } from "../src/sections/accounts/index.ts";
import { companyKey } from "../src/sections/accounts/names.ts";
import type { Accounts } from "../src/sections/accounts/schema.ts";
import type { DatasetName } from "../src/schema/dataset.ts";
import { tables } from "./helpers/tables.ts";

const D: DatasetName[] = ["leads", "opportunities", "activities", "content_touches"];

// A and B are targets from September's list; C joins the list only in October's folder (its lead
// came in September). X is not a target. B is re-tiered in October (B -> A).
const ACCOUNTS = `
  INSERT INTO raw_accounts (__folder, account_id, name, target, tier) VALUES
    ('2026-09', 'A', '株式会社エー', true, 'A'),
    ('2026-09', 'B', '株式会社ビー', true, 'B'),
    ('2026-09', 'X', '株式会社エックス', false, NULL),
    ('2026-10', 'C', '株式会社シー', true, 'A'),
    ('2026-10', 'B', '株式会社ビー', true, 'A');`;

// Leads: A in September (MQL in October), C in September, X twice in October (one flagged target by
// the CRM, which the list overrides). Deals: A won in October; X lost in October; C open.
const ACTIVITY = `
  INSERT INTO raw_leads (__folder, lead_id, created_at, source, account_id, target_account, mql_at, sql_at, opportunity_id) VALUES
    ('2026-10', 'l1', '2026-09-10', 'web', 'A', true, '2026-10-02', '2026-10-03', 'o1'),
    ('2026-10', 'l2', '2026-09-15', 'web', 'C', false, NULL, '2026-10-04', 'o3'),
    ('2026-10', 'l3', '2026-10-01', 'web', 'X', true, '2026-10-05', '2026-10-06', 'o2'),
    ('2026-10', 'l4', '2026-10-02', 'web', 'X', false, NULL, NULL, NULL);
  INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, account_id, closed_at, outcome) VALUES
    ('2026-10', 'o1', '2026-10-03', 100, 'Won', 'l1', 'A', '2026-10-20', 'won'),
    ('2026-10', 'o2', '2026-10-06', 100, 'Lost', 'l3', NULL, '2026-10-21', 'lost'),
    ('2026-10', 'o3', '2026-10-04', 100, 'Open', 'l2', NULL, NULL, 'open');
  INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, opportunity_id) VALUES
    ('2026-10', 'a1', '2026-10-03', 'call', 'Rep', 'l1', NULL),
    ('2026-10', 'a2', '2026-10-04', 'meeting', 'Rep', NULL, 'o3'),
    ('2026-10', 'a3', '2026-10-05', 'call', 'Rep', 'l4', NULL);
  INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
    ('2026-10', 'l1', 'w1', '2026-10-01', 'view'),
    ('2026-10', 'l1', 'w2', '2026-10-02', 'view'),
    ('2026-10', 'l4', 'w1', '2026-10-02', 'view');`;

let db: Db;
let a: Accounts;
beforeAll(async () => {
  const t = await tables(ACCOUNTS + ACTIVITY, "2026-10", { "2026-09": ["accounts", ...D], "2026-10": ["accounts", ...D] });
  db = t.db;
  a = await computeSection(db, accounts, t.ctx, new Map());
});
afterAll(() => db.close());

describe("target accounts", () => {
  it("counts coverage with each month's list: an account listed only later counts from then on", () => {
    // October: targets A, B, C; A and C have a lead this fiscal year: 2 / 3.
    expect(a.coverage).toMatchObject({ value: 0.666667, numerator: 2, denominator: 3 });
    // September: the list had A and B only (C's lead is there, C is not): 1 / 2.
    expect(a.coverage.series.find((p) => p.month === "2026-09")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    // August: no list yet.
    expect(a.coverage.series.find((p) => p.month === "2026-08")!.value).toBeNull();
    expect(a.source).toBe("accounts");
  });
  it("breaks coverage down by tier and stage, with the total last", () => {
    // Tier A (October's list): A (lead in Sep, MQL and won in Oct) and C (lead in Sep, open deal created in Oct) and B (re-tiered, nothing).
    expect(a.tiers).toEqual([
      {
        tier: "A",
        targets: 3,
        leadMonth: 0,
        leadToDate: 2,
        mqlMonth: 1,
        mqlToDate: 1,
        opportunityMonth: 2,
        opportunityOpen: 1,
        wonMonth: 1,
        wonToDate: 1,
      },
      {
        tier: "",
        targets: 3,
        leadMonth: 0,
        leadToDate: 2,
        mqlMonth: 1,
        mqlToDate: 1,
        opportunityMonth: 2,
        opportunityOpen: 1,
        wonMonth: 1,
        wonToDate: 1,
      },
    ]);
    expect(a.uncovered).toEqual({ total: 1, accounts: [{ tier: "A", name: "株式会社ビー" }] });
  });
  it("splits the funnel by the list, not by the leads' flag", () => {
    const month = (g: string) => a.funnel.find((r) => r.group === g && r.period === "month")!;
    // Target leads created in October: none (A's and C's came in September); X's two are others.
    expect(month("target")).toMatchObject({ leads: 0, mql: 1, sql: 2, opportunities: 2, won: 1, lost: 0, winRate: 1 });
    expect(month("other")).toMatchObject({ leads: 2, mql: 1, sql: 1, opportunities: 1, won: 0, lost: 1, winRate: 0 });
    // Every record has an account here: the "no account" row is there, with nothing in it.
    expect(month("unknown")).toMatchObject({ leads: 0, mql: 0, sql: 0, opportunities: 0, won: 0, lost: 0, winRate: null });
  });
  it("gives leads and deals without an account a row of their own, not left out", async () => {
    // l5: a lead with no account (October, MQL in October) and its deal o4 (no account either), won in October.
    const t = await tables(
      `${ACCOUNTS + ACTIVITY}
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, mql_at, opportunity_id) VALUES ('2026-10', 'l5', '2026-10-07', 'web', '2026-10-08', 'o4');
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, outcome) VALUES ('2026-10', 'o4', '2026-10-09', 100, 'Won', 'l5', '2026-10-25', 'won');`,
      "2026-10",
      { "2026-09": ["accounts", ...D], "2026-10": ["accounts", ...D] },
    );
    const r = await computeSection(t.db, accounts, t.ctx, new Map());
    const month = (g: string) => r.funnel.find((x) => x.group === g && x.period === "month")!;
    expect(month("unknown")).toMatchObject({ leads: 1, mql: 1, opportunities: 1, won: 1, lost: 0, winRate: 1 });
    // October's leads: 0 target + 2 other + 0 not on the list + 1 without an account = the 3 created.
    expect(month("target").leads + month("other").leads + month("unlisted").leads + month("unknown").leads).toBe(3);
    t.db.close();
  });
  it("counts the funnel of accounts not on the list apart from the listed accounts that are not targets", async () => {
    // October's list: T1 (target, tier A), X (not a target) and Y (target left blank). U and V are on
    // no list; lN's lead has no account. The fiscal year starts in April.
    // Leads: lt (T1) created, MQL and SQL in October; lx (X) created and MQL in October; ly (Y) created
    // in August; lu1 (U) created, MQL and SQL in October; lu2 (U) created and MQL in September; lv (V)
    // and lN (no account) created in October.
    // Deals: ot (T1's, through its lead lt) created October, won October; ox (X's) created and lost in
    // July; ou1 (no account of its own: its lead lu1's, U) created October, lost October; ou2 (U's, no
    // lead) created September, won October; ov (V's) created and won in June.
    const t = await tables(
      `INSERT INTO raw_accounts (__folder, account_id, name, target, tier) VALUES
        ('2026-10', 'T1', 'T1社', true, 'A'), ('2026-10', 'X', 'X社', false, NULL), ('2026-10', 'Y', 'Y社', NULL, NULL);
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, account_id, mql_at, sql_at, opportunity_id) VALUES
        ('2026-10', 'lt', '2026-10-01', 'web', 'T1', '2026-10-02', '2026-10-03', 'ot'),
        ('2026-10', 'lx', '2026-10-01', 'web', 'X', '2026-10-02', NULL, NULL),
        ('2026-10', 'ly', '2026-08-01', 'web', 'Y', NULL, NULL, NULL),
        ('2026-10', 'lu1', '2026-10-02', 'web', 'U', '2026-10-03', '2026-10-04', 'ou1'),
        ('2026-10', 'lu2', '2026-09-01', 'web', 'U', '2026-09-02', NULL, NULL),
        ('2026-10', 'lv', '2026-10-03', 'web', 'V', NULL, NULL, NULL),
        ('2026-10', 'lN', '2026-10-03', 'web', NULL, NULL, NULL, NULL);
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, account_id, closed_at, outcome) VALUES
        ('2026-10', 'ot', '2026-10-03', 100, 'Won', 'lt', NULL, '2026-10-20', 'won'),
        ('2026-10', 'ox', '2026-07-01', 100, 'Lost', NULL, 'X', '2026-07-30', 'lost'),
        ('2026-10', 'ou1', '2026-10-04', 100, 'Lost', 'lu1', NULL, '2026-10-25', 'lost'),
        ('2026-10', 'ou2', '2026-09-10', 100, 'Won', NULL, 'U', '2026-10-15', 'won'),
        ('2026-10', 'ov', '2026-06-01', 100, 'Won', NULL, 'V', '2026-06-30', 'won');`,
      "2026-10",
      { "2026-10": ["accounts", ...D] },
    );
    const r = await computeSection(t.db, accounts, t.ctx, new Map());
    const row = (group: string, period: string) => {
      const { group: _g, period: _p, ...counts } = r.funnel.find((x) => x.group === group && x.period === period)!;
      return counts;
    };
    // October. Target: lt and ot. Other: lx only (X's and Y's; U's and V's are not theirs).
    expect(row("target", "month")).toEqual({ leads: 1, mql: 1, sql: 1, opportunities: 1, won: 1, lost: 0, winRate: 1 });
    expect(row("other", "month")).toEqual({ leads: 1, mql: 1, sql: 0, opportunities: 0, won: 0, lost: 0, winRate: null });
    // Not on the list: lu1 and lv created, lu1's MQL and SQL; ou1 created and lost, ou2 won: 1 / 2.
    expect(row("unlisted", "month")).toEqual({ leads: 2, mql: 1, sql: 1, opportunities: 1, won: 1, lost: 1, winRate: 0.5 });
    expect(row("unknown", "month")).toEqual({ leads: 1, mql: 0, sql: 0, opportunities: 0, won: 0, lost: 0, winRate: null });
    // April to October. Other: lx and ly, lx's MQL; ox created and lost: 0 / 1.
    expect(row("other", "year")).toEqual({ leads: 2, mql: 1, sql: 0, opportunities: 1, won: 0, lost: 1, winRate: 0 });
    // Not on the list: lu1, lu2 and lv; MQLs lu1 and lu2; SQL lu1; deals ou1, ou2 and ov; won ou2 and ov, lost ou1: 2 / 3.
    expect(row("unlisted", "year")).toEqual({ leads: 3, mql: 2, sql: 1, opportunities: 3, won: 2, lost: 1, winRate: 0.666667 });
    expect(row("target", "year")).toEqual(row("target", "month"));
    expect(row("unknown", "year")).toEqual(row("unknown", "month"));
    // Each period's groups in the order the page shows them.
    expect(r.funnel.map((x) => `${x.group} ${x.period}`)).toEqual([
      "target month",
      "other month",
      "unlisted month",
      "unknown month",
      "target year",
      "other year",
      "unlisted year",
      "unknown year",
    ]);
    t.db.close();
  });
  it("gives no month-on-month change at the fiscal year's first month (coverage to date restarts)", async () => {
    // An April report (fiscal year from April): March's coverage counted the year before.
    const t = await tables(ACCOUNTS + ACTIVITY, "2027-04", { "2027-03": ["accounts", ...D], "2027-04": ["accounts", ...D] });
    const r = await computeSection(t.db, accounts, t.ctx, new Map());
    // March: A and C have a lead in FY2026 (September), B none: 2 / 3; April: no lead yet in FY2027: 0 / 3.
    expect(r.coverage.series.find((x) => x.month === "2027-03")).toMatchObject({ value: 0.666667 });
    expect(r.coverage).toMatchObject({ value: 0, previous: null, mom: null });
    t.db.close();
  });
  it("counts engagement per tier and per account", () => {
    // Tier A: 2 touches (l1) and 2 activities (a1 on l1, a2 on C's deal) over 3 accounts; others: X's 1 touch, 1 activity over 1 account.
    expect(a.engagement).toEqual([
      { group: "A", target: true, accounts: 3, touches: 2, activities: 2, touchesPerAccount: 0.666667, activitiesPerAccount: 0.666667 },
      { group: "other", target: false, accounts: 1, touches: 1, activities: 1, touchesPerAccount: 1, activitiesPerAccount: 1 },
      // Every record's account is on the list: none of an unlisted account.
      { group: "unlisted", target: false, accounts: null, touches: 0, activities: 0, touchesPerAccount: null, activitiesPerAccount: null },
    ]);
  });
  it("divides each group's engagement by the accounts of that group only: an account not on the list is in no group's rate", async () => {
    // October's list: T1 and T2 (targets, tier A), X and Y (not targets). U is on no list; lN's lead has no account.
    // Touches: lt (T1) 2, lx (X) 1, lu (U) 3, lN 1. Activities: on lx 1, on lu 1, on U's deal ou (no lead) 1.
    const t = await tables(
      `INSERT INTO raw_accounts (__folder, account_id, name, target, tier) VALUES
        ('2026-10', 'T1', 'T1社', true, 'A'), ('2026-10', 'T2', 'T2社', true, 'A'),
        ('2026-10', 'X', 'X社', false, NULL), ('2026-10', 'Y', 'Y社', NULL, NULL);
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, account_id) VALUES
        ('2026-10', 'lt', '2026-10-01', 'web', 'T1'), ('2026-10', 'lx', '2026-10-01', 'web', 'X'),
        ('2026-10', 'lu', '2026-10-02', 'web', 'U'), ('2026-10', 'lN', '2026-10-02', 'web', NULL);
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, account_id, outcome) VALUES
        ('2026-10', 'ou', '2026-10-05', 100, 'Open', 'U', 'open');
      INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, opportunity_id) VALUES
        ('2026-10', 'b1', '2026-10-03', 'call', 'Rep', 'lx', NULL),
        ('2026-10', 'b2', '2026-10-03', 'call', 'Rep', 'lu', NULL),
        ('2026-10', 'b3', '2026-10-06', 'meeting', 'Rep', NULL, 'ou');
      INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
        ('2026-10', 'lt', 'w1', '2026-10-01', 'view'), ('2026-10', 'lt', 'w2', '2026-10-02', 'view'),
        ('2026-10', 'lx', 'w1', '2026-10-01', 'view'),
        ('2026-10', 'lu', 'w1', '2026-10-02', 'view'), ('2026-10', 'lu', 'w2', '2026-10-03', 'view'), ('2026-10', 'lu', 'w3', '2026-10-04', 'view'),
        ('2026-10', 'lN', 'w1', '2026-10-02', 'view');`,
      "2026-10",
      { "2026-10": ["accounts", ...D] },
    );
    const r = await computeSection(t.db, accounts, t.ctx, new Map());
    expect(r.engagement).toEqual([
      // Tier A: T1's 2 touches over T1 and T2.
      { group: "A", target: true, accounts: 2, touches: 2, activities: 0, touchesPerAccount: 1, activitiesPerAccount: 0 },
      // Other: X's 1 touch and 1 activity over X and Y (Y's target left blank: not a target). U's are not X's or Y's.
      { group: "other", target: false, accounts: 2, touches: 1, activities: 1, touchesPerAccount: 0.5, activitiesPerAccount: 0.5 },
      // Not on the list: U's 3 touches and 2 activities (on its lead and its deal), no account count, so no rate.
      { group: "unlisted", target: false, accounts: null, touches: 3, activities: 2, touchesPerAccount: null, activitiesPerAccount: null },
    ]);
    t.db.close();
  });
});

describe("target accounts without the accounts dataset", () => {
  it("falls back to the leads' flag: coverage not provided, the funnel by flag", async () => {
    const t = await tables(ACTIVITY, "2026-10", { "2026-10": D });
    const r = await computeSection(t.db, accounts, t.ctx, new Map());
    expect(r.source).toBe("flag");
    expect(r.coverage.value).toBeNull();
    expect(r.tiers).toEqual([]);
    expect(r.uncovered).toBeNull();
    // Flagged leads: l1 (September) and l3 (October): one created in October, two MQLs, two SQLs.
    expect(r.funnel.find((x) => x.group === "target" && x.period === "month")).toMatchObject({
      leads: 1,
      mql: 2,
      sql: 2,
      opportunities: 2,
      won: 1,
      lost: 1,
    });
    expect(r.engagement.map((e) => [e.group, e.accounts, e.touches, e.touchesPerAccount])).toEqual([
      ["target", null, 2, null],
      ["other", null, 1, null],
    ]);
    t.db.close();
  });
});

describe("target accounts: leads without an account_id, by their company name", () => {
  it("read one company's spellings as one name, and a legal form alone as none", () => {
    for (const n of ["株式会社テスト商事", "ﾃｽﾄ商事㈱", "テスト　商事 株式会社", "(株)テスト商事", "テスト商事㍿"])
      expect(companyKey(n), n).toBe("テスト商事");
    for (const n of ["Acme Co., Ltd.", "ＡＣＭＥ ＣＯ．，ＬＴＤ．", "ACME CO.,LTD.", "Acme, Inc.", "Acme Corporation", "Acme K.K."])
      expect(companyKey(n), n).toBe("acme");
    expect(companyKey("有限会社エー・ビー・シー")).toBe("エービーシー");
    expect(companyKey("(株)")).toBeNull();
  });
  it("match the list's account whose name is the same once legal forms, widths and spaces are set aside", async () => {
    // October's list: T1 株式会社テスト商事 (tier A), T2 Acme Co., Ltd. (tier B), and two targets whose
    // names read the same (株式会社ダブル, ダブル㈱), X ボトム工業 (not a target). Leads created in
    // October, none with an account_id but n6: n1 ﾃｽﾄ商事㈱ and n2 テスト　商事 株式会社 (T1);
    // n3 ＡＣＭＥ ＣＯ．，ＬＴＤ． (T2); n4 ダブル (two accounts: no match, no account); n5 Other Inc (not
    // on the list: no account); n6 T2's by its account_id, whatever its company says; n7 (株)ボトム工業 (X).
    // Deal o1: n1's, no account of its own (so T1's), won in October. Engagement: touches on n1, n3 and
    // n5, an activity on n2.
    const t = await tables(
      `INSERT INTO raw_accounts (__folder, account_id, name, target, tier) VALUES
        ('2026-10', 'T1', '株式会社テスト商事', true, 'A'), ('2026-10', 'T2', 'Acme Co., Ltd.', true, 'B'),
        ('2026-10', 'D1', '株式会社ダブル', true, NULL), ('2026-10', 'D2', 'ダブル㈱', true, NULL),
        ('2026-10', 'X', 'ボトム工業', false, NULL);
      INSERT INTO raw_leads (__folder, lead_id, created_at, source, account_id, company, opportunity_id) VALUES
        ('2026-10', 'n1', '2026-10-01', 'web', NULL, 'ﾃｽﾄ商事㈱', 'o1'),
        ('2026-10', 'n2', '2026-10-02', 'web', NULL, 'テスト　商事 株式会社', NULL),
        ('2026-10', 'n3', '2026-10-03', 'web', NULL, 'ＡＣＭＥ ＣＯ．，ＬＴＤ．', NULL),
        ('2026-10', 'n4', '2026-10-04', 'web', NULL, 'ダブル', NULL),
        ('2026-10', 'n5', '2026-10-05', 'web', NULL, 'Other Inc', NULL),
        ('2026-10', 'n6', '2026-10-06', 'web', 'T2', 'テスト商事', NULL),
        ('2026-10', 'n7', '2026-10-07', 'web', NULL, '(株)ボトム工業', NULL);
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id, closed_at, outcome) VALUES
        ('2026-10', 'o1', '2026-10-08', 100, 'Won', 'n1', '2026-10-20', 'won');
      INSERT INTO raw_content_touches (__folder, lead_id, content_id, occurred_at, action) VALUES
        ('2026-10', 'n1', 'w1', '2026-10-09', 'view'), ('2026-10', 'n3', 'w1', '2026-10-09', 'view'),
        ('2026-10', 'n5', 'w1', '2026-10-09', 'view');
      INSERT INTO raw_activities (__folder, activity_id, occurred_at, type, owner, lead_id, opportunity_id) VALUES
        ('2026-10', 'a1', '2026-10-09', 'call', 'Rep', 'n2', NULL);`,
      "2026-10",
      { "2026-10": ["accounts", ...D] },
    );
    try {
      const r = await computeSection(t.db, accounts, t.ctx, new Map());
      // Targets T1, T2, D1, D2: T1 and T2 have leads.
      expect(r.coverage).toMatchObject({ value: 0.5, numerator: 2, denominator: 4 });
      expect(r.tiers.map((x) => [x.tier, x.targets, x.leadMonth, x.wonMonth])).toEqual([
        ["A", 1, 1, 1],
        ["B", 1, 1, 0],
        ["–", 2, 0, 0],
        ["", 4, 2, 1],
      ]);
      const month = (g: string) => r.funnel.find((x) => x.group === g && x.period === "month")!;
      expect([month("target").leads, month("other").leads, month("unlisted").leads, month("unknown").leads]).toEqual([4, 1, 0, 2]);
      expect(month("target")).toMatchObject({ opportunities: 1, won: 1 });
      // n5's touch has no account: not counted.
      expect(r.engagement.map((x) => [x.group, x.touches, x.activities])).toEqual([
        ["A", 1, 1],
        ["B", 1, 0],
        ["–", 0, 0],
        ["other", 0, 0],
        ["unlisted", 0, 0],
      ]);
      expect(r.uncovered).toEqual({
        total: 2,
        accounts: [
          { tier: "–", name: "ダブル㈱" },
          { tier: "–", name: "株式会社ダブル" },
        ],
      });
    } finally {
      t.db.close();
    }
  });
});

describe("target accounts with neither the accounts dataset nor the leads' flag", () => {
  it("reads the funnel and engagement as not provided, not every record as another account's", async () => {
    // A CRM export without ABM: no accounts list, and no lead carries target_account.
    const t = await tables(
      `INSERT INTO raw_leads (__folder, lead_id, created_at, source, account_id) VALUES ('2026-10', 'n1', '2026-10-02', 'web', 'A1');
      INSERT INTO raw_opportunities (__folder, opportunity_id, created_at, amount, stage, lead_id) VALUES ('2026-10', 'm1', '2026-10-05', 100, 'Proposal', 'n1');`,
      "2026-10",
      { "2026-10": ["leads", "opportunities"] },
    );
    try {
      const r = await computeSection(t.db, accounts, t.ctx, new Map());
      expect(r.source).toBe("none");
      expect([r.coverage.value, r.funnel, r.engagement]).toEqual([null, [], []]);
    } finally {
      t.db.close();
    }
  });
});
