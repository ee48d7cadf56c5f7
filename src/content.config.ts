// The month's narrative (reports/YYYY-MM.md) as an Astro content collection, validated by zod.
// Defined only when the project has narratives (see site/reports.ts).
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { narrative } from "./schema/narrative.ts";
import { hasNarratives, reportsDir } from "./site/reports.ts";

const reports = defineCollection({
  loader: glob({ pattern: "[0-9][0-9][0-9][0-9]-[0-9][0-9].md", base: reportsDir() }),
  schema: narrative,
});

export const collections = hasNarratives() ? { reports } : {};
