// npm run publish / npm run restate: freeze a month as a new edition revision. Refuses a month
// whose data has errors; writes only reports/editions/<month>.rN.json and reports/<month>.md.
import { join } from "node:path";
import { computeReports } from "../metrics/report.ts";
import { scopeOf } from "../model/load.ts";
import { validateProject } from "../model/pipeline.ts";
import type { Problem } from "../validate/problem.ts";
import { listEditions, writeEdition } from "./edition.ts";
import { freeze, headlineChanges, type HeadlineChange } from "./freeze.ts";
import { setFrontMatter } from "./frontmatter.ts";

export interface PublishOptions {
  root: string;
  month: string;
  /** YYYY-MM-DD: the publication day (the caller's clock). */
  today: string;
  restate: boolean;
  reason?: string;
  publisher?: string;
  tool: { name: string; version: string };
  progress?: (message: string) => void;
}

export interface PublishResult {
  ok: boolean;
  message: string;
  problems: Problem[];
  path?: string;
  revision?: number;
  changes?: HeadlineChange[];
}

export async function publishMonth(o: PublishOptions): Promise<PublishResult> {
  const refuse = (message: string, problems: Problem[] = []): PublishResult => ({ ok: false, message, problems });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.month)) return refuse(`'${o.month}' is not a month: give it as YYYY-MM, e.g. 2026-10`);
  if (o.restate && !o.reason?.trim()) return refuse(`a restatement needs a reason: npm run restate -- ${o.month} --reason "what was corrected and why"`);
  const { editions, errors } = listEditions(o.root);
  if (errors.length) return refuse(`an edition file cannot be read: ${errors.map((e) => `${e.file} ${e.message}`).join("; ")}`);
  const previous = editions.get(o.month) ?? [];
  if (!o.restate && previous.length) {
    return refuse(`${o.month} is already published (revision ${previous.at(-1)!.revision}); to change it, restate it: npm run restate -- ${o.month} --reason "..."`);
  }
  if (o.restate && previous.length === 0) return refuse(`${o.month} has not been published yet: publish it first with npm run publish -- ${o.month}`);

  const v = await validateProject(o.root, o.progress);
  try {
    if (!v.project.months.includes(o.month)) return refuse(`there is no data/${o.month}/ folder to publish`, v.problems);
    const scope = scopeOf(o.month, v.loaded.files, v.problems);
    const errorsInScope = scope.problems.filter((p) => p.severity === "error");
    if (errorsInScope.length) {
      return refuse(`${o.month} has ${errorsInScope.length} validation error(s); fix them (npm run check) and publish again. Nothing was written.`, errorsInScope);
    }
    const reports = await computeReports(v.db, [o.month], { config: v.project.config, provided: v.loaded.provided }, o.progress);
    const revision = (previous.at(-1)?.revision ?? 0) + 1;
    const edition = freeze({
      month: o.month, revision, report: reports[o.month]!, files: v.loaded.files, problems: v.problems, config: v.project.config,
      tool: o.tool, today: o.today, publisher: o.publisher, reason: o.restate ? o.reason!.trim() : undefined,
    });
    // Round-trip through the canonical file so the changes compare what the pages will show.
    const path = writeEdition(o.root, edition);
    const written = listEditions(o.root).editions.get(o.month)!.at(-1)!;
    const changes = previous.length ? headlineChanges(previous.at(-1)!.report, written.report) : [];
    const fields: Record<string, string> = { status: "published", published: o.today };
    if (o.publisher) fields.publisher = o.publisher;
    setFrontMatter(join(o.root, "reports", `${o.month}.md`), fields);
    const what = o.restate ? `restated as revision ${revision} (${changes.length} headline number(s) changed)` : "published as revision 1";
    return { ok: true, message: `${o.month} ${what}: ${path}`, problems: v.problems, path, revision, changes };
  } finally {
    v.db.close();
  }
}
