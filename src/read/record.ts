// A record as the framer's scanner hands it out (read/frame.ts): where it starts, its source text
// and its fields. Most records are never made into one; those held back or pending are.

export interface Rec {
  /** 1-based source line where the record starts. */
  line: number;
  /** The record's source text (without its line end). */
  raw: string;
  /** Field values: unquoted, doubled quotes undone, not trimmed. */
  fields: string[];
}

/** Fields of a blank record held back (never read). */
export const NONE: string[] = [];

export function isBlank(r: Rec): boolean {
  for (const f of r.fields) if (f.trim() !== "") return false;
  return true;
}

export function nonEmpty(r: Rec): number {
  let k = 0;
  for (const f of r.fields) if (f.trim() !== "") k++;
  return k;
}

export function firstNonEmpty(r: Rec): string {
  for (const f of r.fields) {
    const t = f.trim();
    if (t !== "") return t;
  }
  return "";
}
