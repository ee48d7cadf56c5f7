// A cross-process lock (an exclusive directory) around a build's render and its swap of the site: a
// process renders one build's model at a time (site/model.ts), and two builds into one directory
// must not interleave their renames (site/build.ts).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { running } from "../model/process.ts";

export async function withLock<T>(dir: string, body: () => Promise<T>, timeoutMs = 600_000): Promise<T> {
  const lock = join(dir, "gekkan-render.lock");
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lock, "pid"), "utf8"));
      } catch {
        // the owner is between mkdir and writing its pid
      }
      // A lock is broken only once its owner is gone: one of another user's running builds is waited for.
      if (Number.isFinite(owner) && owner > 0 && !running(owner)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > timeoutMs) throw new Error(`another build holds ${lock}; remove it if no build is running`);
      else await sleep(200);
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
