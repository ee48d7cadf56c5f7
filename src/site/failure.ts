// A build that failed for a reason outside the data (a full disk, a folder it may not write, a
// narrative Astro refused) told as a problem, not as a stack trace from deep inside the renderer
// ("ENOSPC: no space left on device, write" without a path, or a bundler's "please report this").
import { statfsSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import type { Problem } from "../validate/problem.ts";

/** A place a build writes to, and how messages name it. */
export interface Place {
  /** The directory that holds what the build writes (its disk is the one asked for free space). */
  dir: string;
  /** What the build writes there, e.g. "the site". */
  what: string;
  /** The path messages name (default `dir`). */
  label?: string;
  /** Another way out than freeing space, e.g. "build elsewhere with --out". */
  elsewhere?: string;
}

/** Free bytes below which a disk counts as full when a failure does not say why (a bundler's own message). */
const NEARLY_FULL = 1 << 20;

const CODES: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  // --out under a file (dist/ inside report.pdf/): a stack trace from the first look into it before.
  ENOTDIR: "a part of the path is a file, not a folder",
};

/** The system error code anywhere in an error, its causes or its message. */
export function codeOf(e: unknown, depth = 0): string | undefined {
  if (!e || depth > 5) return undefined;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof err.code === "string" && err.code in CODES) return err.code;
  const text = typeof err.message === "string" ? err.message : typeof e === "string" ? e : "";
  const m = /\b(ENOSPC|EDQUOT|EROFS|EACCES|EPERM|ENOTDIR)\b/.exec(text) ?? (/no space left on device/i.test(text) ? ["", "ENOSPC"] : null);
  if (m) return m[1];
  for (const inner of [err.cause, ...(Array.isArray(err.errors) ? err.errors : [])]) {
    const c = codeOf(inner, depth + 1);
    if (c) return c;
  }
  return undefined;
}

/** The path a system error names, if any. */
export function pathOf(e: unknown, depth = 0): string | undefined {
  if (!e || depth > 5) return undefined;
  const err = e as { path?: unknown; cause?: unknown };
  return typeof err.path === "string" ? err.path : pathOf(err.cause, depth + 1);
}

function shown(path: string, root: string): string {
  const r = relative(root, path);
  return r === "" ? "./" : r.startsWith(`..${sep}`) || r === ".." || isAbsolute(r) ? path : r;
}

/**
 * The problem to report for `e`, thrown while building the project at `root`, when the cause is a
 * disk or permission one (undefined otherwise: a bug, to be thrown as it is). A failure that names
 * no such cause is put down to a full disk when one of the `places` has almost no space left.
 */
export function writeFailure(
  e: unknown,
  root: string,
  places: readonly Place[],
  free: (dir: string) => number = freeBytes,
): Problem | undefined {
  let code = codeOf(e);
  let path = pathOf(e);
  const full = places.find((p) => {
    try {
      return free(p.dir) < NEARLY_FULL;
    } catch {
      return false;
    }
  });
  if (!code && full) code = "ENOSPC";
  if (!code) return undefined;
  const inside = (dir: string, p: string) => {
    const r = relative(dir, p);
    return r === "" || (!r.startsWith("..") && !isAbsolute(r));
  };
  const named = path === undefined ? undefined : places.find((p) => inside(p.dir, path!));
  const place = named ?? (code === "ENOSPC" || code === "EDQUOT" ? full : undefined) ?? places[0]!;
  const label = place.label ?? place.dir;
  path ??= label;
  const disk = code === "ENOSPC" || code === "EDQUOT";
  return {
    severity: "error",
    code: disk ? "disk-full" : "cannot-write",
    file: shown(label, root),
    message: `${place.what} could not be written there: ${CODES[code]} (${code} writing ${shown(path, root)})`,
    fix: `${
      disk
        ? `free space on the disk that holds ${shown(label, root)} (df -h shows it)`
        : code === "ENOTDIR"
          ? `move or rename the file ${shown(path, root)} (a folder is expected there)`
          : `make ${shown(label, root)} writable for this user`
    }${place.elsewhere ? `, or ${place.elsewhere}` : ""}`,
  };
}

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}
