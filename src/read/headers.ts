// Match an export's headers to the canonical columns of its dataset.
// Order of precedence: the project mapping file, the canonical name itself, the built-in aliases.
import { columnsOf, PERSONAL_COLUMN_HINTS, type DatasetName } from "../schema/dataset.ts";
import type { Mapping } from "../schema/mapping.ts";
import type { Problem } from "../validate/problem.ts";
import { BUILT_IN_ALIASES, normalizeHeader } from "./aliases.ts";

export interface HeaderMatch {
  /** canonical column -> the header in the file that supplies it */
  columns: Map<string, string>;
  /** headers that carry personal data: never read */
  personal: string[];
  /** other headers the report does not use */
  ignored: string[];
  problems: Problem[];
}

const PERSONAL = new Set(PERSONAL_COLUMN_HINTS.map(normalizeHeader));
const PERSONAL_PART = /(e?mail|メール|phone|電話|携帯|fax|氏名|住所|address|姓|firstname|lastname|fullname)/;

/** Lookup from normalized header to canonical column, with a rank (lower wins). */
function lookupFor(dataset: DatasetName, mapping: Mapping): Map<string, { column: string; rank: number }> {
  const lookup = new Map<string, { column: string; rank: number }>();
  const add = (header: string, column: string, rank: number) => {
    const key = normalizeHeader(header);
    const prev = lookup.get(key);
    if (!prev || prev.rank > rank) lookup.set(key, { column, rank });
  };
  for (const [header, column] of Object.entries(mapping.columns[dataset] ?? {})) add(header, column, 0);
  const cols = columnsOf(dataset);
  cols.forEach((c) => add(c.name, c.name, 1));
  const aliases = BUILT_IN_ALIASES[dataset] as Record<string, readonly string[] | undefined>;
  cols.forEach((c) => (aliases[c.name] ?? []).forEach((a, i) => add(a, c.name, 2 + i)));
  return lookup;
}

const cache = new WeakMap<Mapping, Map<DatasetName, ReturnType<typeof lookupFor>>>();

/** The canonical column a header supplies (by the mapping, the column's name or an alias), if any. */
export function columnOf(dataset: DatasetName, header: string, mapping: Mapping): string | undefined {
  return lookupOf(dataset, mapping).get(normalizeHeader(header))?.column;
}

function lookupOf(dataset: DatasetName, mapping: Mapping): ReturnType<typeof lookupFor> {
  let perMapping = cache.get(mapping);
  if (!perMapping) cache.set(mapping, (perMapping = new Map()));
  let lookup = perMapping.get(dataset);
  if (!lookup) perMapping.set(dataset, (lookup = lookupFor(dataset, mapping)));
  return lookup;
}

export function matchHeaders(dataset: DatasetName, headers: readonly string[], mapping: Mapping, file: string): HeaderMatch {
  const lookup = lookupOf(dataset, mapping);
  const chosen = new Map<string, { header: string; rank: number }>();
  const personal: string[] = [];
  const ignored: string[] = [];
  const problems: Problem[] = [];
  for (const header of headers) {
    const key = normalizeHeader(header);
    const hit = lookup.get(key);
    if (!hit) {
      if (PERSONAL.has(key) || PERSONAL_PART.test(key)) personal.push(header);
      else ignored.push(header);
      continue;
    }
    const prev = chosen.get(hit.column);
    if (prev) {
      const [keep, drop] = prev.rank <= hit.rank ? [prev.header, header] : [header, prev.header];
      problems.push({
        severity: "warning",
        code: "ambiguous-header",
        file,
        column: hit.column,
        value: drop,
        message: `both '${keep}' and '${drop}' could be ${hit.column}; '${keep}' was used`,
        fix: `if '${drop}' is the right one, map it in mapping.yaml (columns: ${dataset}: "${drop}": ${hit.column})`,
      });
      if (prev.rank <= hit.rank) {
        ignored.push(header);
        continue;
      }
      ignored.push(prev.header);
    }
    chosen.set(hit.column, { header, rank: hit.rank });
  }
  const columns = new Map([...chosen].map(([col, v]) => [col, v.header]));
  for (const col of columnsOf(dataset)) {
    if (col.required && !columns.has(col.name)) {
      const aliases = (BUILT_IN_ALIASES[dataset] as Record<string, readonly string[] | undefined>)[col.name] ?? [];
      problems.push({
        severity: "error",
        code: "missing-column",
        file,
        line: 1,
        column: col.name,
        message: `the required column ${col.name} is missing (headers found: ${headers.slice(0, 12).join(", ")}${headers.length > 12 ? ", …" : ""})`,
        expected: `a header named ${col.name}${aliases.length ? ` or one of: ${aliases.slice(0, 5).join(", ")}` : ""}`,
        fix: `add the column to the export, or map its header in mapping.yaml (columns: ${dataset}: "<your header>": ${col.name})`,
      });
    }
  }
  if (personal.length > 0) {
    problems.push({
      severity: "info",
      code: "personal-columns-dropped",
      file,
      value: personal.join(", "),
      message: `${personal.length} personal-data column(s) were not read`,
      fix: "nothing to do: personal data is never read or published",
    });
  }
  return { columns, personal, ignored, problems };
}
