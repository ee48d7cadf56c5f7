// Stage one export for DuckDB: decode and frame text formats in Node (DuckDB reads UTF-8 only,
// and never sees a footer or preamble), let DuckDB parse the fields. A clean UTF-8 export (one
// record a line, nothing to drop) is read from the file itself; any other from a framed copy.
// A file is read, decoded, framed and copied in chunks, never held whole, so memory does not grow
// with the size of an export.
// Staging does not load anything: it yields a SQL relation (`source`) that validation reads once,
// straight into its text table, so no file is copied into a table of its own first.
// Every source has __line (the source line, or the record number for Parquet/JSON).
import { closeSync, openSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ident, lit, type Db } from "../model/duckdb.ts";
import type { Problem } from "../validate/problem.ts";
import { decode, decodeChunks, encodingsFor, NotInEncoding, notText, undecodable, type Encoding } from "./encoding.ts";
import { frameChunks, frameVerbatimChunks, type Delimiter, type Dropped } from "./frame.ts";
import { CHUNK_BYTES, chunksOf } from "./chunks.ts";
import type { DuplicateHeader } from "./headerrow.ts";
import type { DataFile } from "./project.ts";
import { sha256OfChunks } from "./sha256.ts";

export interface StagedFile {
  file: DataFile;
  /** SQL relation of the file's records: __line BIGINT, then every header as text. */
  source: string;
  /** The framed copy `source` reads (text formats that needed one); delete it once read. */
  tmp?: string;
  headers: string[];
  /** Names the header gave more than once, numbered in `headers` (text formats; read/headerrow.ts). */
  duplicates?: DuplicateHeader[];
  bytes: number;
  sha256: string;
  encoding?: Encoding;
  delimiter?: Delimiter;
  dropped: Dropped[];
  /** Records the framer rejected (ragged rows): bad rows, counted with the rest. */
  rejected: number;
  /**
   * The distinct characters of Unicode's halfwidth and fullwidth forms block (U+FF00-U+FFEF: full-width
   * digits, （）, ！ ...) in the framed text; unknown (undefined) for structured formats. Found once
   * per file here, so validation need not test every value of a file that has none worth folding.
   */
  fullWidthForms?: string;
  /**
   * Some field may begin or end with a space (any Unicode space separator: U+0020, U+3000 ...), so
   * values must be trimmed (Framed.edgeSpaces); unknown (undefined) for structured formats.
   * Trimming every value of a file that has none cost more than reading it (scale 20, leads: 1.3
   * of 3.4 s of CPU).
   */
  edgeSpaces?: boolean;
  /**
   * The text is NFC (true): its string values need no normalizing. False when it may not be, and
   * unknown (undefined) for structured formats. Normalizing the leads' six text columns was a fifth
   * of typing them (scale 20: 1.8 -> 1.4 s on two threads).
   */
  nfc?: boolean;
  /** A workbook's (.xlsx) sheet that was read, and the column letters of `headers` in it (read/workbook.ts). */
  sheet?: string;
  letters?: string[];
}

export interface StageResult {
  staged?: StagedFile;
  problems: Problem[];
}

/** Text formats are framed in Node alone (no database work), so framing can overlap DuckDB reading the previous file. */
export function isText(file: DataFile): boolean {
  return file.format === "csv" || file.format === "tsv";
}

/** A file's bytes: how many, and the bytes themselves, read in chunks each time they are asked for. */
export interface FileBytes {
  length: number;
  chunks(): Iterable<Uint8Array>;
}

/** A file's bytes (read again in chunks when staged) and their sha256 (the cache key and the edition's record of what was read). */
export function readDataFile(file: DataFile): { bytes: FileBytes; sha256: string } {
  const { sha256, length } = sha256OfChunks(chunksOf(file.path, true));
  return { bytes: { length, chunks: () => chunksOf(file.path) }, sha256 };
}

/** The chunks of bytes given whole or as a file's. */
const chunksIn = (bytes: Uint8Array | FileBytes): Iterable<Uint8Array> => (bytes instanceof Uint8Array ? [bytes] : bytes.chunks());

/** Stage a CSV/TSV file: decode, frame, and write the framed copy to `tmpDir` as `name`.csv. */
export function stageTextFile(file: DataFile, bytes: Uint8Array | FileBytes, sha256: string, name: string, tmpDir: string): StageResult {
  if (bytes.length === 0) return { problems: [emptyFile(file)] };
  try {
    return stageText(file, name, tmpDir, bytes, sha256);
  } catch (e) {
    return { problems: [unreadable(file, e)] };
  }
}

/** Stage a Parquet or JSON file: DuckDB reads it directly; only its columns are asked for here. */
export async function stageStructuredFile(db: Db, file: DataFile, bytes: Uint8Array | FileBytes, sha256: string): Promise<StageResult> {
  if (bytes.length === 0) return { problems: [emptyFile(file)] };
  try {
    if (file.format === "jsonl" || file.format === "json") {
      // JSON is checked whole (JSON.parse): a JSON export is held in memory while it is checked.
      const problems = checkJson(file, Buffer.concat([...chunksIn(bytes)]));
      if (problems.length) return { problems };
    }
    return await stageStructured(db, file, bytes.length, sha256);
  } catch (e) {
    return { problems: [unreadable(file, e)] };
  }
}

function emptyFile(file: DataFile): Problem {
  return {
    severity: "error",
    code: "empty-file",
    file: file.rel,
    message: "is empty (0 bytes)",
    fix: "re-export the file; delete it if the month has no such data",
  };
}

/** DuckDB's JSON errors name no line a person can use; find broken records here first. */
function checkJson(file: DataFile, bytes: Buffer): Problem[] {
  const text = decode(bytes).text;
  const bad = (line: number, value: string, detail: string): Problem => ({
    severity: "error",
    code: "bad-json",
    file: file.rel,
    line,
    value: value.slice(0, 60),
    message: `is not valid JSON (${detail})`,
    expected: file.format === "jsonl" ? "one JSON object per line" : "a JSON array of objects",
    fix: "re-export the file; a record may have been cut or edited by hand",
  });
  if (file.format === "json") {
    try {
      JSON.parse(text);
      return [];
    } catch (e) {
      const m = /line (\d+)/.exec(String(e));
      return [bad(m ? Number(m[1]) : 1, "", String((e as Error).message).split("\n")[0]!)];
    }
  }
  const problems: Problem[] = [];
  let records = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    records++;
    try {
      const v: unknown = JSON.parse(line);
      if (typeof v !== "object" || v === null || Array.isArray(v)) problems.push(bad(i + 1, line, "not an object"));
    } catch (e) {
      if (problems.length < 20) problems.push(bad(i + 1, line, String((e as Error).message).split("\n")[0]!));
    }
  });
  if (records === 0)
    problems.push({
      severity: "error",
      code: "empty-file",
      file: file.rel,
      message: "has no records",
      fix: "re-export the file; delete it if the month has no such data",
    });
  return problems;
}

/** Two headers that differ only in case are one column to DuckDB (and to a reader); a text export's are numbered instead (read/headerrow.ts). */
function caseDuplicates(file: DataFile, headers: readonly string[], line: number): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const h of headers) {
    const key = h.toLowerCase();
    const prev = seen.get(key);
    if (prev !== undefined && prev !== h) {
      problems.push({
        severity: "error",
        code: "duplicate-header",
        file: file.rel,
        line,
        column: h,
        value: `${prev} / ${h}`,
        message: `'${prev}' and '${h}' differ only in letter case`,
        expected: "each column name once",
        fix: "remove or rename one of the two columns in the export",
      });
    }
    seen.set(key, h);
  }
  return problems;
}

function stageText(file: DataFile, name: string, tmpDir: string, bytes: Uint8Array | FileBytes, sha256: string): StageResult {
  // As decode() does: the encoding a BOM names, else UTF-8, else Shift_JIS, each strict over the
  // whole file; here a framing in one encoding stops where the bytes stop being valid in it.
  const start = head(chunksIn(bytes), 4096);
  const other = notText(start);
  if (other) {
    const binary = other.message.startsWith("is UTF-16") ? "bad-encoding" : "unreadable-file";
    const expected =
      binary === "bad-encoding" ? "UTF-8 (with or without BOM), Shift_JIS/CP932 or UTF-16 with BOM" : "a text export (CSV or TSV)";
    return { problems: [{ severity: "error", code: binary, file: file.rel, line: 1, message: other.message, expected, fix: other.fix }] };
  }
  const tried = encodingsFor(start);
  for (const encoding of tried) {
    try {
      return stageDecoded(file, name, tmpDir, bytes, sha256, encoding);
    } catch (e) {
      if (!(e instanceof NotInEncoding)) throw e;
    }
  }
  const e = undecodable(tried, chunksIn(bytes));
  return {
    problems: [
      {
        severity: "error",
        code: "bad-encoding",
        file: file.rel,
        line: e.line,
        message: e.message,
        expected: "UTF-8 (with or without BOM), Shift_JIS/CP932 or UTF-16 with BOM",
        fix: "re-export the file, or open it and save it as UTF-8 CSV",
      },
    ],
  };
}

/** The first `n` bytes (fewer in a shorter file). */
function head(chunks: Iterable<Uint8Array>, n: number): Uint8Array {
  let bytes = new Uint8Array(0);
  for (const chunk of chunks) {
    bytes = Buffer.concat([bytes, chunk.subarray(0, n - bytes.length)]);
    if (bytes.length >= n) break;
  }
  return bytes;
}

/** The framed copy, written as it is made, CHUNK_BYTES characters or more at a time. */
class Copy {
  readonly path: string;
  /** The characters written (charactersOf the copy). */
  readonly characters = new Characters();
  private fd: number | undefined;
  private pending: string[] = [];
  private size = 0;
  constructor(path: string) {
    this.path = path;
  }
  write(csv: string): void {
    this.characters.add(csv);
    this.pending.push(csv);
    this.size += csv.length;
    if (this.size >= CHUNK_BYTES) this.flush();
  }
  close(): void {
    if (this.pending.length) this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
  private flush(): void {
    this.fd ??= openSync(this.path, "w");
    writeFileSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.size = 0;
  }
}

/** Stage the file as text in `encoding`; NotInEncoding when its bytes are not (wherever that shows). */
function stageDecoded(
  file: DataFile,
  name: string,
  tmpDir: string,
  bytes: Uint8Array | FileBytes,
  sha256: string,
  encoding: Encoding,
): StageResult {
  const options = { file: file.rel, delimiter: file.format === "tsv" ? ("\t" as const) : undefined };
  const copy = new Copy(join(tmpDir, `${name}.csv`));
  /** The text read (each time the framer asks for it again) and its characters. */
  const opened: Generator<string>[] = [];
  let read = new Characters();
  const text = (): Iterable<string> => {
    const chars = (read = new Characters());
    const decoded = (function* () {
      for (const chunk of decodeChunks(chunksIn(bytes), encoding)) {
        chars.add(chunk);
        yield chunk;
      }
    })();
    opened.push(decoded);
    return decoded;
  };
  let framed: ReturnType<typeof frameChunks> | ReturnType<typeof frameVerbatimChunks>;
  try {
    // A clean UTF-8 export is read by DuckDB as it is; any other is framed into a copy first.
    framed =
      encoding === "utf-8"
        ? frameVerbatimChunks(text, options, (csv) => copy.write(csv))
        : frameChunks(text(), options, (csv) => copy.write(csv));
  } catch (e) {
    rmSync(copy.path, { force: true });
    throw e;
  } finally {
    for (const g of opened) g.return(undefined); // closes the file a framing stopped reading
    copy.close();
  }
  const fatal = framed.problems.some((p) => p.severity === "error" && p.code !== "ragged-row");
  if (fatal) {
    rmSync(copy.path, { force: true });
    return { problems: framed.problems };
  }
  // Explicit column types: every field is text, so DuckDB never sniffs types from a sample.
  const types = (columns: string[]) => `{${columns.map((c) => `${lit(c)}: ${c === "__line" ? "'BIGINT'" : "'VARCHAR'"}`).join(", ")}}`;
  const readCsv = (
    path: string,
    columns: string[],
  ) => `read_csv(${lit(path)}, header = true, delim = ${lit(framed.delimiter)}, quote = '"', escape = '"',
      columns = ${types(columns)}, auto_detect = false, new_line = '\\n', max_line_size = 16777216, buffer_size = 16777216, parallel = false)`;
  let source: string;
  let tmp: string | undefined;
  if ("verbatim" in framed) {
    // One record a line from the line after the header; a single-threaded read keeps file order,
    // so row_number() is the record's place in the file.
    source = `(SELECT CAST(row_number() OVER () + ${framed.headerLine} AS BIGINT) AS __line, * FROM ${readCsv(file.path, framed.header)})`;
  } else {
    tmp = copy.path;
    source = readCsv(tmp, ["__line", ...framed.header]);
  }
  const rejected = framed.problems.filter((p) => p.code === "ragged-row").length;
  return {
    staged: {
      file,
      source,
      tmp,
      headers: framed.header,
      duplicates: framed.duplicates,
      bytes: bytes.length,
      sha256,
      encoding,
      delimiter: framed.delimiter,
      dropped: framed.dropped,
      rejected,
      edgeSpaces: framed.edgeSpaces,
      // Of the text DuckDB reads: the export's own, or the copy.
      ...("verbatim" in framed ? read : copy.characters).result(),
    },
    problems: framed.problems,
  };
}

async function stageStructured(db: Db, file: DataFile, bytes: number, sha256: string): Promise<StageResult> {
  const reader =
    file.format === "parquet"
      ? `read_parquet(${lit(file.path)})`
      : `read_json(${lit(file.path)}, format = ${file.format === "jsonl" ? "'newline_delimited'" : "'auto'"}, sample_size = -1)`;
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${reader}`);
  const headers = described.map((d) => d.column_name);
  const dups = caseDuplicates(file, headers, 1);
  if (dups.length) return { problems: dups };
  // Structured formats are typed already; cast to text so one typing path validates every format.
  const cast = described.map((d) => `CAST(${ident(d.column_name)} AS VARCHAR) AS ${ident(d.column_name)}`).join(", ");
  const source = `(SELECT row_number() OVER () AS __line, ${cast} FROM ${reader})`;
  return { staged: { file, source, headers, bytes, sha256, dropped: [], rejected: 0 }, problems: [] };
}

type Ranges = readonly (readonly [number, number])[];
/** The inert characters of most exports: Latin, CJK symbols, kana and ideographs. */
const COMMON_INERT_RANGES: Ranges = [
  [0x0000, 0x02ff],
  [0x3000, 0x3029],
  [0x3030, 0x3098],
  [0x309b, 0x30ff],
  [0x4e00, 0x9fff],
];
/**
 * Characters that normalization to NFC leaves as they are, wherever they stand: each is its own NFC,
 * is no combining mark, and is no character a canonical composition ends with (the tests check
 * this over all of Unicode). A text of these alone is NFC. Here: Latin, general punctuation,
 * arrows, symbols and box drawing, CJK symbols (less the tone marks U+302A-F), kana (less the
 * combining voiced marks U+3099-A), enclosed CJK (㈱), CJK ideographs and the twelve unified
 * ones among the compatibility ideographs (﨑), Hangul syllables. The halfwidth and fullwidth
 * forms (U+FF00-U+FFEF) are inert too, but charactersOf looks for them apart.
 */
const NFC_INERT_RANGES: Ranges = [
  ...COMMON_INERT_RANGES,
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x2328],
  [0x232b, 0x23ff],
  [0x2460, 0x24ff],
  [0x2500, 0x27bf],
  [0x3100, 0x33ff],
  [0x3400, 0x4dbf],
  [0xac00, 0xd7a3],
  [0xfa0e, 0xfa0f],
  [0xfa11, 0xfa11],
  [0xfa13, 0xfa14],
  [0xfa1f, 0xfa1f],
  [0xfa21, 0xfa21],
  [0xfa23, 0xfa24],
  [0xfa27, 0xfa29],
];
const hex = (c: number) => `\\u${c.toString(16).padStart(4, "0")}`;
/** Ranges as the inside of a regex character class. */
const classOf = (ranges: Ranges) => ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join("");
/** NFC_INERT_RANGES as the inside of a regex character class. */
export const NFC_INERT = classOf(NFC_INERT_RANGES);

/** Per UTF-16 code unit: 0 NFC-inert, 1 a halfwidth or fullwidth form (inert too), 2 anything else. */
const KIND = (() => {
  const kind = new Uint8Array(0x10000).fill(2);
  for (const [a, b] of NFC_INERT_RANGES) kind.fill(0, a, b + 1);
  kind.fill(1, 0xff00, 0xfff0);
  return kind;
})();
/** A character outside COMMON_INERT_RANGES: one charactersOf must look at. */
const UNCOMMON = new RegExp(`[^${classOf(COMMON_INERT_RANGES)}]`, "g");

/**
 * One pass over the text DuckDB will read: the distinct halfwidth and fullwidth forms in it
 * (StagedFile.fullWidthForms), and whether it is NFC for sure (StagedFile.nfc). A regex finds the
 * characters outside the common ranges, a table classifies them (scale 20, a month's leads:
 * 5.6 ms; testing every character against the whole class took 21-60 ms).
 */
export function charactersOf(text: string): { fullWidthForms: string; nfc: boolean } {
  const c = new Characters();
  c.add(text);
  return c.result();
}

/** charactersOf a text given in chunks. */
export class Characters {
  private readonly forms = new Uint8Array(0xf0);
  private nfc = true;

  add(text: string): void {
    const re = new RegExp(UNCOMMON);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      // Code units (no u flag): half a surrogate pair is kind 2, not inert, as it should be.
      const c = text.charCodeAt(m.index);
      if (KIND[c] === 1) this.forms[c - 0xff00] = 1;
      else if (KIND[c] === 2) this.nfc = false;
    }
  }

  result(): { fullWidthForms: string; nfc: boolean } {
    let fullWidthForms = "";
    this.forms.forEach((seen, k) => {
      if (seen) fullWidthForms += String.fromCharCode(0xff00 + k);
    });
    return { fullWidthForms, nfc: this.nfc };
  }
}

/** A file DuckDB could not read (at staging, or when its source was read). */
export function unreadable(file: DataFile, e: unknown): Problem {
  // DuckDB's message names the absolute path; messages name paths relative to the project.
  const detail = (e instanceof Error ? e.message.split("\n")[0]! : String(e)).replaceAll(file.path, file.rel);
  // A full disk is no fault of the file: the run stops, and the CLI says where space ran out.
  if (/\b(ENOSPC|EDQUOT)\b|no space left on device/i.test(`${(e as NodeJS.ErrnoException)?.code ?? ""} ${detail}`)) throw e;
  return {
    severity: "error",
    code: "unreadable-file",
    file: file.rel,
    message: `could not be read as ${file.format}: ${detail}`,
    fix: `check that the file really is ${file.format} (re-export it from the tool), or rename it with the right extension`,
  };
}
