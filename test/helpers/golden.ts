// Golden files: expected output committed under test/golden/, compared byte for byte. A difference
// fails the test and leaves the actual output beside the golden file as <name>.changed.<ext>, to
// review with diff; `npm run golden` rewrites every golden file instead (then review `git diff`).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const GOLDEN_DIR = join(import.meta.dirname, "../golden");
const UPDATE = process.env.GEKKAN_UPDATE_GOLDEN === "1";

function changedPath(path: string): string {
  const dot = path.lastIndexOf(".");
  return `${path.slice(0, dot)}.changed${path.slice(dot)}`;
}

/**
 * Compare `actual` with the golden file at `rel` (under test/golden/). Returns null when they are
 * alike (or the golden file was rewritten), else a message naming both files.
 */
export function compareGolden(rel: string, actual: string): string | null {
  const path = join(GOLDEN_DIR, rel);
  const changed = changedPath(path);
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    rmSync(changed, { force: true });
    return null;
  }
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(changed, actual);
    return `no golden file test/golden/${rel}: run npm run golden and review it (the output is in ${changed})`;
  }
  if (readFileSync(path, "utf8") === actual) {
    rmSync(changed, { force: true });
    return null;
  }
  writeFileSync(changed, actual);
  return `test/golden/${rel} differs: diff it with ${changed}; if the change is intended, run npm run golden and commit the diff`;
}
