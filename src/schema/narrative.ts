// reports/YYYY-MM.md front matter: the month's narrative and edition state, written by marketing ops.
import { z } from "zod";
import { isoDay } from "./config.ts";
import { PAGES } from "../sections/registry.ts";

const day = z.union([isoDay, z.date().transform((d) => d.toISOString().slice(0, 10))]);

export const narrative = z
  .object({
    status: z.enum(["draft", "published"]).default("draft"),
    publisher: z.string().optional(),
    published: day.optional(),
    highlights: z.array(z.string()).default([]),
    actions: z.array(z.string()).default([]),
    /** A note per page of the month (a section, or the data appendix), by its id. */
    notes: z.partialRecord(z.enum(PAGES), z.string()).default({}),
  })
  .strict();

export type Narrative = z.infer<typeof narrative>;
