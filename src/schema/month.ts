// A month as the project names it ('YYYY-MM': data folders, report months) and as a number for
// arithmetic: the month index, year * 12 + month - 1.
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthIndex(month: string): number {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`'${month}' is not a month (YYYY-MM)`);
  return Number(month.slice(0, 4)) * 12 + Number(m[1]) - 1;
}

/** The 'YYYY-MM' of a month index. */
export function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}
