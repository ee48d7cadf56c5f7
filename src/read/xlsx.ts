// An .xlsx export as text the framer reads like a CSV: the sheet that holds the dataset's header,
// its rows as one comma-separated line each, so the same framing (footers, totals rows), header
// matching, typing and validation apply to it as to a CSV. Salesforce's report exports ("Formatted
// Report") put title rows above the header and a totals block below the rows; HubSpot's are plain.
//
// Line k of the text is row k of the sheet, so messages name the sheet's rows: rows above the
// header are written as blank lines (the framer drops them as a preamble; their text is put back
// into `dropped` afterwards), a line break inside a cell is written as a placeholder character (a
// Unicode noncharacter no cell holds) and turned back into "\n" when DuckDB reads the values, and
// the one blank line that may be inserted before a totals block shifts the rows after it by one
// (rowOf). Excel date cells hold wall-clock time with no zone: they are written as such text
// (2026-07-31 23:45:00), which typing reads in the configured time zone like any timestamp
// without an offset. The workbook is streamed (exceljs's streaming reader), and its uncompressed
// size is checked against validation.maxXlsxMegabytes before reading.
import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { columnsOf, type DatasetName } from "../schema/dataset.ts";
import type { Mapping } from "../schema/mapping.ts";
import type { ProblemCode } from "../validate/codes.ts";
import type { Problem } from "../validate/problem.ts";
import { matchHeaders } from "./headers.ts";
import { inlineStringsFlattened } from "./inlinestring.ts";
import { withEastAsianDates } from "./numfmt.ts";
import { phoneticsCut } from "./phonetic.ts";
import { streamOf, xmlText } from "./xmltext.ts";

/** Rows of a sheet searched for the header (Salesforce's title block is a handful). */
const HEADER_SEARCH_ROWS = 50;
/** First field of a totals row: Total, Grand Totals (25 records), 合計, 総計 (25 レコード). */
const TOTALS_LABEL = /^(grand\s+totals?|totals?|総計|合計)(\s*[(（][^)）]*[)）])?$/i;

export interface SheetText {
  sheet: string;
  /** Comma-separated text, line k = row k of the sheet (up to the inserted line, see rowOf). */
  text: string;
  /** The character that stands for a line break inside a cell. */
  newline: string;
  /** Some cell holds a line break (so values must turn `newline` back into one). */
  breaks: boolean;
  /** Sheet row of the header. */
  headerRow: number;
  /** Text line before which a blank line was inserted (to separate a totals block), if any. */
  inserted?: number;
  /** Sheet rows of the totals block (their text was cut to the label). */
  totals: Set<number>;
  /** Text of the rows whose text the framer does not see whole: title rows, totals rows. */
  original: Map<number, string>;
  /** Column letters of the table's columns, in order (A, B, ... AA). */
  letters: string[];
  problems: Problem[];
}

/** Thrown for a workbook that cannot be read at all; carries its problem. */
export class WorkbookError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.message);
    this.problem = problem;
  }
}

/** Sheet row of a line of the text (line numbers of framing, messages and __line). */
export function rowOf(s: Pick<SheetText, "inserted">, line: number): number {
  return s.inserted !== undefined && line > s.inserted ? line - 1 : line;
}

/** SQL: the sheet row of `line` (an expression), as rowOf. */
export function rowOfSql(s: Pick<SheetText, "inserted">, line: string): string {
  return s.inserted === undefined ? line : `CASE WHEN ${line} > ${s.inserted} THEN ${line} - 1 ELSE ${line} END`;
}

/** A column's letters: 1 -> A, 27 -> AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

/**
 * The sum of the uncompressed sizes the zip's central directory declares, or undefined when the
 * bytes are no zip (no end-of-central-directory record). A ZIP64 entry (a size of 4 GiB or more)
 * counts as infinite: no workbook a report needs is that large.
 */
export function zipUncompressedSize(bytes: Buffer): number | undefined {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff) return Number.POSITIVE_INFINITY;
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return undefined;
    const size = bytes.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return total;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell's wall-clock text. exceljs turns the serial into a Date whose UTC fields are the
 * cell's wall-clock time (the serial has no zone); they are written as they are. A serial below 1
 * (a time or duration alone, such as GA4's 0:01:35) is written as h:mm:ss.
 */
export function dateText(d: Date): string {
  const ms = d.getTime();
  if (ms < Date.UTC(1900, 0, 1)) {
    const seconds = Math.round((ms - EXCEL_EPOCH) / 1000);
    return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  }
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const f = d.getUTCMilliseconds();
  if (h === 0 && m === 0 && s === 0 && f === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}:${pad(s)}${f ? `.${pad(f, 3)}` : ""}`;
}

/** Does an Excel number format show a date or time (as exceljs decides for plain cells)? */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhsb]/i.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400 * 1000));
}

/** A cell's value as the text a CSV export would hold. */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return isDateFormat(numFmt) ? dateText(serialToDate(value, date1904)) : String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if (typeof value === "object") {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string; formula?: string };
    if ("formula" in v || "sharedFormula" in v) return cellText(v.result, numFmt, date1904);
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if (v.error !== undefined) return String(v.error);
    if (v.text !== undefined) return cellText(v.text, numFmt, date1904);
  }
  return String(value);
}

interface Candidate {
  sheet: string;
  row: number;
  matched: number;
  missing: string[];
  headers: string[];
}

export interface XlsxOptions {
  /** Path for messages, relative to the project. */
  file: string;
  dataset: DatasetName;
  mapping: Mapping;
  maxMegabytes: number;
}

/** A workbook that is too large, unreadable, or has no sheet with the dataset's header: one error. */
function workbookProblem(file: string, code: ProblemCode, message: string, fix: string, expected?: string): WorkbookError {
  return new WorkbookError({ severity: "error", code, file, message, expected, fix });
}

/** Read an .xlsx export into SheetText (see the module comment); WorkbookError when it cannot be. */
export async function readXlsx(bytes: Buffer, o: XlsxOptions): Promise<SheetText> {
  try {
    return await readWorkbook(bytes, o);
  } catch (e) {
    // exceljs's streaming reader now and then looks up the sheets' names before it has parsed a
    // workbook.xml stored after the worksheets (exceljs writes it last), and fails with "reading
    // 'sheets'" on a sound file (1 run in ~5 of the corpus on a loaded machine): read it once more.
    if (e instanceof WorkbookError && e.problem.code === "unreadable-file" && e.message.includes("reading 'sheets'"))
      return readWorkbook(bytes, o);
    throw e;
  }
}

async function readWorkbook(bytes: Buffer, o: XlsxOptions): Promise<SheetText> {
  const limit = o.maxMegabytes * 1024 * 1024;
  const declared = zipUncompressedSize(bytes);
  // A zip's first record with no directory at its end: a download or copy that stopped early, not
  // a file of another kind (it was told to rename the file .csv).
  if (declared === undefined && bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50)
    throw workbookProblem(
      o.file,
      "unreadable-file",
      `could not be read as xlsx: the workbook is cut short (${bytes.length.toLocaleString("en")} bytes, a zip archive without the directory that ends one)`,
      "export the workbook again, or download or copy it again (it stopped before its end)",
    );
  if (declared === undefined)
    throw workbookProblem(
      o.file,
      "unreadable-file",
      "could not be read as xlsx: it is not a zip archive (an .xlsx workbook is one)",
      "re-export the file as an Excel workbook (.xlsx), or rename it with the extension of what it holds (.csv); an old .xls must be saved as .xlsx",
    );
  if (declared > limit)
    throw workbookProblem(
      o.file,
      "xlsx-too-large",
      `holds ${declared === Number.POSITIVE_INFINITY ? "4 GB or more" : `${(declared / 1024 / 1024).toFixed(1)} MB`} once uncompressed, more than validation.maxXlsxMegabytes (${o.maxMegabytes} MB) allows; it was not read`,
      "export the data as CSV, or raise validation.maxXlsxMegabytes in gekkan.config.yaml if the workbook is what it should be",
      `a workbook of at most ${o.maxMegabytes} MB uncompressed`,
    );
  const required = columnsOf(o.dataset).filter((c) => c.required);
  // Loaded with the first workbook: a project of text exports never pays for it (~0.2 s of every build's start).
  const excel = (await import("exceljs")).default;
  const reader = new excel.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  // Corrections to exceljs for Japanese workbooks: the parts' XML decoded across chunk boundaries
  // (read/xmltext.ts), Excel's phonetic guides cut out of the shared strings before it reads them
  // (read/phonetic.ts), a sheet's inline strings made one text each (read/inlinestring.ts), and the
  // built-in date formats it lacks named once it has read the styles (read/numfmt.ts).
  type Chunks = AsyncIterable<Buffer>;
  const parts = reader as unknown as {
    _parseSharedStrings(entry: Chunks): AsyncGenerator<unknown>;
    _parseStyles(entry: Chunks): Promise<void>;
    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
    styles: Parameters<typeof withEastAsianDates>[0];
  };
  const parseSharedStrings = parts._parseSharedStrings;
  parts._parseSharedStrings = function (entry) {
    return parseSharedStrings.call(this, streamOf(phoneticsCut(xmlText(entry))));
  };
  const parseStyles = parts._parseStyles;
  parts._parseStyles = async function (entry) {
    await parseStyles.call(this, streamOf(xmlText(entry)));
    withEastAsianDates(this.styles);
  };
  const parseWorksheet = parts._parseWorksheet;
  parts._parseWorksheet = function (iterator, sheetNo) {
    return parseWorksheet.call(this, inlineStringsFlattened(xmlText(iterator)), sheetNo);
  };
  const problems: Problem[] = [];
  let chosen: { sheet: string; headerRow: number; rows: Map<number, string[]> } | undefined;
  let best: Candidate | undefined;
  /** Characters of cell text kept: bounded like the workbook, whatever its directory declared. */
  let kept = 0;
  try {
    for await (const ws of reader) {
      const sheet = (ws as unknown as { name: string }).name;
      const date1904 = Boolean((reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904);
      const rows = new Map<number, string[]>();
      let headerRow: number | undefined;
      let searched = 0;
      for await (const row of ws) {
        const r = row as ExcelJS.Row;
        if (headerRow === undefined && searched >= HEADER_SEARCH_ROWS) continue; // not this sheet: read past it
        const cells: string[] = [];
        r.eachCell({ includeEmpty: false }, (cell, col) => {
          const t = cellText(cell.value, cell.numFmt, date1904);
          cells[col - 1] = t;
          kept += t.length;
        });
        if (kept > limit)
          throw workbookProblem(
            o.file,
            "xlsx-too-large",
            `holds more than validation.maxXlsxMegabytes (${o.maxMegabytes} MB) of cell text; it was not read`,
            "export the data as CSV, or raise validation.maxXlsxMegabytes in gekkan.config.yaml if the workbook is what it should be",
          );
        if (chosen !== undefined && headerRow === undefined) {
          // A sheet after the one read: does it hold the dataset too? (searched, never read)
          searched++;
          const c = candidate(sheet, r.number, cells, o, required);
          if (c.missing.length === 0) {
            headerRow = r.number;
            problems.push({
              severity: "warning",
              code: "xlsx-other-sheet",
              file: o.file,
              value: sheet,
              message: `sheet '${sheet}' also has a header of ${o.dataset} (row ${r.number}), but only sheet '${chosen.sheet}' was read`,
              expected: "one sheet of data per workbook",
              fix: `delete the other sheet, or export each dataset to its own file`,
            });
          }
          continue;
        }
        if (headerRow === undefined) {
          searched++;
          rows.set(r.number, cells);
          const c = candidate(sheet, r.number, cells, o, required);
          if (best === undefined || c.matched > best.matched) best = c;
          if (c.missing.length === 0) headerRow = r.number;
          continue;
        }
        if (chosen === undefined) rows.set(r.number, cells);
      }
      if (chosen === undefined && headerRow !== undefined) chosen = { sheet, headerRow, rows };
    }
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw workbookProblem(
      o.file,
      "unreadable-file",
      `could not be read as xlsx: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
      "re-export the file from the source tool as an Excel workbook (.xlsx), or export it as CSV",
    );
  }
  if (chosen === undefined) {
    const b = best;
    throw workbookProblem(
      o.file,
      "xlsx-no-header",
      b === undefined
        ? "has no sheet with any rows"
        : `has no sheet with a header row of ${o.dataset} (in its first ${HEADER_SEARCH_ROWS} rows); the closest is row ${b.row} of sheet '${b.sheet}', which lacks ${b.missing.join(", ")} (it has: ${b.headers.slice(0, 12).join(", ")}${b.headers.length > 12 ? ", …" : ""})`,
      `add the missing columns to the report and export it again, or map their headers in mapping.yaml (columns: ${o.dataset}: "<your header>": <column>)`,
      `a row naming ${required.map((c) => c.name).join(", ")} (or their aliases)`,
    );
  }
  return { ...sheetText(chosen.sheet, chosen.headerRow, chosen.rows), problems };
}

/** How well a row serves as the header: the required columns it names, and which it lacks. */
function candidate(sheet: string, row: number, cells: string[], o: XlsxOptions, required: { name: string }[]): Candidate {
  const headers = cells.filter((c) => c !== undefined && c.trim() !== "").map((c) => c.trim());
  const { columns } = matchHeaders(o.dataset, headers, o.mapping, o.file);
  const missing = required.filter((c) => !columns.has(c.name)).map((c) => c.name);
  return { sheet, row, matched: columns.size + (required.length - missing.length) * 100, missing, headers };
}

const isEmpty = (v: string | undefined) => v === undefined || v.trim() === "";

/** The chosen sheet's rows as framer text (see the module comment). */
function sheetText(sheet: string, headerRow: number, rows: Map<number, string[]>): Omit<SheetText, "problems"> {
  const header = rows.get(headerRow)!;
  const named = header.map((v, k) => (isEmpty(v) ? -1 : k)).filter((k) => k >= 0);
  const numbers = [...rows.keys()].sort((a, b) => a - b);
  const last = numbers.at(-1) ?? headerRow;
  const rowText = (r: number) => (rows.get(r) ?? []).filter((v) => !isEmpty(v)).join(",");
  const inHeader = (cells: string[]) => named.some((k) => !isEmpty(cells[k]));
  const nonEmpty = (cells: string[]) => cells.filter((v) => !isEmpty(v)).length;
  const firstValue = (cells: string[]) => cells.find((v) => !isEmpty(v))?.trim() ?? "";

  // The totals block: from the first row after the header that starts with a totals label, when
  // every row after it is blank, another totals row, or one value (a footer line).
  let totalsFrom: number | undefined;
  for (const r of numbers) {
    if (r <= headerRow) continue;
    const cells = rows.get(r)!;
    if (totalsFrom === undefined) {
      if (TOTALS_LABEL.test(firstValue(cells))) totalsFrom = r;
    } else if (nonEmpty(cells) > 1 && !TOTALS_LABEL.test(firstValue(cells))) {
      totalsFrom = undefined; // data again: that was no totals block
    }
  }
  // The table's columns: the header's, widened to any column a data row has a value in.
  let from = named[0]!;
  let to = named.at(-1)!;
  for (const r of numbers) {
    if (r <= headerRow || (totalsFrom !== undefined && r >= totalsFrom)) continue;
    const cells = rows.get(r)!;
    if (!inHeader(cells)) continue;
    cells.forEach((v, k) => {
      if (isEmpty(v)) return;
      from = Math.min(from, k);
      to = Math.max(to, k);
    });
  }
  const letters: string[] = [];
  for (let k = from; k <= to; k++) letters.push(columnLetter(k + 1));

  // A line break inside a cell: a noncharacter no cell holds.
  let newline = "\uFDD0";
  for (let c = 0xfdd0; c <= 0xfdef; c++) {
    const ch = String.fromCharCode(c);
    if (![...rows.values()].some((cells) => cells.some((v) => v?.includes(ch)))) {
      newline = ch;
      break;
    }
  }
  let breaks = false;
  const field = (v: string | undefined) => {
    if (isEmpty(v)) return "";
    const q = v!.replaceAll('"', '""');
    if (!/[\r\n]/.test(q)) return `"${q}"`;
    breaks = true;
    return `"${q.replace(/\r\n|\r|\n/g, newline)}"`;
  };
  const original = new Map<number, string>();
  const totals = new Set<number>();
  const lines: string[] = [];
  let inserted: number | undefined;
  for (let r = 1; r <= last; r++) {
    const cells = rows.get(r);
    if (r < headerRow) {
      // A title row: blank for the framer (a preamble), its text kept for `dropped`.
      if (cells && nonEmpty(cells) > 0) original.set(r, rowText(r));
      lines.push("");
      continue;
    }
    if (cells === undefined) {
      lines.push("");
      continue;
    }
    if (totalsFrom !== undefined && r >= totalsFrom) {
      if (r === totalsFrom && lines.length > 0 && lines.at(-1) !== "" && r - 1 > headerRow) {
        // A blank line before the block, so the framer reads it as a footer.
        inserted = lines.length + 1;
        lines.push("");
      }
      if (nonEmpty(cells) > 1) {
        totals.add(r);
        original.set(r, rowText(r));
      }
      lines.push(field(firstValue(cells)));
      continue;
    }
    const table = cells.slice(from, to + 1);
    const outside = cells.filter((v, k) => (k < from || k > to) && !isEmpty(v));
    // A row with values only outside the table (a footer line in column A): its text as one field.
    if (nonEmpty(table) === 0 && outside.length > 0) {
      lines.push(field(outside.join(" ")));
      continue;
    }
    const out: string[] = [];
    for (let k = 0; k <= to - from; k++) out.push(field(table[k]));
    lines.push(out.join(","));
  }
  return { sheet, text: `${lines.join("\n")}\n`, newline, breaks, headerRow, inserted, totals, original, letters };
}
