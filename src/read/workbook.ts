// Stage an .xlsx export for DuckDB like a text export: its sheet as framer text (read/xlsx.ts),
// framed by the same framer as a CSV, written to a copy DuckDB reads. Lines become sheet rows
// again here: in the framer's problems and dropped lines, and in __line as DuckDB reads it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ident, lit } from "../model/duckdb.ts";
import type { Mapping } from "../schema/mapping.ts";
import type { Problem } from "../validate/problem.ts";
import { charactersOf, type StageResult } from "./file.ts";
import { frame } from "./frame.ts";
import type { DataFile } from "./project.ts";
import { readXlsx, rowOf, rowOfSql, WorkbookError } from "./xlsx.ts";

export interface WorkbookOptions {
  mapping: Mapping;
  /** validation.maxXlsxMegabytes */
  maxMegabytes: number;
}

/** Stage an .xlsx file: find its sheet and header, frame its rows, and write the framed copy to `tmpDir` as `name`.csv. */
export async function stageWorkbookFile(
  file: DataFile,
  bytes: Buffer,
  sha256: string,
  name: string,
  tmpDir: string,
  options: WorkbookOptions,
): Promise<StageResult> {
  if (bytes.length === 0)
    return {
      problems: [
        {
          severity: "error",
          code: "empty-file",
          file: file.rel,
          message: "is empty (0 bytes)",
          fix: "re-export the file; delete it if the month has no such data",
        },
      ],
    };
  let sheet: Awaited<ReturnType<typeof readXlsx>>;
  try {
    sheet = await readXlsx(bytes, { file: file.rel, dataset: file.dataset, mapping: options.mapping, maxMegabytes: options.maxMegabytes });
  } catch (e) {
    if (e instanceof WorkbookError) return { problems: [e.problem] };
    throw e;
  }
  const framed = frame(sheet.text, { file: file.rel, delimiter: "," });
  const breaks = (v: string) => v.replaceAll(sheet.newline, "\n");
  const problems: Problem[] = [...sheet.problems];
  for (const p of framed.problems) {
    if (p.line !== undefined) p.line = rowOf(sheet, p.line);
    // A totals row cut to its label is no guessed footer: it was recognised as totals.
    if (p.code === "footer-guessed" && p.line !== undefined && sheet.totals.has(p.line)) continue;
    if (p.value !== undefined) p.value = breaks(p.value);
    p.sheet = sheet.sheet;
    problems.push(p);
  }
  const dropped = framed.dropped
    .filter((d) => d.line !== sheet.inserted)
    .map((d) => {
      const row = rowOf(sheet, d.line);
      const text = sheet.original.get(row) ?? breaks(d.text);
      // Empty rows above the header are blank rows, not a preamble.
      return { ...d, line: row, text, reason: d.reason === "preamble" && text === "" ? ("blank" as const) : d.reason };
    });
  if (problems.some((p) => p.severity === "error" && p.code !== "ragged-row")) return { problems };
  const tmp = join(tmpDir, `${name}.csv`);
  writeFileSync(tmp, framed.csv);
  const columns = ["__line", ...framed.header];
  const types = `{${columns.map((c) => `${lit(c)}: ${c === "__line" ? "'BIGINT'" : "'VARCHAR'"}`).join(", ")}}`;
  const read = `read_csv(${lit(tmp)}, header = true, delim = ',', quote = '"', escape = '"', columns = ${types}, auto_detect = false,
    new_line = '\\n', max_line_size = 16777216, buffer_size = 16777216, parallel = false)`;
  const values = framed.header.map((h) =>
    sheet.breaks ? `replace(${ident(h)}, ${lit(sheet.newline)}, chr(10)) AS ${ident(h)}` : ident(h),
  );
  const source = `(SELECT CAST(${rowOfSql(sheet, "__line")} AS BIGINT) AS __line, ${values.join(", ")} FROM ${read})`;
  return {
    staged: {
      file,
      source,
      tmp,
      headers: framed.header,
      duplicates: framed.duplicates,
      bytes: bytes.length,
      sha256,
      dropped,
      rejected: problems.filter((p) => p.code === "ragged-row").length,
      edgeSpaces: framed.edgeSpaces,
      sheet: sheet.sheet,
      letters: sheet.letters,
      ...charactersOf(framed.csv),
    },
    problems,
  };
}

/**
 * Say where in the workbook a problem of a staged .xlsx file is: its sheet, and the cell when the
 * problem names a column (`columns`: canonical column -> header) and a row.
 */
export function placeInSheet(
  p: Problem,
  staged: { sheet?: string; letters?: string[]; headers: string[] },
  columns?: ReadonlyMap<string, string>,
): void {
  if (staged.sheet === undefined) return;
  p.sheet = staged.sheet;
  if (p.line === undefined || p.column === undefined) return;
  const header = columns?.get(p.column) ?? p.column;
  const k = staged.headers.indexOf(header);
  const letter = k >= 0 ? staged.letters?.[k] : undefined;
  if (letter) p.cell = `${letter}${p.line}`;
}
