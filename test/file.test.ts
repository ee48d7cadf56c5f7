// Staging text exports: a clean UTF-8 export is read by DuckDB as it is (no framed copy), every
// other one through the copy. Differential: the same records staged both ways must read back the
// same, line numbers included. A UTF-8 BOM sends the same text through the copy path.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../src/model/duckdb.ts";
import { charactersOf, NFC_INERT, stageTextFile } from "../src/read/file.ts";
import { frame, frameVerbatim, isTrimmedSpace } from "../src/read/frame.ts";
import type { DataFile } from "../src/read/project.ts";
import { prng } from "./helpers/prng.ts";

const dir = mkdtempSync(join(tmpdir(), "gekkan-file-test-"));
let db: Db;
beforeAll(async () => {
  db = await openDb();
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** Stage `text` (UTF-8, with a BOM when asked) and read its records back. */
async function staged(text: string, bom: boolean, format: "csv" | "tsv" = "csv") {
  const name = `f${n++}.${format}`;
  const path = join(dir, name);
  const body = Buffer.from(text, "utf8");
  writeFileSync(path, bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body);
  const file: DataFile = { dataset: "leads", folder: "2026-10", path, rel: `data/2026-10/${name}`, format };
  const r = stageTextFile(file, Buffer.from(bom ? [0xef, 0xbb, 0xbf, ...body] : body), "x", `s${n}`, dir);
  expect(r.staged, JSON.stringify(r.problems)).toBeDefined();
  const s = r.staged!;
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM ${s.source} ORDER BY __line`);
  return {
    verbatim: s.tmp === undefined,
    rows,
    headers: s.headers,
    fullWidthForms: s.fullWidthForms,
    edgeSpaces: s.edgeSpaces,
    nfc: s.nfc,
  };
}

const VALUES = [
  "",
  " ",
  "web",
  "㈱テスト①",
  "１２３",
  "a,b",
  'say "hi"',
  "x\ty",
  "Ünïcödé",
  "2026-10-01 10:00:00",
  "-1,200",
  "L001",
  "  padded  ",
  "#hash",
  "Total",
];

/** A clean export: every field plain or cleanly quoted, one line per record, LF line ends. */
function cleanText(rand: () => number, delim: string): string {
  const width = 2 + Math.floor(rand() * 5);
  const field = (v: string) => (v.includes(delim) || v.includes('"') || rand() < 0.2 ? `"${v.replaceAll('"', '""')}"` : v);
  const header = Array.from({ length: width }, (_, k) => (rand() < 0.2 ? `"col ${k}"` : `col_${k}`)).join(delim);
  const rows = Array.from({ length: 1 + Math.floor(rand() * 20) }, (_, r) =>
    // The first field is never empty or a totals label: those rows are framed differently on purpose.
    Array.from({ length: width }, (_, k) => field(k === 0 ? `R${r}` : VALUES[Math.floor(rand() * VALUES.length)]!)).join(delim),
  );
  return [header, ...rows].join("\n") + (rand() < 0.8 ? "\n" : "");
}

describe("staging a clean UTF-8 export", () => {
  it("reads it as it is, with the same records and lines as through the copy", async () => {
    const rand = prng(7);
    let verbatim = 0;
    for (let i = 0; i < 60; i++) {
      const delim = [",", ";", "\t"][i % 3]!;
      const text = cleanText(rand, delim);
      const direct = await staged(text, false, delim === "\t" ? "tsv" : "csv");
      const copied = await staged(text, true, delim === "\t" ? "tsv" : "csv");
      expect(copied.verbatim).toBe(false);
      if (direct.verbatim) verbatim++;
      expect(direct.headers).toEqual(copied.headers);
      expect(direct.rows).toEqual(copied.rows);
      expect(direct.fullWidthForms).toBe(copied.fullWidthForms);
      expect(direct.edgeSpaces).toBe(copied.edgeSpaces);
      expect(direct.nfc).toBe(copied.nfc);
    }
    // Every one of them is clean: none needed the copy.
    expect(verbatim).toBe(60);
  });

  it("frames anything else into a copy, exactly as before", async () => {
    const texts = [
      "id,name\r\n1,a\r\n2,b\r\n", // CRLF
      "# GA4 export\nid,name\n1,a\n", // preamble
      "id,name\n1,a\n\n2,b\n", // blank line
      "id,name\n1,a\n2\n", // ragged
      'id,name\n1,"a\nb"\n2,c\n', // quoted line break
      'id,name\n1,5" screen\n', // stray quote
      'id,name\n1, "a"\n', // padding before a quote
      "id,name\nTotal,3\n1,a\n", // totals row first
      "id,name\n1,a\n2,b\nTotal,2\n", // totals row last
      "id,name\n1,a\n\nGrand Totals (1 records)\n", // Salesforce footer
      '"id\nx",name\n1,a\n', // header over two lines
    ];
    for (const text of texts) {
      const x = frameVerbatim(text, { file: "t.csv" });
      expect("verbatim" in x, text).toBe(false);
      expect(x).toEqual(frame(text, { file: "t.csv" }));
      const direct = await staged(text, false);
      const copied = await staged(text, true);
      expect(direct.verbatim, text).toBe(false);
      expect(direct.rows).toEqual(copied.rows);
    }
  });

  it("says when no value needs trimming, never wrongly", async () => {
    // Values with spaces inside, at either edge, or as the whole value, of every kind trim() removes.
    const spaces = [" ", "\u3000", "\u00A0", "\u2009"];
    const rand = prng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const edge = /^\p{Zs}|\p{Zs}$/u;
    let without = 0;
    for (let i = 0; i < 80; i++) {
      const padded = rand() < 0.5;
      const value = () => {
        const core = pick(["web", "山田 太郎", "a b", "2026-10-01 10:00:00", "１２３", 'x "y"']);
        if (!padded || rand() < 0.7) return core;
        return rand() < 0.2 ? pick(spaces) : rand() < 0.5 ? `${pick(spaces)}${core}` : `${core}${pick(spaces)}`;
      };
      // Plain, quoted, and the messy forms the framer copies: padding before a quote, text after one.
      const field = (v: string) => {
        const quoted = `"${v.replaceAll('"', '""')}"`;
        const r = rand();
        if (r < 0.1) return ` ${quoted}`;
        if (r < 0.2) return `${quoted}${pick(["x", " ", "\u3000"])}`;
        return v.includes('"') || v.includes(",") || r < 0.4 ? quoted : v;
      };
      const rows = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, r) => [`R${r}`, value(), value()].map(field).join(","));
      const text = `${["id,a,b", ...rows].join("\n")}\n`;
      for (const bom of [false, true]) {
        const s = await staged(text, bom);
        const values = s.rows.flatMap((r) => Object.values(r)).filter((v): v is string => typeof v === "string");
        if (values.some((v) => edge.test(v))) expect(s.edgeSpaces, text).toBe(true);
        if (!s.edgeSpaces) without++;
      }
    }
    expect(without).toBeGreaterThan(20);
  });

  it("treats as a space exactly what DuckDB's trim() removes", async () => {
    const { trimmed } = await db.one<{ trimmed: number[] }>(`
      SELECT list(cp ORDER BY cp) AS trimmed FROM range(1, 65536) t(cp)
      WHERE cp NOT BETWEEN 55296 AND 57343 AND length(trim(chr(cp::INTEGER) || 'a' || chr(cp::INTEGER))) = 1`);
    const edges: number[] = [];
    const framed: number[] = [];
    for (let cp = 1; cp < 65536; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      if (isTrimmedSpace(cp)) edges.push(cp);
      // At either edge of a plain or a quoted value, not inside one.
      const c = String.fromCharCode(cp);
      for (const text of [`id,v\n1,${c}a\n`, `id,v\n1,"a${c}"\n`]) if (frameVerbatim(text, { file: "t.csv" }).edgeSpaces) framed.push(cp);
      expect(frameVerbatim(`id,v\n1,a${c}a\n`, { file: "t.csv" }).edgeSpaces).toBe(false);
    }
    expect(edges).toEqual(trimmed);
    expect(framed).toEqual(trimmed.flatMap((cp) => [cp, cp]));
  });

  it("gives the record's line as frame() would", () => {
    const text = 'a,b\n1,"x ""y"""\n2,\n3,z';
    const x = frameVerbatim(text, { file: "t.csv" });
    expect(x).toMatchObject({ verbatim: true, headerLine: 1, rows: 3, header: ["a", "b"], dropped: [] });
    expect(frame(text, { file: "t.csv" }).csv).toBe('"__line","a","b"\n2,1,"x ""y"""\n3,2,\n4,3,z\n');
  });
});

describe("telling whether a text is NFC", () => {
  const inert = new RegExp(`^[${NFC_INERT}\\uFF00-\\uFFEF]$`);

  it("counts as inert only characters NFC leaves as they are wherever they stand", () => {
    // The characters a canonical composition can end with: every one after the first in a decomposition.
    const seconds = new Set<number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const d = [...String.fromCodePoint(cp).normalize("NFD")];
      for (const c of d.slice(1)) seconds.add(c.codePointAt(0)!);
    }
    const wrong: string[] = [];
    let n = 0;
    for (let cp = 0; cp < 0x10000; cp++) {
      const c = String.fromCharCode(cp);
      if ((cp >= 0xd800 && cp <= 0xdfff) || !inert.test(c)) continue;
      n++;
      if (c.normalize("NFC") !== c || /\p{M}/u.test(c) || seconds.has(cp)) wrong.push(cp.toString(16));
    }
    expect(wrong).toEqual([]);
    expect(n).toBeGreaterThan(30_000);
  });

  it("finds every full-width form, and says NFC only of a text that is", () => {
    const rand = prng(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    // Inert text, full-width forms, and characters that are not inert: combining marks, a voiced
    // mark, a compatibility ideograph (豈, U+F900), an astral character, a decomposed kana.
    const parts = [
      "web",
      "株式会社テスト",
      "한국",
      "\u1112\u1161\u11ab",
      "㈱",
      "①",
      "﨑",
      "Ünïcödé",
      "a b",
      "（",
      "）",
      "１",
      "％",
      "ｶﾞ",
      "\u0301",
      "\u3099",
      "\uF900",
      "😀",
      "テ\u3099",
      "e\u0301",
    ];
    for (let i = 0; i < 400; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pick(parts)).join(pick([",", "\n", ""]));
      const got = charactersOf(text);
      const forms = [...new Set([...text].filter((c) => c >= "\uFF00" && c <= "\uFFEF"))].sort().join("");
      expect(got.fullWidthForms, text).toBe(forms);
      expect(got.nfc, text).toBe([...text].every((c) => c.length === 1 && inert.test(c)));
      if (got.nfc) expect(text.normalize("NFC")).toBe(text);
    }
  });

  it("marks a staged file that is not NFC, through the copy or not", async () => {
    for (const bom of [false, true]) {
      expect((await staged("id,name\n1,テスト\n", bom)).nfc).toBe(true);
      expect((await staged("id,name\n1,テ\u3099スト\n", bom)).nfc).toBe(false);
    }
  });
});
