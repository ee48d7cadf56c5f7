// The month's narrative (reports/YYYY-MM.md) as an Astro content collection, validated by zod.
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { join } from "node:path";
import { narrative } from "./schema/narrative.ts";

const reports = defineCollection({
  loader: glob({ pattern: "[0-9][0-9][0-9][0-9]-[0-9][0-9].md", base: process.env.GEKKAN_REPORTS ?? join(process.env.GEKKAN_PROJECT ?? ".", "reports") }),
  schema: narrative,
});

export const collections = { reports };
