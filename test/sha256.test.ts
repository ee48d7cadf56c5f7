// Files' SHA-256 on this thread and shared with a worker thread: the same hashes, in the files' order.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sha256OfFile, sha256OfFiles } from "../src/read/sha256.ts";

const tmp = mkdtempSync(join(tmpdir(), "gekkan-sha256-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Files of 0 bytes to a few chunks and a part, of bytes from a seeded generator. */
const paths = [0, 1, 65_535, 65_536, 200_001, 3 * 65_536 + 7].map((size, i) => {
  let x = 2463534242 + i;
  const bytes = Buffer.alloc(size);
  for (let k = 0; k < size; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[k] = x & 0xff;
  }
  const path = join(tmp, `f${i}.csv`);
  writeFileSync(path, bytes);
  return path;
});
const expected = paths.map((p) => createHash("sha256").update(readFileSync(p)).digest("hex"));

describe("sha256OfFiles", () => {
  it("hashes a file a chunk at a time as a whole read would", () => {
    expect(sha256OfFile(paths[0]!)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(paths.map(sha256OfFile)).toEqual(expected);
  });

  it("gives each file's hash in their order, on this thread and with a worker", async () => {
    expect(await sha256OfFiles(paths)).toEqual(expected);
    expect(await sha256OfFiles(paths, 0)).toEqual(expected);
    const reversed = [...paths].reverse();
    expect(await sha256OfFiles(reversed, 0)).toEqual([...expected].reverse());
  });

  it("fails for a file that is not there, with a worker or without", async () => {
    const missing = [...paths, join(tmp, "gone.csv")];
    await expect(sha256OfFiles(missing)).rejects.toThrow(/ENOENT/);
    await expect(sha256OfFiles(missing, 0)).rejects.toThrow(/ENOENT/);
  });
});
