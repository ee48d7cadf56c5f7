// No cases is not "not provided": a small project whose months have their data but nothing to count
// for a value (no deal lost with a reason, ...) shows "-" there, and "not provided" only in a month
// whose folder lacks a dataset the value reads. Every expected value is counted by hand below.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { writeFiles } from "../helpers/files.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-no-cases-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// L2, disqualified in September as a student (junk).
const LEADS = `lead_id,created_at,source,owner,mql_at,disqualified_at,disqualify_reason
L1,2026-08-03,web,Aoki,2026-08-04,,
L2,2026-09-02,web,Aoki,,2026-09-08,学生
L3,2026-10-02,ads,Baba,2026-10-03,,
`;
// D1 and D2, lost in September without a reason; D3 and D4 still open.
const OPPORTUNITIES = `opportunity_id,created_at,amount,stage,closed_at,lost_reason
D1,2026-08-10,100000,Closed Lost,2026-09-15,
D2,2026-08-12,200000,Closed Lost,2026-09-20,
D3,2026-09-05,300000,Proposal,,
D4,2026-10-05,400000,Proposal,,
`;
// Marketing spend, as October's folder gives it: on ads in September and October; October's web line
// has a budget but no amount yet (not reported yet).
const SPEND = `month,channel,category,team,budget,amount
2026-09,ads,販促・広告,marketing,100000,90000
2026-10,ads,販促・広告,marketing,100000,120000
2026-10,web,制作,marketing,50000,
`;

/**
 * July: deals only (D0, open, new business; its leads are not provided), and spend lines of the
 * last fiscal year only. August: leads only (its
 * deals are not provided). September: both, and the target list; two deals lost, neither with a
 * reason; one lead disqualified. October: both, spend on ads for September and October, and
 * campaigns; no deal lost, no lead disqualified. No deal is ever won. Won amount targets for
 * October and November.
 */
const FILES: Record<string, string> = {
  "gekkan.config.yaml": "organisation: No Cases KK\nlocale: en\nmarketingSources: [web]\nltv:\n  grossMargin: 0.5\n  lifetimeMonths: 24\n",
  "data/2026-07/opportunities.csv": "opportunity_id,created_at,amount,stage,type\nD0,2026-07-10,50000,Proposal,new_business\n",
  // July's spend: only last fiscal year's March budget for ads (carried to August and September).
  "data/2026-07/spend.csv": "month,channel,category,team,budget,amount\n2026-03,ads,販促・広告,marketing,100000,\n",
  "data/2026-08/leads.csv": LEADS.split("\n").slice(0, 2).join("\n"),
  "data/2026-09/leads.csv": LEADS.split("\n").slice(0, 3).join("\n"),
  "data/2026-09/opportunities.csv": OPPORTUNITIES.split("\n").slice(0, 4).join("\n"),
  // The target list from September on (carried forward to October): no account on it is a target.
  "data/2026-09/accounts.csv": "account_id,name,target\nA1,Acme,false\n",
  "data/2026-10/leads.csv": LEADS,
  "data/2026-10/opportunities.csv": OPPORTUNITIES,
  "data/2026-10/spend.csv": SPEND,
  // The campaign list from October on: one campaign, without a cost.
  "data/2026-10/campaigns.csv": "campaign_id,name\nC1,Expo\n",
  // Won amount targets for October and November (the plan's tree and back-calculation).
  "data/targets.csv": "month,metric,value\n2026-10,won_amount,1000000\n2026-11,won_amount,500000\n",
};

let out: string;
const page = (path: string) => parseHTML(readFileSync(join(out, path, "index.html"), "utf8")).document as unknown as Document;
const text = (doc: Document, selector: string) => {
  const el = doc.querySelector(selector);
  if (!el) throw new Error(`no ${selector}`);
  return el.textContent!.replace(/\s+/g, " ").trim();
};

/** The cells of each row of a table's body. */
const rows = (doc: Document, table: string) =>
  [...doc.querySelectorAll(`#${table} tbody tr`)].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, " ").trim()));

/** A metric's column of the trends page's table of ratios, with each row's month. */
const trend = (label: string) => {
  const doc = page("trends");
  const column = [...doc.querySelectorAll("#trend-ratio-table thead th")].findIndex((th) => th.textContent!.trim() === label);
  expect(column).toBeGreaterThan(0);
  return rows(doc, "trend-ratio-table").map((r) => [r[0], r[column]]);
};

beforeAll(async () => {
  const root = join(tmp, "project");
  writeFiles(root, FILES);
  out = join(tmp, "dist");
  const result = await buildSite({ root, outDir: out });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(result.ok).toBe(true);
}, 240_000);

describe("win/loss: the top loss reason's share", () => {
  it("reads '-' in a month that lost no deal, its deals provided", () => {
    const oct = page("2026-10/winloss");
    expect(text(oct, "#kpi-top-loss-reason .value")).toBe("-");
    expect(text(oct, "#lost-reasons")).toContain("No deal was lost with a reason this month.");
  });
  it("reads '-' in a month whose lost deals give no reason", () => {
    // September: D1 and D2 lost, no reason: no top reason among 2 lost deals.
    const sep = page("2026-09/winloss");
    expect(text(sep, "#kpi-top-loss-reason .value")).toBe("-");
    expect(rows(sep, "lost-reasons-1m-table")).toEqual([["(no reason given)", "2", "¥300,000", "100.0%", "100.0%"]]);
  });
  it("reads 'not provided' in a month without its deals, and in that month's point of the trend", () => {
    expect(text(page("2026-08/winloss"), "#kpi-top-loss-reason .value")).toBe("not provided");
    // October's sparkline: August not provided, September and October no cases.
    const spark = page("2026-10/winloss").querySelector("#kpi-top-loss-reason svg.spark")!.getAttribute("aria-label")!;
    expect(spark).toContain("2026-07 -, 2026-08 not provided, 2026-09 -, 2026-10 -");
  });
  it("reads the same in the month's summary strip and on the trends page", () => {
    expect(text(page("2026-10"), "#summary-top-loss-reason-share .t-value")).toBe("-");
    expect(text(page("2026-09"), "#summary-top-loss-reason-share .t-value")).toBe("-");
    expect(text(page("2026-08"), "#summary-top-loss-reason-share .t-value")).toBe("not provided");
    expect(trend("Top loss reason's share")).toEqual([
      ["July 2026", "-"],
      ["August 2026", "not provided"],
      ["September 2026", "-"],
      ["October 2026", "-"],
    ]);
  });
});

describe("win/loss: the Paretos of the last 3 and 12 months", () => {
  it("read 'not provided' when a month of the span lacks the deals, and say which, not a sum counting it as zero", () => {
    // October: its deals provided, none lost (0); August lacks the deals, so the last 3 months
    // (August to October) are not provided, nor the 12 (November 2025 to June 2026 have no folder).
    const oct = page("2026-10/winloss");
    expect(text(oct, "#lost-reasons-1m figcaption")).toContain("Lost reasons: this month (0)");
    expect(rows(oct, "lost-reasons-3m-table")).toEqual([["not provided"]]);
    expect(rows(oct, "lost-reasons-12m-table")).toEqual([["not provided"]]);
    expect(text(oct, "#lost-reasons-missing")).toBe(
      "Some months of these spans lack the deals they count: Last 3 months: opportunities (Aug 26), Last 12 months: opportunities (Nov 25・Dec 25・Jan 26・Feb 26・Mar 26・Apr 26・May 26・Jun 26・Aug 26). A span with such a month reads not provided, and so do the breakdowns of the last 3 months below when one of them lacks the deals (never a sum counting that month as zero, nor the deals a later export holds for it).",
    );
    // September's two lost deals are in the last 3 months: not shown as the 3 months' total.
    expect(rows(oct, "lost-reasons-by-source")).toEqual([["not provided"]]);
  });
  it("sum the disqualified leads of a span whose months all have the leads", () => {
    // August to October have the leads: L2 (学生), 1 of 1. The 12 months reach before the first folder.
    const oct = page("2026-10/winloss");
    expect(rows(oct, "disqualify-reasons-3m-table")).toEqual([["学生", "1", "100.0%", "100.0%"]]);
    expect(rows(oct, "disqualify-reasons-12m-table")).toEqual([["not provided"]]);
    expect(text(oct, "#disqualify-reasons-missing")).toContain(
      "Last 12 months: leads (Nov 25・Dec 25・Jan 26・Feb 26・Mar 26・Apr 26・May 26・Jun 26・Jul 26)",
    );
    expect(rows(oct, "disqualify-reasons-by-source")).toEqual([["web", "1", "1"]]);
    // September: July lacks the leads.
    expect(rows(page("2026-09/winloss"), "disqualify-reasons-3m-table")).toEqual([["not provided"]]);
  });
});

describe("win/loss: the junk share", () => {
  it("reads '-' in a month that disqualified no lead, its leads provided", () => {
    // September: L2 disqualified as a student, 1 of 1.
    expect(text(page("2026-09/winloss"), "#junk-share")).toBe("Junk share: Junk: 100.0% (1 leads)");
    expect(text(page("2026-10/winloss"), "#junk-share")).toBe("Junk share: Junk: - (0 leads)");
    expect(text(page("2026-08/winloss"), "#junk-share")).toBe("Junk share: Junk: - (0 leads)");
  });
  it("reads 'not provided' in a month without its leads", () => {
    expect(text(page("2026-07/winloss"), "#junk-share")).toBe("Junk share: not provided");
  });
});

describe("win/loss: the segments", () => {
  it("are not provided while the 12 months reach a month without the deals, and a note names them", () => {
    // Every month's 12 reach before July 2026, the first folder (and October's include August, with
    // no deals): not "no closed deal" ("-"), nor the deal type's "no closed deal has a type".
    for (const month of ["2026-07", "2026-10"]) {
      const doc = page(`${month}/winloss`);
      for (const table of ["segments-by-source", "segments-by-industry", "segments-by-size", "segments-by-type"])
        expect(rows(doc, table), `${month} ${table}`).toEqual([["not provided"]]);
      expect(text(doc, "#segments-missing")).toContain("Some of the last 12 months lack the deals");
    }
  });
});

describe("efficiency: LTV, LTV:CAC and payback", () => {
  // ltv.grossMargin 0.5 and ltv.lifetimeMonths 24 are set; no deal is won. The trailing 12 months of
  // every month reach before the first folder (July 2026), and August has no deals: no month's
  // average won amount is known, so none reads "-" (no cases) as a fully provided 12 months would.
  it("read 'not provided' when a month of the trailing 12 lacks its deals, and say which, not '-'", () => {
    const oct = page("2026-10/efficiency");
    expect([text(oct, "#kpi-ltv .value"), text(oct, "#kpi-ltv-cac .value"), text(oct, "#kpi-payback .value")]).toEqual([
      "not provided",
      "not provided",
      "not provided",
    ]);
    expect(rows(oct, "ltv-inputs").slice(3, 5)).toEqual([
      ["Average won amount (new-business deals, trailing 12 months)", "not provided"],
      ["Monthly gross profit per customer", "not provided"],
    ]);
    // November 2025 to June 2026 precede the first folder; August has no deals.
    expect(text(oct, "#ltv-months-missing")).toContain(
      "lack the deals LTV's average won amount reads: opportunities (Nov 25・Dec 25・Jan 26・Feb 26・Mar 26・Apr 26・May 26・Jun 26・Aug 26).",
    );
    // The settings are there: no note asks for them.
    expect(text(oct, "#ltv")).not.toContain("LTV needs ltv.grossMargin");
    // September (no spend) likewise; its LTV read "-" over twelve months of which three had deals.
    const sep = page("2026-09/efficiency");
    expect([text(sep, "#kpi-ltv .value"), text(sep, "#kpi-ltv-cac .value"), text(sep, "#kpi-payback .value")]).toEqual([
      "not provided",
      "not provided",
      "not provided",
    ]);
    expect(text(sep, "#ltv-months-missing")).toContain(
      "opportunities (Oct 25・Nov 25・Dec 25・Jan 26・Feb 26・Mar 26・Apr 26・May 26・Jun 26・Aug 26)",
    );
  });
  it("read 'not provided' in a month without its deals", () => {
    const aug = page("2026-08/efficiency");
    expect([text(aug, "#kpi-ltv .value"), text(aug, "#kpi-ltv-cac .value"), text(aug, "#kpi-payback .value")]).toEqual([
      "not provided",
      "not provided",
      "not provided",
    ]);
    // August's deals are not provided: how many deals the average is over is not known either.
    expect(rows(aug, "ltv-inputs")[3]).toEqual(["Average won amount (new-business deals, trailing 12 months)", "not provided"]);
    expect(text(aug, "#ltv")).not.toContain("LTV needs ltv.grossMargin");
  });
});

describe("efficiency: CAC windows", () => {
  it("read new customers and CAC as 'not provided' when a month of the window lacks its deals, and do not fall back as if too few", () => {
    // October's trailing 3 months, August to October: August has no deals, so their new customers
    // are not known, not 0; before, 0 new customers (fewer than 5) put cost per SQL in CAC's place.
    const oct = page("2026-10/efficiency");
    expect(oct.querySelector("#kpi-cost-per-sql-fallback")).toBeNull();
    expect(text(oct, "#cac")).not.toContain("new customers in the trailing 3 months (fewer than 5)");
    // No sales spend: marketing-only CAC, not provided.
    expect(text(oct, "#kpi-cac-marketing .value")).toBe("not provided");
    // August's spend is not reported: the spend, CAC and cost per SQL read not provided as before;
    // the leads of August to October are there (no SQL among them: 0).
    expect(rows(oct, "cac-windows")).toEqual([
      [
        "Trailing 3 months (Aug 26–Oct 26)",
        "not provided",
        "not provided",
        "not provided",
        "not provided",
        "not provided",
        "0",
        "not provided",
      ],
      [
        "Trailing 12 months (Nov 25–Oct 26)",
        "not provided",
        "not provided",
        "not provided",
        "not provided",
        "not provided",
        "not provided",
        "not provided",
      ],
    ]);
    expect(text(oct, "#cac-windows-missing")).toContain(
      "Trailing 3 months: opportunities (Aug 26), Trailing 12 months: opportunities (Nov 25・Dec 25・Jan 26・Feb 26・Mar 26・Apr 26・May 26・Jun 26・Aug 26), leads (Nov 25・Dec 25・Jan 26・Feb 26・Mar 26・Apr 26・May 26・Jun 26・Jul 26).",
    );
    // September's three months, July to September: July has no leads, August no deals.
    expect(rows(page("2026-09/efficiency"), "cac-windows")[0]!.slice(3, 7)).toEqual([
      "not provided",
      "not provided",
      "not provided",
      "not provided",
    ]);
    expect(text(page("2026-09/efficiency"), "#cac-windows-missing")).toContain("Trailing 3 months: opportunities (Aug 26), leads (Jul 26)");
  });
});

describe("efficiency: spend against budget", () => {
  it("reads 'not provided' for what needs a spend to date the month has not got", () => {
    // October: ads 120,000 against 100,000, web's 50,000 budgeted but not reported yet; no spend is
    // reported for April to August, so the fiscal year to date (from April) is not provided.
    const oct = page("2026-10/efficiency");
    expect(rows(oct, "spend-periods").map((r) => r.slice(1, 5))).toEqual([
      ["¥120,000", "¥150,000", "−¥30,000", "- (1 line not reported yet)"],
      ["¥120,000", "¥150,000", "−¥30,000", "- (1 line not reported yet)"],
      ["not provided", "¥250,000", "not provided", "not provided"],
    ]);
    // Neither channel's year to date is provided: whether it is over budget is not known.
    expect(rows(oct, "spend-by-channel-table").map((r) => [r[0], r[5], r.at(-1)])).toEqual([
      ["ads", "not provided", "not provided"],
      ["web", "not provided", "not provided"],
    ]);
    expect(text(oct, "#spend-over")).toBe("Over budget this fiscal year: not provided, as no channel's spend to date is (ads, web).");
  });
  it("reads 'not provided' for the budget and the cost by channel of a month without spend", () => {
    // September's folder has no spend (nor has any before it): its actual, budget, variance and status
    // are not provided, and so are its costs by channel (no row), not "-".
    const sep = page("2026-09/efficiency");
    expect(rows(sep, "spend-periods").map((r) => r.slice(1))).toEqual(Array(3).fill(Array(5).fill("not provided")));
    expect(rows(sep, "cost-by-channel")).toEqual([["not provided"]]);
    // October reports spend: a row per marketing channel.
    expect(rows(page("2026-10/efficiency"), "cost-by-channel").map((r) => r[0])).toEqual(["ads", "web"]);
  });
});

describe("efficiency on the trends page", () => {
  /** The currency table's cells of a month: each metric's text and whether the cell is marked provisional. */
  const cells = (month: string) => {
    const doc = page("trends");
    const heads = [...doc.querySelectorAll("#trend-currency-table thead th")].map((th) => th.textContent!.trim());
    const row = [...doc.querySelectorAll("#trend-currency-table tbody tr")].find((tr) => tr.children[0]!.textContent!.trim() === month)!;
    return (label: string) => {
      const cell = row.children[heads.indexOf(label)]!;
      return [cell.childNodes[0]!.textContent!.trim(), cell.classList.contains("provisional")];
    };
  };
  it("marks October's spend and costs provisional, as the efficiency page's cards (a web line not reported yet)", () => {
    const oct = cells("October 2026");
    expect([oct("Spend"), oct("Cost per lead"), oct("Pipeline created")]).toEqual([
      ["¥120,000", true],
      ["¥120,000", true],
      ["¥400,000", false],
    ]);
    expect(page("2026-10/efficiency").querySelector("#kpi-spend")!.classList.contains("provisional")).toBe(true);
  });
  it("judges no provisional number against its target in the chart's takeaway", () => {
    // October's spend, ¥120,000 against a ¥150,000 budget with a line still to come, is not "met":
    // only the won amount (¥0 against ¥1,000,000) is judged.
    expect(text(page("trends"), "#trend-currency .takeaway")).toBe(
      "October 2026: 0 of 1 metrics with a target met it (missed: Won amount)",
    );
  });
});

describe("efficiency: over budget this fiscal year", () => {
  it("reads 'not provided' in a month without spend lines, under the banner naming spend", () => {
    // August and September have no spend; the March line July's folder gave is last fiscal year's.
    for (const month of ["2026-08", "2026-09"]) {
      const doc = page(`${month}/efficiency`);
      expect(text(doc, "#spend-over")).toBe("Over budget this fiscal year: not provided.");
      expect(text(doc, ".note.na")).toContain("spend");
    }
  });
  it("says there are no spend rows for the fiscal year when the month's spend has none", () => {
    const jul = page("2026-07/efficiency");
    expect(text(jul, "#spend-over")).toBe("No spend rows for this fiscal year.");
    expect(text(jul, ".note.na")).not.toContain("spend");
  });
});

describe("efficiency: campaign ROI", () => {
  it("reads 'not provided' without the campaign list, and says so", () => {
    const sep = page("2026-09/efficiency");
    expect(rows(sep, "campaign-roi-table")).toEqual([["not provided"]]);
    expect(text(sep, "#campaign-roi .note.na")).toContain("campaigns");
  });
  it("says no campaign with a cost started when the list has none", () => {
    // October's list: C1, without a cost.
    const oct = page("2026-10/efficiency");
    expect(rows(oct, "campaign-roi-table")).toEqual([["No campaign with a cost started in the trailing 12 months."]]);
    expect(oct.querySelector("#campaign-roi .note.na")).toBeNull();
  });
});

describe("efficiency: the cost per lead by channel, month by month", () => {
  it("reads 'not provided' in a month without spend or leads, and '-' in one without a lead from the channel", () => {
    // As of October: ads spent 90,000 in September (no ads lead: L2 came from the web) and 120,000 in
    // October (L3 from ads: 120,000 / 1). No spend before September, no leads in July.
    const doc = page("2026-10/efficiency");
    expect([...doc.querySelectorAll("#cost-trend-table thead th")].map((th) => th.textContent)).toEqual(["Month", "ads", "web"]);
    const table = rows(doc, "cost-trend-table");
    expect(table.at(-1)!.slice(0, 2)).toEqual(["October 2026", "¥120,000"]);
    expect(table.at(-2)!.slice(0, 2)).toEqual(["September 2026", "-"]);
    expect(table.slice(0, -2).map((r) => r[1])).toEqual(Array(11).fill("not provided"));
    expect(table.slice(-4, -2).map((r) => r[0])).toEqual(["July 2026", "August 2026"]);
  });
  it("reads 'not provided' in the report month for a channel with a line not reported yet", () => {
    // web in October: a budget, no amount. In September web spent nothing on a reported month: ¥0 / 1 lead (L2).
    const table = rows(page("2026-10/efficiency"), "cost-trend-table");
    expect(table.slice(-2).map((r) => r[2])).toEqual(["¥0", "not provided"]);
  });
});

describe("accounts: target coverage, month by month", () => {
  it("reads '-' in a month whose list has no target account, and 'not provided' before the list", () => {
    const oct = page("2026-10/accounts");
    // No target on the list: 0 of 0.
    expect(text(oct, "#kpi-target-coverage .value")).toBe("-");
    const table = rows(oct, "coverage-trend-table");
    expect(table.slice(-4)).toEqual([
      ["July 2026", "not provided", "-"],
      ["August 2026", "not provided", "-"],
      ["September 2026", "-", "0 / 0"],
      ["October 2026", "-", "0 / 0"],
    ]);
    const alt = oct.querySelector("#coverage-trend .chart-body")!.getAttribute("aria-label")!;
    expect(alt).toContain("August 2026 not provided, September 2026 -, October 2026 -");
  });
  it("says the list has no target account, not that every target account has a lead", () => {
    // A1, the list's only account, is not a target: no target account has a lead, and none lacks one.
    expect(text(page("2026-10/accounts"), "#uncovered p")).toBe(
      "No account on the target list is a target account: there is none to cover.",
    );
  });
  it("gives the records of accounts not on the list a row without a count of accounts or a rate", () => {
    // October has no touches or activities: not provided, save the rate the unlisted row never has.
    expect(rows(page("2026-10/accounts"), "engagement-table")).toEqual([
      ["Other", "1", "not provided", "not provided", "not provided", "not provided"],
      ["Not on the list", "-", "not provided", "-", "not provided", "-"],
    ]);
  });
});

describe("accounts: the funnel", () => {
  it("gives the records of accounts not on the list a row of their own beside the list's other accounts", () => {
    // October, with the list (A1, not a target): no lead or deal names an account, so all are "no
    // account": L3 created and MQL in October, D4 created; none closed, so no win rate.
    const table = rows(page("2026-10/accounts"), "target-funnel-table");
    expect(table.slice(0, 4)).toEqual([
      ["Target · Month", "0", "0", "0", "0", "0", "0", "-"],
      ["Other · Month", "0", "0", "0", "0", "0", "0", "-"],
      ["Not on the list · Month", "0", "0", "0", "0", "0", "0", "-"],
      ["No account (unknown) · Month", "1", "1", "0", "1", "0", "0", "-"],
    ]);
    // The fiscal year (from April) to October: L1, L2 and L3 created, L1 and L3 MQLs; D0 (July's
    // folder) and D1 to D4 created, D1 and D2 lost: 0 / 2.
    expect(table.slice(4).map((r) => r[0])).toEqual([
      "Target · FY2026 to date",
      "Other · FY2026 to date",
      "Not on the list · FY2026 to date",
      "No account (unknown) · FY2026 to date",
    ]);
    expect(table[7]).toEqual(["No account (unknown) · FY2026 to date", "3", "2", "0", "5", "0", "2", "0.0%"]);
  });
});

describe("plan: the trailing 3 months' rates", () => {
  it("read 'not provided' when a month of the three lacks a dataset they read, and say which", () => {
    // August's three months: June has no folder, July no leads, August no deals. MQL -> SQL over them
    // read 0.0% (0 SQLs / L1's MQL) and lead -> MQL 100.0%, as if June and July had no lead.
    const aug = page("2026-08/plan");
    expect(rows(aug, "back-calculation-table").map((r) => r[1])).toEqual(Array(5).fill("not provided"));
    expect(text(aug, "#back-calculation-trailing")).toContain("lack data: leads (Jun 26・Jul 26), opportunities (Jun 26・Aug 26).");
  });
  it("read their value when each month has what they read", () => {
    // October's three months: August has no deals; leads in all three. MQL -> SQL: 0 SQLs / 2 MQLs
    // (L1 in August, L3 in October); lead -> MQL: 2 MQLs / 3 leads (L1, L2, L3). Every need for
    // November's ¥500,000 starts from the average deal size, which reads August's deals.
    const table = rows(page("2026-10/plan"), "back-calculation-table");
    expect(table.map((r) => r.slice(1, 3))).toEqual([
      ["not provided", "not provided"],
      ["not provided", "not provided"],
      ["not provided", "not provided"],
      ["0.0%", "not provided"],
      ["66.7%", "not provided"],
    ]);
    expect(text(page("2026-10/plan"), "#back-calculation-trailing")).toContain("lack data: opportunities (Aug 26).");
  });
  it("leave the tree's targets worked from them 'not provided', in the table, the chart and its text", () => {
    // October's won amount target ¥1,000,000 is given; won deals' would be it over the average deal
    // size of August to October, which reads August's deals. Lead -> MQL's is its trailing rate, 2 / 3,
    // against October's 1 / 1: 150%.
    const oct = page("2026-10/plan");
    const tree = rows(oct, "kpi-tree-table").map((r) => [r[0], r[3], r[4], r[5], r[6]]);
    expect(tree[0]).toEqual(["Won amount", "¥1,000,000", "given", "0%", "✕ missed"]);
    expect(tree[2]).toEqual(["└ Won", "not provided", "derived", "not provided", "not provided"]);
    expect(tree[11]).toEqual(["└ Lead → MQL", "66.7%", "derived", "150%", "✓ met"]);
    const boxes = [...oct.querySelectorAll("#kpi-tree-chart svg g.node")].map((g) =>
      [...g.querySelectorAll("text")].map((x) => x.textContent).join(" "),
    );
    expect(boxes[2]).toBe("Won 0 Target not provided derived not provided");
    const alt = oct.querySelector("#kpi-tree-chart .chart-body")!.getAttribute("aria-label")!;
    expect(alt).toContain("Won amount ¥0 / Target ¥1,000,000, Avg deal size - / Target not provided, Won 0 / Target not provided,");
    expect(text(oct, "#kpi-tree-trailing")).toContain("lack data: opportunities (Aug 26), web_traffic (Aug 26・Sep 26・Oct 26).");
  });
});

describe("plan: quarter and fiscal year to date", () => {
  it("read 'not provided' when a month to date lacks its deals, and say which, not a sum counting it as zero", () => {
    // October's fiscal year (April start) to date: April to June precede the first folder, August has
    // no deals; the year's won amount read ¥0. Its quarter, October alone, has its deals: ¥0 against
    // ¥1,000,000, no December target. The year has no target to date (only October's and November's
    // are given): no attainment, whatever its data. Neither has a whole-period target: no projected
    // attainment either.
    const oct = page("2026-10/plan");
    expect(rows(oct, "to-date-table")).toEqual([
      ["Won amount", "FY2026 Q3 (Oct 26–Dec 26, 1 of 3 months)", "¥0", "¥1,000,000", "0% ✕ missed", "¥0", "no target", "no target"],
      [
        "Won amount",
        "FY2026 (Apr 26–Mar 27, 7 of 12 months)",
        "not provided",
        "no target",
        "no target",
        "not provided",
        "no target",
        "no target",
      ],
    ]);
    expect(text(oct, "#to-date-missing")).toContain(
      "lack the data their actual reads: Won amount, FY2026: opportunities (Apr 26・May 26・Jun 26・Aug 26).",
    );
    // September's quarter, July to September, has no deals in August.
    const sep = rows(page("2026-09/plan"), "to-date-table");
    expect(sep[0]!.slice(1, 3)).toEqual(["FY2026 Q2 (Jul 26–Sep 26, 3 of 3 months)", "not provided"]);
    expect(text(page("2026-09/plan"), "#to-date-missing")).toContain("Won amount, FY2026 Q2: opportunities (Aug 26)");
  });
  it("read 'no target' for the attainment and projected attainment of a period without a target, whatever its data", () => {
    // July's quarter, July to September, to date July alone: its deals are there (D0, open: ¥0 won)
    // and no month has a won amount target. Its year to date lacks April to June's deals. Either
    // way there is no attainment, to date or projected: the words of the targets' cells, and of the
    // trends page.
    expect(rows(page("2026-07/plan"), "to-date-table").map((r) => [r[1], r[2], r[3], r[4], r[6], r[7]])).toEqual([
      ["FY2026 Q2 (Jul 26–Sep 26, 1 of 3 months)", "¥0", "no target", "no target", "no target", "no target"],
      ["FY2026 (Apr 26–Mar 27, 4 of 12 months)", "not provided", "no target", "no target", "no target", "no target"],
    ]);
    // The note on the months lacking deals says their attainments are not provided only with a target.
    expect(text(page("2026-07/plan"), "#to-date-missing")).toContain(
      "actual to date and run-rate read not provided, and so do the attainment of those with a target to date and the projected attainment of those with a whole-period target.",
    );
    expect(trend("Won amount, fiscal year to date vs target")[0]).toEqual(["July 2026", "no target"]);
  });
});

describe("plan: fiscal year to date attainment on the trends page", () => {
  it("says there is no target in a month whose year to date lacks a won amount target, not 'not provided'", () => {
    // Won amount targets are October's and November's only: no month of FY2026 to date has one for
    // each of its months, so there is no attainment, whatever its deals (the plan page's "no target").
    expect(trend("Won amount, fiscal year to date vs target")).toEqual([
      ["July 2026", "no target"],
      ["August 2026", "no target"],
      ["September 2026", "no target"],
      ["October 2026", "no target"],
    ]);
  });
});

describe("plan: the tree's targets and attainments", () => {
  it("read 'no target' for a node without a target, whatever its data, and 'not provided' only for one worked from what is not", () => {
    // September has no won amount target, so no node has one (its deals and leads are there, its web
    // traffic is not); August has neither a target nor its deals.
    for (const month of ["2026-09", "2026-08"]) {
      const tree = rows(page(`${month}/plan`), "kpi-tree-table");
      expect(tree.map((r) => [r[3], r[4], r[5]])).toEqual(Array(15).fill(["no target", "none", "no target"]));
    }
    // October's won amount target is given; won deals' is worked from August's deals, which it lacks:
    // not provided, not "no target" (as with the trailing rates above).
    const oct = rows(page("2026-10/plan"), "kpi-tree-table");
    expect(oct[2]!.slice(3, 6)).toEqual(["not provided", "derived", "not provided"]);
    // MQL -> SQL's target is its trailing rate, 0 / 2: a target of zero, so no cases ("-"), not "no target".
    expect(oct[9]!.slice(0, 6)).toEqual(["└ MQL → SQL", "0.0%", "0 / 1", "0.0%", "derived", "-"]);
  });
});

describe("plan: the tree's changes on the previous month", () => {
  it("are none against a month whose dataset is not provided, not changes against zero", () => {
    // September against August, whose folder has no deals: opportunities read −50.0% (D3 against D1
    // and D2, created in August) and the close ratio +200.0pt. The funnel's changes read August's
    // leads: MQLs 0 against L1 (−100.0%), lead -> MQL 0 / 1 against 1 / 1 (−100.0pt), leads 1 against 1.
    const sep = page("2026-09/plan");
    expect(rows(sep, "kpi-tree-table").map((r) => r[7])).toEqual([
      ...Array(10).fill("-"),
      "−100.0%",
      "−100.0pt",
      "±0.0%",
      "not provided",
      "not provided",
    ]);
    const boxes = [...sep.querySelectorAll("#kpi-tree-chart svg g.node")].map((g) => g.textContent!);
    expect(boxes.filter((b) => b.includes("MoM"))).toHaveLength(3);
  });
});

describe("plan: the gap's split", () => {
  it("says there is no target in a month without a won amount target, not 'not provided'", () => {
    // September has no target (and no web traffic, where leads' share read "not provided"); August
    // has neither a target nor its deals.
    for (const month of ["2026-09", "2026-08"]) {
      const doc = page(`${month}/plan`);
      expect(text(doc, "#gap-driver")).toBe(
        "No won amount target this month (targets.csv): there is no gap to split, so no cause is named.",
      );
      expect(rows(doc, "kpi-tree-table").map((r) => r[8])).toEqual(Array(15).fill("no target"));
    }
  });
  it("has no leads' share to leave unsplit when the gap is not split by shares", () => {
    // October: ¥0 won against ¥1,000,000, the close ratio fell to zero: a cause, no shares. Sessions
    // and session -> lead read the month's web traffic, which it has not got.
    const oct = page("2026-10/plan");
    expect(text(oct, "#gap-driver")).toBe("No won amount this month: Close ratio fell to zero.");
    expect(rows(oct, "kpi-tree-table").map((r) => r[8])).toEqual([...Array(13).fill("-"), "not provided", "not provided"]);
  });
});

describe("a rate of no cases outside its card", () => {
  it("reads '-' in the summary strip and on the trends page, as on the card", () => {
    // October closed no deal: win rate 0 / 0. September closed D1 and D2, both lost: 0 of 2.
    expect(text(page("2026-10"), "#kpi-win_rate .value")).toBe("-");
    expect(text(page("2026-10"), "#summary-win-rate .t-value")).toBe("-");
    expect(text(page("2026-09"), "#summary-win-rate .t-value")).toBe("0.0%");
    expect(text(page("2026-08"), "#summary-win-rate .t-value")).toBe("not provided");
    expect(trend("Win rate")).toEqual([
      ["July 2026", "-"],
      ["August 2026", "not provided"],
      ["September 2026", "0.0%"],
      ["October 2026", "-"],
    ]);
  });
  it("reads '-' in the home page's archive, as on the card", () => {
    // The archive's win rate column, newest month first.
    const doc = page("");
    const column = [...doc.querySelectorAll("#archive-table thead th")].findIndex((th) => th.textContent!.trim() === "Win rate");
    expect(column).toBeGreaterThan(0);
    expect(rows(doc, "archive-table").map((r) => [r[0], r[column]])).toEqual([
      ["October 2026", "-"],
      ["September 2026", "0.0%"],
      ["August 2026", "not provided"],
      ["July 2026", "-"],
    ]);
  });
});

describe("one mark for no cases", () => {
  /** Every page of the site. */
  const pages = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? pages(join(dir, e.name)) : e.name === "index.html" ? [join(dir, e.name)] : [],
    );
  it("is '-' on every page, in its text and its charts' words, never an en dash standing alone", () => {
    // An en dash between two things (Oct 26–Dec 26, 1–4 h) is a range; one standing alone, or in
    // place of a value before a note ("– (1 line not reported yet)"), would be a second mark.
    const alone = /(^|[\s(/:,])–(?=$|[\s),])/;
    const found: string[] = [];
    for (const file of pages(out)) {
      const doc = parseHTML(readFileSync(file, "utf8")).document as unknown as Document;
      const words = [
        ...[...doc.querySelectorAll("body *")].flatMap((el) =>
          [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent!),
        ),
        ...[...doc.querySelectorAll("[aria-label], [title]")].flatMap((el) => [
          el.getAttribute("aria-label") ?? "",
          el.getAttribute("title") ?? "",
        ]),
      ];
      for (const w of words) if (alone.test(w)) found.push(`${file.slice(out.length)}: ${w.trim().slice(0, 120)}`);
    }
    expect(found).toEqual([]);
  });
});
