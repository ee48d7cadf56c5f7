import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { frame, type Framed } from "../src/read/frame.ts";

const file = "data/2026-10/leads.csv";
const f = (text: string, delimiter?: "," | ";" | "\t"): Framed => frame(text, { file, delimiter });
const codes = (x: Framed): string[] => x.problems.map((p) => p.code);
/** Output records (split on "\n" outside quotes). */
const lines = (x: Framed): string[] => {
  const out: string[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i < x.csv.length; i++) {
    const ch = x.csv[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === "\n" && !quoted) {
      out.push(x.csv.slice(from, i));
      from = i + 1;
    }
  }
  expect(from).toBe(x.csv.length); // ends with "\n"
  return out;
};
/** Source start line of each kept record. */
const starts = (x: Framed): number[] =>
  lines(x)
    .slice(1)
    .map((l) => Number(l.split(x.delimiter)[0]));

describe("frame: records and lines", () => {
  it("frames a plain CSV, keeping plain records as they are", () => {
    const x = f("id,name\n1,Alice\n2,Bob\n");
    expect(x.delimiter).toBe(",");
    expect(x.header).toEqual(["id", "name"]);
    expect(x.headerLine).toBe(1);
    expect(x.rows).toBe(2);
    expect(x.csv).toBe('"__line","id","name"\n2,1,Alice\n3,2,Bob\n');
    expect(x.problems).toEqual([]);
    expect(x.dropped).toEqual([]);
  });

  it("accepts CRLF, lone CR and a missing final line end", () => {
    expect(f("id,name\r\n1,A\r\n2,B\r\n").csv).toBe('"__line","id","name"\n2,1,A\n3,2,B\n');
    expect(f("id,name\r1,A\r2,B").csv).toBe('"__line","id","name"\n2,1,A\n3,2,B\n');
  });

  it("keeps exact start lines after quoted fields spanning lines", () => {
    const text = 'id,note,n\r\n1,"line one\r\nline two\r\nline three",5\r\n2,plain,6\r\n3,"a\nb",7\n4,x,8\n';
    const x = f(text);
    expect(x.rows).toBe(4);
    expect(starts(x)).toEqual([2, 5, 6, 8]);
    expect(x.csv).toContain('2,1,"line one\nline two\nline three",5\n');
  });

  it("undoes doubled quotes and re-doubles them in the output", () => {
    const x = f('id,title\n1,"He said ""hi"", then left"\n2,5" screen\n');
    expect(lines(x)[1]).toBe('2,1,"He said ""hi"", then left"');
    expect(lines(x)[2]).toBe('3,2,"5"" screen"');
  });

  it("strips a BOM and trims and unquotes header names", () => {
    const x = f('\ufeff"Lead ID", "Created Date" ,Status\n1,2026-10-01,Open\n');
    expect(x.header).toEqual(["Lead ID", "Created Date", "Status"]);
    expect(lines(x)[0]).toBe('"__line","Lead ID","Created Date","Status"');
  });
});

describe("frame: delimiter sniffing", () => {
  it("picks ';' for a European CSV with decimal commas", () => {
    const x = f("Name;Amount;Date\nFoo;1,5;2026-10-01\nBar;2,25;2026-10-02\n");
    expect(x.delimiter).toBe(";");
    expect(x.header).toEqual(["Name", "Amount", "Date"]);
    expect(lines(x)[1]).toBe("2;Foo;1,5;2026-10-01");
  });

  it("picks tab, even when values contain commas", () => {
    const x = f("セッション\tユーザー\t備考\n1,200\t300\ta, b\n5\t6\tc\n");
    expect(x.delimiter).toBe("\t");
    expect(x.header).toEqual(["セッション", "ユーザー", "備考"]);
    expect(x.rows).toBe(2);
  });

  it("ignores delimiters inside quoted header names", () => {
    const x = f('"Amount, JPY";Name\n"1,200";Foo\n');
    expect(x.delimiter).toBe(";");
    expect(x.header).toEqual(["Amount, JPY", "Name"]);
  });

  it("prefers the delimiter with consistent field counts", () => {
    // ',' splits the header into 2 but the data into 1 or 3; ';' is consistent.
    const x = f("Name,Kind;Amount\nFoo;1\nBar,Baz,Qux;2\nX;3\n");
    expect(x.delimiter).toBe(";");
  });

  it("treats a header without any delimiter as one column", () => {
    const x = f("email\na@example.com\nb@example.com\n");
    expect(x.delimiter).toBe(",");
    expect(x.header).toEqual(["email"]);
    expect(x.rows).toBe(2);
  });

  it("follows Excel's sep= line", () => {
    const x = f("sep=;\na,b;c\n1,2;3\n");
    expect(x.delimiter).toBe(";");
    expect(x.header).toEqual(["a,b", "c"]);
    expect(x.headerLine).toBe(2);
    expect(x.dropped).toEqual([{ line: 1, text: "sep=;", reason: "preamble" }]);
  });

  it("uses a given delimiter without sniffing", () => {
    const x = f("a,b\tc\n1,2\t3\n", "\t");
    expect(x.header).toEqual(["a,b", "c"]);
  });
});

describe("frame: GA4", () => {
  const ga4 = [
    "# ----------------------------------------",
    "# すべてのアカウント - GA4",
    "# 開始日: 20261001",
    "# 終了日: 20261031",
    "# ----------------------------------------",
    "",
    "日付,セッション,ユーザー",
    '合計,"1,500",900',
    "20261001,700,400",
    "20261002,800,500",
    "",
    "# ----------------------------------------",
    "# 第 2 表",
    "",
    "デバイス,セッション",
    "mobile,1000",
    "desktop,500",
    "",
  ].join("\n");

  it("drops the '#' preamble, the totals row and any further tables", () => {
    const x = f(ga4);
    expect(x.headerLine).toBe(7);
    expect(x.header).toEqual(["日付", "セッション", "ユーザー"]);
    expect(x.rows).toBe(2);
    expect(starts(x)).toEqual([9, 10]);
    expect(x.problems).toEqual([]);
    const by = (reason: string) => x.dropped.filter((d) => d.reason === reason).map((d) => d.line);
    expect(by("preamble")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(by("totals")).toEqual([8]);
    expect(by("footer")).toEqual([11, 12, 13, 14, 15, 16, 17]);
    expect(x.dropped.find((d) => d.line === 3)?.text).toBe("# 開始日: 20261001");
  });

  it("drops a totals row at the end too, in any case", () => {
    const x = f("Channel,Sessions\nOrganic,10\nDirect,5\n  grand TOTAL ,15\n");
    expect(x.rows).toBe(2);
    expect(x.dropped).toEqual([{ line: 4, text: "  grand TOTAL ,15", reason: "totals" }]);
  });

  it("drops a Salesforce 'Grand Totals (N records)' row that carries the summed values, and checks its count", () => {
    const rows = ['"Opportunity ID","Created Date","Amount"', '"006A","2026/10/01","1,000,000"', '"006B","2026/10/02","500,000"'];
    const footer = ['""', '"Confidential Information - Do Not Distribute"'];
    const x = f([...rows, '""', '"Grand Totals (2 records)","","1,500,000"', ...footer].join("\r\n"));
    expect(x.rows).toBe(2);
    expect(codes(x)).toEqual([]);
    expect(x.dropped.map((d) => [d.line, d.reason])).toEqual([
      [4, "blank"],
      [5, "totals"],
      [6, "footer"],
      [7, "footer"],
    ]);
    expect(x.declaredTotal).toBe(2);
    // Right below the rows, in Japanese; a count that says more rows than were read is a cut export.
    const ja = f([...rows, '"総計 (3 件のレコード)","","1,500,000"'].join("\r\n"));
    expect(ja.rows).toBe(2);
    expect(ja.dropped.map((d) => d.reason)).toEqual(["totals"]);
    expect(codes(ja)).toEqual(["truncated-export"]);
  });

  it("keeps a 'Total' value that is neither first nor last", () => {
    const x = f("Name,Sessions\nA,1\nTotal,2\nB,3\n");
    expect(x.rows).toBe(3);
  });
});

describe("frame: Salesforce footer", () => {
  const sf = (footer: string[], rows = 2): string =>
    `${[
      '"リード ID","作成日","リードソース"',
      ...Array.from({ length: rows }, (_, k) => `"00Q${k}","2026/10/0${k + 1}","Web"`),
      '""',
      ...footer,
    ].join("\r\n")}\r\n`;

  it("drops the English footer and reads the declared total", () => {
    const x = f(
      sf([
        '"Grand Totals (2 records)"',
        '""',
        '"Confidential Information - Do Not Distribute"',
        '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
      ]),
    );
    expect(x.rows).toBe(2);
    expect(x.declaredTotal).toBe(2);
    expect(x.problems).toEqual([]);
    expect(x.dropped.map((d) => [d.line, d.reason])).toEqual([
      [4, "footer"],
      [5, "footer"],
      [6, "footer"],
      [7, "footer"],
      [8, "footer"],
    ]);
  });

  it("drops the Japanese footer and refuses an export holding fewer records than it declares (truncated)", () => {
    const x = f(sf(['"総計 (1,234 レコード)"', '""', '"機密情報 - 配布禁止"', '"株式会社サンプル"'], 3));
    expect(x.rows).toBe(3);
    expect(x.declaredTotal).toBe(1234);
    expect(codes(x)).toEqual(["truncated-export"]);
    const p = x.problems[0]!;
    expect(p.severity).toBe("error");
    expect(p.line).toBe(6);
    expect(p.message).toBe("the report footer declares 1234 records but the file has 3 data rows, so the export is incomplete");
    expect(p.fix).toMatch(/re-export/);
  });

  it("warns when the footer declares fewer records than the file holds", () => {
    const x = f(sf(['"総計 (2 レコード)"', '""', '"機密情報 - 配布禁止"'], 3));
    expect(x.rows).toBe(3);
    expect(codes(x)).toEqual(["footer-total-mismatch"]);
    expect(x.problems[0]!.severity).toBe("warning");
    expect(x.problems[0]!.message).toBe("the report footer declares 2 records but the file has 3 data rows");
  });

  it("handles a footer padded by Excel to the full width", () => {
    const x = f("a,b,c\n1,2,3\n,,\nGrand Totals (1 records),,\nGenerated By: 山田,,\n");
    expect(x.rows).toBe(1);
    expect(x.declaredTotal).toBe(1);
    expect(x.problems).toEqual([]);
  });

  it("notes a footer line that is no known footer text: it may be a sparse last data row", () => {
    const x = f("id,name,amount\n1,A,2\n\nL99,,\n");
    expect(x.rows).toBe(1);
    expect(x.dropped.map((d) => [d.line, d.reason])).toEqual([
      [3, "footer"],
      [4, "footer"],
    ]);
    // The line's text is not quoted: it could be a personal value. Its column is named.
    expect(x.problems.map((p) => [p.severity, p.code, p.line, p.column, p.value])).toEqual([
      ["info", "footer-guessed", 4, "id", undefined],
    ]);
  });

  it("keeps data after a blank line in the middle", () => {
    const x = f("id,name\n1,A\n\n2,B\n3,\n");
    expect(x.rows).toBe(3);
    expect(starts(x)).toEqual([2, 4, 5]);
    expect(x.dropped).toEqual([{ line: 3, text: "", reason: "blank" }]);
  });

  it("calls trailing blank lines blank, not footer", () => {
    const x = f("id,name\n1,A\n\n\n");
    expect(x.rows).toBe(1);
    expect(x.dropped.map((d) => d.reason)).toEqual(["blank", "blank"]);
  });
});

describe("frame: bad input", () => {
  it("reports ragged rows and leaves them out", () => {
    const x = f("id,name,amount\n1,A,100\n2,Acme, Inc.,200\n3,C\n4,D,400\n");
    expect(x.rows).toBe(2);
    expect(starts(x)).toEqual([2, 5]);
    expect(codes(x)).toEqual(["ragged-row", "ragged-row"]);
    const [a, b] = x.problems;
    expect(a).toMatchObject({
      severity: "error",
      file,
      line: 3,
      value: "2,Acme, Inc.,200",
      message: "has 4 fields but the header has 3",
      expected: "3 fields separated by ','",
    });
    expect(a!.fix).toMatch(/quote/);
    expect(b).toMatchObject({ line: 4, message: "has 2 fields but the header has 3" });
  });

  it("clips the value of a long ragged row to 60 characters", () => {
    const x = f(`a,b\n${"x".repeat(100)},1,2\n`);
    expect(x.problems[0]!.value).toHaveLength(60);
  });

  it("reports an unterminated quote at the line it opened", () => {
    const x = f('id,note\n1,ok\n2,"never closed\n3,more\n4,rows\n');
    expect(codes(x)).toEqual(["unterminated-quote"]);
    expect(x.problems[0]).toMatchObject({ severity: "error", line: 3, fix: "close the quote opened on line 3 or re-export the file" });
  });

  it("numbers duplicate header names (after trimming) and lists them; whether that is an error depends on the dataset", () => {
    const x = f("id,name, name\n1,a,b\n");
    expect(codes(x)).toEqual([]);
    expect(x.header).toEqual(["id", "name", "name (2)"]);
    expect(x.duplicates).toEqual([{ name: "name", given: ["name", "name"], columns: ["name", "name (2)"], line: 1 }]);
  });

  it("names empty header columns column_<n> with a warning", () => {
    const x = f("id,,name\n1,2,3\n");
    expect(x.header).toEqual(["id", "column_2", "name"]);
    expect(codes(x)).toEqual(["empty-header"]);
    expect(x.problems[0]!.severity).toBe("warning");
  });

  it("reports an empty file, and a file with only a preamble", () => {
    for (const text of ["", "\ufeff", "\r\n\r\n", "# 開始日: 20261001\n# 終了日: 20261031\n"]) {
      const x = f(text);
      expect(codes(x)).toEqual(["empty-file"]);
      expect(x.problems[0]!.file).toBe(file);
      expect(x.rows).toBe(0);
    }
  });

  it("accepts a header with no data rows", () => {
    const x = f("id,name\n");
    expect(x.rows).toBe(0);
    expect(x.problems).toEqual([]);
    expect(x.csv).toBe('"__line","id","name"\n');
  });
});

describe("frame: output", () => {
  it("is read by DuckDB as-is", async () => {
    const text = [
      "# 開始日: 20261001",
      "",
      '"Lead ID","Note","Amount"',
      '"00Q1","multi',
      'line ""quoted"" note","1,200"',
      '"00Q2","a;b\tc","5"" screen"',
      "00Q3,,",
      "00Q4, 株式会社テスト ,12",
      '00Q5,"quoted",  7 ',
      '""',
      '"Grand Totals (5 records)"',
    ].join("\r\n");
    const x = f(text);
    expect(x.problems).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), "gekkan-frame-"));
    const path = join(dir, "framed.csv");
    writeFileSync(path, x.csv);
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    try {
      const r = await con.runAndReadAll(
        `select * from read_csv('${path}', header=true, all_varchar=true, delim=',', quote='"', escape='"')`,
      );
      expect(r.getRowObjectsJson()).toEqual([
        { __line: "4", "Lead ID": "00Q1", Note: 'multi\nline "quoted" note', Amount: "1,200" },
        { __line: "6", "Lead ID": "00Q2", Note: "a;b\tc", Amount: '5" screen' },
        // DuckDB reads an empty field as NULL, quoted or not.
        { __line: "7", "Lead ID": "00Q3", Note: null, Amount: null },
        // A record of plain fields is written as it came, spaces and all (values are trimmed later).
        { __line: "8", "Lead ID": "00Q4", Note: " 株式会社テスト ", Amount: "12" },
        { __line: "9", "Lead ID": "00Q5", Note: "quoted", Amount: "  7 " },
      ]);
    } finally {
      con.closeSync();
      db.closeSync();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Speed is measured by npm run bench, not here: this checks a 30 MB file frames correctly.
  it("frames a 30 MB file with every record and line intact", () => {
    const row = '"00Q5g00000AbCdE","2026/10/01 9:05","Web","株式会社サンプル","multi\nline","1,200,000"\r\n';
    const plain = "00Q5g00000AbCdE,2026/10/01 9:05,Web,Sample,note,1200000\r\n";
    const count = Math.ceil(15e6 / Buffer.byteLength(row));
    const count2 = Math.ceil(15e6 / plain.length);
    const bytes = Buffer.from(`"Id","Created","Source","Company","Note","Amount"\r\n${row.repeat(count)}${plain.repeat(count2)}`);
    expect(bytes.length).toBeGreaterThan(30e6);
    // Decoded like a real file (a flat string, as TextDecoder returns it).
    const text = new TextDecoder().decode(bytes);
    const x = f(text);
    expect(x.problems).toEqual([]);
    expect(x.rows).toBe(count + count2);
    // The last record starts on the line it should, after `count` two-line quoted records.
    expect(x.csv.slice(x.csv.lastIndexOf("\n", x.csv.length - 2) + 1).split(",")[0]).toBe(String(1 + 2 * count + count2));
  });
});
