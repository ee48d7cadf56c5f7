import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateProject } from "../src/model/pipeline.ts";
import { decode, DecodeError, encodeShiftJis } from "../src/read/encoding.ts";
import { formatProblem } from "../src/validate/problem.ts";

const text = "会社名,備考\n㈱サンプル,導入事例①ｶﾅ\n";

describe("decode", () => {
  it("reads UTF-8 and UTF-8 with BOM", () => {
    expect(decode(new TextEncoder().encode(text))).toEqual({ encoding: "utf-8", text });
    expect(decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ encoding: "utf-8-bom", text });
  });
  it("reads CP932 with CP932-only characters intact", () => {
    const d = decode(encodeShiftJis(text));
    expect(d.encoding).toBe("shift_jis");
    expect(d.text).toBe(text);
    expect(d.text).toContain("㈱");
    expect(d.text).toContain("①");
  });
  it("reads UTF-16 with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decode(le)).toEqual({ encoding: "utf-16le", text });
    const be = Buffer.from(Buffer.from(text, "utf16le")).swap16();
    expect(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ encoding: "utf-16be", text });
  });
  it("refuses bytes that are neither, naming the line", () => {
    const bad = Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0xfe, 0xfd, 0x80]);
    expect(() => decode(bad)).toThrow(DecodeError);
    try {
      decode(bad);
    } catch (e) {
      expect((e as DecodeError).line).toBe(3);
    }
  });
  it("encodes what it can and refuses what CP932 lacks", () => {
    expect(Buffer.from(encodeShiftJis("ア")).toString("hex")).toBe("8341");
    expect(() => encodeShiftJis("😀")).toThrow(/no Shift_JIS/);
  });
});

describe("a file with a text name that holds no text", () => {
  const tmp = mkdtempSync(join(tmpdir(), "gekkan-not-text-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const csv = "lead_id,created_at,source\nL1,2026-10-01,web\n";
  async function problemsOf(bytes: Uint8Array): Promise<string[]> {
    const root = join(tmp, String(Math.random()).slice(2));
    mkdirSync(join(root, "data/2026-10"), { recursive: true });
    writeFileSync(join(root, "data/2026-10/leads.csv"), bytes);
    const v = await validateProject(root);
    v.db.close();
    return v.problems.filter((p) => p.severity === "error").map(formatProblem);
  }
  it("is named for what it is: UTF-16 without a byte-order mark, a workbook, a Parquet file", async () => {
    expect(await problemsOf(Buffer.from(csv, "utf16le"))).toEqual([
      "ERROR data/2026-10/leads.csv:1: is UTF-16LE text without a byte-order mark, which cannot be told from other bytes for sure. Expected UTF-8 (with or without BOM), Shift_JIS/CP932 or UTF-16 with BOM. Fix: save it as UTF-8 CSV (or as Unicode text with its byte-order mark, as Excel does)",
    ]);
    expect(await problemsOf(Buffer.from(Buffer.from(csv, "utf16le")).swap16())).toEqual([
      "ERROR data/2026-10/leads.csv:1: is UTF-16BE text without a byte-order mark, which cannot be told from other bytes for sure. Expected UTF-8 (with or without BOM), Shift_JIS/CP932 or UTF-16 with BOM. Fix: save it as UTF-8 CSV (or as Unicode text with its byte-order mark, as Excel does)",
    ]);
    expect(await problemsOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toEqual([
      "ERROR data/2026-10/leads.csv:1: is a zip archive (an Excel workbook?), not a text export. Expected a text export (CSV or TSV). Fix: if it is an Excel workbook, give it the extension .xlsx (workbooks are read as they are); otherwise re-export it as CSV",
    ]);
    expect(await problemsOf(Buffer.from("PAR1\x15\x04"))).toEqual([
      "ERROR data/2026-10/leads.csv:1: is a Parquet file, not a text export. Expected a text export (CSV or TSV). Fix: give it the extension .parquet",
    ]);
    // A stray NUL in a text export is read as before; UTF-16 with its BOM is read.
    expect(await problemsOf(Buffer.from(csv.replace("web", "w\0eb")))).toEqual([]);
    expect(await problemsOf(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]))).toEqual([]);
  });
});
