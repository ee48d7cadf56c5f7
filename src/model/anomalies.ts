// Anomalies: records that are valid one by one but contradict themselves or each other. They are
// kept (the source system holds them so) and reported as warnings with counts, one per file and
// check: `npm run check` lists them, the data page counts them (ids only with publishRecords).
// Where a metric leaves such records out, it says how many (velocity: sections/overview/compute.ts).
//
// Stage dates are compared by calendar day: exports often give one stage a date (00:00) and the
// other a time on the same day, which is no anomaly. A record is checked in each file that holds
// it, against the version of the record it refers to that was current at that file's folder.
import type { Config } from "../schema/config.ts";
import type { ProblemCode } from "../validate/codes.ts";
import type { Problem } from "../validate/problem.ts";
import type { DatasetName } from "../schema/dataset.ts";
import { fromFilesSql, outcomeSql } from "./asof.ts";
import type { Db } from "./duckdb.ts";

/** Ids listed per file and check when publishRecords is set. */
const LISTED_IDS = 20;

interface AnomalyCheck {
  code: ProblemCode;
  /** Column the problem names. */
  column: string;
  /** SQL returning the anomalous rows: __file, __line, id; `from(dataset)` is the checked rows of a dataset. */
  rows: (config: Config, from: (dataset: DatasetName) => string) => string;
  /** What is wrong with `n` rows of the file. */
  message: (n: number) => string;
  fix: string;
}

const day = (c: string) => `CAST(${c} AS DATE)`;
/** The lead version current at the folder of row alias `r` (joined on the lead's code). */
const LEAD_AT = (r: string) => `JOIN raw_leads l ON l.__lead = ${r}.__lead AND l.__since <= ${r}.__since AND l.__until > ${r}.__since`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const ANOMALY_CHECKS: AnomalyCheck[] = [
  {
    code: "mql-before-created",
    column: "mql_at",
    rows: (_, from) => `SELECT __file, __line, lead_id AS id FROM ${from("leads")} WHERE ${day("mql_at")} < ${day("created_at")}`,
    message: (n) =>
      `${plural(n, "lead")} became MQL before ${n === 1 ? "it was" : "they were"} created (stage dates out of order; the first on this line)`,
    fix: "check the MQL and creation dates in the source system; the leads are kept and counted as the dates say",
  },
  {
    code: "sql-before-mql",
    column: "sql_at",
    rows: (_, from) => `SELECT __file, __line, lead_id AS id FROM ${from("leads")} WHERE ${day("sql_at")} < ${day("mql_at")}`,
    message: (n) =>
      `${plural(n, "lead")} became SQL before ${n === 1 ? "its" : "their"} MQL date (stage dates out of order; the first on this line); velocity from MQL to SQL leaves ${n === 1 ? "it" : "them"} out and says so`,
    fix: "check the SQL and MQL dates in the source system (a lead converted before it was marked MQL); the leads are kept and counted as the dates say",
  },
  {
    code: "won-before-mql",
    column: "closed_at",
    rows: (config, from) => `SELECT o.__file, o.__line, o.opportunity_id AS id FROM ${from("opportunities")} o ${LEAD_AT("o")}
      WHERE ${outcomeSql(config, "o")} = 'won' AND ${day("o.closed_at")} < ${day("l.mql_at")}`,
    message: (n) =>
      `${plural(n, "deal")} ${n === 1 ? "was" : "were"} won before ${n === 1 ? "its" : "their"} lead's MQL date (stage dates out of order; the first on this line)`,
    fix: "check the close date and the lead's MQL date in the source system; the deals are kept and counted as won in their close month",
  },
  {
    code: "closed-before-created",
    column: "closed_at",
    rows: (config, from) => `SELECT __file, __line, opportunity_id AS id FROM ${from("opportunities")}
      WHERE ${outcomeSql(config)} IN ('won', 'lost') AND ${day("closed_at")} < ${day("created_at")}`,
    message: (n) =>
      `${plural(n, "deal")} ${n === 1 ? "was" : "were"} closed before ${n === 1 ? "it was" : "they were"} created (stage dates out of order; the first on this line); velocity from opportunity to won leaves the won ones out and says so`,
    fix: "check the close and creation dates in the source system; the deals are kept and counted as the dates say",
  },
  {
    code: "won-without-amount",
    column: "amount",
    rows: (config, from) => `SELECT __file, __line, opportunity_id AS id FROM ${from("opportunities")}
      WHERE ${outcomeSql(config)} = 'won' AND (amount IS NULL OR amount = 0)`,
    message: (n) =>
      `${plural(n, "won deal")} ${n === 1 ? "has" : "have"} no amount or an amount of 0 (the first on this line); won amount leaves the blank ones out and says how many`,
    fix: "fill in the amount of the won deals in the source system and re-export",
  },
  {
    code: "closed-stage-as-open",
    column: "stage",
    // A CRM's renamed closing stages (成約, 不成立, Closed - Won) missing from stages.won/lost make
    // those deals open pipeline; a stage that says closed, or forecast category closed, tells.
    rows: (config, from) => `SELECT __file, __line, opportunity_id AS id FROM ${from("opportunities")}
      WHERE outcome IS NULL AND ${outcomeSql(config)} = 'open'
        AND (forecast_category = 'closed' OR regexp_matches(lower(stage), '\\b(closed|won|lost)\\b|受注|失注|成約|不成立|クローズ'))`,
    message: (n) =>
      `${plural(n, "deal")} ${n === 1 ? "has a stage that reads" : "have stages that read"} as closed (won or lost) but ${n === 1 ? "is" : "are"} not among stages.won or stages.lost (the first on this line), so ${n === 1 ? "it counts" : "they count"} as open pipeline`,
    fix: "add the stage to stages.won or stages.lost in gekkan.config.yaml (or export the deals' outcome); until then they count as open",
  },
  {
    code: "activity-before-lead",
    column: "occurred_at",
    rows: (_, from) => `SELECT a.__file, a.__line, a.activity_id AS id FROM ${from("activities")} a ${LEAD_AT("a")}
      WHERE ${day("a.occurred_at")} < ${day("l.created_at")}`,
    message: (n) =>
      `${plural(n, "activity", "activities")} took place before ${n === 1 ? "its" : "their"} lead was created (the first on this line)`,
    fix: "check the activity date and the lead's creation date (a lead created again, or merged, gets a new creation date); the activities are kept and counted",
  },
];

/** Datetime columns whose values must not lie after the folder's month end (planned dates may). */
const AS_OF_COLUMNS: Record<string, { id: string; columns: string[] }> = {
  leads: { id: "lead_id", columns: ["created_at", "mql_at", "handoff_at", "accepted_at", "sql_at", "disqualified_at"] },
  activities: { id: "activity_id", columns: ["occurred_at"] },
  opportunities: { id: "opportunity_id", columns: ["created_at"] },
  content_touches: { id: "lead_id", columns: ["occurred_at"] },
};

/**
 * A date after the as-of date: later than the end of its folder's month, the date the month's
 * report is as of. Up to exportLagDays later is accepted (validation refuses what is later still),
 * since exports run after month close; but such a date is one the month-end report could not have
 * seen. It counts in its own month, yet as a later stage of an earlier record it already shows in
 * the folder's month (a conversion of an October cohort dated 3 November, in October's folder).
 */
const AS_OF_CHECKS: AnomalyCheck[] = Object.entries(AS_OF_COLUMNS).flatMap(([dataset, { id, columns }]) =>
  columns.map((column) => ({
    code: "date-after-as-of",
    column,
    rows: (_: Config, from: (dataset: DatasetName) => string) => `SELECT __file, __line, ${id} AS id FROM ${from(dataset as DatasetName)}
      WHERE __folder <> '' AND ${day(column)} > last_day(CAST(__folder || '-01' AS DATE))`,
    message: (n: number) =>
      `${plural(n, `${column} value`)} ${n === 1 ? "is" : "are"} after the as-of date, the end of the folder's month (within the export lag; the first on this line): counted in ${n === 1 ? "its" : "their"} own month, though the folder's month already sees ${n === 1 ? "it" : "them"} as a later stage of its records`,
    fix: "nothing to do if the export ran after month close; otherwise check the date, and that the file is in the right month folder",
  })),
);

/** Every anomaly, one warning per file and check with the count; ids only with publishRecords. */
export async function findAnomalies(db: Db, config: Config, only?: ReadonlySet<string>): Promise<Problem[]> {
  // Only the rows of some files (a persisted state's were checked when read): a row is checked
  // against the version current at its own folder, which later folders do not change.
  const files = [...(only ?? [])];
  const from = (dataset: DatasetName) => (only ? `(SELECT * FROM raw_${dataset} WHERE ${fromFilesSql(dataset, files)})` : `raw_${dataset}`);
  const problems: Problem[] = [];
  for (const check of [...ANOMALY_CHECKS, ...AS_OF_CHECKS]) {
    const rows = await db.all<{ file: string; n: number; line: number; ids: string[] }>(`
      SELECT __file AS file, count(*) AS n, min(__line) AS line, list(id ORDER BY __line)[1:${LISTED_IDS}] AS ids
      FROM (${check.rows(config, from)}) GROUP BY __file ORDER BY __file`);
    for (const r of rows) {
      problems.push({
        severity: "warning",
        code: check.code,
        file: r.file,
        line: r.line,
        column: check.column,
        message: check.message(r.n),
        fix: check.fix,
        count: r.n,
        ...(config.publishRecords ? { records: r.ids } : {}),
      });
    }
  }
  return problems;
}
