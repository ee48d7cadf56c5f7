// A file's bytes a chunk at a time: Node holds a window of a file, never all of it.
import { closeSync, readSync } from "node:fs";
import { openRegularFile } from "./entry.ts";

/**
 * Bytes read at a time. Small chunks keep the decoded text, the window the framer reads and the
 * copy's writes out of V8's large-object space, which only a full collection frees.
 */
export const CHUNK_BYTES = 1 << 16;

/**
 * The file's bytes, a chunk at a time. `transient`: every chunk in one buffer, overwritten by the
 * next, for a reader done with a chunk before it asks for the next (a hash: ~20% faster than a
 * buffer a chunk); a decoder or framer may keep a chunk, and gets its own.
 */
export function* chunksOf(path: string, transient = false): Generator<Uint8Array> {
  const fd = openRegularFile(path);
  const reused = transient ? Buffer.allocUnsafe(CHUNK_BYTES) : undefined;
  try {
    for (;;) {
      const chunk = reused ?? Buffer.allocUnsafe(CHUNK_BYTES);
      const n = readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) return;
      yield n < CHUNK_BYTES ? chunk.subarray(0, n) : chunk;
    }
  } finally {
    closeSync(fd);
  }
}
