// The edition file format: every older format is read through explicit migrations into the current
// one, whose report parses through the sections' schemas; what an old edition lacks is NOT_IN_EDITION.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson, listEditions } from "../src/edition/edition.ts";
import { EDITION_FORMAT, editionFile, migrate, readEdition, type Edition } from "../src/edition/format.ts";
import { pipelineMaturing } from "../src/sections/efficiency/roi.ts";
import { SECTIONS } from "../src/sections/registry.ts";
import { NOT_IN_EDITION } from "../src/sections/section.ts";

const V1 = join(import.meta.dirname, "fixtures/edition-v1/reports/editions/2026-09.r1.json");
const V2 = join(import.meta.dirname, "../reports/editions/2026-09.r1.json");
const V4 = join(import.meta.dirname, "../reports/editions/2026-09.r2.json");
const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const read = (value: unknown): Edition => {
  const r = readEdition(value);
  if (!r.ok) throw new Error(r.message);
  return r.edition;
};

/**
 * A format 1 or 2 overview as format 3 reads it: what it did not count (the deals its amount sums
 * leave out, the source values, what velocity leaves out) is not in the edition; the rest as frozen.
 */
function withOverviewCounts(frozen: { transitions: { velocity: object }[] }) {
  return {
    ...frozen,
    amountMissing: NOT_IN_EDITION,
    sources: NOT_IN_EDITION,
    transitions: frozen.transitions.map((x) => ({ ...x, velocity: { ...x.velocity, excluded: null } })),
  };
}

/** A cost trend by channel of format 10 or older as format 11 reads it: its points do not say whether their data was there. */
function withoutTrendProvided(series: { series: object[] }[]) {
  return series.map((c) => ({ ...c, series: c.series.map((p) => ({ ...p, provided: null })) }));
}

/** A benchmark of format 12 or older as format 13 reads it: its rows do not give their rates' bases (null), the rest as frozen. */
function withoutRateBases(b: { channels: object[]; userTypes: object[] }) {
  return {
    ...b,
    channels: b.channels.map((c) => ({ ...c, engagementBase: null, viewsBase: null, bounceBase: null })),
    userTypes: b.userTypes.map((u) => ({ ...u, bounceBase: null })),
  };
}

type WinlossJson = Record<"lost" | "disqualified", { spans: Record<string, unknown>[]; breakdowns: Record<string, unknown> }> & {
  segments: Record<string, unknown>;
};

/** A win/loss of format 8 or older: its spans, breakdowns and segments do not name their months lacking data (in place). */
function withoutWinlossMissing<W extends WinlossJson>(w: W): W {
  for (const part of [w.lost, w.disqualified]) {
    for (const x of part.spans) delete x.missing;
    delete part.breakdowns.missing;
  }
  delete w.segments.missing;
  delete (w as Record<string, unknown>).funnelMissing;
  return w;
}

/** A win/loss of format 8 or older as format 9 reads it: months not checked (null), the rest as frozen. */
function withWinlossMissing(w: WinlossJson) {
  const part = (p: WinlossJson["lost"]) => ({
    ...p,
    spans: p.spans.map((x) => ({ ...x, missing: null })),
    breakdowns: { ...p.breakdowns, missing: null },
  });
  return { ...w, lost: part(w.lost), disqualified: part(w.disqualified), segments: { ...w.segments, missing: null }, funnelMissing: null };
}

describe("edition formats", () => {
  it("are the fixtures they say they are", () => {
    expect(json(V1).editionSchemaVersion).toBe(1);
    expect(json(V2).editionSchemaVersion).toBe(2);
    expect(EDITION_FORMAT).toBe(13);
  });

  it("read format 12 or older: the narrative was not frozen (NOT_IN_EDITION), and the pages read the month's file", () => {
    expect(read(json(V1)).narrative).toEqual(NOT_IN_EDITION);
    expect(read(json(V4)).narrative).toEqual(NOT_IN_EDITION);
  });

  it("read format 1: the sections and the definitions it did not have are NOT_IN_EDITION, the rest as frozen", () => {
    const e = read(json(V1));
    expect(e.editionSchemaVersion).toBe(EDITION_FORMAT);
    expect(e.definitions).toEqual(NOT_IN_EDITION);
    for (const s of SECTIONS.filter((x) => x.since > 1)) expect(e.report[s.id], s.id).toEqual(NOT_IN_EDITION);
    expect(e.report.overview).toEqual(withOverviewCounts(json(V1).report.overview));
  });

  it("read format 2: campaign denominators it lacks are null (not in this edition), skewed derived from its two flags", () => {
    const before = json(V2);
    const e = read(before);
    const handoff = e.report.handoff;
    if ("notInEdition" in handoff) throw new Error("the handoff is in format 2");
    expect(handoff.campaigns!.length).toBeGreaterThan(0);
    for (const c of handoff.campaigns!) expect([c.mqlsToDate, c.sqlsToDate]).toEqual([null, null]);
    expect(handoff.skew.skewed).toBe(before.report.handoff.skew.ownerFlag || before.report.handoff.skew.industryFlag);
    // Everything else is as frozen: the migration added, it changed nothing.
    const { handoff: _h, overview, sla, benchmark, ...rest } = e.report;
    const { handoff: _b, overview: frozenOverview, sla: frozenSla, benchmark: frozenBenchmark, ...frozen } = before.report;
    // The sections format 4 added (pipeline, win/loss) are not in a format 2 edition.
    const added = Object.fromEntries(SECTIONS.filter((s) => s.since > 2).map((s) => [s.id, NOT_IN_EDITION]));
    expect(Object.keys(added).length).toBeGreaterThan(0);
    expect(rest).toEqual({ ...frozen, ...added });
    // SLA rules of formats before 4 were judged by handoff month as of the month's end: said, numbers as frozen.
    expect(sla).toEqual({ ...frozenSla, rules: frozenSla.rules.map((r: object) => ({ ...r, judgedBy: "handoff_month" })) });
    expect(overview).toEqual(withOverviewCounts(frozenOverview));
    // The benchmark's rows without their rates' bases (format 13): null, rates as frozen.
    expect(benchmark).toEqual(withoutRateBases(frozenBenchmark));
    expect(e.definitions).toEqual(before.definitions);
  });

  it("read format 4: efficiency counted every won deal, said so (newBusinessOnly false), no open deals or campaign cycle measured, numbers as frozen", () => {
    const before = json(V4);
    expect(before.editionSchemaVersion).toBe(4);
    const e = read(before);
    const efficiency = e.report.efficiency;
    if ("notInEdition" in efficiency) throw new Error("efficiency is in format 4");
    const { newBusinessOnly, unreported, unreportedMarketing, periods, cacWindows, campaigns, ...rest } = efficiency;
    expect([newBusinessOnly, unreported, unreportedMarketing]).toEqual([false, null, null]);
    // Spend lines not reported yet were not counted: null, the rest as frozen.
    const frozen = before.report.efficiency;
    expect(periods).toEqual(frozen.periods.map((x: object) => ({ ...x, unreported: null })));
    // Nor were the windows' months without deals or leads (format 7): null, read as frozen.
    expect(cacWindows).toEqual(frozen.cacWindows.map((x: object) => ({ ...x, unreported: null, missing: null })));
    // Nor were campaigns' open deals, their days since their end, or the cycle (format 6): null, so
    // no ROI is marked; the numbers as frozen.
    expect(campaigns.length).toBeGreaterThan(0);
    expect(campaigns).toEqual(frozen.campaigns.map((x: object) => ({ ...x, openDeals: null, elapsed: null })));
    const { campaignCycle, ltv, channelSeries, ...others } = rest;
    expect(campaignCycle).toBeNull();
    // Nor LTV's trailing 12 months (format 7): null, its figures as frozen.
    expect(ltv).toEqual({ ...frozen.ltv, missing: null });
    // Nor whether each point of the cost trend had its spend and leads (format 11): null, values as frozen.
    expect(channelSeries).toEqual(withoutTrendProvided(frozen.channelSeries));
    const { periods: _p, cacWindows: _w, campaigns: _c, ltv: _l, channelSeries: _s, ...frozenRest } = frozen;
    expect(others).toEqual(frozenRest);
  });

  it("read format 6 or older: the plan did not check its trailing 3 months nor its periods' months to date (null), numbers as frozen", () => {
    const before = json(V4);
    const plan = read(before).report.plan;
    if ("notInEdition" in plan) throw new Error("the plan is in format 4");
    const { trailing, periods, back, ...rest } = plan;
    expect(trailing).toBeNull();
    expect(periods.length).toBeGreaterThan(0);
    expect(periods).toEqual(before.report.plan.periods.map((x: object) => ({ ...x, missing: null })));
    // Nor marked its days passed (format 8): null, the days as frozen; nor said what its months
    // beside next month are (format 13): null, worded as the rest of the quarter, as it was.
    expect(back).toEqual({
      ...before.report.plan.back,
      needs: before.report.plan.back.needs.map((x: object) => ({ ...x, nextByPassed: null })),
      restOf: null,
    });
    const { periods: _p, back: _b, ...frozen } = before.report.plan;
    expect(rest).toEqual(frozen);
  });

  it("read format 7 or older: the plan's back-calculation did not mark the days passed at the month's end (null), days as frozen; win/loss as frozen", () => {
    // A format 7 file: the format 4 edition brought to the current format, less what format 8 added.
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    const v7 = JSON.parse(JSON.stringify(migrated.file));
    v7.editionSchemaVersion = 7;
    const frozen = v7.report.plan;
    for (const x of frozen.back.needs) delete x.nextByPassed;
    withoutWinlossMissing(v7.report.winloss);
    // Days it froze (2026-09's, before 1 October): unmarked, as it showed them.
    expect(frozen.back.needs.filter((n: { nextBy: string | null }) => n.nextBy !== null).length).toBeGreaterThan(0);
    const plan = read(v7).report.plan;
    if ("notInEdition" in plan) throw new Error("the plan is in format 7");
    expect(plan.back.needs).toEqual(frozen.back.needs.map((x: object) => ({ ...x, nextByPassed: null })));
    const { back, ...rest } = plan;
    const { back: frozenBack, ...frozenRest } = frozen;
    expect({ ...back, needs: frozenBack.needs }).toEqual(frozenBack);
    expect(rest).toEqual(frozenRest);
    // Its win/loss did not check its past months' deals (format 8): their top reasons and trend as
    // frozen; nor its spans' months (format 9): null.
    expect(read(v7).report.winloss).toEqual(withWinlossMissing(v7.report.winloss));
  });

  it("read format 8 or older: win/loss did not check the months of its spans and breakdowns (null), Paretos, breakdowns and junk as frozen", () => {
    // A format 8 file: the format 4 edition brought to the current format, less what format 9 added.
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    const v8 = JSON.parse(JSON.stringify(migrated.file));
    v8.editionSchemaVersion = 8;
    const frozen = withoutWinlossMissing(v8.report.winloss);
    // What it froze: 2026-09's Paretos of the month, 3 and 12 months and its breakdowns, summed.
    expect(frozen.lost.spans.map((x: { months: number }) => x.months)).toEqual([1, 3, 12]);
    expect(frozen.lost.spans.every((x: { total: unknown; rows: unknown }) => typeof x.total === "number" && Array.isArray(x.rows))).toBe(
      true,
    );
    expect(typeof frozen.disqualified.junkCount).toBe("number");
    const winloss = read(v8).report.winloss;
    if ("notInEdition" in winloss) throw new Error("win/loss is in format 8");
    for (const part of [winloss.lost, winloss.disqualified]) {
      expect(part.spans.map((x) => x.missing)).toEqual([null, null, null]);
      expect(part.breakdowns.missing).toBeNull();
    }
    expect(winloss).toEqual(withWinlossMissing(frozen));
    // Its page reads the spans as it showed them.
    expect(winloss.lost.spans.map((x) => x.total)).toEqual(frozen.lost.spans.map((x: { total: number }) => x.total));
  });

  it("read format 9 or older: the accounts funnel's rows as frozen, 'other' with the records of accounts not on the list, no unlisted row", () => {
    // A format 9 file: the format 4 edition brought to the current format, as a format 9 Gekkan wrote it.
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    const v9o = JSON.parse(JSON.stringify(migrated.file));
    v9o.editionSchemaVersion = 9;
    const frozen = v9o.report.accounts;
    expect(frozen.funnel.map((r: { group: string }) => r.group)).toEqual(["target", "other", "target", "other"]);
    const e = read(v9o);
    // Its "other" held every non-target's records, unlisted accounts' too: read as frozen, not split.
    expect(e.report.accounts).toEqual(frozen);
    // And so does its definition, which says so ("the others").
    expect(e.definitions).toEqual(v9o.definitions);
  });

  it("read format 11 or older: win/loss did not check the segments' and funnel's 12 months (null), their rows as frozen", () => {
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    const v11 = JSON.parse(JSON.stringify(migrated.file));
    v11.editionSchemaVersion = 11;
    delete v11.report.winloss.segments.missing;
    delete v11.report.winloss.funnelMissing;
    const frozen = v11.report.winloss.segments;
    expect(Array.isArray(frozen.bySource)).toBe(true);
    const winloss = read(v11).report.winloss;
    if ("notInEdition" in winloss) throw new Error("win/loss is in format 11");
    expect(winloss.segments).toEqual({ ...frozen, missing: null });
    expect(winloss.funnelMissing).toBeNull();
    expect(winloss.funnel).toEqual(v11.report.winloss.funnel);
  });

  it("read format 12 or older: the summary judged its statuses from 90%, whatever the config it froze, and left moves from zero out", () => {
    // The committed format 4 edition froze status.atRisk 0.9; one that froze 0.95 was judged from 90% too.
    const before13 = { atRisk: 0.9, fromZero: false };
    expect(read(json(V4)).summary).toEqual(before13);
    expect(read(json(V2)).summary).toEqual(before13);
    const e = read({ ...json(V4), config: { ...json(V4).config, status: { atRisk: 0.95 } } });
    expect(e.summary).toEqual(before13);
    expect(e.config.status).toEqual({ atRisk: 0.95 });
  });

  it("read format 13's frozen summary rules as frozen", () => {
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    expect(read({ ...migrated.file, summary: { atRisk: 0.95, fromZero: true } }).summary).toEqual({ atRisk: 0.95, fromZero: true });
  });

  it("read format 12 or older: the benchmark's rows did not give their rates' bases (null), rates as frozen", () => {
    const frozen = json(V4).report.benchmark;
    expect(frozen.channels.length).toBeGreaterThan(0);
    expect(read(json(V4)).report.benchmark).toEqual(withoutRateBases(frozen));
  });

  it("read format 10's funnel row of the accounts not on the list", () => {
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    const v10 = JSON.parse(JSON.stringify(migrated.file));
    const rows = v10.report.accounts.funnel;
    const unlisted = { group: "unlisted", period: "month", leads: 1, mql: 0, sql: 0, opportunities: 1, won: 1, lost: 0, winRate: 1 };
    v10.report.accounts.funnel = [...rows.slice(0, 2), unlisted, ...rows.slice(2)];
    const e = read(v10);
    const accounts = e.report.accounts;
    if ("notInEdition" in accounts) throw new Error("the accounts section is in format 10");
    expect(accounts.funnel[2]).toEqual(unlisted);
    expect(read(JSON.parse(canonicalJson(editionFile.parse(e))))).toEqual(e);
  });

  it("read format 6 or older: efficiency did not check its CAC windows' and LTV's months for deals and leads (null), numbers as frozen", () => {
    // A format 6 file: the format 4 edition brought to format 6, as a format 6 Gekkan wrote it.
    const v6 = json(V4);
    const efficiency = v6.report.efficiency;
    v6.editionSchemaVersion = 6;
    Object.assign(efficiency, { newBusinessOnly: false, unreported: null, unreportedMarketing: null, campaignCycle: null });
    for (const x of [...efficiency.periods, ...efficiency.cacWindows]) x.unreported = null;
    for (const c of efficiency.campaigns) Object.assign(c, { openDeals: null, elapsed: null });
    const read6 = read(v6).report.efficiency;
    if ("notInEdition" in read6) throw new Error("efficiency is in format 6");
    expect(read6.cacWindows.length).toBe(2);
    expect(read6.cacWindows).toEqual(efficiency.cacWindows.map((x: object) => ({ ...x, missing: null })));
    expect(read6.ltv).toEqual({ ...efficiency.ltv, missing: null });
    // Their new customers, SQLs and won deals as frozen (counted then, each month as it came).
    expect(read6.cacWindows.map((w) => w.newCustomers)).toEqual(efficiency.cacWindows.map((w: { newCustomers: number }) => w.newCustomers));
    const { cacWindows: _w, ltv: _l, ...rest } = read6;
    const { cacWindows: _fw, ltv: _fl, ...frozen } = efficiency;
    expect(rest).toEqual({ ...frozen, channelSeries: withoutTrendProvided(frozen.channelSeries) });
  });

  it("read format 10 or older: a campaign without an end date as 'start', final once its days reach the cycle's p90; format 11's 'open' as provisional", () => {
    const migrated = migrate(json(V4));
    if (!migrated.ok) throw new Error(migrated.message);
    const file = JSON.parse(JSON.stringify(migrated.file));
    const efficiency = file.report.efficiency;
    efficiency.campaignCycle = { deals: 10, toDeal: 28, won: 10, toWon: 91 };
    const row = { ...efficiency.campaigns[0], openDeals: 0, elapsed: { from: "start", days: 169 } };
    efficiency.campaigns = [row, { ...row, campaign_id: "open", elapsed: { from: "open", days: 169 } }];
    const e = read(file).report.efficiency;
    if ("notInEdition" in e) throw new Error("efficiency is in the edition");
    expect(e.campaigns.map((c) => pipelineMaturing(c, e.campaignCycle))).toEqual([undefined, { from: "open", days: 169, p90: 28 }]);
  });

  it("leave the file's JSON as it was (a migration works on a copy)", () => {
    const before = json(V2);
    const text = JSON.stringify(before);
    migrate(before);
    expect(JSON.stringify(before)).toBe(text);
  });

  it("leave a current edition's JSON as it was too, though it is read without a copy", () => {
    const current = JSON.parse(canonicalJson(editionFile.parse(read(json(V2)))));
    const text = JSON.stringify(current);
    const r = readEdition(current);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(current)).toBe(text);
    expect(migrate(current)).toEqual({ ok: true, file: current });
  });

  it("write the current format, which reads back the same", () => {
    const e = read(json(V2));
    const again = read(JSON.parse(canonicalJson(editionFile.parse(e))));
    expect(again).toEqual(e);
  });

  it("refuse a format newer than this code reads, and say which", () => {
    const r = readEdition({ ...json(V2), editionSchemaVersion: EDITION_FORMAT + 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(`edition format ${EDITION_FORMAT + 1}`);
  });

  it("name the path of a number a section's schema does not accept", () => {
    const broken = json(V2);
    broken.report.handoff.funnel.calls = "many";
    const r = readEdition(broken);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("report.handoff.funnel.calls: ");
  });

  it("refuse a key a section does not have (no loose objects)", () => {
    const extra = json(V2);
    extra.report.sla.surprise = 1;
    const r = readEdition(extra);
    expect(!r.ok && r.message).toContain("report.sla");
  });
});

describe("the editions folder", () => {
  it("that is a file is an edition error, not a write failure of the build", () => {
    const root = mkdtempSync(join(tmpdir(), "gekkan-editions-file-"));
    try {
      mkdirSync(join(root, "reports"));
      writeFileSync(join(root, "reports/editions"), "not a folder\n");
      expect(listEditions(root).errors).toEqual([
        { file: "reports/editions/", message: "is a file, not a regular folder; it was not read" },
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
