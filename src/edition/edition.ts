// Editions: a published month frozen as a committed, diff-friendly JSON file. A published month
// renders from its newest revision only, so later data or later metric code never changes it.
//   reports/editions/2026-10.r1.json, reports/editions/2026-10.r2.json (a restatement), ...
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { entryProblem } from "../read/entry.ts";
import { writeAtomic } from "./atomic.ts";
import { sha256Of, type CheckedEditions } from "./checked.ts";
import { editionFile, readEdition, type Edition } from "./format.ts";

export { EDITION_FORMAT, type Edition } from "./format.ts";

export const EDITIONS_DIR = "reports/editions";

export function editionPath(root: string, month: string, revision: number): string {
  return join(root, EDITIONS_DIR, `${month}.r${revision}.json`);
}

/**
 * Canonical JSON: keys sorted, numbers rounded as displayed (6 significant decimals at most, so
 * no float noise), two-space indentation, a final newline. The same report always gives the same bytes.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(normalize(value), null, 2)}\n`;
}

function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, normalize((value as Record<string, unknown>)[k])]),
    );
  }
  if (typeof value === "number") return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
  return value;
}

export interface EditionError {
  file: string;
  message: string;
}

export interface Editions {
  /** By month, oldest revision first. */
  editions: Map<string, Edition[]>;
  errors: EditionError[];
  /** Each edition's file's SHA-256: what it was read from. */
  sha256: Map<Edition, string>;
}

/**
 * Every edition in the project. With `checked`, a file checked before by the same code (its bytes
 * unchanged) is taken as it reads, and a file found to read unchanged is noted (edition/checked.ts).
 */
export function listEditions(root: string, checked?: CheckedEditions): Editions {
  const dir = join(root, EDITIONS_DIR);
  const editions = new Map<string, Edition[]>();
  const errors: EditionError[] = [];
  const sha256 = new Map<Edition, string>();
  if (!existsSync(dir)) return { editions, errors, sha256 };
  // A file where the folder should be stopped the build with a write failure blamed on dist/.
  const notFolder = entryProblem(root, dir, `${EDITIONS_DIR}/`, "folder");
  if (notFolder) return { editions, errors: [{ file: `${EDITIONS_DIR}/`, message: notFolder.message }], sha256 };
  for (const name of readdirSync(dir).sort()) {
    const m = /^(\d{4}-\d{2})\.r(\d+)\.json$/.exec(name);
    if (!m) continue;
    const rel = `${EDITIONS_DIR}/${name}`;
    const refused = entryProblem(root, join(dir, name), rel, "file");
    if (refused) {
      errors.push({ file: rel, message: refused.message });
      continue;
    }
    const bytes = readFileSync(join(dir, name));
    const sha = sha256Of(bytes);
    const text = bytes.toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      errors.push({ file: rel, message: `is not valid JSON: ${(e as Error).message}` });
      continue;
    }
    const known = checked?.isCanonical(sha) ?? false;
    // Of any format, read as the current one (edition/format.ts).
    const result = known ? { ok: true as const, edition: parsed as Edition } : readEdition(parsed);
    if (!result.ok) {
      errors.push({ file: rel, message: result.message });
      continue;
    }
    const edition = result.edition;
    // Its text is the edition as read, in the format's canonical form: the next run may take it as it reads.
    if (checked && !known && canonicalJson(edition) === text) checked.noteCanonical(sha);
    if (edition.month !== m[1] || edition.revision !== Number(m[2])) {
      errors.push({ file: rel, message: `says month ${edition.month} revision ${edition.revision}, which does not match its name` });
      continue;
    }
    editions.set(m[1]!, [...(editions.get(m[1]!) ?? []), edition]);
    sha256.set(edition, sha);
  }
  for (const list of editions.values()) list.sort((a, b) => a.revision - b.revision);
  return { editions, errors, sha256 };
}

/** The edition's file text (canonical JSON), checked against the format. */
export function editionText(edition: Edition): string {
  return canonicalJson(editionFile.parse(edition));
}

/** Write an edition in one step (edition/atomic.ts): a killed publish leaves none or all of it. */
export function writeEdition(root: string, edition: Edition, text = editionText(edition)): string {
  const path = editionPath(root, edition.month, edition.revision);
  mkdirSync(join(root, EDITIONS_DIR), { recursive: true });
  writeAtomic(root, path, text);
  return path;
}
