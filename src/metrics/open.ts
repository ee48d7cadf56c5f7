// Which deals were open at a month's end. A month's export is taken after the month closes (up to
// validation.exportLagDays later), so it can hold deals won or lost in the first days of the next
// month: they were open at the month's end, and count in its open pipeline, by their dates.

/**
 * SQL: the deal (columns of alias `a`, with its outcome) was open at `end` (a timestamp): created
 * before it, and neither won nor lost before it.
 */
export function openAtSql(end: string, a = ""): string {
  return `(${a}created_at < ${end} AND (${a}outcome = 'open' OR ${a}closed_at >= ${end}))`;
}
