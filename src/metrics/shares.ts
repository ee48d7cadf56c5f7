// Shares and concentration of a count over groups, after aggregation (Arquero).
import * as aq from "arquero";
import { z } from "zod";

export const shareSchema = z.strictObject({ key: z.string(), count: z.number(), share: z.number(), rank: z.number() });
export type Share = z.infer<typeof shareSchema>;

export const concentrationSchema = z.strictObject({
  shares: z.array(shareSchema),
  /** Share of the largest group (0..1). */
  top: z.number().nullable(),
  topKey: z.string().nullable(),
  /** Herfindahl-Hirschman index: the sum of squared shares, 1/n (even) .. 1 (one group has all). */
  hhi: z.number().nullable(),
  /** HHI rescaled to 0 (even) .. 1 (one group has all): (HHI - 1/n) / (1 - 1/n). */
  normalizedHhi: z.number().nullable(),
});
export type Concentration = z.infer<typeof concentrationSchema>;

export function concentration(rows: readonly { key: string; count: number }[]): Concentration {
  const total = rows.reduce((a, r) => a + r.count, 0);
  if (total === 0) return { shares: [], top: null, topKey: null, hhi: null, normalizedHhi: null };
  const t = aq
    .from(rows.filter((r) => r.count > 0))
    .derive({ share: aq.escape((d: { count: number }) => d.count / total) })
    .orderby(aq.desc("count"), "key")
    .derive({ rank: () => aq.op.rank() });
  // Arquero's rows are untyped objects: parsed, not cast.
  const shares = z.array(shareSchema).parse(t.objects());
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
