// Shares and concentration of a count over groups, after aggregation (Arquero).
import * as aq from "arquero";

export interface Share {
  key: string;
  count: number;
  share: number;
  rank: number;
}

export interface Concentration {
  shares: Share[];
  /** Share of the largest group (0..1). */
  top: number | null;
  topKey: string | null;
  /** Herfindahl-Hirschman index: the sum of squared shares, 1/n (even) .. 1 (one group has all). */
  hhi: number | null;
  /** HHI rescaled to 0 (even) .. 1 (one group has all): (HHI - 1/n) / (1 - 1/n). */
  normalizedHhi: number | null;
}

export function concentration(rows: readonly { key: string; count: number }[]): Concentration {
  const total = rows.reduce((a, r) => a + r.count, 0);
  if (total === 0) return { shares: [], top: null, topKey: null, hhi: null, normalizedHhi: null };
  const t = aq
    .from(rows.filter((r) => r.count > 0))
    .derive({ share: aq.escape((d: { count: number }) => d.count / total) })
    .orderby(aq.desc("count"), "key")
    .derive({ rank: () => aq.op.rank() });
  const shares = t.objects() as unknown as Share[];
  const hhi = shares.reduce((a, s) => a + s.share * s.share, 0);
  const n = shares.length;
  return {
    shares: shares.map((s) => ({ ...s, share: Math.round(s.share * 1e6) / 1e6 })),
    top: Math.round(shares[0]!.share * 1e6) / 1e6,
    topKey: shares[0]!.key,
    hhi: Math.round(hhi * 1e6) / 1e6,
    normalizedHhi: n > 1 ? Math.round(((hhi - 1 / n) / (1 - 1 / n)) * 1e6) / 1e6 : 1,
  };
}
