// The month's narrative (reports/YYYY-MM.md) as an Astro content collection, validated by zod.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { narrative } from "./schema/narrative.ts";
import { hasNarratives, NARRATIVE_GLOB, reportsDir } from "./site/reports.ts";

const reports = defineCollection({
  // Without narratives the loader yields nothing: the glob loader would warn that it found no file.
  loader: hasNarratives() ? glob({ pattern: NARRATIVE_GLOB, base: reportsDir() }) : async () => [],
  schema: narrative,
});

export const collections = { reports };
