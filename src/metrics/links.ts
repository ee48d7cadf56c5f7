// Which opportunity a lead became: the lead's opportunity_id, or an opportunity whose lead_id is
// the lead. Equi-joins only: an OR or a one-sided condition in a join made DuckDB plan it slowly.
/** One row per lead that has an opportunity: its first opportunity's creation time and amount. */
export const FIRST_OPPORTUNITY = `
  SELECT k.lead_id, min(o.created_at) AS created_at, arg_min(o.amount, o.created_at) AS amount
  FROM (SELECT lead_id, opportunity_id FROM leads WHERE opportunity_id IS NOT NULL
        UNION SELECT lead_id, opportunity_id FROM opportunities WHERE lead_id IS NOT NULL) k
  JOIN opportunities o USING (opportunity_id)
  GROUP BY k.lead_id`;
