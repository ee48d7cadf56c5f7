// The data reference in the docs, generated from the zod schemas and alias tables so it can
// never disagree with what the reader accepts. `npm run docs` writes docs/data-reference.md.
import { BUILT_IN_SOURCES } from "../model/sources.ts";
import { BUILT_IN_ALIASES, BUILT_IN_VALUES } from "../read/aliases.ts";
import { EXPECTATION } from "./column.ts";
import { columnsOf, DATASET_NAMES, DATASETS, SCHEMA_VERSION } from "./dataset.ts";

export function dataReference(): string {
  const out: string[] = [
    `# Data reference (contract v${SCHEMA_VERSION})`,
    "",
    "Generated from `src/schema/dataset.ts` and `src/read/aliases.ts` by `npm run docs`; do not edit by hand.",
    "Each month folder `data/YYYY-MM/` holds any of the datasets below as `<dataset>.csv`, `.tsv`, `.xlsx`, `.parquet`, `.json` or `.jsonl`;",
    "`targets` lives at `data/targets.csv`. Required columns are in **bold**. Headers match case-, width- and spacing-insensitively;",
    "the aliases listed are accepted as they are, and `mapping.yaml` adds a project's own.",
    "",
  ];
  for (const name of DATASET_NAMES) {
    const def = DATASETS[name];
    out.push(`## ${name} (${def.title.en} / ${def.title.ja})`, "");
    const loosely = Object.keys(def.keyAs ?? {}).map((k) => `\`${k}\``);
    out.push(
      `Record key: ${def.key.map((k) => `\`${k}\``).join(" + ")}${def.uniqueId ? " (unique within a file)" : ""}${
        loosely.length ? `; ${loosely.join(", ")} compared ignoring case and surrounding spaces, as the report groups it` : ""
      }.`,
    );
    if (def.note) out.push("", def.note, "");
    if (def.references.length)
      out.push(`References: ${def.references.map((r) => `\`${r.column}\` → ${r.dataset}`).join(", ")} (unknown ids are warnings).`);
    out.push("", "| column | type | meaning | also accepted as |", "|---|---|---|---|");
    const aliases = BUILT_IN_ALIASES[name] as Record<string, readonly string[] | undefined>;
    const values = (BUILT_IN_VALUES[name] ?? {}) as Record<string, Record<string, readonly string[]> | undefined>;
    for (const c of columnsOf(name)) {
      const col = c.required ? `**${c.name}**` : c.name;
      const type = c.values ? `${c.kind}: ${c.values.map((v) => `\`${v}\``).join(", ")}` : c.kind;
      const accepted = values[c.name]
        ? `; values also: ${Object.entries(values[c.name]!)
            .map(([v, texts]) => `${v} ← ${texts.join(" / ")}`)
            .join("; ")}`
        : "";
      out.push(`| ${col} | ${type} | ${c.description}${accepted} | ${(aliases[c.name] ?? []).join(", ")} |`);
    }
    out.push("");
  }
  out.push(
    "## Marketing sources",
    "",
    "A deal is marketing-sourced when its source (its own, or its lead's when it has none) is `marketing` or one of `marketingSources` in `gekkan.config.yaml`, compared case-insensitively.",
    "When `marketingSources` is not set, these built-in lists decide; when it is set, it alone does. The data page lists every source value found and how it was classified.",
    "",
    "| list | marketing | not marketing (unless configured) |",
    "|---|---|---|",
  );
  const listName = {
    generic: "generic channel names",
    hubspot: "HubSpot Original Source",
    salesforce: "Salesforce Lead Source (en / ja labels)",
  };
  for (const l of BUILT_IN_SOURCES) out.push(`| ${listName[l.by]} | ${l.marketing.join(", ")} | ${l.other.join(", ") || "–"} |`);
  out.push("", "## Value formats", "", "| type | accepted |", "|---|---|");
  for (const [kind, text] of Object.entries(EXPECTATION)) out.push(`| ${kind} | ${text} |`);
  out.push(
    "",
    "Timestamps without an offset are local to the configured time zone (default Asia/Tokyo); timestamps with `Z` or an offset are converted to it.",
    "Dates with the year last, with slashes, dashes or dots (`10/1/2026`, `1-10-2026`, `1.10.2026`), are read day-first or month-first only when a value in the same column proves the order or `dateOrder` is set in `gekkan.config.yaml`; otherwise the file is refused.",
    "A number written with a currency sign or code (`¥`, `JPY`, `円`, `$`, `USD`, `€`, `EUR`) is read without it, and refused when that currency is not the configured `currency`: amounts in different currencies cannot be added up.",
    "",
  );
  return out.join("\n");
}
