// Which opportunity a lead became: the lead's opportunity_id, or an opportunity whose lead_id is
// the lead. Equi-joins only: an OR or a one-sided condition in a join made DuckDB plan it slowly.
// Joined on the id codes of model/asof.ts.
/** One row per lead that has an opportunity: its first opportunity's creation time and amount. */
export const FIRST_OPPORTUNITY = `
  SELECT k.__lead, min(o.created_at) AS created_at, arg_min(o.amount, o.created_at) AS amount
  FROM (SELECT __lead, __opp FROM leads WHERE __opp IS NOT NULL
        UNION SELECT __lead, __opp FROM opportunities WHERE __lead IS NOT NULL) k
  JOIN opportunities o USING (__opp)
  GROUP BY k.__lead`;
