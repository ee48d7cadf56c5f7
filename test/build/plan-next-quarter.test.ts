// The back-calculation at a quarter's last month: nothing of the quarter is left, so the need it
// works out beside next month's is the next quarter's (all three months), and the page says so
// instead of calling it the rest of the quarter. Fiscal years from July: June 2026 is the last
// month of FY2025's Q4, and July-September 2026 FY2026's Q1.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { writeFiles } from "../helpers/files.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-plan-next-quarter-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  "gekkan.config.yaml": "organisation: Quarter KK\nlocale: en\nfiscalYearStartMonth: 7\n",
  "data/2026-05/leads.csv": "lead_id,created_at,source\nL1,2026-05-03,web\n",
  "data/2026-05/opportunities.csv": "opportunity_id,created_at,amount,stage,closed_at\nD1,2026-05-10,100000,Closed Won,2026-05-20\n",
  "data/2026-06/leads.csv": "lead_id,created_at,source\nL1,2026-05-03,web\nL2,2026-06-03,web\n",
  "data/2026-06/opportunities.csv": "opportunity_id,created_at,amount,stage,closed_at\nD1,2026-05-10,100000,Closed Won,2026-05-20\n",
  // Won amount targets: July 100,000; August and September 200,000 each: 500,000 for the next quarter.
  "data/targets.csv": "month,metric,value\n2026-07,won_amount,100000\n2026-08,won_amount,200000\n2026-09,won_amount,200000\n",
};

// A heading's text without its anchor ("#").
const text = (doc: Document, selector: string) => doc.querySelector(selector)!.textContent!.replace(/\s+/g, " ").trim().replace(/ #$/, "");

let june: Document;
let may: Document;
beforeAll(async () => {
  const root = join(tmp, "project");
  writeFiles(root, FILES);
  const result = await buildSite({ root, outDir: join(root, "dist") });
  expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
  const page = (month: string) =>
    parseHTML(readFileSync(join(root, "dist", month, "plan/index.html"), "utf8")).document as unknown as Document;
  june = page("2026-06");
  may = page("2026-05");
}, 60_000);

describe("the back-calculation at a quarter's last month", () => {
  it("names the next quarter's target and need as the next quarter's, not as the rest of the quarter", () => {
    expect(text(june, "#back-calculation-title")).toBe("What next month and the next quarter need");
    expect(text(june, "#back-calculation > p")).toBe(
      "Won amount targets: next month ¥100,000; next quarter (Jul 26・Aug 26・Sep 26) ¥500,000.",
    );
  });
  it("still names the rest of the quarter in the quarter's other months", () => {
    // May 2026: June is the rest of Q4 (no target for it).
    expect(text(may, "#back-calculation-title")).toBe("What next month and the rest of the quarter need");
    expect(text(may, "#back-calculation > p")).toBe("Won amount targets: next month no target; rest of the quarter no target.");
  });
});
