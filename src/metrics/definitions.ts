// Every metric definition, per section: shown on the data page and frozen into editions.
import type { Definition } from "./context.ts";
import { DEFINITIONS as BENCHMARK } from "./benchmark.ts";
import { DEFINITIONS as CONTENT } from "./content.ts";
import { DEFINITIONS as HANDOFF } from "./handoff.ts";
import { DEFINITIONS as OVERVIEW } from "./overview.ts";
import { DEFINITIONS as SLA } from "./sla.ts";
import { DEFINITIONS as SOURCES } from "./sources.ts";

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
  { section: "data", items: SOURCES },
];
