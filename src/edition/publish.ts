// npm run publish / npm run restate: freeze a month as a new edition revision. Refuses a month
// whose data has errors; writes only reports/editions/<month>.rN.json and reports/<month>.md.
import { join } from "node:path";
import { computeReports } from "../metrics/executor.ts";
import { scopeOf } from "../model/load.ts";
import { validateProject } from "../model/pipeline.ts";
import type { Problem } from "../validate/problem.ts";
import { removeStaleWrites } from "./atomic.ts";
import { editionText, listEditions, writeEdition } from "./edition.ts";
import { freeze, headlineChanges, type HeadlineChange } from "./freeze.ts";
import { setFrontMatter } from "./frontmatter.ts";
import { readNarrative } from "./narrative.ts";

export interface PublishOptions {
  root: string;
  /** One month, or several (a backlog) published in one pass over the data. */
  month: string | string[];
  /** YYYY-MM-DD: the publication day (the caller's clock). */
  today: string;
  restate: boolean;
  reason?: string;
  publisher?: string;
  tool: { name: string; version: string };
  progress?: (message: string) => void;
  /** Use the validated-file cache (the CLI does; default off). */
  cache?: boolean;
  /** The database's memory limit (e.g. 2GB); the project's `memory` setting when unset. */
  memory?: string;
}

export interface PublishResult {
  ok: boolean;
  message: string;
  problems: Problem[];
  path?: string;
  revision?: number;
  changes?: HeadlineChange[];
  /** About this machine, not the data (a cache that cannot be written). */
  notices?: Problem[];
}

export async function publishMonth(o: PublishOptions): Promise<PublishResult> {
  const months = [o.month].flat();
  const label = months.join(", ");
  const refuse = (message: string, problems: Problem[] = []): PublishResult => ({ ok: false, message, problems });
  const bad = months.find((m) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(m));
  if (bad !== undefined || months.length === 0) return refuse(`'${bad ?? ""}' is not a month: give it as YYYY-MM, e.g. 2026-10`);
  if (o.restate && months.length !== 1) return refuse("restate one month at a time");
  if (o.restate && !o.reason?.trim())
    return refuse(`a restatement needs a reason: npm run restate -- ${label} --reason "what was corrected and why"`);
  removeStaleWrites(o.root);
  const { editions, errors } = listEditions(o.root);
  if (errors.length) return refuse(`an edition file cannot be read: ${errors.map((e) => `${e.file} ${e.message}`).join("; ")}`);
  for (const month of months) {
    const previous = editions.get(month) ?? [];
    if (!o.restate && previous.length) {
      return refuse(
        `${month} is already published (revision ${previous.at(-1)!.revision}); to change it, restate it: npm run restate -- ${month} --reason "..."`,
      );
    }
    if (o.restate && previous.length === 0)
      return refuse(`${month} has not been published yet: publish it first with npm run publish -- ${month}`);
  }

  const v = await validateProject(o.root, o.progress, { cache: o.cache, memory: o.memory });
  try {
    const missing = months.filter((m) => !v.project.months.includes(m));
    if (missing.length) return refuse(`there is no data/${missing[0]}/ folder to publish`, v.problems);
    // The latest month's scope covers every earlier one: one check for the whole backlog.
    const latest = [...months].sort().at(-1)!;
    const errorsInScope = scopeOf(latest, v.loaded.files, v.problems).problems.filter((p) => p.severity === "error");
    if (errorsInScope.length) {
      return refuse(
        `${label}: ${errorsInScope.length} validation error(s); fix them (npm run check) and publish again. Nothing was written.`,
        errorsInScope,
      );
    }
    const reports = await computeReports(
      v.db,
      months,
      { config: v.project.config, provided: v.loaded.provided, empty: v.loaded.empty },
      o.progress,
    );
    let result: PublishResult = { ok: true, message: "", problems: v.problems };
    for (const month of months) {
      const previous = editions.get(month) ?? [];
      const revision = (previous.at(-1)?.revision ?? 0) + 1;
      // The front matter marked published first, so the edition freezes the narrative as the pages show it.
      const fields: Record<string, string> = { status: "published", published: o.today };
      if (o.publisher) fields.publisher = o.publisher;
      setFrontMatter(join(o.root, "reports", `${month}.md`), fields, o.root);
      const edition = freeze({
        month,
        revision,
        report: reports[month]!,
        files: v.loaded.files,
        problems: v.problems,
        config: v.project.config,
        tool: o.tool,
        today: o.today,
        publisher: o.publisher,
        reason: o.restate ? o.reason!.trim() : undefined,
        narrative: readNarrative(o.root, month),
      });
      // The narrative is marked first and the edition written last, each in one step: a publish
      // killed between them left the month unpublished, so publishing it again completes it.
      const text = editionText(edition);
      const path = writeEdition(o.root, edition, text);
      // Round-trip through the canonical file so the changes compare what the pages will show.
      const written = listEditions(o.root).editions.get(month)!.at(-1)!;
      const changes = previous.length ? headlineChanges(previous.at(-1)!.report, written.report) : [];
      const what = o.restate
        ? `restated as revision ${revision} (${changes.length} headline number(s) changed)`
        : "published as revision 1";
      result = {
        ok: true,
        message: [result.message, `${month} ${what}: ${path}`].filter(Boolean).join("\n"),
        problems: v.problems,
        path,
        revision,
        changes,
      };
    }
    return { ...result, notices: v.notices };
  } finally {
    v.db.close();
  }
}
