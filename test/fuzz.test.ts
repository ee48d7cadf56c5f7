// Fuzzing the reader: 1,000 generated malformed exports (truncation, encoding damage, shuffled
// columns, huge fields, wrong types, stray quotes and delimiters). Each must end in rows or in clear
// problems naming the file, never a crash or a hang, and nothing under data/ may be written.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateProject } from "../src/model/pipeline.ts";
import { encodeShiftJis } from "../src/read/encoding.ts";
import { hashes } from "./helpers/files.ts";
import { prng } from "./helpers/prng.ts";

const CASES = 1000;
const root = mkdtempSync(join(tmpdir(), "gekkan-fuzz-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HEADER = ["lead_id", "created_at", "source", "owner", "mql_at", "target_account", "company"];
const WORDS = [
  "web",
  "event",
  "ads",
  "未定",
  "n/a",
  "-",
  "2026-13-01",
  "¥1,200",
  "TRUE",
  "はい",
  "1e309",
  "NaN",
  '"',
  ",",
  "\t",
  "㈱テスト①",
  "",
  " ",
  "null",
];

function validRows(rand: () => number, month: string, n: number): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `L${month.replace("-", "")}${i}`,
    `${month}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")} 10:00:00`,
    ["web", "event", "ads"][Math.floor(rand() * 3)]!,
    ["Aoki", "Baba"][Math.floor(rand() * 2)]!,
    "",
    rand() < 0.5 ? "true" : "false",
    "Acme",
  ]);
}

function csv(rows: string[][], delim = ","): string {
  return `${rows.map((r) => r.map((f) => (/[",\n\t;]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(delim)).join("\n")}\n`;
}

/** One malformed file: a valid export damaged in one to three ways. */
function fuzzed(rand: () => number, month: string): Uint8Array {
  let rows = [HEADER, ...validRows(rand, month, 5 + Math.floor(rand() * 30))];
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const damage = 1 + Math.floor(rand() * 3);
  let text: string | undefined;
  let bytes: Uint8Array | undefined;
  for (let d = 0; d < damage; d++) {
    switch (
      pick(["shuffle", "types", "huge", "dropcol", "header", "quotes", "truncate", "bytes", "sjis", "delim", "blank", "empty"] as const)
    ) {
      case "shuffle": {
        const order = HEADER.map((_, i) => i).sort(() => rand() - 0.5);
        const headerToo = rand() < 0.7;
        rows = rows.map((r, k) => (k === 0 && !headerToo ? r : order.map((i) => r[i] ?? "")));
        break;
      }
      case "types":
        for (const r of rows.slice(1)) if (rand() < 0.3) r[Math.floor(rand() * r.length)] = pick(WORDS);
        break;
      case "huge":
        rows[1 + Math.floor(rand() * (rows.length - 1))]![Math.floor(rand() * HEADER.length)] = "x".repeat(
          50_000 + Math.floor(rand() * 200_000),
        );
        break;
      case "dropcol": {
        const i = Math.floor(rand() * HEADER.length);
        rows = rows.map((r) => r.filter((_, k) => k !== i));
        break;
      }
      case "header":
        rows[0] = rows[0]!.map((h) => (rand() < 0.3 ? pick(["", "lead_id", "LEAD_ID", "作成日", "?", h.toUpperCase()]) : h));
        break;
      case "quotes":
        text = (text ?? csv(rows)).replace(/,/g, (m) => (rand() < 0.05 ? '"' : m));
        break;
      case "truncate": {
        const t = text ?? csv(rows);
        text = t.slice(0, Math.floor(rand() * t.length));
        break;
      }
      case "bytes": {
        const b = Buffer.from(text ?? csv(rows));
        for (let k = 0; k < 1 + rand() * 20; k++) b[Math.floor(rand() * b.length)] = 0x80 + Math.floor(rand() * 0x80);
        bytes = b;
        break;
      }
      case "sjis":
        try {
          bytes = encodeShiftJis(text ?? csv(rows));
        } catch {
          bytes = Buffer.from(text ?? csv(rows));
        }
        break;
      case "delim":
        text = csv(rows, pick([";", "\t", "|"]));
        break;
      case "blank":
        text = (text ?? csv(rows)).replace(/\n/g, (m) => (rand() < 0.2 ? "\n\n" : m));
        break;
      case "empty":
        text = rand() < 0.5 ? "" : `${HEADER.join(",")}\n`;
        break;
    }
  }
  return bytes ?? Buffer.from(text ?? csv(rows));
}

describe("fuzzed exports", () => {
  it(`reads ${CASES} malformed files without a crash, a hang or a write`, async () => {
    const rand = prng(20261125);
    // One month folder per case (1943-05 .. 2026-08), validated in one run as a real project would be.
    const months: string[] = [];
    for (let k = 0; k < CASES; k++) {
      const total = 2026 * 12 + 7 - (CASES - 1) + k;
      const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
      months.push(month);
      mkdirSync(join(root, "data", month), { recursive: true });
      writeFileSync(join(root, "data", month, "leads.csv"), fuzzed(rand, month));
    }
    const before = hashes(join(root, "data"));
    const started = performance.now();
    const v = await validateProject(root);
    const elapsed = performance.now() - started;
    v.db.close();
    expect(hashes(join(root, "data"))).toEqual(before);
    expect(v.project.months).toEqual(months);
    const byFile = new Map<string, typeof v.problems>();
    for (const p of v.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    let loaded = 0;
    let refused = 0;
    for (const month of months) {
      const rel = `data/${month}/leads.csv`;
      const report = v.loaded.files.find((f) => f.rel === rel);
      const problems = byFile.get(rel) ?? [];
      // Every file ends in loaded rows or in problems that name it; errors say what to do.
      expect(report !== undefined || problems.some((p) => p.severity === "error"), rel).toBe(true);
      for (const p of problems.filter((p) => p.severity === "error")) {
        expect(p.message.length, rel).toBeGreaterThan(5);
        expect(p.fix.length, rel).toBeGreaterThan(5);
      }
      if (report) expect(report.readMs, `${rel} took ${report.readMs} ms`).toBeLessThan(5_000);
      if (problems.some((p) => p.severity === "error")) refused++;
      else loaded++;
    }
    // The damage is real: most files are refused, some survive intact enough to load.
    expect(refused).toBeGreaterThan(CASES / 2);
    expect(loaded).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(240_000);
  }, 300_000);
});
