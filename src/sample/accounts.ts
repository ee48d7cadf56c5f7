// The sample's accounts dataset: the CRM's company list with the ABM target flag and tier. The
// first exported month holds the list as it stood; the fiscal year's first month (April) holds
// only what the new year's ABM plan changed: companies added to the list (accounts the CRM did not
// have before, so earlier months do not know them) and re-tiered targets. Every other month folder
// has no accounts file: the list carries forward.
import type { Row } from "./export.ts";
import type { Rng } from "./random.ts";
import { accountExecutive, type Company } from "./world.ts";

/** Fiscal year start (April), as the sample's configuration has it. */
const FY_START_MONTH = 4;

function tierOf(rng: Rng, c: Company): string {
  const base = c.size === "1000+" ? 0 : c.size === "300-999" ? 1 : 2;
  // Sales promotes or demotes a few by hand.
  const moved = rng.chance(0.15) ? (rng.chance(0.5) ? -1 : 1) : 0;
  return ["A", "B", "C"][Math.min(2, Math.max(0, base + moved))]!;
}

export class AccountList {
  private readonly companies: readonly Company[];
  private readonly rng: Rng;
  private readonly firstMi: number;
  /** Companies only the next fiscal year's list adds (about one in twelve of the targets). */
  private readonly late = new Set<string>();
  constructor(companies: readonly Company[], rng: Rng, firstMi: number) {
    this.companies = companies;
    this.rng = rng;
    this.firstMi = firstMi;
    for (const c of companies) if (c.target && rng.fork(`late/${c.accountId}`).chance(0.08)) this.late.add(c.accountId);
  }

  private row(c: Company, year: number): Row {
    const r = this.rng.fork(`${year}/${c.accountId}`);
    return {
      account_id: c.accountId,
      name: c.name,
      industry: c.industry,
      company_size: c.size,
      target: c.target,
      tier: c.target ? tierOf(r, c) : undefined,
      owner: accountExecutive(r, c.industry),
    };
  }

  /** The accounts rows of month `mi`'s folder, or undefined when the folder has no accounts file. */
  rows(mi: number): Row[] | undefined {
    const fiscalYear = (m: number) => Math.floor((m - (FY_START_MONTH - 1)) / 12);
    if (mi === this.firstMi) return this.companies.filter((c) => !this.late.has(c.accountId)).map((c) => this.row(c, fiscalYear(mi)));
    if ((mi % 12) + 1 !== FY_START_MONTH) return undefined;
    // The new fiscal year's ABM list: the added accounts, and the targets whose tier changed.
    return this.companies
      .filter((c) => c.target)
      .map((c) => ({ c, now: this.row(c, fiscalYear(mi)), before: this.row(c, fiscalYear(mi) - 1) }))
      .filter(({ c, now, before }) => this.late.has(c.accountId) || now.tier !== before.tier)
      .map(({ now }) => now);
  }
}
