// Target accounts (ターゲットアカウント, ABM): coverage by tier, the target vs other funnel, engagement.
import { dropPreparedTable, type Section, type SummaryItem } from "../section.ts";
import { accountsMetrics, prepareAccounts } from "./compute.ts";
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
  release: dropPreparedTable,
} satisfies Section<"accounts", Accounts, string, typeof METRICS>;
