// Internal links, always through the configured base path.
export const SECTIONS = ["overview", "benchmark", "content", "handoff", "sla", "data"] as const;
export type Section = (typeof SECTIONS)[number];

export function href(path: string): string {
  const base = import.meta.env.BASE_URL.endsWith("/") ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return `${base}${path.replace(/^\//, "")}`;
}

/** A section of a view: "2026-10" or an older revision "2026-10/r1". */
export function sectionHref(view: string, section: Section): string {
  return href(section === "overview" ? `${view}/` : `${view}/${section}/`);
}
