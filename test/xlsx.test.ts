// Reading .xlsx exports: cell values as a CSV export would hold them, date cells as wall-clock
// time, the size bound, the committed corpus workbooks against their definitions, and the cache.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
// exceljs's own zip library (exceljs is pinned): used to put Excel's phonetic guides into a workbook exceljs wrote.
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { validateProject } from "../src/model/pipeline.ts";
import { inlineStringsFlattened } from "../src/read/inlinestring.ts";
import { phoneticsCut } from "../src/read/phonetic.ts";
import { xmlText } from "../src/read/xmltext.ts";
import { cellText, columnLetter, dateText, readXlsx, rowOf, zipUncompressedSize } from "../src/read/xlsx.ts";
import { mapping as mappingSchema } from "../src/schema/mapping.ts";
import { formatProblem } from "../src/validate/problem.ts";
import { WORKBOOKS } from "./helpers/workbooks.ts";

const CORPUS = join(import.meta.dirname, "fixtures/malformed");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function bytesOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("cell values", () => {
  it("writes a date cell's wall-clock time, whatever the machine's zone", () => {
    // Excel serial 46234.98958333 is 2026-07-31 23:45; exceljs makes a Date whose UTC fields are that time.
    expect(cellText(46234.989583333336, "yyyy/mm/dd hh:mm", false)).toBe("2026-07-31 23:45:00");
    expect(dateText(new Date("2026-07-31T23:45:00Z"))).toBe("2026-07-31 23:45:00");
    expect(dateText(new Date("2026-10-01T00:00:00Z"))).toBe("2026-10-01");
    // The 1904 date system (old Mac workbooks) counts from 1904-01-01.
    expect(cellText(44772.989583333336, "yyyy/mm/dd hh:mm", true)).toBe("2026-07-31 23:45:00");
    // A time alone (a duration such as GA4's average engagement time) is h:mm:ss.
    expect(cellText(95 / 86400, "[h]:mm:ss", false)).toBe("0:01:35");
    expect(cellText(26 / 24, "[h]:mm:ss", false)).toBe("26:00:00");
  });
  it("writes numbers, booleans, formulas, rich text and errors as an export's text", () => {
    expect(cellText(1200000, "#,##0", false)).toBe("1200000");
    expect(cellText(0.125, "0.0%", false)).toBe("0.125");
    expect(cellText(true, undefined, false)).toBe("TRUE");
    expect(cellText({ formula: "A1+1", result: 46234.5 }, "yyyy-mm-dd hh:mm", false)).toBe("2026-07-31 12:00:00");
    expect(cellText({ formula: "A1&B1", result: "ab" }, undefined, false)).toBe("ab");
    expect(cellText({ richText: [{ text: "Fix" }, { text: "ture" }] }, undefined, false)).toBe("Fixture");
    expect(cellText({ error: "#N/A" }, undefined, false)).toBe("#N/A");
    expect(cellText({ text: "site", hyperlink: "https://example.com" }, undefined, false)).toBe("site");
  });
  it("names columns by their letters", () => {
    expect([1, 2, 26, 27, 52, 703].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AZ", "AAA"]);
  });
});

describe("workbook", () => {
  it("reads the uncompressed size from the zip's directory, and refuses more than the bound before reading", async () => {
    const wb = WORKBOOKS["xlsx-too-large/data/2026-10/leads.xlsx"]!();
    const bytes = await bytesOf(wb);
    const size = zipUncompressedSize(bytes)!;
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(bytes.length).toBeLessThan(size / 5);
    expect(zipUncompressedSize(Buffer.from("lead_id,created_at\n"))).toBeUndefined();
    const options = { file: "data/2026-10/leads.xlsx", dataset: "leads" as const, mapping: mappingSchema.parse({}) };
    await expect(readXlsx(bytes, { ...options, maxMegabytes: 1 })).rejects.toMatchObject({ problem: { code: "xlsx-too-large" } });
    const read = await readXlsx(bytes, { ...options, maxMegabytes: 8 });
    expect(read.text.split("\n")).toHaveLength(12002);
  });
  it("says a workbook cut short is incomplete, not that it is no workbook", async () => {
    const bytes = await bytesOf(WORKBOOKS["xlsx-too-large/data/2026-10/leads.xlsx"]!());
    const options = { file: "data/2026-10/leads.xlsx", dataset: "leads" as const, mapping: mappingSchema.parse({}), maxMegabytes: 8 };
    const cut = readXlsx(bytes.subarray(0, Math.floor(bytes.length / 2)), options);
    await expect(cut).rejects.toMatchObject({
      problem: {
        code: "unreadable-file",
        message: expect.stringContaining("cut short"),
        fix: expect.stringContaining("download or copy it again"),
      },
    });
    await expect(readXlsx(Buffer.from("lead_id,created_at\n"), options)).rejects.toMatchObject({
      problem: { message: expect.stringContaining("not a zip archive") },
    });
  });
  it("keeps line k of its text on row k of the sheet, with a totals block right below the rows", async () => {
    const s = await readXlsx(await bytesOf(WORKBOOKS["ok-xlsx-salesforce-formatted/data/2026-10/leads.xlsx"]!()), {
      file: "leads.xlsx",
      dataset: "leads",
      mapping: mappingSchema.parse({}),
      maxMegabytes: 8,
    });
    const lines = s.text.split("\n");
    expect(s.headerRow).toBe(5);
    expect(lines[4]).toBe('"Lead ID","Created Date","Lead Source","MQL Date","Company"');
    // Row 6's company has a line break, written as the placeholder so the row stays one line.
    expect(lines[5]).toBe(`"00Q000000000001","2026-10-01 09:05:00","web","2026-10-03 10:00:00","Fixture${s.newline}Holdings"`);
    // The blank line inserted before 'Grand Totals' (row 9) is line 9; row 9 is line 10.
    expect(s.inserted).toBe(9);
    expect(lines[9]).toBe('"Grand Totals (3 records)"');
    expect(rowOf(s, 10)).toBe(9);
    expect(rowOf(s, 8)).toBe(8);
    expect(s.original.get(1)).toBe("Leads created this month");
    expect(s.letters).toEqual(["B", "C", "D", "E", "F"]);
  });
});

describe("phonetic guides", () => {
  /** A workbook whose shared strings carry the readings Japanese Excel stores for text typed through an IME. */
  async function withGuides(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("リード");
    ws.addRow(["リード ID", "作成日", "リードソース", "会社名"]);
    ws.addRow(["00Q000000000001", "2026/10/01", "広告", "展示会"]);
    const zip = await JSZip.loadAsync(await bytesOf(wb));
    const xml = (await zip.file("xl/sharedStrings.xml")!.async("string"))
      .replace("<si><t>作成日</t></si>", '<si><t>作成日</t><rPh sb="0" eb="3"><t>サクセイビ</t></rPh><phoneticPr fontId="1"/></si>')
      .replace("<si><t>広告</t></si>", '<si><t>広告</t><rPh sb="0" eb="2"><t>コウコク</t></rPh><phoneticPr fontId="1"/></si>')
      .replace("<si><t>展示会</t></si>", '<si><r><t>展示</t></r><r><t>会</t></r><rPh sb="0" eb="3"><t>テンジカイ</t></rPh></si>');
    expect(xml).toContain("コウコク");
    zip.file("xl/sharedStrings.xml", xml);
    return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  }

  it("are not read as the cell's text", async () => {
    const s = await readXlsx(await withGuides(), {
      file: "leads.xlsx",
      dataset: "leads",
      mapping: mappingSchema.parse({}),
      maxMegabytes: 8,
    });
    expect(s.text.split("\n").slice(0, 2)).toEqual([
      '"リード ID","作成日","リードソース","会社名"',
      '"00Q000000000001","2026/10/01","広告","展示会"',
    ]);
  });

  it("are cut from the XML however it is split into chunks", async () => {
    const xml = '<sst><si><t>月</t><rPh sb="0" eb="1"><t>ツキ</t></rPh><phoneticPr fontId="1"/></si><si><t>a&lt;b</t><x:rPh/></si></sst>';
    const bytes = Buffer.from(xml);
    const want = '<sst><si><t>月</t><phoneticPr fontId="1"/></si><si><t>a&lt;b</t></si></sst>';
    for (let k = 1; k < bytes.length; k++) {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += k) yield bytes.subarray(i, i + k);
      }
      let out = "";
      for await (const s of phoneticsCut(xmlText(chunks()))) out += s;
      expect(out, `chunks of ${k} bytes`).toBe(want);
    }
  });
});

describe("multibyte text", () => {
  it("keeps every character whole where the zip's chunks cut the XML (shared strings and formula results)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("リード");
    ws.addRow(["リード ID", "作成日", "リードソース", "会社名"]);
    // Thousands of rows of Japanese: the shared strings and the sheet's XML each span many chunks.
    for (let i = 0; i < 6000; i++)
      ws.addRow([
        `00Q${String(i).padStart(12, "0")}`,
        "2026/10/01",
        `展示会${i}`,
        { formula: `"株式会社"&"${i}"`, result: `株式会社テスト商事第${i}営業所` },
      ]);
    const s = await readXlsx(await bytesOf(wb), {
      file: "leads.xlsx",
      dataset: "leads",
      mapping: mappingSchema.parse({}),
      maxMegabytes: 64,
    });
    const lines = s.text.split("\n");
    expect(lines.filter((l) => l.includes("\ufffd"))).toEqual([]);
    expect(lines[6000]).toBe('"00Q000000005999","2026/10/01","展示会5999","株式会社テスト商事第5999営業所"');
  });
});

describe("inline strings", () => {
  it("are flattened however the sheet's XML is split into chunks", async () => {
    const xml =
      '<row><c t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r><rPh><t>x</t></rPh></is></c><c t="inlineStr"><is><t>c</t></is></c></row>';
    const want = '<row><c t="inlineStr"><is><t xml:space="preserve">ab</t></is></c><c t="inlineStr"><is><t>c</t></is></c></row>';
    for (let k = 1; k < xml.length; k++) {
      async function* chunks() {
        for (let i = 0; i < xml.length; i += k) yield xml.slice(i, i + k);
      }
      let out = "";
      for await (const s of inlineStringsFlattened(chunks())) out += s;
      expect(out, `chunks of ${k} characters`).toBe(want);
    }
  });

  it("read whole, with every run and without phonetic guides (as a workbook written without shared strings holds them)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Leads");
    ws.addRow(["Lead ID", "Created Date", "Lead Source", "Company"]);
    ws.addRow(["00Q000000000001", "2026/10/01", "RUNS", "GUIDE"]);
    const zip = await JSZip.loadAsync(await bytesOf(wb));
    const strings = [...(await zip.file("xl/sharedStrings.xml")!.async("string")).matchAll(/<si><t>(.*?)<\/t><\/si>/g)].map((m) => m[1]!);
    const inline = (text: string) =>
      text === "RUNS"
        ? '<is><r><t>Trade </t></r><r><rPr><b/></rPr><t xml:space="preserve">Show</t></r></is>'
        : text === "GUIDE"
          ? '<is><t>広告代理店</t><rPh sb="0" eb="2"><t>コウコク</t></rPh></is>'
          : `<is><t>${text}</t></is>`;
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")!.async("string")).replace(
      /<c r="([A-Z]+\d+)"([^>]*) t="s"><v>(\d+)<\/v><\/c>/g,
      (_all, ref: string, attrs: string, k: string) => `<c r="${ref}"${attrs} t="inlineStr">${inline(strings[Number(k)]!)}</c>`,
    );
    expect(sheet).toContain("inlineStr");
    zip.file("xl/worksheets/sheet1.xml", sheet);
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const s = await readXlsx(bytes, { file: "leads.xlsx", dataset: "leads", mapping: mappingSchema.parse({}), maxMegabytes: 8 });
    expect(s.text.split("\n").slice(0, 2)).toEqual([
      '"Lead ID","Created Date","Lead Source","Company"',
      '"00Q000000000001","2026/10/01","Trade Show","広告代理店"',
    ]);
  });
});

describe("built-in date formats", () => {
  it("read Japanese Excel's own date formats (和暦, 年月日) as dates, not as serial numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("予算");
    ws.addRow(["月", "チャネル", "実績"]);
    const month = new Date(Date.UTC(2026, 9, 1));
    ws.addRow([month, "広告", 1200000]);
    ws.addRow([month, "展示会", 300000]);
    ws.addRow([new Date(Date.UTC(2026, 9, 31, 9, 5)), "ウェビナー", 1000]);
    ws.getCell("A2").numFmt = "FORMAT-A";
    ws.getCell("A3").numFmt = "FORMAT-B";
    ws.getCell("A4").numFmt = "FORMAT-C";
    const zip = await JSZip.loadAsync(await bytesOf(wb));
    // Japanese Excel writes no <numFmt> for its built-in formats, only their ids: 55 yyyy"年"m"月",
    // 58 [$-411]ggge"年"m"月"d"日" (令和8年10月1日), 14 the short date.
    const styles = (await zip.file("xl/styles.xml")!.async("string"))
      .replace(/<numFmts.*?<\/numFmts>/, "")
      .replace(/numFmtId="(\d+)"/g, (all, id: string) => (Number(id) >= 164 ? `numFmtId="${[55, 58, 14][Number(id) - 164]}"` : all));
    expect(styles).not.toContain("FORMAT-");
    zip.file("xl/styles.xml", styles);
    const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    const s = await readXlsx(bytes, { file: "spend.xlsx", dataset: "spend", mapping: mappingSchema.parse({}), maxMegabytes: 8 });
    expect(s.text.split("\n").slice(1, 4)).toEqual([
      '"2026-10-01","広告","1200000"',
      '"2026-10-01","展示会","300000"',
      '"2026-10-31 09:05:00","ウェビナー","1000"',
    ]);
  });
});

describe("the corpus workbooks", () => {
  it("hold what test/helpers/workbooks.ts defines (rewrite them with `node test/helpers/workbooks.ts`)", async () => {
    const cells = async (wb: ExcelJS.Workbook) => {
      const out: Record<string, string[][]> = {};
      wb.eachSheet((ws) => {
        const rows: string[][] = [];
        ws.eachRow({ includeEmpty: true }, (row, n) => {
          rows[n - 1] = [];
          row.eachCell({ includeEmpty: false }, (cell, c) => {
            rows[n - 1]![c - 1] = `${cellText(cell.value, cell.numFmt, false)}`;
          });
        });
        out[ws.name] = rows;
      });
      return out;
    };
    for (const [path, make] of Object.entries(WORKBOOKS)) {
      const committed = new ExcelJS.Workbook();
      await committed.xlsx.readFile(join(CORPUS, path));
      const defined = new ExcelJS.Workbook();
      await defined.xlsx.load((await bytesOf(make())) as unknown as ArrayBuffer);
      expect(await cells(committed), path).toEqual(await cells(defined));
    }
  });
});

describe("validated-file cache", () => {
  it("gives a workbook's rows, sheet and problems (with their cells) back unchanged on the next read", async () => {
    const root = mkdtempSync(join(tmpdir(), "gekkan-xlsx-cache-"));
    dirs.push(root);
    cpSync(join(CORPUS, "ok-xlsx-salesforce-formatted"), root, { recursive: true });
    const read = async () => {
      const messages: string[] = [];
      const v = await validateProject(root, (m) => messages.push(m), { cache: true });
      const rows = await v.db.all<{ j: string }>(`SELECT to_json(t)::VARCHAR AS j FROM raw_leads t ORDER BY __line`);
      v.db.close();
      return { rows, problems: v.problems.map(formatProblem), files: v.loaded.files.map(({ readMs: _t, ...f }) => f), messages };
    };
    const cold = await read();
    expect(readdirSync(join(root, ".gekkan/cache")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    const warm = await read();
    expect(warm.messages).toContain("validating leads (1 file validated before)");
    expect(warm.rows).toEqual(cold.rows);
    expect(warm.files).toEqual(cold.files);
    expect(warm.files[0]!.sheet).toBe("Leads this month");
    expect(warm.problems).toEqual(cold.problems);
    expect(warm.problems.join("\n")).toContain("data/2026-10/leads.xlsx:7 (sheet 'Leads this month', cell D7) column source:");
  });
});
