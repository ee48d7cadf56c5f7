// A tiny as-of database for metric tests: raw tables from the schema, rows inserted as SQL,
// then the same as-of step and calendar the build uses.
import { createAsOf } from "../../src/model/asof.ts";
import { createCalendarTable } from "../../src/model/calendar.ts";
import { openDb, type Db } from "../../src/model/duckdb.ts";
import { windowOf, type MetricContext } from "../../src/metrics/context.ts";
import { config as configSchema, type Config } from "../../src/schema/config.ts";
import { DATASET_NAMES, type DatasetName } from "../../src/schema/dataset.ts";
import { rawTableSql } from "../../src/validate/dataset.ts";

export async function tables(
  inserts: string,
  month: string,
  provided: Record<string, DatasetName[]>,
  overrides: Partial<Config> = {},
): Promise<{ db: Db; ctx: MetricContext }> {
  const db = await openDb();
  for (const d of DATASET_NAMES) await db.exec(rawTableSql(d));
  await db.exec(inserts);
  const config = configSchema.parse(overrides);
  await createCalendarTable(db, config.calendar, "2025-01-01", "2027-12-31");
  await createAsOf(db, month, config);
  return { db, ctx: { month, window: windowOf(month), config, provided: (d, m) => provided[m]?.includes(d) ?? false } };
}
