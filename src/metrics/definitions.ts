// Every metric definition, per section: shown on the data page and frozen into editions.
import type { Definition } from "./context.ts";
import { DEFINITIONS as BENCHMARK } from "../sections/benchmark/compute.ts";
import { DEFINITIONS as CONTENT } from "../sections/content/compute.ts";
import { DEFINITIONS as HANDOFF } from "../sections/handoff/compute.ts";
import { DEFINITIONS as OVERVIEW } from "../sections/overview/compute.ts";
import { DEFINITIONS as SLA } from "../sections/sla/compute.ts";

export interface DefinitionGroup {
  section: string;
  items: Definition[];
}

export const ALL_DEFINITIONS: DefinitionGroup[] = [
  { section: "overview", items: OVERVIEW },
  { section: "benchmark", items: BENCHMARK },
  { section: "content", items: CONTENT },
  { section: "handoff", items: HANDOFF },
  { section: "sla", items: SLA },
];
