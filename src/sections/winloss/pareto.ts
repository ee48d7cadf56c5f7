// A Pareto of reasons: most frequent first, each with its share and the running share.

export interface ReasonCount {
  /** null: no reason given. */
  reason: string | null;
  count: number;
  amount: number;
  noAmount: number;
}

export interface ParetoRow extends ReasonCount {
  share: number;
  cumulative: number;
}

/** Text in DuckDB's order (by UTF-8 bytes), so ties read the same in every locale and build. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Reasons by count, then amount (both descending), then the reason's text; "no reason given" after
 * every reason with the same count and amount. Shares are of the total count.
 */
export function pareto(rows: readonly ReasonCount[]): ParetoRow[] {
  const total = rows.reduce((a, r) => a + r.count, 0);
  const sorted = [...rows].sort(
    (a, b) =>
      b.count - a.count ||
      b.amount - a.amount ||
      (a.reason === null ? 1 : 0) - (b.reason === null ? 1 : 0) ||
      byBytes(a.reason ?? "", b.reason ?? ""),
  );
  let running = 0;
  return sorted.map((r) => {
    running += r.count;
    return { ...r, share: total ? r.count / total : 0, cumulative: total ? running / total : 0 };
  });
}

/** The top reason given (never "no reason given"), or null when no row has a reason. */
export function topReason(rows: readonly ParetoRow[]): ParetoRow | null {
  return rows.find((r) => r.reason !== null) ?? null;
}

/** Reasons that say a lead was never a prospect: students, individuals, duplicates, tests, spam. */
export const JUNK = /学生|個人|重複|テスト|いたずら|student|individual|personal|private|duplicate|test|spam/i;
