// The project configuration (gekkan.config.yaml): one zod schema, defaults included.
import { z } from "zod";
import { DATASET_NAMES } from "./dataset.ts";
import { memorySize } from "./memory.ts";

/** YYYY-MM-DD naming a day the calendar has (2026-02-30 does not). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "a real calendar date (YYYY-MM-DD)");

export const slaRule = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "a lower-case id like first_call"),
  label: z.object({ en: z.string(), ja: z.string() }),
  /** Which activity types count as meeting the rule. */
  activity: z.array(z.enum(["call", "email", "meeting", "other"])).min(1),
  within: z.number().int().positive(),
  unit: z.enum(["business_days", "calendar_days"]),
});
export type SlaRule = z.infer<typeof slaRule>;

export const DEFAULT_SLA: SlaRule[] = [
  { id: "first_call", label: { en: "First call", ja: "初回架電" }, activity: ["call"], within: 3, unit: "business_days" },
  { id: "first_meeting", label: { en: "First meeting", ja: "初回商談" }, activity: ["meeting"], within: 30, unit: "calendar_days" },
];

/**
 * The follow-up SLA: its rules, and whether a handoff disqualified before its deadline without the
 * required activity is left out of the due (counted apart). Written as a list of rules (the rules
 * alone, every option at its default) or as { rules, excludeDisqualified }.
 */
const slaOptions = z.strictObject({
  rules: z.array(slaRule).min(1).default(DEFAULT_SLA),
  excludeDisqualified: z.boolean().default(true),
});
export const slaConfig = z
  .preprocess((x) => (Array.isArray(x) ? { rules: x } : x), slaOptions)
  .default({ rules: DEFAULT_SLA, excludeDisqualified: true });
export type SlaConfig = z.infer<typeof slaConfig>;

export const config = z
  .object({
    organisation: z.string().min(1).default("Example Co."),
    locale: z.enum(["ja", "en"]).default("ja"),
    /** Extra locales the site is also built in (each under /<locale>/). */
    timeZone: z
      .string()
      .default("Asia/Tokyo")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "an IANA time zone such as Asia/Tokyo"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "an ISO 4217 code such as JPY")
      .default("JPY"),
    /** Show yen amounts in 万/億 units (ja locale). */
    yenUnits: z.boolean().default(true),
    fiscalYearStartMonth: z.number().int().min(1).max(12).default(4),
    /**
     * Lead sources (compared lower-cased) that make a lead, and the deals it becomes, marketing-sourced.
     * Unset: the generic channel names and Salesforce's and HubSpot's standard values (model/sources.ts).
     */
    marketingSources: z.array(z.string().min(1)).min(1).optional(),
    stages: z
      .object({
        /** Opportunity stage names that mean won or lost when there is no outcome column. */
        won: z.array(z.string()).default(["Closed Won", "受注"]),
        lost: z.array(z.string()).default(["Closed Lost", "失注"]),
        labels: z
          .object({
            lead: z.object({ en: z.string(), ja: z.string() }).default({ en: "Leads", ja: "リード" }),
            mql: z.object({ en: z.string(), ja: z.string() }).default({ en: "MQL", ja: "MQL" }),
            sql: z.object({ en: z.string(), ja: z.string() }).default({ en: "SQL", ja: "商談化" }),
            opportunity: z.object({ en: z.string(), ja: z.string() }).default({ en: "Opportunities", ja: "商談" }),
            won: z.object({ en: z.string(), ja: z.string() }).default({ en: "Won", ja: "受注" }),
          })
          .prefault({}),
      })
      .prefault({}),
    sla: slaConfig,
    calendar: z
      .object({
        /** Public holidays that are not business days: Japan's, or none. Weekends are never business days. */
        holidays: z.enum(["jp", "none"]).default("jp"),
        /** Company holidays (year-end closure, ...). */
        extraHolidays: z.array(isoDay).default([]),
      })
      .prefault({}),
    /** Day/month order for slash dates with the year last (10/1/2026): never guessed when the data cannot tell. */
    dateOrder: z.enum(["mdy", "dmy"]).optional(),
    validation: z
      .object({
        /** Bad rows allowed per file before the build fails; skipped rows are counted on the data page. */
        maxSkippedRows: z.number().int().min(0).default(0),
        /** Days after a folder's month end that its dates may still fall on (exports run after month close). */
        exportLagDays: z.number().int().min(0).max(62).default(15),
        /**
         * Largest .xlsx workbook read, in megabytes once uncompressed (an .xlsx is a zip: a small file can
         * hold gigabytes of sheet XML). A larger one is an error, never read part-way.
         */
        maxXlsxMegabytes: z.number().int().min(1).max(4096).default(256),
        /** The earliest plausible date of any row; unset: 1 January twenty years before the folder's year. */
        earliestDate: isoDay.optional(),
        /** Numbers (amounts, costs, targets) above this are errors: no real deal is worth 10 trillion yen. */
        maxAmount: z.number().positive().default(1e13),
        /** Datasets whose export may hold no records (a header only): the month then reads none, not an error. */
        allowEmpty: z.array(z.enum(DATASET_NAMES)).default([]),
      })
      .prefault({}),
    handoff: z
      .object({
        /** Flag supply skew when the top owner's (or industry's) share of MQLs exceeds this. */
        skewThreshold: z.number().gt(0).lt(1).default(0.35),
      })
      .prefault({}),
    /** The pipeline section: coverage guide, per-stage probabilities, when an open deal is stale. */
    pipeline: z
      .object({
        /** Open pipeline the rest of the quarter should have, as a multiple of the won target still to go (3-5x is usual). */
        coverageGuide: z.number().positive().default(3),
        /** Stage name -> probability of winning (0..1), for deals without a probability column value. */
        stageProbabilities: z.record(z.string().min(1), z.number().min(0).max(1)).default({}),
        /** An open deal with no activity on it (or its lead) for more than this many days is stale. */
        staleDays: z.number().int().positive().default(30),
      })
      .strict()
      .prefault({}),
    /** What the pages say about people (applied when the site is built; editions keep the data as it was). */
    privacy: z
      .object({
        /** Every page carries <meta name="robots" content="noindex, nofollow">. */
        noindex: z.boolean().default(true),
        /** How sales owners appear: by name, by initials (T.T.), or by a stable pseudonym (Rep-7KQ2X). */
        owners: z.enum(["names", "initials", "pseudonyms"]).default("names"),
        /** The secret pseudonyms are derived with (any text not published with the site). */
        pseudonymKey: z.string().min(8, "at least 8 characters").optional(),
      })
      .strict()
      .refine((p) => p.owners !== "pseudonyms" || p.pseudonymKey !== undefined, {
        message:
          "pseudonyms need privacy.pseudonymKey, a secret phrase of 8 or more characters (pseudonyms derived from the names alone could be recomputed by anyone who can guess a name)",
        path: ["owners"],
      })
      .prefault({}),
    /**
     * What a deal's amount is: a one-off price, or the monthly or annual value of a subscription.
     * LTV (sections/efficiency) turns the average won amount into monthly gross profit with it.
     */
    amountBasis: z.enum(["one_time", "monthly", "annual"]).default("annual"),
    /** Customer lifetime value: gross margin, and lifetime in months or the monthly churn it follows from. Unset: LTV is not provided. */
    ltv: z
      .object({
        /** Gross margin, a share (0.75). */
        grossMargin: z.number().gt(0).max(1).optional(),
        lifetimeMonths: z.number().positive().optional(),
        /** Share of customers lost each month (0.02): lifetime = 1 / churn. */
        monthlyChurn: z.number().gt(0).max(1).optional(),
      })
      .strict()
      .refine((l) => l.lifetimeMonths === undefined || l.monthlyChurn === undefined, {
        message: "give ltv.lifetimeMonths or ltv.monthlyChurn, not both (lifetime = 1 / churn)",
        path: ["monthlyChurn"],
      })
      .prefault({}),
    /** Status against target: met at attainment >= 1, at risk from `atRisk` up to 1, missed below (inverted for lower-is-better metrics). */
    status: z
      .object({
        atRisk: z.number().gt(0).lt(1).default(0.9),
      })
      .strict()
      .prefault({}),
    /** Record-level lists (ids only, never personal data). Off by default. */
    publishRecords: z.boolean().default(false),
    /**
     * Memory the build may use (default 2GB, see schema/memory.ts): DuckDB's memory_limit is three
     * quarters of it (model/duckdb.ts), beyond which DuckDB spills to .gekkan/spill/. Unset is the
     * default, so the configuration the pages show stays as the project wrote it.
     */
    memory: memorySize.optional(),
    /** Site base path for hosting under a sub-path, e.g. /reports/. */
    base: z
      .string()
      .regex(/^\/([\w.-]+\/)*$/, "a path that starts and ends with /")
      .default("/"),
  })
  .strict();

export type Config = z.infer<typeof config>;
