// A lead without an account_id names its company only as text (a CRM's lead before conversion, an MA
// tool's contact): it is matched to the accounts list by that name, the way a person reads the two
// as the same company. The same name is written many ways: 株式会社テスト商事, テスト商事㈱,
// (株)テスト商事, ﾃｽﾄ商事, full-width letters, spaces; Acme Co., Ltd. and ACME CO.,LTD. Unicode
// NFKC folds the widths and ㈱ into (株); the legal forms, spaces and punctuation are then set aside.
import { validAt } from "../../model/asof.ts";
import type { Db } from "../../model/duckdb.ts";
import { monthIndex } from "../../schema/month.ts";

/** Legal forms before or after a Japanese or English company name (after NFKC and lower-casing). */
const LEGAL_FORMS = [
  /株式会社|有限会社|合同会社|合名会社|合資会社|(一般|公益)(社団|財団)法人/gu,
  /\((株|有|同|名|資|社|財)\)/gu,
  /(^|[\s,.])(co\.?,?\s*ltd|inc|corp|corporation|company|limited|ltd|llc|k\.\s?k)\.?(?=$|[\s,.])/gu,
];

/** The key two spellings of one company name share; null when nothing is left of it. */
export function companyKey(name: string): string | null {
  let s = name.normalize("NFKC").toLowerCase();
  for (const form of LEGAL_FORMS) s = s.replace(form, " ");
  s = s.replace(/[\s,.・'"’\-‐]/gu, "");
  return s === "" ? null : s;
}

/**
 * Views abm_leads and abm_deal_leads: the month's leads and deal leads, a lead without an account_id
 * given the listed account its company name matches (companyKey). A name two listed accounts share
 * matches neither: which company is meant cannot be told. `company` is read from the leads' raw
 * versions of the month (the as-of tables leave it out: model/asof.ts UNREAD), and only of the leads
 * without an account_id.
 */
export async function leadAccounts(db: Db, month: string): Promise<void> {
  const unmatched = `WHERE account_id IS NULL AND company IS NOT NULL AND ${validAt(monthIndex(month))}`;
  const companies = await db.all<{ company: string }>(`SELECT DISTINCT company FROM raw_leads ${unmatched}`);
  // The list's names are read and keyed only when some lead names its company alone.
  const listed =
    companies.length === 0
      ? []
      : await db.all<{ account_id: string; name: string }>(
          `SELECT account_id, name FROM accounts WHERE name IS NOT NULL ORDER BY account_id`,
        );
  const byKey = new Map<string, string | null>();
  for (const a of listed) {
    const key = companyKey(a.name);
    if (key === null) continue;
    // Two accounts with one key: ambiguous (null). The same account twice is not.
    byKey.set(key, byKey.has(key) && byKey.get(key) !== a.account_id ? null : a.account_id);
  }
  const rows: [string, string][] = [];
  for (const { company } of companies) {
    const key = companyKey(company);
    const account = key === null ? undefined : byKey.get(key);
    if (account) rows.push([company, account]);
  }
  await db.tempTable(
    "abm_company_account",
    [
      { name: "company", type: "VARCHAR" },
      { name: "account_id", type: "VARCHAR" },
    ],
    rows,
  );
  await db.exec(`CREATE OR REPLACE TEMP TABLE abm_lead_account AS
    SELECT r.__lead, c.account_id FROM (SELECT __lead, company FROM raw_leads ${unmatched}) r JOIN abm_company_account c USING (company)`);
  for (const [view, table] of [
    ["abm_leads", "leads"],
    ["abm_deal_leads", "deal_leads"],
  ] as const)
    await db.exec(`CREATE OR REPLACE TEMP VIEW ${view} AS ${withAccounts(table)}`);
}

/**
 * SQL: the rows of `leads` (the month's as-of leads, or some of them, with __lead and account_id), a
 * lead without an account_id given the account its company matches (leadAccounts, which must run first).
 */
export function withAccounts(leads: string): string {
  return `SELECT l.* REPLACE (coalesce(l.account_id, x.account_id) AS account_id) FROM ${leads} l LEFT JOIN abm_lead_account x USING (__lead)`;
}
