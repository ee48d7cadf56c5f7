// A memory size as a person writes it (gekkan.config.yaml's `memory`, the CLIs' --memory): 2GB,
// 1.5GB, 1536MB. Units are binary, as memory is sold: 1GB = 1024 MB = 1024^3 bytes.
import { z } from "zod";

export const DEFAULT_MEMORY = "2GB";
const SIZE = /^(\d+(?:\.\d+)?)\s*([MG])B$/i;
/** Below this DuckDB cannot read even a small project's tables in turn. */
const MINIMUM_MB = 256;

export const memorySize = z
  .string()
  .trim()
  .regex(SIZE, "a size such as 2GB or 1536MB")
  .refine((s) => megabytesOf(s) >= MINIMUM_MB, `at least ${MINIMUM_MB}MB`);

function megabytesOf(size: string): number {
  const m = SIZE.exec(size.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * (m[2]!.toUpperCase() === "G" ? 1024 : 1);
}

/** Bytes of a size memorySize accepts. */
export function bytesOf(size: string): number {
  const mb = megabytesOf(size);
  if (!Number.isFinite(mb)) throw new Error(`'${size}' is not a memory size such as 2GB or 1536MB`);
  return Math.round(mb * 1024 * 1024);
}
