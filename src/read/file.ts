// Stage one export in DuckDB as text: decode and frame text formats in Node (DuckDB reads
// UTF-8 only, and never sees a footer or preamble), let DuckDB parse the fields.
// Every staged table has __line (the source line, or the record number for Parquet/JSON).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ident, lit, type Db } from "../model/duckdb.ts";
import type { Problem } from "../validate/problem.ts";
import { decode, DecodeError, type Encoding } from "./encoding.ts";
import { frame, type Delimiter, type Dropped } from "./frame.ts";
import type { DataFile } from "./project.ts";

export interface StagedFile {
  file: DataFile;
  /** DuckDB table holding the file as text, plus __line. */
  table: string;
  headers: string[];
  rows: number;
  bytes: number;
  sha256: string;
  encoding?: Encoding;
  delimiter?: Delimiter;
  dropped: Dropped[];
  /** Records the framer rejected (ragged rows): bad rows, counted with the rest. */
  rejected: number;
}

export interface StageResult {
  staged?: StagedFile;
  problems: Problem[];
}

export async function stageFile(db: Db, file: DataFile, table: string, tmpDir: string): Promise<StageResult> {
  const bytes = readFileSync(file.path);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    if (file.format === "csv" || file.format === "tsv") return await stageText(db, file, table, tmpDir, bytes, sha256);
    return await stageStructured(db, file, table, bytes.length, sha256);
  } catch (e) {
    return { problems: [unreadable(file, e)] };
  }
}

async function stageText(db: Db, file: DataFile, table: string, tmpDir: string, bytes: Buffer, sha256: string): Promise<StageResult> {
  let decoded;
  try {
    decoded = decode(bytes);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return {
      problems: [{
        severity: "error", code: "bad-encoding", file: file.rel, line: e.line,
        message: e.message, expected: "UTF-8 (with or without BOM), Shift_JIS/CP932 or UTF-16 with BOM",
        fix: "re-export the file, or open it and save it as UTF-8 CSV",
      }],
    };
  }
  const framed = frame(decoded.text, { file: file.rel, delimiter: file.format === "tsv" ? "\t" : undefined });
  const fatal = framed.problems.some((p) => p.severity === "error" && p.code !== "ragged-row");
  if (fatal) return { problems: framed.problems };
  const tmp = join(tmpDir, `${table}.csv`);
  writeFileSync(tmp, framed.csv);
  const columns = ["__line", ...framed.header];
  // Explicit column types: every field is text, so DuckDB never sniffs types from a sample.
  const types = `{${columns.map((c) => `${lit(c)}: 'VARCHAR'`).join(", ")}}`;
  await db.exec(`CREATE TEMP TABLE ${table} AS SELECT * REPLACE (CAST(__line AS BIGINT) AS __line)
    FROM read_csv(${lit(tmp)}, header = true, delim = ${lit(framed.delimiter)}, quote = '"', escape = '"',
      columns = ${types}, auto_detect = false, new_line = '\\n', max_line_size = 67108864, parallel = false)`);
  const rejected = framed.problems.filter((p) => p.code === "ragged-row").length;
  return {
    staged: {
      file, table, headers: framed.header, rows: framed.rows, bytes: bytes.length, sha256,
      encoding: decoded.encoding, delimiter: framed.delimiter, dropped: framed.dropped, rejected,
    },
    problems: framed.problems,
  };
}

async function stageStructured(db: Db, file: DataFile, table: string, bytes: number, sha256: string): Promise<StageResult> {
  const source =
    file.format === "parquet"
      ? `read_parquet(${lit(file.path)})`
      : `read_json(${lit(file.path)}, format = ${file.format === "jsonl" ? "'newline_delimited'" : "'auto'"}, sample_size = -1)`;
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${source}`);
  const headers = described.map((d) => d.column_name);
  // Structured formats are typed already; cast to text so one typing path validates every format.
  const cast = described.map((d) => `CAST(${ident(d.column_name)} AS VARCHAR) AS ${ident(d.column_name)}`).join(", ");
  await db.exec(`CREATE TEMP TABLE ${table} AS SELECT row_number() OVER () AS __line, ${cast} FROM ${source}`);
  const { n } = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return { staged: { file, table, headers, rows: n, bytes, sha256, dropped: [], rejected: 0 }, problems: [] };
}

function unreadable(file: DataFile, e: unknown): Problem {
  const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return {
    severity: "error", code: "unreadable-file", file: file.rel,
    message: `could not be read as ${file.format}: ${detail}`,
    fix: `check that the file really is ${file.format} (re-export it from the tool), or rename it with the right extension`,
  };
}
