// Framing a text given in chunks (as a large export is read) gives what framing it whole gives,
// wherever the chunks are cut: the same result, problems and copy; and so does staging a file
// whose bytes come in chunks, in every encoding.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decode, encodeShiftJis } from "../src/read/encoding.ts";
import { type FileBytes, readDataFile, stageTextFile } from "../src/read/file.ts";
import { frame, frameChunks, frameVerbatim, frameVerbatimChunks, type FrameOptions } from "../src/read/frame.ts";
import type { DataFile } from "../src/read/project.ts";
import { prng } from "./helpers/prng.ts";

/** `text` cut at random places into pieces of 1 to `max` characters. */
function cut(text: string, rand: () => number, max: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + Math.floor(rand() * max);
    pieces.push(text.slice(i, i + n));
    i += n;
  }
  return pieces;
}

function sameFraming(text: string, options: FrameOptions, pieces: string[]): void {
  const whole = frame(text, options);
  const written: string[] = [];
  const framed = frameChunks(pieces, options, (csv) => written.push(csv));
  expect({ ...framed, csv: written.join("") }).toEqual(whole);
  const verbatim = frameVerbatim(text, options);
  const copy: string[] = [];
  const chunked = frameVerbatimChunks(
    () => pieces,
    options,
    (csv) => copy.push(csv),
  );
  expect("verbatim" in chunked ? chunked : { ...chunked, csv: copy.join("") }).toEqual(verbatim);
}

/** Every CSV and TSV in the test fixtures, decoded. */
function fixtureTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(csv|tsv)$/.test(e)) {
        try {
          out.push({ name: p, text: decode(readFileSync(p)).text });
        } catch {
          // not decodable: framing never sees it
        }
      }
    }
  };
  walk(new URL("./fixtures", import.meta.url).pathname);
  return out;
}

const FIELDS = [
  "web",
  "",
  " ",
  "㈱テスト①",
  "１２３",
  '"quoted"',
  '"a,b"',
  '"say ""hi"""',
  '"line\nbreak"',
  '"cr\r\nlf"',
  '"cr\ronly"',
  ' "padded"',
  '"a"b',
  '5" screen',
  "#tag",
  "合計",
  "Total",
  "\u3000full width\u3000",
  "x".repeat(40),
  '"unterminated',
];
const LINES = ["", ",,,", "# comment", "総計 (3 レコード)", "機密情報 - 配布禁止", "Copyright (c) 2000-2026 salesforce.com, inc.", "sep=;"];

/** An export-like text: perhaps a BOM and preamble, a header, records, blank lines, totals, footers. */
function generated(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const delim = pick([",", ",", ";", "\t"]);
  const end = pick(["\n", "\n", "\r\n", "\r"]);
  const width = 1 + Math.floor(rand() * 4);
  const lines: string[] = [];
  if (rand() < 0.2) lines.push(pick(["# GA4", "sep=;", ""]));
  lines.push(Array.from({ length: width }, (_, k) => (rand() < 0.1 ? "" : `col${k}`)).join(delim));
  const records = Math.floor(rand() * 30);
  for (let r = 0; r < records; r++) {
    if (rand() < 0.1) lines.push(pick(LINES));
    else {
      const n = rand() < 0.9 ? width : Math.max(1, width + pick([-1, 1]));
      lines.push(Array.from({ length: n }, () => (rand() < 0.7 ? `v${Math.floor(rand() * 100)}` : pick(FIELDS))).join(delim));
    }
  }
  let text = (rand() < 0.1 ? "\ufeff" : "") + lines.join(end) + (rand() < 0.8 ? end : "");
  if (rand() < 0.05) text += '"never closed';
  return text;
}

describe("framing a text given in chunks", () => {
  it("frames every fixture export as it frames the whole text, however it is cut", () => {
    const rand = prng(7);
    const texts = fixtureTexts();
    expect(texts.length).toBeGreaterThan(40);
    for (const { name, text } of texts) {
      for (const max of [1, 3, 17, 1000]) {
        const options = { file: name, delimiter: name.endsWith(".tsv") ? ("\t" as const) : undefined };
        sameFraming(text, options, cut(text, rand, max));
      }
    }
  });

  it("frames 2,000 generated exports (quotes, line ends, blank lines, totals, footers, preambles) alike", () => {
    const rand = prng(2026);
    for (let k = 0; k < 2000; k++) {
      const text = generated(rand);
      sameFraming(text, { file: `t${k}.csv` }, cut(text, rand, 1 + Math.floor(rand() * 12)));
    }
  });

  it("frames a large export alike, forgetting what it has read (a window, not the whole text)", () => {
    const rand = prng(99);
    const record = (i: number) => `L${i},2026-10-0${1 + (i % 9)} 10:00:00,"株式会社テスト, 第${i}営業部","a ""quoted"" note"`;
    const body = Array.from({ length: 60_000 }, (_, i) => record(i));
    // A totals-like row, blank lines and a one-value row in the middle (held, then data again), a footer at the end.
    body.splice(30_000, 0, "合計,,,", "", "", "only one,,,");
    const text = `id,created_at,company,note\r\n${body.join("\r\n")}\r\n\r\n"総計 (60,002 レコード)"\r\n"機密情報 - 配布禁止"\r\n`;
    expect(text.length).toBeGreaterThan(3 * 2 ** 20);
    for (const max of [4096, 300_000]) sameFraming(text, { file: "big.csv" }, cut(text, rand, max));
    const lf = `${["id,n", ...Array.from({ length: 200_000 }, (_, i) => `${i},v${i}`)].join("\n")}\n`;
    sameFraming(lf, { file: "clean.csv" }, cut(lf, rand, 65_536));
  });
});

/** Bytes cut at random places into pieces of 1 to `max` bytes. */
function cutBytes(bytes: Uint8Array, rand: () => number, max: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rand() * max);
    pieces.push(bytes.subarray(i, i + n));
    i += n;
  }
  return pieces;
}

describe("staging a file read in chunks", () => {
  const dir = mkdtempSync(join(tmpdir(), "gekkan-chunks-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  /** What staging gives, the copy's text in place of its (temporary) path. */
  function staged(path: string, bytes: Uint8Array | FileBytes) {
    const format = path.endsWith(".tsv") ? "tsv" : "csv";
    const file: DataFile = { dataset: "leads", folder: "2026-10", path, rel: "data/2026-10/leads.csv", format };
    const r = stageTextFile(file, bytes, "sha", `s${n++}`, dir);
    if (!r.staged) return { problems: r.problems };
    const { source, tmp, ...rest } = r.staged;
    return { problems: r.problems, ...rest, copy: tmp === undefined ? undefined : readFileSync(tmp, "utf8") };
  }

  it("decodes, frames and copies every encoding as reading the file whole does, wherever the chunks are cut", () => {
    const rand = prng(11);
    const text = 'id,会社,note\r\n1,㈱テスト①,"a\r\nb"\r\n2,ｶﾀｶﾅ,"x ""y"""\r\n\r\n総計 (2 レコード)\r\n';
    const bytes: [string, Uint8Array][] = [
      ["utf-8.csv", Buffer.from(text)],
      ["clean.csv", Buffer.from("id,v\n1,é\n2,ü\n")],
      ["bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ["sjis.csv", encodeShiftJis(text)],
      ["utf16le.tsv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replaceAll(",", "\t"), "utf16le")])],
      ["utf16be.csv", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
      // Not UTF-8 nor CP932: the error names the line of the first bad UTF-8 sequence.
      ["bad.csv", Buffer.concat([Buffer.from("id,v\n1,a\n2,"), Buffer.from([0xe3, 0x81]), Buffer.from("\n3,\xff\n", "latin1")])],
      ["bad-bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("id\n1\n"), Buffer.from([0xc3])])],
      // Valid UTF-8 until the last bytes: framed as UTF-8 first, then as Shift_JIS from the start.
      ["late.csv", Buffer.concat([Buffer.from(`id,v\n${"1,abc\n".repeat(500)}`), encodeShiftJis("2,テスト\n")])],
    ];
    // And the committed sample's exports of the messy month and the tab-separated one.
    for (const f of ["2026-06/leads.csv", "2026-06/web_traffic.csv", "2026-03/activities.tsv", "2026-10/opportunities.csv"])
      bytes.push([f.replace("/", "-"), readFileSync(new URL(`../data/${f}`, import.meta.url))]);
    for (const [name, b] of bytes) {
      const path = join(dir, name);
      writeFileSync(path, b);
      const whole = staged(path, b);
      for (const max of [1, 2, 5, 4096]) {
        if (max < 4096 && b.length > 20_000) continue;
        const pieces = cutBytes(b, rand, max);
        expect(staged(path, { length: b.length, chunks: () => pieces }), `${name} in pieces of up to ${max}`).toEqual(whole);
      }
      expect(staged(path, readDataFile({ path } as DataFile).bytes), name).toEqual(whole);
    }
  });
});
