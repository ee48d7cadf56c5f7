// Every metric definition, per section: shown on the data page and frozen into editions.
import type { Definition } from "./context.ts";
import { DEFINITIONS as OVERVIEW } from "./overview.ts";

export interface DefinitionGroup {
  section: string;
  items: Definition[];
}

export const ALL_DEFINITIONS: DefinitionGroup[] = [{ section: "overview", items: OVERVIEW }];
