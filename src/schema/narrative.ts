// reports/YYYY-MM.md front matter: the month's narrative and edition state, written by marketing ops.
import { z } from "zod";
import { isoDay } from "./config.ts";

const day = z.union([isoDay, z.date().transform((d) => d.toISOString().slice(0, 10))]);

export const narrative = z
  .object({
    status: z.enum(["draft", "published"]).default("draft"),
    publisher: z.string().optional(),
    published: day.optional(),
    highlights: z.array(z.string()).default([]),
    actions: z.array(z.string()).default([]),
    notes: z
      .object({
        overview: z.string().optional(),
        benchmark: z.string().optional(),
        content: z.string().optional(),
        handoff: z.string().optional(),
        sla: z.string().optional(),
        data: z.string().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type Narrative = z.infer<typeof narrative>;
