// Each section's page component (src/sections/<id>/Section.astro), by section id, in registry
// order. Astro-side only: the pages import it; node-side code (the CLIs, metrics, editions) never
// does, since Node cannot load .astro files.
import type { AstroComponentFactory } from "astro/runtime/server/index.js";
import { SECTIONS, type SectionId } from "./registry.ts";

const FOUND = import.meta.glob<{ default: AstroComponentFactory }>("./*/Section.astro", { eager: true });

export const SECTION_COMPONENTS = Object.fromEntries(
  SECTIONS.map((s) => {
    const component = FOUND[`./${s.id}/Section.astro`]?.default;
    if (!component) throw new Error(`section ${s.id} has no component: add src/sections/${s.id}/Section.astro`);
    return [s.id, component];
  }),
) as Record<SectionId, AstroComponentFactory>;
