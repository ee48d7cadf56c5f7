// Framing: from decoded export text to a clean CSV that DuckDB reads as-is. Node does only
// what DuckDB cannot: drop GA4 '#' preambles and trailing tables, Salesforce report footers and
// totals rows, sniff the delimiter, and keep each record's source start line (exact even after
// quoted newlines) for messages. Field typing is DuckDB's job; nothing here parses values.
//
// One pass over the text with charCodeAt. The scanner keeps field offsets in a typed array and
// makes strings only when it must: a clean record (most records of most exports) goes out as its
// own source slice, and output records are joined in small chunks (cheap for the GC). Records go
// out as they are read; only a record whose first field looks like a totals label, and the records
// after a blank line while they still look like a footer, are held back. The text may come in
// chunks and the output go out in chunks (frameChunks): the scanners read a window that grows as
// they need more text and forgets what was read, so an export of any size is framed in bounded
// memory, with the same result as the whole text gives.
import type { Problem } from "../validate/problem.ts";
import { declaredBy, declaredTotalProblem, footerOf, isFooterText } from "./footer.ts";
import { headerNames, type DuplicateHeader } from "./headerrow.ts";
import { firstNonEmpty, isBlank, NONE, nonEmpty, type Rec } from "./record.ts";

export type Delimiter = "," | ";" | "\t";
export interface Dropped {
  line: number;
  text: string;
  reason: "preamble" | "footer" | "totals" | "blank";
}

export interface Framed {
  delimiter: Delimiter;
  /** 1-based line of the header in the source text. */
  headerLine: number;
  /** Header names: unquoted, trimmed, BOM stripped; an empty name becomes column_<n>, a name given again is numbered. */
  header: string[];
  /** Names the header gives more than once (headerNames). */
  duplicates: DuplicateHeader[];
  /**
   * UTF-8 CSV, "\n" line ends: `"__line"` then the header; each kept record prefixed by its
   * 1-based source start line. A plain field (no quote in it) and a cleanly quoted one are written
   * as they came; any other is quoted with doubled quotes, newlines inside normalised to "\n".
   */
  csv: string;
  /** Data records kept (written to csv). */
  rows: number;
  /** Lines that are not data, in source order: preamble, footer, totals rows and blank lines. */
  dropped: Dropped[];
  problems: Problem[];
  /** N from a Salesforce footer "Grand Totals (N records)" / "総計 (N レコード)". */
  declaredTotal?: number;
  /**
   * Some field may begin or end with a space that DuckDB's trim() removes (isTrimmedSpace), so its
   * values must be trimmed. Seen as the fields are scanned: a value is a field's text between its
   * delimiters, or between its quotes. Records dropped later (footers) count too: that only costs
   * a trim that was not needed.
   */
  edgeSpaces: boolean;
}

export interface FrameOptions {
  /** Path for problems, relative to the project root. */
  file: string;
  /** Skip sniffing (e.g. a .tsv file). */
  delimiter?: Delimiter;
}

/** What frameVerbatim says of a text that is already clean: everything but the copy. */
export type VerbatimFrame = Omit<Framed, "csv"> & { verbatim: true };

/** What a verbatim framing gives when the text needs a copy after all (it is then framed with one). */
const NEEDS_COPY = { needsCopy: true } as const;
type NeedsCopy = typeof NEEDS_COPY;

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const BOM = 0xfeff;
/** Sniffing looks at the header and this many records after it. */
const SNIFF_RECORDS = 50;
const MAX_VALUE = 60;
/** Output records gathered before they are joined into one chunk. */
const CHUNK_RECORDS = 256;
/** Characters of a GA4 tail read before the window forgets them (once they are at least half of it). */
const TAIL_KEPT = 1 << 16;

/** A totals row's label: Total, 合計, or Salesforce's Grand Totals (2 records) / 総計 (2 件のレコード) on a row that carries the sums. */
const TOTALS = /^(total|totals|grand total|grand totals|合計|総計)(\s*[(（]\s*[\d,]+\s*(records?|件のレコード|レコード|件)\s*[)）])?$/i;
/** First characters of a raw first field that may be a totals label. */
const TOTALS_START = new Set([...'TtGg合総 \t"\u3000'].map((ch) => ch.charCodeAt(0)));
/** Longest raw first field that can still be a totals label (with padding). */
const TOTALS_MAX = 40;
/** Excel's delimiter hint on the first line. */
const SEP_LINE = /^"?sep=([,;\t])"?[,;\t]*$/;
/** A line that carries nothing: whitespace, delimiters and empty quotes only (e.g. Excel's ",,,,"). */
const BLANK_LINE = /^[\s,;"]*$/;

// Field kinds, as the scanner saw them.
/** Unquoted, no quote character inside. */
const PLAIN = 0;
/** Unquoted with a stray quote inside (`5" screen`). */
const PLAIN_QUOTE = 1;
/** Quoted, no CR, nothing around the quotes: the source text (doubled quotes and all) is already the output. */
const QUOTED = 2;
/** Quoted with CR line ends inside, or text before or after the quotes. */
const QUOTED_MESSY = 3;

const READ = { EOF: 0, RECORD: 1, UNTERMINATED: 2 } as const;

/**
 * The text as the scanners read it: a window over the chunks it comes in, grown as a scanner needs
 * more; the framer's own scanner forgets what it has read each time it grows it, so only the text
 * around the current record is held. A whole text is one chunk. Positions are offsets into the
 * window. The window is one flat string (joined, not concatenated or sliced: a scanner's
 * charCodeAt on a cons or sliced string goes through it each time).
 */
class Text {
  /** The window. */
  s = "";
  /** Some chunk read so far has a carriage return. */
  cr = false;
  private readonly chunks: Iterator<string>;
  private done = false;

  constructor(chunks: Iterable<string>) {
    this.chunks = chunks[Symbol.iterator]();
    this.more();
  }

  /**
   * Append the next chunk to the window (and more, until it is `want` long), forgetting the window
   * before offset `keep` (offsets after it become offsets from `keep`); false, and nothing
   * forgotten, when the text has no more.
   */
  more(keep = 0, want = 0): boolean {
    const first = this.pull();
    if (first === undefined) return false;
    const parts = this.s.length === keep ? [] : [keep ? this.s.slice(keep) : this.s];
    let length = this.s.length - keep;
    let chunk: string | undefined = first;
    while (chunk !== undefined) {
      parts.push(chunk);
      length += chunk.length;
      chunk = length < want ? this.pull() : undefined;
    }
    this.s = parts.length === 1 ? parts[0]! : parts.join("");
    return true;
  }

  /** Is offset `i` past the end of the text (the window grown to reach it if there is more)? */
  end(i: number): boolean {
    return i >= this.s.length && !this.more(0, i + 1);
  }

  /** Forget the window before offset `i`: offsets after it become offsets from `i`. */
  forget(i: number): void {
    this.s = this.s.slice(i);
  }

  /** Read the rest without keeping it (only whether it has a carriage return). */
  skipRest(): void {
    while (this.pull() !== undefined);
  }

  private pull(): string | undefined {
    while (!this.done) {
      const next = this.chunks.next();
      if (next.done) this.done = true;
      else if (next.value !== "") {
        if (!this.cr && next.value.includes("\r")) this.cr = true;
        return next.value;
      }
    }
    return undefined;
  }
}

/**
 * Quote-aware record scanner. `read()` reads one record and leaves its field boundaries in `b`
 * (4 ints a field: start, closing quote or -1, end, kind), so no string is made unless asked for.
 */
class Scanner {
  readonly src: Text;
  readonly delim: number;
  i: number;
  line: number;
  /** The current record. */
  recLine = 0;
  recStart = 0;
  recEnd = 0;
  count = 0;
  /** Every field of the record is PLAIN or QUOTED: the record's source text is already the output. */
  clean = true;
  /** Line where an unterminated quote opened. */
  openedAt = 0;
  /** Some field scanned so far begins or ends with a space (Framed.edgeSpaces). */
  edgeSpaces = false;
  b = new Int32Array(256);

  /** Forget the text before the record when the window grows (the framer's own scanner; no other may). */
  readonly forgets: boolean;

  constructor(src: Text, i: number, line: number, delim: number, forgets = false) {
    this.src = src;
    this.i = i;
    this.line = line;
    this.delim = delim;
    this.forgets = forgets;
  }

  get text(): string {
    return this.src.s;
  }

  get n(): number {
    return this.src.s.length;
  }

  /**
   * Read one record, growing the window while the record may go on past it: a scan that reached
   * the window's end (where it could not look ahead) is made again over a window at least twice
   * as long, so a record of any length is scanned a few times, not once a chunk.
   */
  read(): number {
    for (;;) {
      const { i, line, edgeSpaces } = this;
      const got = this.next();
      if (got === READ.RECORD && this.i < this.n) return got;
      // The framer's scanner forgets the records before this one (no offset before it is used again).
      const keep = this.forgets ? i : 0;
      if (!this.src.more(keep, 2 * (this.n - keep))) return got;
      this.i = i - keep;
      this.line = line;
      this.edgeSpaces = edgeSpaces;
    }
  }

  /** The current record's source text. */
  raw(): string {
    return this.text.slice(this.recStart, this.recEnd);
  }

  private next(): number {
    const { text, n, delim } = this;
    let i = this.i;
    if (i >= n) return READ.EOF;
    let line = this.line;
    this.recStart = i;
    this.recLine = line;
    let count = 0;
    let clean = true;
    let edge = this.edgeSpaces;
    for (;;) {
      const fs = i;
      let cq = -1;
      let kind: number = PLAIN;
      let ch = text.charCodeAt(i);
      if (ch === SPACE) {
        // ` "quoted"`: spaces before an opening quote are padding.
        let j = i + 1;
        while (text.charCodeAt(j) === SPACE) j++;
        if (text.charCodeAt(j) === QUOTE) {
          i = j;
          ch = QUOTE;
        }
      }
      if (ch === QUOTE) {
        const quoteLine = line;
        kind = QUOTED;
        i++;
        for (;;) {
          if (i >= n) {
            this.openedAt = quoteLine;
            return READ.UNTERMINATED;
          }
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              i += 2;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          else if (c === CR) {
            kind = QUOTED_MESSY;
            if (text.charCodeAt(i + 1) !== LF) line++;
          }
          i++;
        }
        cq = i;
        i++;
        // Lenient: text between the closing quote and the delimiter (`"a"b,`) is kept.
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          kind = QUOTED_MESSY;
          i++;
        }
        if (fs !== cq && text.charCodeAt(fs) === SPACE) kind = QUOTED_MESSY;
        if (kind !== QUOTED) clean = false;
      } else {
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === delim || c === LF || c === CR) break;
          if (c === QUOTE) {
            kind = PLAIN_QUOTE;
            clean = false;
          }
          i++;
        }
      }
      let b = this.b;
      const k = count * 4;
      if (k + 4 > b.length) {
        const grown = new Int32Array(b.length * 2);
        grown.set(b);
        this.b = b = grown;
      }
      b[k] = fs;
      b[k + 1] = cq;
      b[k + 2] = i;
      b[k + 3] = kind;
      count++;
      // The value's first and last characters: inside the quotes for a quoted field.
      if (!edge) {
        if (kind === PLAIN) edge = i > fs && (isTrimmedSpace(text.charCodeAt(fs)) || isTrimmedSpace(text.charCodeAt(i - 1)));
        else if (kind === QUOTED)
          edge = cq > fs + 1 && (isTrimmedSpace(text.charCodeAt(fs + 1)) || isTrimmedSpace(text.charCodeAt(cq - 1)));
        else edge = this.edgeOf(k);
      }
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      break; // line end or EOF
    }
    this.recEnd = i;
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    if (i > this.recEnd) line++;
    this.i = i;
    this.line = line;
    this.count = count;
    this.clean = clean;
    this.edgeSpaces = edge;
    return READ.RECORD;
  }

  /** Does the current record span more than one line (a quoted line break)? */
  multiline(): boolean {
    return this.line - this.recLine - (this.i > this.recEnd ? 1 : 0) > 0;
  }

  /** Field k of the current record as a value. */
  field(k: number): string {
    return this.fieldAt(k * 4);
  }

  /** Does the value of the field whose boundaries start at b[at] begin or end with a space? */
  private edgeOf(at: number): boolean {
    const v = this.fieldAt(at);
    return v !== "" && (isTrimmedSpace(v.charCodeAt(0)) || isTrimmedSpace(v.charCodeAt(v.length - 1)));
  }

  /** The value of the field whose boundaries start at b[at]. */
  private fieldAt(at: number): string {
    const { text, b } = this;
    const fs = b[at]!;
    const cq = b[at + 1]!;
    const fe = b[at + 2]!;
    const kind = b[at + 3]!;
    if (kind === PLAIN || kind === PLAIN_QUOTE) return text.slice(fs, fe);
    const open = text.indexOf('"', fs);
    let v = text.slice(open + 1, cq);
    if (v.includes('"')) v = v.replaceAll('""', '"');
    if (kind === QUOTED) return v;
    v += text.slice(cq + 1, fe);
    if (v.includes("\r")) v = v.replace(/\r\n?/g, "\n");
    return v;
  }

  /** Is field k empty or whitespace only? Decided without a string in the usual case. */
  fieldEmpty(k: number): boolean {
    const { text, b } = this;
    const kind = b[k * 4 + 3]!;
    let from = b[k * 4]!;
    let to = b[k * 4 + 2]!;
    if (kind === QUOTED) {
      from = text.indexOf('"', from) + 1;
      to = b[k * 4 + 1]!;
    } else if (kind === QUOTED_MESSY) {
      return this.field(k).trim() === "";
    }
    if (from >= to) return true;
    const c = text.charCodeAt(from);
    if (c > SPACE && c < 0x7f) return false;
    return text.slice(from, to).trim() === "";
  }

  isBlank(): boolean {
    for (let k = 0; k < this.count; k++) if (!this.fieldEmpty(k)) return false;
    return true;
  }

  /** How many fields are not empty, counting no further than `limit` + 1. */
  nonEmpty(limit: number): number {
    let m = 0;
    for (let k = 0; k < this.count && m <= limit; k++) if (!this.fieldEmpty(k)) m++;
    return m;
  }

  firstNonEmpty(): string {
    for (let k = 0; k < this.count; k++) if (!this.fieldEmpty(k)) return this.field(k).trim();
    return "";
  }

  /**
   * A GA4 comment line after the header: starts with '#' and does not look like a data record
   * (a campaign called "#launch" with a full row of values is data).
   */
  isComment(width: number): boolean {
    return this.text.charCodeAt(this.recStart) === HASH && (this.count !== width || this.nonEmpty(1) <= 1);
  }

  /** Could the first field be a totals label? Cheap test first. */
  firstIsTotals(): boolean {
    const { text, b } = this;
    if (b[2]! - b[0]! > TOTALS_MAX) return false;
    // A label starts with T, G, 合 or 総 (perhaps after padding or a quote): no regex otherwise.
    if (!TOTALS_START.has(text.charCodeAt(b[0]!))) return false;
    return TOTALS.test(this.field(0).trim());
  }

  rec(): Rec {
    const fields: string[] = new Array<string>(this.count);
    for (let k = 0; k < this.count; k++) fields[k] = this.field(k);
    return { line: this.recLine, raw: this.raw(), fields };
  }

  /** The current record as output fields, delimiter-separated: its source text unless a field needs quoting. */
  out(delimiter: string): string {
    const { text, b } = this;
    if (this.clean) return text.slice(this.recStart, this.recEnd);
    let s = "";
    for (let k = 0; k < this.count; k++) {
      const kind = b[k * 4 + 3]!;
      const v = kind === PLAIN || kind === QUOTED ? text.slice(b[k * 4]!, b[k * 4 + 2]!) : quote(this.field(k));
      s = k === 0 ? v : s + delimiter + v;
    }
    return s;
  }
}

/**
 * Is `c` a character DuckDB's trim() removes: Unicode's space separators (U+0020, U+00A0, U+1680,
 * U+2000-U+200A, U+202F, U+205F, U+3000), not tabs or line breaks.
 */
export function isTrimmedSpace(c: number): boolean {
  if (c < 0xa0) return c === SPACE;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

function quote(field: string): string {
  return field.includes('"') ? `"${field.replaceAll('"', '""')}"` : `"${field}"`;
}

function clip(s: string): string {
  return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE) : s;
}

function delimName(d: Delimiter): string {
  return d === "\t" ? "tabs" : `'${d}'`;
}

/** The line at `i` (without its line end) and the offset after its line end. */
function lineAt(src: Text, i: number): { text: string; next: number } {
  let j = i;
  while (!src.end(j)) {
    const ch = src.s.charCodeAt(j);
    if (ch === LF || ch === CR) break;
    j++;
  }
  const line = src.s.slice(i, j);
  if (!src.end(j) && src.s.charCodeAt(j) === CR) j++;
  if (!src.end(j) && src.s.charCodeAt(j) === LF) j++;
  return { text: line, next: j };
}

/** After a blank record: is the next non-blank line a '#' comment? (a further GA4 table follows) */
function commentAhead(src: Text, i: number, delim: number, width: number): boolean {
  while (!src.end(i)) {
    const c = src.s.charCodeAt(i);
    if (c === HASH) {
      const sc = new Scanner(src, i, 0, delim);
      return sc.read() === READ.RECORD && sc.isComment(width);
    }
    // Only a line starting like a blank line can be one: no slicing for ordinary data.
    if (c > SPACE && c !== 0x2c && c !== 0x3b && c !== QUOTE && c !== 0x3000) return false;
    const l = lineAt(src, i);
    if (!BLANK_LINE.test(l.text)) return false;
    i = l.next;
  }
  return false;
}

/**
 * Pick the delimiter: among those that split the header (outside quotes), the one whose field
 * count is most consistent over the next records. Ties go to tab, ',', ';' in that order when the
 * counts are fully consistent, otherwise to the one giving more header fields first.
 */
function sniff(src: Text, pos: number, line: number): Delimiter {
  const order: Delimiter[] = ["\t", ",", ";"];
  let best: Delimiter = ",";
  let bestScore = -1;
  let bestWidth = 0;
  for (const d of order) {
    const sc = new Scanner(src, pos, line, d.charCodeAt(0));
    if (sc.read() !== READ.RECORD || sc.count < 2) continue;
    const width = sc.count;
    let seen = 0;
    let same = 0;
    for (let k = 0; k < SNIFF_RECORDS; k++) {
      if (sc.read() !== READ.RECORD) break;
      if (sc.isBlank()) continue;
      if (sc.text.charCodeAt(sc.recStart) === HASH) continue;
      const r = sc.rec();
      if (nonEmpty(r) <= 1 && isFooterText(firstNonEmpty(r))) continue;
      seen++;
      if (sc.count === width) same++;
    }
    const score = seen === 0 ? 1 : same / seen;
    const better = score > bestScore || (score === bestScore && score < 1 && width > bestWidth);
    if (better) {
      best = d;
      bestScore = score;
      bestWidth = width;
    }
  }
  return best;
}

export function frame(text: string, options: FrameOptions): Framed {
  const csv: string[] = [];
  const framed = frameChunks([text], options, (chunk) => csv.push(chunk));
  return { ...framed, csv: csv.length === 1 ? csv[0]! : csv.join("") };
}

/** What frameChunks returns: a Framed whose csv went out in chunks. */
export type FramedChunks = Omit<Framed, "csv">;

/** frame() of a text given in chunks: the framed CSV goes to `write` in chunks as it is made (their concatenation is frame()'s csv). */
export function frameChunks(text: Iterable<string>, options: FrameOptions, write: (csv: string) => void): FramedChunks {
  return detached(framing(new Text(text), options, write));
}

/**
 * Frame a text that DuckDB could read as it is, without making the copy: when the header is on
 * line 1, every record is one clean line (plain or cleanly quoted fields, as many as the header),
 * line ends are LF and nothing is dropped, the result says `verbatim` and has no csv; each record
 * k (from 0) is on line headerLine + 1 + k. Any other text is framed as frame() does. Building
 * and writing the copy was a third of reading a clean export (scale 20 leads: ~40 of ~115 ms a file).
 */
export function frameVerbatim(text: string, options: FrameOptions): Framed | VerbatimFrame {
  const framed = framingVerbatim(new Text([text]), options);
  return "needsCopy" in framed ? frame(text, options) : detached(framed);
}

/** frameVerbatim() of a text given in chunks: `text` gives it again (to frameChunks, writing the copy to `write`) when it needs a copy after all. */
export function frameVerbatimChunks(
  text: () => Iterable<string>,
  options: FrameOptions,
  write: (csv: string) => void,
): FramedChunks | VerbatimFrame {
  const framed = framingVerbatim(new Text(text()), options);
  return "needsCopy" in framed ? frameChunks(text(), options, write) : detached(framed);
}

/**
 * The result with its strings copied out of the text they were cut from. V8 keeps a slice of a
 * string (13 characters or more) as a view of the whole, so one header name or problem value kept
 * a whole export's text alive for as long as the build kept it.
 */
function detached<F extends FramedChunks>(framed: F): F {
  framed.header = framed.header.map(copy);
  framed.duplicates = framed.duplicates.map((d) => ({ ...d, name: copy(d.name), given: d.given.map(copy), columns: d.columns.map(copy) }));
  for (const d of framed.dropped) d.text = copy(d.text);
  for (const p of framed.problems) {
    p.message = copy(p.message);
    if (p.value !== undefined) p.value = copy(p.value);
    if (p.column !== undefined) p.column = copy(p.column);
    if (p.expected !== undefined) p.expected = copy(p.expected);
    p.fix = copy(p.fix);
  }
  return framed;
}

/** A string of its own: prefixed and cut again, it is built anew from its characters, not a view. */
function copy(s: string): string {
  return ` ${s}`.slice(1);
}

/** A verbatim framing of `src`: no copy is made, and NEEDS_COPY says when the text needs one. */
function framingVerbatim(src: Text, options: FrameOptions): VerbatimFrame | NeedsCopy {
  const framed = framing(src, options, undefined);
  return "needsCopy" in framed ? framed : { ...framed, verbatim: true };
}

/**
 * Frame `src`, writing the copy to `write`; without `write`, a verbatim framing (no copy, and
 * NEEDS_COPY as soon as the text needs one).
 */
function framing(src: Text, options: FrameOptions, write: (csv: string) => void): FramedChunks;
function framing(src: Text, options: FrameOptions, write: undefined): FramedChunks | NeedsCopy;
function framing(src: Text, options: FrameOptions, write: ((csv: string) => void) | undefined): FramedChunks | NeedsCopy {
  const { file } = options;
  const verbatim = write === undefined;
  // A carriage return anywhere needs a copy: looked for in each chunk as it is read.
  if (verbatim && (src.s.charCodeAt(0) === BOM || src.cr)) return NEEDS_COPY;
  const { pos, line, declared, dropped } = preamble(src);
  if (verbatim && dropped.length > 0) return NEEDS_COPY;
  const delimiter: Delimiter = options.delimiter ?? declared ?? (!src.end(pos) ? sniff(src, pos, line) : ",");
  const problems: Problem[] = [];
  let duplicates: DuplicateHeader[] = [];
  const result = (header: string[], headerLine: number, rows: number, edgeSpaces = false): FramedChunks => ({
    delimiter,
    headerLine,
    header,
    duplicates,
    rows,
    dropped,
    problems,
    edgeSpaces,
  });
  if (src.end(pos)) {
    if (verbatim) return NEEDS_COPY;
    problems.push(emptyFile(file, dropped.length > 0));
    return result([], line, 0);
  }

  const sc = new Scanner(src, pos, line, delimiter.charCodeAt(0), true);
  const got = sc.read();
  if (got !== READ.RECORD) {
    if (got === READ.UNTERMINATED) {
      if (verbatim) return NEEDS_COPY;
      problems.push(unterminatedQuote(sc, file));
    }
    return result([], line, 0, sc.edgeSpaces);
  }
  if (verbatim && (!sc.clean || sc.multiline())) return NEEDS_COPY;
  const head = sc.rec();
  const named = headerNames(head.fields, head.line, file);
  const header = named.header;
  duplicates = named.duplicates;
  problems.push(...named.problems);
  write?.(`${["__line", ...header].map(quote).join(delimiter)}\n`);

  const body = new Body(sc, header.length, delimiter, { file, dropped, problems, write });
  if (!body.read()) return NEEDS_COPY;
  // A held totals-like record that stayed last is the totals row.
  if (body.held !== undefined) dropped.push({ line: body.held.line, text: body.held.raw, reason: "totals" });
  // What is still pending after the last data record is the footer (or just trailing blanks).
  const footer = footerOf(body.pending ?? [], header, body.ga4Tail, file);
  dropped.push(...footer.dropped);
  problems.push(...footer.problems);
  if (body.ga4Tail) dropped.push(...tailTables(src, sc.i, sc.line));
  // The records a footer line declares, else a totals row (Salesforce's Grand Totals (N records) with the sums).
  const total = footer.declaredTotal !== undefined || body.held === undefined ? footer : declaredBy(body.held);
  const declaredProblem = body.bad ? undefined : declaredTotalProblem(file, total, body.rows, body.ragged);
  if (declaredProblem) problems.push(declaredProblem);

  src.skipRest(); // all read already; a caller decoding as it goes learns the rest was valid
  // Verbatim: nothing was dropped or held (each would have needed a copy), the text is the records.
  if (verbatim) return src.cr ? NEEDS_COPY : result(header, head.line, body.rows, sc.edgeSpaces);
  // `dropped` was filled in source order.
  body.flush();
  const framed = result(header, head.line, body.rows, sc.edgeSpaces);
  if (total.declaredTotal !== undefined) framed.declaredTotal = total.declaredTotal;
  return framed;
}

/** Preamble: GA4 '#' lines and blank lines before the header; also Excel's "sep=;" line. */
function preamble(src: Text): { pos: number; line: number; declared?: Delimiter; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  let pos = src.s.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  let declared: Delimiter | undefined;
  while (!src.end(pos)) {
    const l = lineAt(src, pos);
    const sep = line === 1 ? SEP_LINE.exec(l.text) : null;
    if (sep) declared = sep[1] as Delimiter;
    else if (l.text.charCodeAt(0) !== HASH && !BLANK_LINE.test(l.text)) break;
    dropped.push({ line, text: l.text, reason: "preamble" });
    pos = l.next;
    line++;
  }
  return { pos, line, declared, dropped };
}

/** From `i` (at line `line`) to the end: a GA4 export's further tables, all footer. Read in bounded memory. */
function tailTables(src: Text, i: number, line: number): Dropped[] {
  const dropped: Dropped[] = [];
  while (!src.end(i)) {
    const t = lineAt(src, i);
    dropped.push({ line, text: t.text, reason: "footer" });
    i = t.next;
    line++;
    if (i >= TAIL_KEPT && i * 2 >= src.s.length) {
      src.forget(i);
      i = 0;
    }
  }
  return dropped;
}

function emptyFile(file: string, preamble: boolean): Problem {
  return {
    severity: "error",
    code: "empty-file",
    file,
    message: preamble ? "has no header row, only comment or blank lines" : "is empty",
    expected: "a header row followed by data rows",
    fix: "re-export the file from the source tool; it has no data",
  };
}

/** The scanner stopped at a quote that is never closed. */
function unterminatedQuote(sc: Scanner, file: string): Problem {
  const at = sc.openedAt;
  return {
    severity: "error",
    code: "unterminated-quote",
    file,
    line: at,
    value: clip(sc.text.slice(sc.recStart, sc.recStart + MAX_VALUE)),
    message: `a quoted field opened on line ${at} is never closed, so the rest of the file is one value`,
    expected: 'a closing double quote (a quote inside a quoted value is written "")',
    fix: `close the quote opened on line ${at} or re-export the file`,
  };
}

/** Where a body's records and problems go. */
interface BodyOutput {
  file: string;
  dropped: Dropped[];
  problems: Problem[];
  /** The copy's chunks; undefined in a verbatim framing, which writes nothing. */
  write: ((csv: string) => void) | undefined;
}

/**
 * The records after the header. They go straight out, except a record that looks like a totals
 * row (held back until we know whether it is the last one) and records after a blank line
 * (pending until we know whether a footer starts there). Output: one string per record, joined
 * into a chunk every CHUNK_RECORDS records so that the many small strings die young (far cheaper
 * for the GC than one huge array of them); each chunk goes to `write` as it is made.
 */
class Body {
  /** Data records kept, and malformed ones left out. */
  rows = 0;
  ragged = 0;
  /** A totals-like record held back, and the records pending after a blank line. */
  held: Rec | undefined;
  pending: Rec[] | undefined;
  /** A blank line followed by '#' lines: a further GA4 table, so everything from there is footer. */
  ga4Tail = false;
  /** A quote was never closed: the rest of the file is one value. */
  bad = false;
  private readonly sc: Scanner;
  private readonly width: number;
  private readonly delimiter: Delimiter;
  private readonly out: BodyOutput;
  private readonly verbatim: boolean;
  /** A verbatim framing met something that needs a copy. */
  private copy = false;
  private accepted = 0;
  private recs: string[] = [];

  constructor(sc: Scanner, width: number, delimiter: Delimiter, out: BodyOutput) {
    this.sc = sc;
    this.width = width;
    this.delimiter = delimiter;
    this.out = out;
    this.verbatim = out.write === undefined;
  }

  /** Read every record; false as soon as a verbatim framing needs a copy. */
  read(): boolean {
    const { sc } = this;
    let prevBlank = false;
    while (!this.copy) {
      const got = sc.read();
      if (this.verbatim && sc.src.cr) return false;
      if (got === READ.EOF) break;
      if (got === READ.UNTERMINATED) {
        if (this.verbatim) return false;
        this.bad = true;
        this.out.problems.push(unterminatedQuote(sc, this.out.file));
        break;
      }
      if (sc.isBlank()) {
        if (this.verbatim) return false;
        (this.pending ??= []).push({ line: sc.recLine, raw: sc.raw(), fields: NONE });
        if (!prevBlank && commentAhead(sc.src, sc.i, sc.delim, this.width)) {
          this.ga4Tail = true;
          break;
        }
        prevBlank = true;
        continue;
      }
      prevBlank = false;
      if (this.pending === undefined) {
        this.accept(undefined);
        continue;
      }
      if (this.footerLike()) {
        this.pending.push(sc.rec());
        continue;
      }
      // Data again: the blank lines were just blank, the rest data.
      for (const p of this.pending) {
        if (isBlank(p)) this.out.dropped.push({ line: p.line, text: p.raw, reason: "blank" });
        else this.accept(p);
      }
      this.pending = undefined;
      this.accept(undefined);
    }
    return !this.copy;
  }

  /** Write the records not yet written. */
  flush(): void {
    if (this.recs.length > 0) this.out.write?.(`${this.recs.join("\n")}\n`);
    this.recs = [];
  }

  /** A data record in order; `r` is the current scanner record when undefined. */
  private accept(r: Rec | undefined): void {
    const totals = r === undefined ? this.sc.firstIsTotals() : TOTALS.test((r.fields[0] ?? "").trim());
    if (totals) this.copy ||= this.verbatim;
    if (this.accepted++ === 0 && totals) {
      const t = r ?? this.sc.rec();
      this.out.dropped.push({ line: t.line, text: t.raw, reason: "totals" });
      return;
    }
    if (this.held !== undefined) {
      this.emitRec(this.held);
      this.held = undefined;
    }
    if (totals) this.held = r ?? this.sc.rec();
    else if (r === undefined) this.emitCurrent();
    else this.emitRec(r);
  }

  /** A held or pending record: something was held back, so something may be dropped (a verbatim framing needs a copy). */
  private emitRec(r: Rec): void {
    if (this.verbatim) {
      this.copy = true;
      return;
    }
    if (r.fields.length !== this.width) {
      this.reportRagged(r.line, r.fields.length, r.raw);
      return;
    }
    this.push(`${r.line}${this.delimiter}${r.fields.map(quote).join(this.delimiter)}`);
    this.rows++;
  }

  private emitCurrent(): void {
    const { sc } = this;
    if (this.verbatim) {
      // The record is read from the text as it is: one clean line of `width` fields.
      if (sc.count !== this.width || !sc.clean || sc.multiline()) this.copy = true;
      this.rows++;
      return;
    }
    if (sc.count !== this.width) {
      this.reportRagged(sc.recLine, sc.count, sc.raw());
      return;
    }
    this.push(`${sc.recLine}${this.delimiter}${sc.out(this.delimiter)}`);
    this.rows++;
  }

  private push(s: string): void {
    const { write } = this.out;
    if (write === undefined) return;
    this.recs.push(s);
    if (this.recs.length >= CHUNK_RECORDS) {
      write(`${this.recs.join("\n")}\n`);
      this.recs = [];
    }
  }

  // After a blank line: a '#' comment, or a record with at most one non-empty field (in a
  // one-column file: one that matches a known footer line).
  private footerLike(): boolean {
    const { sc } = this;
    if (sc.isComment(this.width)) return true;
    if (sc.nonEmpty(1) > 1) return false;
    if (this.width > 1) return true;
    return isFooterText(sc.firstNonEmpty());
  }

  private reportRagged(line: number, fields: number, rawText: string): void {
    const { width, delimiter } = this;
    this.ragged++;
    this.out.problems.push({
      severity: "error",
      code: "ragged-row",
      file: this.out.file,
      line,
      value: clip(rawText),
      message: `has ${fields} field${fields === 1 ? "" : "s"} but the header has ${width}`,
      expected: `${width} fields separated by ${delimName(delimiter)}`,
      fix: `a value probably contains an unquoted ${delimiter === "\t" ? "tab" : `'${delimiter}'`} or line break: quote the field ("...") or re-export the file unedited`,
    });
  }
}
