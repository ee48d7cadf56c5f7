// The month's as-of spend rows, read once into memory (a few rows per month, channel and
// category), and the sums the efficiency section takes of them. A month "reports" spend when some
// row of it has an amount: a month with budget rows only has no spend yet (not provided, never zero).
// In a month that reports spend, a line with a budget but no amount is not reported yet (an invoice
// not in): its channel's spend is not provided, and the month's total is provisional, never that line at 0.
import type { Db } from "../../model/duckdb.ts";
import { monthKey } from "../../schema/month.ts";
import { channelSql } from "../../metrics/stages.ts";

export interface SpendLine {
  month: string;
  /** Channel as compared (lower-case, trimmed) and as the data spells it. */
  channelKey: string;
  channel: string;
  category: string;
  team: "marketing" | "sales";
  amount: number | null;
  budget: number | null;
}

export async function spendLines(db: Db): Promise<SpendLine[]> {
  const rows = await db.all<{
    m: number;
    channelKey: string;
    channel: string;
    category: string | null;
    team: string;
    amount: number | null;
    budget: number | null;
  }>(`
    SELECT CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1 AS m,
      ${channelSql("channel")} AS channelKey, channel, category, team, amount, budget
    FROM spend ORDER BY m, channelKey, category, team`);
  return rows.map((r) => ({
    month: monthKey(r.m),
    channelKey: r.channelKey,
    channel: r.channel,
    category: r.category ?? "",
    team: r.team === "sales" ? "sales" : "marketing",
    amount: r.amount,
    budget: r.budget,
  }));
}

export class SpendBook {
  private readonly reported: Set<string>;
  readonly lines: readonly SpendLine[];
  constructor(lines: readonly SpendLine[]) {
    this.lines = lines;
    this.reported = new Set(lines.filter((l) => l.amount !== null).map((l) => l.month));
  }
  /** Some row of `month` has an amount. */
  reports(month: string): boolean {
    return this.reported.has(month);
  }
  /** Every month of `months` reports spend (and there is at least one). */
  reportsAll(months: readonly string[]): boolean {
    return months.length > 0 && months.every((m) => this.reported.has(m));
  }
  /** Spend of `months` on the lines `keep` selects; null unless every month reports spend. */
  actual(months: readonly string[], keep: (l: SpendLine) => boolean = () => true): number | null {
    if (!this.reportsAll(months)) return null;
    const set = new Set(months);
    return this.lines.filter((l) => set.has(l.month) && keep(l)).reduce((a, l) => a + (l.amount ?? 0), 0);
  }
  /** Lines of `months` that `keep` selects with a budget but no amount, in a month that reports spend. */
  unreported(months: readonly string[], keep: (l: SpendLine) => boolean = () => true): number {
    const set = new Set(months);
    return this.lines.filter((l) => set.has(l.month) && this.reported.has(l.month) && keep(l) && l.amount === null && l.budget !== null)
      .length;
  }
  /** As `actual`, but null when a line it adds up is not reported yet (a channel's spend is all or nothing). */
  settled(months: readonly string[], keep: (l: SpendLine) => boolean = () => true): number | null {
    return this.unreported(months, keep) > 0 ? null : this.actual(months, keep);
  }
  /** Budget of `months` on the lines `keep` selects; null when no such line has a budget. */
  budget(months: readonly string[], keep: (l: SpendLine) => boolean = () => true): number | null {
    const set = new Set(months);
    const lines = this.lines.filter((l) => set.has(l.month) && keep(l) && l.budget !== null);
    return lines.length ? lines.reduce((a, l) => a + l.budget!, 0) : null;
  }
  /** Every month of `months` has a sales-team line with an amount (a CAC on part of the sales spend would be too low). */
  hasSales(months: readonly string[]): boolean {
    return months.length > 0 && months.every((m) => this.lines.some((l) => l.month === m && l.team === "sales" && l.amount !== null));
  }
}

export const marketing = (l: SpendLine) => l.team === "marketing";
