// A directory as tests see it: its files, their contents, or their hashes, in a stable order; and a
// project written from its files' texts.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

/** Every file under `dir` (absolute paths, sorted); none when `dir` does not exist. */
export function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Path relative to `dir` -> text of each file under it. */
export function snapshot(dir: string): Map<string, string> {
  return new Map(files(dir).map((p) => [relative(dir, p), readFileSync(p, "utf8")]));
}

/** Path relative to `dir` -> sha256 of each file's bytes (for "nothing under data/ was written"). */
export function hashes(dir: string): Map<string, string> {
  return new Map(files(dir).map((p) => [relative(dir, p), createHash("sha256").update(readFileSync(p)).digest("hex")]));
}

/** Write each text under `root` at its relative path, making the folders it needs. */
export function writeFiles(root: string, texts: Record<string, string>): void {
  for (const [path, text] of Object.entries(texts)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
