// Internal links, always through the configured base path.
import { site } from "./model.ts";
export const SECTIONS = ["overview", "benchmark", "content", "handoff", "sla", "data"] as const;
export type Section = (typeof SECTIONS)[number];

// The base comes from the site model rather than import.meta.env.BASE_URL, which a host process's
// environment (a test runner's BASE_URL, say) can override.
export function href(path: string): string {
  return `${site().base}${path.replace(/^\//, "")}`;
}

/** A section of a view: "2026-10" or an older revision "2026-10/r1". */
export function sectionHref(view: string, section: Section): string {
  return href(section === "overview" ? `${view}/` : `${view}/${section}/`);
}
