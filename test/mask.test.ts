// Values shown in messages and pages: personal-looking values masked, invisible characters written out.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/site/build.ts";
import { escapeInvisible, maskedProblem, maskedValues, maskPersonal, publishedProblem, shownValue } from "../src/validate/mask.ts";
import { formatProblem } from "../src/validate/problem.ts";
import { files } from "./helpers/files.ts";

describe("maskPersonal", () => {
  it("masks emails and phone numbers", () => {
    expect(maskPersonal("taro.tanaka@example.co.jp")).toBe("t***@e***.jp");
    expect(maskPersonal("contact: a.b+c@mail.example.com, thanks")).toBe("contact: a***@m***.com, thanks");
    const phones: [string, string][] = [
      ["090-1234-5678", "***-****-**78"],
      ["03-1234-5678", "**-****-**78"],
      ["0120-123-456", "****-***-*56"],
      ["(03) 1234-5678", "(**) ****-**78"],
      ["+81 90 1234 5678", "+** ** **** **78"],
      ["09012345678", "*********78"],
    ];
    for (const [phone, masked] of phones) expect(maskPersonal(phone), phone).toBe(masked);
  });
  it("masks them as Japanese text writes them: full-width, after TEL., with full-width dashes", () => {
    const written: [string, string][] = [
      ["TEL.03-1234-5678", "TEL.**-****-**78"],
      ["Tel.090-1234-5678 まで", "Tel.***-****-**78 まで"],
      ["担当：０９０－１２３４－５６７８", "担当：***－****－**７８"],
      ["（０３）１２３４ー５６７８", "（**）****ー**７８"],
      ["＋８１ ９０ １２３４ ５６７８", "＋** ** **** **７８"],
      ["連絡先 taro＠example.co.jp", "連絡先 t***＠e***.jp"],
    ];
    for (const [text, masked] of written) expect(maskPersonal(text), text).toBe(masked);
    for (const v of ["２０２６－１０－０１", "０１－０２－２０２６", "１,２００,０００", "v1.0312345678", "1.0312345678"])
      expect(maskPersonal(v), v).toBe(v);
  });
  it("leaves dates, amounts, times and ids alone", () => {
    for (const v of [
      "2026-10-01",
      "01-02-2026",
      "2026/10/01 9:05",
      "1,200,000",
      "¥1,200,000",
      "0:01:35",
      "00123",
      "00Q5g00000ilq5P",
      "L123456789",
      "20261001093000",
      "0.000123456789",
      "(1,200,000)",
    ])
      expect(maskPersonal(v), v).toBe(v);
  });
  it("takes linear time on long values (a ragged row's whole text)", () => {
    for (const long of ["a".repeat(200_000), "0".repeat(200_000), "a.".repeat(100_000)]) {
      const started = performance.now();
      expect(maskPersonal(long)).toBe(long);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    const p = maskedProblem({
      severity: "error",
      code: "bad-value",
      file: "f",
      value: `taro@example.jp ${"x".repeat(10_000)}`,
      message: "m",
      fix: "f",
    });
    expect(p.value).toBe(`t***@e***.jp ${"x".repeat(184)}…`);
  });
  it("is idempotent", () => {
    for (const v of ["taro.tanaka@example.co.jp", "090-1234-5678"]) expect(maskPersonal(maskPersonal(v))).toBe(maskPersonal(v));
  });
});

describe("what a page or an edition shows", () => {
  it("masks every string and key of a report, and nothing else", () => {
    const report = {
      reasons: [{ reason: "担当 taro@example.jp 不在", count: 1, at: "2026-10-01" }],
      byReason: { "call 090-1234-5678": 2 },
    };
    expect(maskedValues(report)).toEqual({
      reasons: [{ reason: "担当 t***@e***.jp 不在", count: 1, at: "2026-10-01" }],
      byReason: { "call ***-****-**78": 2 },
    });
    expect(report.reasons[0]!.reason).toBe("担当 taro@example.jp 不在");
    const day = new Date("2026-10-01T00:00:00Z");
    expect(maskedValues({ day }).day).toBe(day);
  });
  it("masks a problem's file and fix, and keeps no row's raw text", () => {
    const unknown = publishedProblem({
      severity: "warning",
      code: "unknown-file",
      file: "data/2026-10/memo taro@example.jp.txt",
      value: "memo taro@example.jp.txt",
      message: "is not a dataset the report reads",
      fix: "rename data/2026-10/memo taro@example.jp.txt",
    });
    expect([unknown.file, unknown.value, unknown.fix]).toEqual([
      "data/2026-10/memo t***@e***.txt",
      "memo t***@e***.txt",
      "rename data/2026-10/memo t***@e***.txt",
    ]);
    const ragged = publishedProblem({
      severity: "warning",
      code: "ragged-row",
      file: "f.csv",
      line: 5,
      value: "L6,Tanaka Hanako,2026-10-05",
      message: "m",
      fix: "f",
    });
    expect(ragged.value).toBeUndefined();
    expect(ragged.line).toBe(5);
    const anomaly = maskedProblem({
      severity: "warning",
      code: "mql-before-created",
      file: "f.csv",
      message: "m",
      fix: "f",
      count: 2,
      records: ["L1", "taro@example.jp"],
    });
    expect(anomaly.records).toEqual(["L1", "t***@e***.jp"]);
  });
});

describe("escapeInvisible", () => {
  it("writes out characters that cannot be seen", () => {
    expect(escapeInvisible("C1\u200b")).toBe("C1\\u{200B}");
    expect(escapeInvisible("\ufeffL1\u00ad")).toBe("\\u{FEFF}L1\\u{00AD}");
    expect(escapeInvisible("株式会社 サンプル")).toBe("株式会社 サンプル");
    expect(shownValue("a@b.example\u200b")).toBe("a***@b***.example\\u{200B}");
  });
  it("in a message, so a value never looks identical to another", () => {
    expect(
      formatProblem({
        severity: "warning",
        code: "unknown-reference",
        file: "f.csv",
        line: 2,
        column: "campaign_id",
        value: "C1\u200b",
        message: "m",
        fix: "f",
      }),
    ).toBe("WARNING f.csv:2 column campaign_id: 'C1\\u{200B}' m. Fix: f");
  });
});

describe("an email typed into an id column", () => {
  const tmp = mkdtempSync(join(tmpdir(), "gekkan-mask-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  it("never reaches the built site: the data page and the full print page show it masked", async () => {
    const out = join(tmp, "dist");
    const built = await buildSite({ root: join(import.meta.dirname, "fixtures/malformed/personal-value-in-id"), outDir: out });
    expect(built.ok).toBe(true);
    const pages = files(out).filter((f) => f.endsWith(".html"));
    const all = pages.map((p) => readFileSync(p, "utf8")).join("\n");
    expect(all).not.toContain("taro.tanaka");
    expect(all).not.toContain("1234-5678");
    expect(readFileSync(join(out, "2026-10/data/index.html"), "utf8")).toContain("t***@e***.jp");
    expect(readFileSync(join(out, "2026-10/print-full/index.html"), "utf8")).toContain("t***@e***.jp");
  }, 120_000);
});
