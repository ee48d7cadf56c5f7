// Target accounts (ターゲットアカウント, ABM): coverage by tier, the target vs other funnel, engagement.
import type { Section, SummaryItem } from "../section.ts";
import { accountsMetrics, dropAccounts, prepareAccounts } from "./compute.ts";
import { METRICS } from "./metrics.ts";
import { accountsSchema, type Accounts } from "./schema.ts";

function summary(a: Accounts): SummaryItem[] {
  return [{ metric: "target_account_coverage", headline: a.coverage, maturity: "final" }];
}

export const accounts = {
  id: "accounts",
  label: { en: "Target accounts", ja: "ターゲット企業" },
  metrics: METRICS,
  schema: accountsSchema,
  since: 4,
  summary,
  prepare: (db, months) => prepareAccounts(db, months),
  compute: accountsMetrics,
  release: dropAccounts,
} satisfies Section<"accounts", Accounts, string, typeof METRICS>;
