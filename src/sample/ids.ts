// Salesforce-style 15-character record ids: a 3-character key prefix (00Q lead, 006 opportunity,
// 00T task, 701 campaign, 001 account), a 2-character pod, zero padding and a 5-character
// base-62 sequence. Sequences are scrambled by a multiplication that is a bijection modulo 62^5,
// so consecutive records get different-looking (mixed-case) ids that never collide.
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SPACE = 62 ** 5;
const MULTIPLIER = 387_420_489; // 3^18: coprime with 62^5 = 2^5 * 31^5

export const ID_PREFIX = { lead: "00Q", opportunity: "006", activity: "00T", campaign: "701", account: "001" } as const;

export class IdMint {
  private readonly head: string;
  private readonly offset: number;
  private counter = 0;

  constructor(prefix: string, pod = "5g", offset = 0) {
    this.head = `${prefix}${pod}00000`;
    this.offset = offset;
  }

  next(): string {
    const n = this.counter++;
    if (n >= SPACE) throw new Error("id space exhausted");
    let x = (scramble(n) + this.offset) % SPACE;
    let tail = "";
    for (let i = 0; i < 5; i++) {
      tail = BASE62[x % 62]! + tail;
      x = Math.floor(x / 62);
    }
    return this.head + tail;
  }
}

/** n * MULTIPLIER mod 62^5, exact: past n = 2^53 / MULTIPLIER (about 23 million records) the product is not. */
export function scramble(n: number): number {
  const product = n * MULTIPLIER;
  return Number.isSafeInteger(product) ? product % SPACE : Number((BigInt(n) * BigInt(MULTIPLIER)) % BigInt(SPACE));
}

/** Content ids are not Salesforce records: CT-0001 style. */
export function contentId(n: number): string {
  return `CT-${String(n).padStart(4, "0")}`;
}
