// Text encodings of real exports. Decoding happens here, before DuckDB sees a byte:
// DuckDB reads UTF-8 only, and a Japanese Excel/Salesforce export is usually CP932.
// WHATWG's "shift_jis" decoder is CP932 (Windows-31J), so ① and ㈱ survive.
export type Encoding = "utf-8" | "utf-8-bom" | "shift_jis" | "utf-16le" | "utf-16be";

export interface Decoded {
  encoding: Encoding;
  text: string;
}

export class DecodeError extends Error {
  /** 1-based line of the first undecodable byte sequence, when known. */
  readonly line: number | undefined;
  constructor(message: string, line?: number) {
    super(message);
    this.name = "DecodeError";
    this.line = line;
  }
}

/** Detect the encoding by BOM, then by strict UTF-8, then by strict CP932; never by guessing silently. */
export function decode(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: "utf-8-bom", text: strict("utf-8", bytes.subarray(3)) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", text: strict("utf-16le", bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", text: strict("utf-16be", bytes.subarray(2)) };
  const utf8 = tryStrict("utf-8", bytes);
  if (utf8 !== undefined) return { encoding: "utf-8", text: utf8 };
  const sjis = tryStrict("shift_jis", bytes);
  if (sjis !== undefined) return { encoding: "shift_jis", text: sjis };
  throw undecodable(["utf-8", "shift_jis"], [bytes]);
}

/** The encodings decode() tries, in order, for bytes that begin with `head` (at least their first 3 bytes). */
export function encodingsFor(head: Uint8Array): Encoding[] {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return ["utf-8-bom"];
  if (head[0] === 0xff && head[1] === 0xfe) return ["utf-16le"];
  if (head[0] === 0xfe && head[1] === 0xff) return ["utf-16be"];
  return ["utf-8", "shift_jis"];
}

/**
 * Why a file with a text name that begins with `head` is plainly no text export: an Excel workbook
 * or a Parquet file saved as .csv, or UTF-16 without its byte-order mark (NUL bytes every other
 * byte: NUL is valid UTF-8, so such a file was read as one garbled header, "the required column
 * lead_id is missing (headers found: l e a d _ i d ...)").
 */
export function notText(head: Uint8Array): { message: string; fix: string } | undefined {
  const starts = (...b: number[]) => b.every((x, i) => head[i] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return {
      message: "is a zip archive (an Excel workbook?), not a text export",
      fix: "if it is an Excel workbook, give it the extension .xlsx (workbooks are read as they are); otherwise re-export it as CSV",
    };
  if (starts(0x50, 0x41, 0x52, 0x31)) return { message: "is a Parquet file, not a text export", fix: "give it the extension .parquet" };
  if (encodingsFor(head)[0] !== "utf-8") return undefined;
  let even = 0;
  let odd = 0;
  head.forEach((b, i) => {
    if (b === 0) i % 2 ? odd++ : even++;
  });
  // Stray NULs in a text export are its own business; a NUL in every other byte is UTF-16.
  const nuls = even + odd;
  if (nuls < head.length / 4 || Math.max(even, odd) < 0.9 * nuls) return undefined;
  return {
    message: `is UTF-16${odd > even ? "LE" : "BE"} text without a byte-order mark, which cannot be told from other bytes for sure`,
    fix: "save it as UTF-8 CSV (or as Unicode text with its byte-order mark, as Excel does)",
  };
}

const LABEL: Record<Encoding, string> = {
  "utf-8": "utf-8",
  "utf-8-bom": "utf-8",
  shift_jis: "shift_jis",
  "utf-16le": "utf-16le",
  "utf-16be": "utf-16be",
};
const BOM_BYTES: Record<Encoding, number> = { "utf-8": 0, "utf-8-bom": 3, shift_jis: 0, "utf-16le": 2, "utf-16be": 2 };

/** The bytes are not valid in the encoding decodeChunks was given. */
export class NotInEncoding extends Error {}

/**
 * The text of `bytes` (given in chunks) in `encoding`, decoded strictly as decode() does (its BOM
 * skipped), a chunk at a time: NotInEncoding is thrown where it stops being valid.
 */
export function* decodeChunks(bytes: Iterable<Uint8Array>, encoding: Encoding): Generator<string> {
  const decoder = new TextDecoder(LABEL[encoding], { fatal: true, ignoreBOM: true });
  const decoded = (chunk?: Uint8Array): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotInEncoding(`not ${encoding}`);
    }
  };
  for (const chunk of skipping(bytes, BOM_BYTES[encoding])) yield decoded(chunk);
  yield decoded();
}

/** decode()'s error for bytes (in chunks) that none of `tried` (encodingsFor's) decodes. */
export function undecodable(tried: readonly Encoding[], bytes: Iterable<Uint8Array>): DecodeError {
  const bom = BOM_BYTES[tried[0]!];
  if (bom > 0) {
    const label = LABEL[tried[0]!];
    return new DecodeError(
      `the file starts with a ${label} byte-order mark but is not valid ${label}`,
      firstBadUtf8Line(skipping(bytes, bom)),
    );
  }
  const line = firstBadUtf8Line(bytes);
  return new DecodeError(`the file is neither UTF-8 nor Shift_JIS/CP932 (first undecodable bytes on line ${line})`, line);
}

/** The chunks without their first `n` bytes. */
function* skipping(chunks: Iterable<Uint8Array>, n: number): Generator<Uint8Array> {
  let left = n;
  for (const chunk of chunks) {
    const skip = Math.min(left, chunk.length);
    left -= skip;
    if (skip < chunk.length) yield skip ? chunk.subarray(skip) : chunk;
  }
}

function strict(label: string, bytes: Uint8Array): string {
  const text = tryStrict(label, bytes);
  if (text === undefined)
    throw new DecodeError(`the file starts with a ${label} byte-order mark but is not valid ${label}`, firstBadUtf8Line([bytes]));
  return text;
}

function tryStrict(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Line of the first byte sequence that is not valid UTF-8 (for the error message), in bytes given in chunks. */
function firstBadUtf8Line(chunks: Iterable<Uint8Array>): number {
  let line = 1;
  /** The start of a sequence the previous chunk cut. */
  let carry: Uint8Array | undefined;
  for (const chunk of chunks) {
    const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i]!;
      const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      if (i + len > bytes.length) {
        carry = bytes.subarray(i);
        break;
      }
      if (b === 0x0a) line++;
      if (len === 0) return line;
      for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return line;
      i += len;
    }
  }
  // A sequence cut short by the end of the file is not valid either; the line is the same.
  return line;
}

let sjisTable: Map<string, number> | undefined;

/**
 * Encode text as CP932. Built by inverting the platform's own decoder, so what this writes the
 * reader decodes back exactly. Used by the sample generator and tests to produce real Shift_JIS exports.
 */
export function encodeShiftJis(text: string): Uint8Array {
  sjisTable ??= buildSjisTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    const code = sjisTable.get(ch);
    if (code === undefined) throw new Error(`'${ch}' (U+${cp.toString(16).toUpperCase()}) has no Shift_JIS/CP932 encoding`);
    if (code > 0xff) out.push(code >> 8, code & 0xff);
    else out.push(code);
  }
  return Uint8Array.from(out);
}

function buildSjisTable(): Map<string, number> {
  const dec = new TextDecoder("shift_jis", { fatal: true });
  const table = new Map<string, number>();
  for (let b = 0xa1; b <= 0xdf; b++) table.set(dec.decode(Uint8Array.of(b)), b); // half-width katakana
  const leads = [...range(0x81, 0x9f), ...range(0xe0, 0xfc)];
  for (const lead of leads) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) {
      let ch: string;
      try {
        ch = dec.decode(Uint8Array.of(lead, trail));
      } catch {
        continue;
      }
      // CP932 maps a few characters twice (NEC and IBM extensions); keep the first, as Windows does.
      if (!table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  return table;
}

function* range(from: number, to: number): Generator<number> {
  for (let i = from; i <= to; i++) yield i;
}
