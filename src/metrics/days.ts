// Days between two stage dates of one record (a lead's MQL and SQL, a deal's creation and close).

/**
 * SQL: days from `from` to `to`, with the stages ordered by calendar day, as the anomaly checks
 * order them (model/anomalies.ts): exports often date one stage (00:00) and time the other
 * (Salesforce's CloseDate is a date, CreatedDate a time), so a `to` earlier on the same day takes
 * 0 days; one on an earlier day is out of order: -1, for the caller to leave out and count.
 */
export function stageDaysSql(from: string, to: string): string {
  return `CASE WHEN CAST(${to} AS DATE) < CAST(${from} AS DATE) THEN -1
  ELSE greatest(0, date_diff('second', ${from}, ${to}) / 86400.0) END`;
}
