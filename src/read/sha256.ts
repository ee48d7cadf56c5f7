// Files' SHA-256, read a chunk at a time (read/chunks.ts). Many files are shared between this
// thread and a worker thread: after a checkout every file of the published folders has a new
// modification time, and the state checks them all by their hash.
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { chunksOf } from "./chunks.ts";

/** Below this many bytes in all, the files are hashed on this thread: a worker takes ~30 ms to start. */
const WORKER_FROM_BYTES = 32 << 20;

/** The SHA-256 of `chunks` in hex, and how many bytes they hold. */
export function sha256OfChunks(chunks: Iterable<Uint8Array>): { sha256: string; length: number } {
  const hash = createHash("sha256");
  let length = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { sha256: hash.digest("hex"), length };
}

/** The SHA-256 of the file at `path`, in hex. */
export function sha256OfFile(path: string): string {
  return sha256OfChunks(chunksOf(path, true)).sha256;
}

/**
 * The SHA-256 of each file of `paths`, in their order. With `workerFromBytes` or more in all, a
 * worker thread hashes about half the bytes while this thread hashes the rest; a worker that cannot
 * start or fails leaves its files to this thread (which throws as sha256OfFile does).
 */
export async function sha256OfFiles(paths: readonly string[], workerFromBytes = WORKER_FROM_BYTES): Promise<string[]> {
  const sizes = paths.map((p) => statSync(p).size);
  if (paths.length < 2 || sizes.reduce((a, b) => a + b, 0) < workerFromBytes) return paths.map(sha256OfFile);
  // Each file to the side with fewer bytes so far, the largest first.
  const mine: number[] = [];
  const theirs: number[] = [];
  let [ours, others] = [0, 0];
  for (const i of paths.map((_, i) => i).sort((x, y) => sizes[y]! - sizes[x]!)) {
    if (ours <= others) {
      mine.push(i);
      ours += sizes[i]!;
    } else {
      theirs.push(i);
      others += sizes[i]!;
    }
  }
  let worker: Worker | undefined;
  try {
    worker = new Worker(new URL("./sha256-worker.ts", import.meta.url), { workerData: theirs.map((i) => paths[i]!) });
  } catch {
    // no worker: this thread hashes them all
  }
  const w = worker;
  const fromWorker = w
    ? new Promise<string[]>((resolve, reject) => {
        w.once("message", resolve);
        w.once("error", reject);
        w.once("exit", () => reject(new Error("the hashing worker stopped")));
      })
    : undefined;
  fromWorker?.catch(() => {});
  try {
    const out: string[] = new Array(paths.length);
    for (const i of mine) out[i] = sha256OfFile(paths[i]!);
    const hashed = (await fromWorker?.catch(() => undefined)) ?? theirs.map((i) => sha256OfFile(paths[i]!));
    theirs.forEach((i, k) => {
      out[i] = hashed[k]!;
    });
    return out;
  } finally {
    void worker?.terminate();
  }
}
