// The project mapping file (mapping.yaml): custom headers and values of this project's exports.
import { z } from "zod";
import { DATASET_NAMES } from "./dataset.ts";

const datasetName = z.enum(DATASET_NAMES);

export const mapping = z
  .object({
    /** dataset -> { exported header: canonical column } */
    columns: z.partialRecord(datasetName, z.record(z.string(), z.string())).default({}),
    /** dataset -> column -> { exported value: canonical value } */
    values: z.partialRecord(datasetName, z.record(z.string(), z.record(z.string(), z.string()))).default({}),
  })
  .strict();

export type Mapping = z.infer<typeof mapping>;
