// Whether a process still runs: what a killed run left behind (a lock, a staging directory, a
// half-written file named with its pid) may be removed only once its process is gone.
import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Whether process `pid` runs on this machine (one of another user counts: it cannot be signalled, but it runs). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the entries of `dir` whose name `pattern` matches, its first group a process id, of
 * processes that no longer run (not this one's); returns their paths. A folder that cannot be read
 * holds none.
 */
export function removeDeadLeftovers(dir: string, pattern: RegExp, remove: (path: string) => void): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || Number(m[1]) === process.pid || running(Number(m[1]))) continue;
    remove(join(dir, name));
    removed.push(join(dir, name));
  }
  return removed;
}
