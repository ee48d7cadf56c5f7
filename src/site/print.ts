// The executive print edition (npm run pdf): each section prints its first block only, with its
// headline numbers and first chart. The print page marks itself in Astro's per-page locals, and
// the sections and components it renders leave out what would not print instead of rendering it
// for CSS to hide (the printed month was ~0.5 MB of markup that never showed).
const EXEC = Symbol.for("gekkan.execEdition");

/** Marks the page being rendered as the executive edition (PrintEdition does, before its sections render). */
export function markExecEdition(locals: object): void {
  (locals as Record<symbol, unknown>)[EXEC] = true;
}

/** Whether the page being rendered is the executive edition. */
export function isExecEdition(locals: object): boolean {
  return (locals as Record<symbol, unknown>)[EXEC] === true;
}
