// What the tool already knows of the published editions' files: a month, once published, is read
// by every later build, and its file's bytes do not change. A build that finds a file it checked
// before, by the same code, need not check it again: its JSON is an edition of the current format as
// it stands (the format's parse would change nothing), and masking its report as the pages show it
// would change nothing either. Facts are keyed by the file's SHA-256 and, as a whole, by the code
// that established them (the tool's source and packages); anything else is checked as before.
// The record lives in <project>/.gekkan/editions.json, never beside the editions.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeAtomic } from "./atomic.ts";

export const CHECKED_EDITIONS_FILE = ".gekkan/editions.json";

const checkRecord = z.object({
  /** The code the facts were established by: a hash of the tool's source and packages, the caller's. */
  code: z.string(),
  /** Files whose JSON reads as an edition of the current format unchanged. */
  canonical: z.array(z.string()),
  /** By owner policy (policyKey): files whose report, shown under it, masking leaves as it is. */
  maskClean: z.record(z.string(), z.array(z.string())),
});
type CheckRecord = z.infer<typeof checkRecord>;

export interface CheckedEditions {
  /** The file with these bytes was read as an edition of the current format, and the format's parse changed nothing. */
  isCanonical(sha256: string): boolean;
  noteCanonical(sha256: string): void;
  /** Masking the report of the file with these bytes, its owners shown under `policy`, changes nothing. */
  isMaskClean(sha256: string, policy: string): boolean;
  noteMaskClean(sha256: string, policy: string): void;
  /**
   * Write the record, keeping only what this run asked about (a file replaced by a restatement or
   * removed, a policy no longer the project's, is forgotten). Quietly does nothing when it cannot:
   * the next run checks again.
   */
  save(): void;
}

/** The SHA-256 of a file's bytes, as the record keys it. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The key of an owner policy: the project's privacy settings (its pseudonym key included) and locale, hashed. */
export function policyKey(privacy: unknown, locale: string): string {
  return createHash("sha256").update(JSON.stringify({ privacy, locale })).digest("hex");
}

/**
 * The facts about the editions of the project at `root`, as far as code `code` established them.
 * `files`: how the record is read and written (an effect, so a test can see what is written).
 */
export function checkedEditions(
  root: string,
  code: string,
  files: { read: (path: string) => string; write: (path: string, text: string) => void } = {
    read: (path) => readFileSync(path, "utf8"),
    write: (path, text) => writeAtomic(root, path, text),
  },
): CheckedEditions {
  const path = join(root, CHECKED_EDITIONS_FILE);
  const before = readRecord(path, code, files.read);
  const canonical = new Set(before.canonical);
  const maskClean = new Map(Object.entries(before.maskClean).map(([p, list]) => [p, new Set(list)]));
  // What this run asked about: a file's canonical form by its SHA-256, its masking by policy and SHA-256.
  const asked = new Set<string>();
  const askedMask = (sha: string, policy: string) => `${policy}\0${sha}`;
  const policySet = (policy: string) => maskClean.get(policy) ?? maskClean.set(policy, new Set()).get(policy)!;
  return {
    isCanonical(sha) {
      asked.add(sha);
      return canonical.has(sha);
    },
    noteCanonical(sha) {
      asked.add(sha);
      canonical.add(sha);
    },
    isMaskClean(sha, policy) {
      asked.add(askedMask(sha, policy));
      return maskClean.get(policy)?.has(sha) ?? false;
    },
    noteMaskClean(sha, policy) {
      asked.add(askedMask(sha, policy));
      policySet(policy).add(sha);
    },
    save() {
      const kept = (list: Iterable<string>, key = (sha: string) => sha) => [...list].filter((sha) => asked.has(key(sha))).sort();
      const record: CheckRecord = { code, canonical: kept(canonical), maskClean: {} };
      for (const policy of [...maskClean.keys()].sort()) {
        const list = kept(maskClean.get(policy)!, (sha) => askedMask(sha, policy));
        if (list.length) record.maskClean[policy] = list;
      }
      const text = `${JSON.stringify(record)}\n`;
      if (text === `${JSON.stringify(before)}\n`) return;
      try {
        files.write(path, text);
      } catch {
        // An unwritable .gekkan/ is reported by the validated-file cache; this record only saves time.
      }
    },
  };
}

/** The record for `code`; an empty one when there is none, it is damaged, or other code wrote it. */
function readRecord(path: string, code: string, read: (path: string) => string): CheckRecord {
  const empty: CheckRecord = { code, canonical: [], maskClean: {} };
  let json: unknown;
  try {
    json = JSON.parse(read(path));
  } catch {
    return empty;
  }
  const record = checkRecord.safeParse(json);
  return record.success && record.data.code === code ? record.data : empty;
}
