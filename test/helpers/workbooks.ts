// The .xlsx files of the malformed-input corpus, made from code: the committed workbooks under
// test/fixtures/malformed/ are what `node test/helpers/workbooks.ts` writes (test/xlsx.test.ts checks
// that their sheets still hold what is defined here). Shapes follow the exports they imitate:
// Salesforce's "Formatted Report" (title rows above the header, the table from column B, a totals
// row and a confidentiality footer below), HubSpot's plain export (header on row 1).
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

/** A wall-clock time as Excel stores it: exceljs writes a Date's UTC fields as the cell's time. */
const at = (iso: string) => new Date(`${iso}Z`);
const FIXED = new Date("2026-11-01T00:00:00Z");
const DATE_TIME = "yyyy/mm/dd hh:mm";
const DATE = "yyyy/mm/dd";

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "gekkan test fixtures";
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
}

/** Put `rows` on `ws` from `row`, `col` (1-based); Dates get `format`. */
function put(ws: ExcelJS.Worksheet, row: number, col: number, rows: unknown[][], format = DATE_TIME): void {
  rows.forEach((values, i) =>
    values.forEach((v, k) => {
      if (v === undefined) return;
      const cell = ws.getCell(row + i, col + k);
      cell.value = v as ExcelJS.CellValue;
      if (v instanceof Date) cell.numFmt = format;
    }),
  );
}

/** A Salesforce formatted lead report: the table is B5:F8, the totals row right below it. */
function salesforceLeads(rows: unknown[][]): ExcelJS.Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Leads this month");
  put(ws, 1, 2, [["Leads created this month"], ["Fixture KK"], ["Filtered By: Created Date equals LAST MONTH"]]);
  put(ws, 5, 2, [["Lead ID", "Created Date", "Lead Source", "MQL Date", "Company"], ...rows]);
  const end = 5 + rows.length + 1;
  put(ws, end, 2, [[`Grand Totals (${rows.length} records)`]]);
  put(ws, end + 2, 2, [
    ["Confidential Information - Do Not Distribute"],
    ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
  ]);
  return wb;
}

export const WORKBOOKS: Record<string, () => ExcelJS.Workbook> = {
  "ok-xlsx-salesforce-formatted/data/2026-10/leads.xlsx": () =>
    salesforceLeads([
      ["00Q000000000001", at("2026-10-01T09:05:00"), "web", at("2026-10-03T10:00:00"), "Fixture\nHoldings"],
      ["00Q000000000002", at("2026-10-02T00:00:00"), undefined, undefined, "Example KK"],
      ["00Q000000000003", at("2026-10-15T18:30:00"), "event", at("2026-10-16T09:00:00"), "Sample Co"],
    ]),
  "xlsx-salesforce-bad-date/data/2026-10/leads.xlsx": () =>
    salesforceLeads([
      ["00Q000000000001", at("2026-10-01T09:05:00"), "web", undefined, "Fixture KK"],
      ["00Q000000000002", "2026/13/01", "web", undefined, "Example KK"],
    ]),
  "ok-xlsx-hubspot-plain/data/2026-10/opportunities.xlsx": () => {
    const wb = workbook();
    const ws = wb.addWorksheet("All deals");
    put(
      ws,
      1,
      1,
      [
        ["Record ID", "Deal Name", "Create Date", "Amount", "Deal Stage", "Close Date"],
        [9001, "Renewal 2027", at("2026-10-05T00:00:00"), 1200000, "Closed Won", at("2026-10-20T00:00:00")],
        [9002, "New logo", at("2026-10-07T00:00:00"), 800000.5, "Proposal", at("2027-03-31T00:00:00")],
        [9003, "Pilot", at("2026-10-09T00:00:00"), undefined, "Qualification", undefined],
        ["Total", undefined, undefined, 2000000.5, undefined, undefined],
      ],
      DATE,
    );
    return wb;
  },
  "ok-xlsx-date-near-midnight/data/2026-07/leads.xlsx": () => {
    const wb = workbook();
    const ws = wb.addWorksheet("Sheet1");
    put(ws, 1, 1, [
      ["Lead ID", "Created Date", "Lead Source"],
      ["L1", at("2026-07-31T23:45:00"), "web"],
      ["L2", at("2026-07-01T00:00:00"), "ads"],
    ]);
    return wb;
  },
  "xlsx-beside-csv/data/2026-10/leads.xlsx": () => {
    const wb = workbook();
    put(wb.addWorksheet("Sheet1"), 1, 1, [
      ["Lead ID", "Created Date", "Lead Source"],
      ["L1", at("2026-10-01T00:00:00"), "web"],
    ]);
    return wb;
  },
  "xlsx-no-header/data/2026-10/leads.xlsx": () => {
    const wb = workbook();
    put(wb.addWorksheet("Summary"), 1, 1, [["Leads by month"], ["October", 12]]);
    put(wb.addWorksheet("Details"), 1, 1, [
      ["Lead ID", "Created Date", "Company"],
      ["L1", at("2026-10-01T00:00:00"), "Fixture KK"],
    ]);
    return wb;
  },
  "xlsx-two-sheets/data/2026-10/leads.xlsx": () => {
    const wb = workbook();
    put(wb.addWorksheet("October"), 1, 1, [
      ["Lead ID", "Created Date", "Lead Source"],
      ["L1", at("2026-10-01T00:00:00"), "web"],
    ]);
    put(wb.addWorksheet("October (copy)"), 1, 1, [
      ["Lead ID", "Created Date", "Lead Source"],
      ["L2", at("2026-10-02T00:00:00"), "ads"],
    ]);
    return wb;
  },
  "xlsx-too-large/data/2026-10/leads.xlsx": () => {
    // About 1.7 MB of sheet XML (the case sets validation.maxXlsxMegabytes: 1); it compresses to little.
    const wb = workbook();
    const ws = wb.addWorksheet("Sheet1");
    const rows: unknown[][] = [["Lead ID", "Created Date", "Lead Source"]];
    for (let i = 0; i < 12000; i++) rows.push(["L", "2026-10-01", "web"]);
    put(ws, 1, 1, rows);
    return wb;
  },
};

/** Write every workbook under `corpus` (test/fixtures/malformed). */
export async function writeWorkbooks(corpus: string): Promise<void> {
  for (const [path, make] of Object.entries(WORKBOOKS)) {
    const target = join(corpus, path);
    mkdirSync(dirname(target), { recursive: true });
    await make().xlsx.writeFile(target);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeWorkbooks(fileURLToPath(new URL("../fixtures/malformed/", import.meta.url)));
  console.log(`wrote ${Object.keys(WORKBOOKS).length} workbooks`);
}
