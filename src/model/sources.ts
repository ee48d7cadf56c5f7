// Which lead sources are marketing's. A deal is marketing-sourced when its source (its own, or its
// lead's) is "marketing" or a marketing source. `marketingSources` in gekkan.config.yaml says which
// when set; unset, the generic channel names and the standard values of Salesforce's Lead Source
// and HubSpot's Original Source apply (HubSpot projects read 0円 of marketing-sourced pipeline
// when only the generic names did).
import type { Config } from "../schema/config.ts";
import type { Problem } from "../validate/problem.ts";
import { lit, type Db } from "./duckdb.ts";

export interface SourceList {
  /** Who classifies these values. */
  by: "generic" | "hubspot" | "salesforce";
  marketing: readonly string[];
  /** Standard values that are not marketing's (listed so the data page can say why). */
  other: readonly string[];
}

/** Built-in classifications, used when marketingSources is not set. Matched case-insensitively. */
export const BUILT_IN_SOURCES: readonly SourceList[] = [
  { by: "generic", marketing: ["web", "event", "ads", "webinar", "content", "email", "seminar"], other: [] },
  {
    // HubSpot's Original Source (hs_analytics_source) values.
    by: "hubspot",
    marketing: [
      "Organic Search",
      "Paid Search",
      "Email Marketing",
      "Organic Social",
      "Social Media",
      "Paid Social",
      "Other Campaigns",
      "Referrals",
      "Direct Traffic",
      "AI Referrals",
    ],
    other: ["Offline Sources"],
  },
  {
    // Salesforce's standard Lead Source picklist, with the labels of a Japanese org.
    by: "salesforce",
    marketing: [
      "Web",
      "Advertisement",
      "広告",
      "Trade Show",
      "展示会",
      "Seminar",
      "セミナー",
      "Webinar",
      "ウェビナー",
      "Email",
      "メール",
      "Partner Referral",
      "パートナー紹介",
    ],
    other: ["Employee Referral", "従業員紹介", "Purchased List", "購入リスト", "Phone Inquiry", "電話問い合わせ", "Other", "その他"],
  },
];

/** A value every project's data may use for a marketing-sourced deal, whatever the configuration. */
const MARKETING = "marketing";

export interface SourceClass {
  marketing: boolean;
  /** "config": marketingSources says so; "generic", "hubspot", "salesforce": a built-in list; "marketing": the word itself; "none": no list names it. */
  by: "config" | SourceList["by"] | "marketing" | "none";
}

/** The lower-cased values that make a source marketing's under `config`. */
export function marketingValues(config: Pick<Config, "marketingSources">): string[] {
  const values = config.marketingSources ?? BUILT_IN_SOURCES.flatMap((l) => l.marketing);
  return [...new Set([MARKETING, ...values.map((v) => v.trim().toLowerCase())])];
}

/** How `value` (a lead's or deal's source) is classified under `config`. */
export function classifySource(value: string, config: Pick<Config, "marketingSources">): SourceClass {
  const v = value.trim().toLowerCase();
  if (v === MARKETING) return { marketing: true, by: "marketing" };
  if (config.marketingSources) return { marketing: marketingValues(config).includes(v), by: "config" };
  for (const list of BUILT_IN_SOURCES) {
    if (list.marketing.some((m) => m.toLowerCase() === v)) return { marketing: true, by: list.by };
    if (list.other.some((m) => m.toLowerCase() === v)) return { marketing: false, by: list.by };
  }
  return { marketing: false, by: "none" };
}

/** SQL: `column` (a source) is marketing's under `config`. */
export function marketingSql(config: Pick<Config, "marketingSources">, column = "source"): string {
  return `(lower(${column}) IN (${marketingValues(config).map(lit).join(", ")}))`;
}

/**
 * A warning per month's opportunities file none of whose deals is marketing-sourced (by its own
 * source or its lead's, under `config`): marketing-sourced pipeline and revenue then read 0, which
 * is more often a source list that does not name the CRM's values than a month without marketing.
 */
export async function unsourcedDeals(db: Db, config: Pick<Config, "marketingSources">): Promise<Problem[]> {
  // A lead's source from any of its versions: enough to tell whether a file has any marketing deal.
  // A deal's lead is its lead_id's, else a lead whose opportunity_id names it (as the as-of tables link them).
  // Only the deals' leads are grouped: grouping every lead took twice as long.
  const rows = await db.all<{ file: string; n: number; values: string[] | null }>(`
    WITH o AS MATERIALIZED (SELECT __file, source, __lead, __opp FROM raw_opportunities WHERE __folder <> ''),
    l AS (SELECT __lead, any_value(source) AS source FROM raw_leads WHERE __lead IN (SELECT __lead FROM o) GROUP BY 1),
    n AS (SELECT __opp, any_value(source) AS source FROM raw_leads WHERE __opp IN (SELECT __opp FROM o) GROUP BY 1),
    d AS (SELECT o.__file AS file, coalesce(o.source, l.source, n.source) AS source
          FROM o LEFT JOIN l USING (__lead) LEFT JOIN n USING (__opp))
    SELECT file, count(*) AS n, list(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL)[1:5] AS values
    FROM d GROUP BY 1 HAVING count(*) FILTER (WHERE ${marketingSql(config)}) = 0 ORDER BY 1`);
  return rows.map((r) => ({
    severity: "warning" as const,
    code: "no-marketing-source",
    file: r.file,
    message: `none of its ${Number(r.n)} opportunities is marketing-sourced by its own source or its lead's (${r.values?.length ? `sources: ${r.values.join(", ")}` : "no source"}), so marketing-sourced pipeline and revenue read 0`,
    expected: config.marketingSources
      ? `a source among marketingSources (${config.marketingSources.join(", ")})`
      : "a source that is marketing's by name, or by Salesforce's or HubSpot's standard values",
    fix: "if your CRM names marketing's sources otherwise, list them under marketingSources in gekkan.config.yaml (the data page lists every source value and how it was classified)",
  }));
}
