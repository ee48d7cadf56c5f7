// No personal data reaches the site: the sample exports carry names, emails and phone numbers;
// none of them, and nothing shaped like an email or a phone number, may appear in dist/ or in any
// published edition file.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode } from "../../src/read/encoding.ts";
import { frame } from "../../src/read/frame.ts";
import { buildSite, TOOL_ROOT } from "../../src/site/build.ts";
import { files } from "../helpers/files.ts";

const ROOT = TOOL_ROOT;
let out: string;

/** The records of a framed CSV ("\n" line ends; a field is plain, or quoted with doubled quotes). */
function records(csv: string, delimiter: string): string[][] {
  const out: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let value = "";
    if (csv[i] === '"') {
      let j = i + 1;
      while (j < csv.length && !(csv[j] === '"' && csv[j + 1] !== '"')) j += csv[j] === '"' ? 2 : 1;
      value = csv.slice(i + 1, j).replaceAll('""', '"');
      i = j + 1;
    } else {
      let j = i;
      while (j < csv.length && csv[j] !== delimiter && csv[j] !== "\n") j++;
      value = csv.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (csv[i] === delimiter) i++;
    else {
      out.push(fields);
      fields = [];
      i++;
    }
  }
  return out;
}

/** Every personal value in the sample exports: full names, emails, phone numbers. */
function personalValues(): Set<string> {
  const values = new Set<string>();
  const cols = { last: ["last_name", "姓"], first: ["first_name", "名"], email: ["email", "メール"], phone: ["phone", "電話"] };
  for (const path of files(join(ROOT, "data")).filter((f) => /leads\.(csv|tsv)$/.test(f))) {
    const framed = frame(decode(readFileSync(path)).text, { file: path });
    const idx = (names: string[]) => framed.header.findIndex((h) => names.includes(h));
    const [l, f, e, p] = [idx(cols.last), idx(cols.first), idx(cols.email), idx(cols.phone)];
    expect(e, `${path} has an email column`).toBeGreaterThanOrEqual(0);
    for (const fields of records(framed.csv, framed.delimiter).slice(1)) {
      // fields[0] is the source line number.
      const get = (i: number) => (i >= 0 ? (fields[i + 1] ?? "").trim() : "");
      if (get(l) && get(f)) {
        values.add(`${get(l)} ${get(f)}`);
        values.add(`${get(l)}${get(f)}`);
      }
      if (get(e)) values.add(get(e));
      if (get(p)) values.add(get(p));
    }
  }
  return values;
}

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), "gekkan-privacy-")), "dist");
  expect((await buildSite({ root: ROOT, outDir: out })).ok).toBe(true);
}, 240_000);
afterAll(() => rmSync(join(out, ".."), { recursive: true, force: true }));

describe("the sample site", () => {
  it("contains none of the exports' names, emails or phone numbers", () => {
    const personal = personalValues();
    expect(personal.size).toBeGreaterThan(10_000);
    const scanned = [...files(out), ...files(join(ROOT, "reports/editions"))];
    expect(scanned.length).toBeGreaterThan(40);
    const email = /[\w.+-]+@[\w-]+\.[\w.-]+/;
    const phone = /(?<!\d)0\d{1,4}-\d{1,4}-\d{3,4}(?!\d)/;
    const any = new RegExp([...personal].map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
    // The scanner does find what it looks for.
    const sample = [...personal].find((v) => v.includes("@"))!;
    expect(any.test(`<td>${sample}</td>`) && email.test(sample)).toBe(true);
    expect(phone.test("<td>03-1234-5678</td>")).toBe(true);
    for (const f of scanned) {
      const text = readFileSync(f, "utf8");
      expect(text.match(email)?.[0], `${f} has something shaped like an email`).toBeUndefined();
      expect(text.match(phone)?.[0], `${f} has something shaped like a phone number`).toBeUndefined();
      expect(text.match(any)?.[0], `${f} contains personal data`).toBeUndefined();
    }
  });
});
