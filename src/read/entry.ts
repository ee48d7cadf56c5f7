// What a path in the project really is, before anything reads it. Only regular files inside the
// project are read: a named pipe blocks a read forever, a device (a link to /dev/zero) never ends,
// and a link that leaves the project (to /etc/passwd) would print another file's lines in messages.
// A link that stays inside the project is followed.
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  constants,
  type Stats,
} from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Problem } from "../validate/problem.ts";

export type Wanted = "file" | "folder";

/** What a non-regular entry is, in words. */
function kindOf(s: Stats): string {
  if (s.isFIFO()) return "a named pipe (FIFO)";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  if (s.isDirectory()) return "a folder";
  return "not a regular file";
}

function inside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === "" || (r !== ".." && !r.startsWith(`..${sep}`) && !isAbsolute(r));
}

/** The project root's real path (links resolved), computed once per root. */
const roots = new Map<string, string>();
function realRoot(root: string): string {
  let r = roots.get(root);
  if (r === undefined) {
    try {
      r = realpathSync(root);
    } catch {
      r = resolve(root);
    }
    roots.set(root, r);
  }
  return r;
}

/**
 * Why the entry at `path` (shown as `rel`) cannot be read as a `wanted` (undefined when it can):
 * it is a pipe, device, socket, or a folder where a file belongs (or the reverse), or a link that
 * leaves the project or leads nowhere.
 */
export function entryProblem(root: string, path: string, rel: string, wanted: Wanted): Problem | undefined {
  const base = { severity: "error" as const, file: rel };
  const data = rel.startsWith("data/");
  const fix = data
    ? `put the ${wanted === "file" ? "exported file" : "month's folder"} itself at ${rel}`
    : `replace ${rel} with a regular ${wanted}`;
  let own: Stats;
  try {
    own = lstatSync(path);
  } catch (e) {
    return { ...base, code: "not-a-file", message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, fix };
  }
  let target = own;
  if (own.isSymbolicLink()) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return {
        ...base,
        code: "not-a-file",
        value: readlinkSync(path),
        message: "is a link to something that does not exist; it was not read",
        expected: `a regular ${wanted} inside the project`,
        fix,
      };
    }
    if (!inside(real, realRoot(root))) {
      return {
        ...base,
        code: "outside-project",
        value: real,
        message: "is a link to a path outside the project; it was not read",
        expected: `a regular ${wanted} inside the project (links that stay inside it are followed)`,
        fix:
          wanted === "file"
            ? `copy the export into the project at ${rel} instead of linking to it`
            : `copy the folder into the project at ${rel}`,
      };
    }
    target = statSync(path);
  }
  const ok = wanted === "file" ? target.isFile() : target.isDirectory();
  if (ok) return undefined;
  return {
    ...base,
    code: "not-a-file",
    message: `is ${wanted === "folder" && target.isFile() ? "a file" : kindOf(target)}, not a regular ${wanted}; it was not read`,
    expected: !data ? `a regular ${wanted}` : wanted === "file" ? "the file the tool exported" : "a month folder",
    fix,
  };
}

/**
 * A file's bytes, read only if it is a regular file when opened (a pipe put in its place after the
 * check would block a plain read forever: it is opened without waiting and refused).
 */
export function readRegularFile(path: string): Buffer {
  const fd = openRegularFile(path);
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A descriptor of the file at `path`, open for reading only if it is a regular file (see readRegularFile). */
export function openRegularFile(path: string): number {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) throw new Error(`${path} is ${kindOf(s)}, not a regular file`);
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** Whether `path` (a link) leads to a folder. */
export function linksToFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
