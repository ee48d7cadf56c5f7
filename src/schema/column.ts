// Column kinds: the vocabulary every dataset schema is written in. A column is a zod schema
// with `.meta({ kind, description })`; readers, validators, DuckDB DDL and the data reference
// all derive from that one declaration.
import { z } from "zod";

export const COLUMN_KINDS = ["id", "string", "datetime", "date", "month", "number", "count", "boolean", "enum", "currency"] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

export interface ColumnMeta {
  kind: ColumnKind;
  description: string;
  /** Personal data: read never, publish never. Only listed so the reader can say it dropped them. */
  personal?: boolean;
}

declare module "zod" {
  interface GlobalMeta {
    kind?: ColumnKind;
    personal?: boolean;
    future?: boolean;
  }
}

/** DuckDB type of the typed (validated) column. Timestamps are local wall-clock time in the configured zone. */
export const DUCKDB_TYPE: Record<ColumnKind, string> = {
  id: "VARCHAR",
  string: "VARCHAR",
  datetime: "TIMESTAMP",
  date: "DATE",
  month: "VARCHAR",
  number: "DOUBLE",
  count: "BIGINT",
  boolean: "BOOLEAN",
  enum: "VARCHAR",
  currency: "VARCHAR",
};

/** What a value of each kind must look like, in the words a validation message uses. */
export const EXPECTATION: Record<ColumnKind, string> = {
  id: "a non-empty identifier",
  string: "text",
  datetime:
    "a date or date-time (2026-10-01, 2026/10/01 9:05, 20261001, ISO 8601 with offset; 31/12/2026, 31-12-2026 or 31.12.2026 in the column's day/month order)",
  date: "a date (2026-10-01, 2026/10/01, 20261001)",
  month: "a month as YYYY-MM (2026-10), or a date in it (2026/10/1, 2026年10月1日)",
  number: "a number (1200000, 1,200,000, ¥1,200,000, 12.5%)",
  count: "a whole number of zero or more (1,200)",
  boolean: "true/false, 1/0, yes/no or はい/いいえ",
  enum: "one of the allowed values",
  currency: "an ISO 4217 currency code (JPY, USD; 円, ¥ and yen read as JPY)",
};

function column<T extends z.ZodType>(schema: T, kind: ColumnKind, description: string, future = false) {
  return schema.meta(future ? { kind, description, future } : { kind, description });
}

export const c = {
  id: (description: string) => column(z.string().min(1), "id", description),
  string: (description: string) => column(z.string(), "string", description),
  datetime: (description: string) => column(z.date(), "datetime", description),
  /** A date that may lie after the export (an expected close date, a scheduled end): no upper range check. */
  plannedDatetime: (description: string) => column(z.date(), "datetime", description, true),
  date: (description: string) => column(z.date(), "date", description),
  month: (description: string) => column(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), "month", description),
  number: (description: string) => column(z.number(), "number", description),
  count: (description: string) => column(z.number().int().nonnegative(), "count", description),
  boolean: (description: string) => column(z.boolean(), "boolean", description),
  /** The currency of a row's amounts: the report adds up amounts in the configured currency only. */
  currency: (description: string) => column(z.string().regex(/^[A-Z]{3}$/), "currency", description),
  enum: <const V extends readonly [string, ...string[]]>(values: V, description: string) => column(z.enum(values), "enum", description),
};

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  description: string;
  required: boolean;
  /** May lie in the future (planned dates): only the lower range bound is checked. */
  future: boolean;
  /** Allowed values, for enum columns. */
  values?: readonly string[];
  /**
   * What a blank cell of a required column is: absent (undefined) it is an error; null, the row is
   * kept without a value (a zod `.nullable()` column); a string, the row reads as that value (a zod
   * `.default()`). Real CRMs leave such cells blank: a lead without a source, a deal without an amount.
   * An optional column with a `.default()` reads as that value also in a file without the column.
   */
  blank?: string | null;
}

/** Read a column's declaration back out of its zod schema. */
export function columnInfo(name: string, schema: z.ZodType): ColumnInfo {
  const required = !(schema instanceof z.ZodOptional);
  let inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  let blank: string | null | undefined;
  if (inner instanceof z.ZodNullable) {
    blank = null;
    inner = inner.unwrap() as z.ZodType;
  } else if (inner instanceof z.ZodDefault) {
    blank = String(inner.def.defaultValue);
    inner = inner.unwrap() as z.ZodType;
  }
  const meta = z.globalRegistry.get(inner) ?? z.globalRegistry.get(schema);
  if (!meta?.kind) throw new Error(`column ${name} has no kind: declare it with c.<kind>()`);
  const info: ColumnInfo = { name, kind: meta.kind, description: meta.description ?? "", required, future: meta.future === true };
  if (inner instanceof z.ZodEnum) info.values = inner.options as string[];
  if (blank !== undefined) info.blank = blank;
  return info;
}
