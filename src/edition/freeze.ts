// Freezing a month: its report, appendix, definitions, the data files it read (with hashes) and
// the configuration in force, as one edition.
import { ALL_DEFINITIONS } from "../sections/registry.ts";
import type { MonthReport } from "../sections/registry.ts";
import { scopeOf, type FileReport } from "../model/load.ts";
import type { Config } from "../schema/config.ts";
import { SCHEMA_VERSION } from "../schema/dataset.ts";
import { shownConfig } from "../site/privacy.ts";
import { maskedValues, maskPersonal } from "../validate/mask.ts";
import type { Problem } from "../validate/problem.ts";
import type { EditionError } from "./edition.ts";
import { EDITION_FORMAT, frozenFile, frozenProblem, type Edition, type SummaryRules } from "./format.ts";
import type { FrozenNarrative } from "./narrative.ts";

export interface FreezeInput {
  month: string;
  revision: number;
  report: MonthReport;
  files: readonly FileReport[];
  problems: readonly Problem[];
  config: Config;
  tool: { name: string; version: string };
  /** Publication day, YYYY-MM-DD in the project's zone (a parameter: the clock is the caller's). */
  today: string;
  publisher?: string;
  reason?: string;
  /** The month's narrative (edition/narrative.ts), null when it has none. */
  narrative: FrozenNarrative | null;
}

/** The executive summary's rules under a configuration: a draft's, and what a publication freezes. */
export function summaryRulesOf(config: Config): SummaryRules {
  return { atRisk: config.status.atRisk, fromZero: true };
}

export function freeze(i: FreezeInput): Edition {
  const scope = scopeOf(i.month, i.files, i.problems);
  const edition: Edition = {
    editionSchemaVersion: EDITION_FORMAT,
    month: i.month,
    revision: i.revision,
    publishedAt: i.today,
    tool: i.tool,
    dataSchemaVersion: SCHEMA_VERSION,
    config: shownConfig(i.config),
    files: scope.files.map((f) => ({ path: maskPersonal(f.rel), sha256: f.sha256 })),
    report: maskedValues(i.report),
    // Timings are not part of what was shown, and would make the file differ on every run.
    appendix: {
      files: scope.files.map(frozenFile),
      problems: scope.problems.map(frozenProblem),
    },
    definitions: ALL_DEFINITIONS,
    summary: summaryRulesOf(i.config),
    narrative: i.narrative,
  };
  if (i.publisher) edition.publisher = i.publisher;
  if (i.reason) edition.reason = i.reason;
  return edition;
}

export interface Drift {
  path: string;
  /** Hash at publication; null when the file is new since. */
  was: string | null;
  /** Hash now; null when the file is gone. */
  now: string | null;
}

/** Data files of the month that changed, appeared or disappeared since the edition was frozen. */
export function driftOf(edition: Edition, files: readonly FileReport[]): Drift[] {
  // Compared by name as the edition keeps it (masked).
  const now = new Map(scopeOf(edition.month, files, []).files.map((f) => [maskPersonal(f.rel), f.sha256]));
  const was = new Map(edition.files.map((f) => [f.path, f.sha256]));
  const drift: Drift[] = [];
  for (const [path, hash] of was) if (now.get(path) !== hash) drift.push({ path, was: hash, now: now.get(path) ?? null });
  for (const [path, hash] of now) if (!was.has(path)) drift.push({ path, was: null, now: hash });
  return drift.sort((a, b) => a.path.localeCompare(b.path));
}

export interface HeadlineChange {
  id: string;
  path: string;
  before: number | null;
  after: number | null;
  /** The target each revision showed beside it: a restatement may correct targets.csv too. */
  target: { before: number | null; after: number | null };
  /**
   * The previous revision had no such headline (its edition's format had no such section, or an SLA
   * rule is new): its `before` is no number it showed, not a number that read not provided.
   */
  new: boolean;
}

interface HeadlineValue {
  id: string;
  value: number | null;
  target: number | null;
}

/** Every headline number (an object with id, value and series) in a report, by its path. */
export function headlineValues(report: unknown, path = ""): Map<string, HeadlineValue> {
  const out = new Map<string, HeadlineValue>();
  if (Array.isArray(report)) {
    report.forEach((x, i) => headlineValues(x, `${path}[${i}]`).forEach((v, k) => out.set(k, v)));
  } else if (report && typeof report === "object") {
    const o = report as Record<string, unknown>;
    if (typeof o.id === "string" && "value" in o && Array.isArray(o.series))
      out.set(path, { id: o.id, value: o.value as number | null, target: typeof o.target === "number" ? o.target : null });
    for (const [k, v] of Object.entries(o))
      if (k !== "series") headlineValues(v, path ? `${path}.${k}` : k).forEach((x, kk) => out.set(kk, x));
  }
  return out;
}

/** Headline numbers that differ between two revisions (before -> after). */
export function headlineChanges(before: unknown, after: unknown): HeadlineChange[] {
  const a = headlineValues(before);
  const b = headlineValues(after);
  const changes: HeadlineChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path)?.value ?? null;
    const y = b.get(path)?.value ?? null;
    const target = { before: a.get(path)?.target ?? null, after: b.get(path)?.target ?? null };
    if (x !== y) changes.push({ id: (b.get(path) ?? a.get(path))!.id, path, before: x, after: y, target, new: !a.has(path) });
  }
  return changes.sort((p, q) => p.path.localeCompare(q.path));
}

/** Problems about editions: unreadable edition files (errors) and published months whose data changed (warnings). */
export function editionProblems(
  editions: ReadonlyMap<string, Edition[]>,
  errors: readonly EditionError[],
  files: readonly FileReport[],
): Problem[] {
  const problems: Problem[] = errors.map((e) => ({
    severity: "error" as const,
    code: "bad-edition",
    file: e.file,
    message: e.message,
    fix: "restore the file from version control; editions are written by npm run publish and npm run restate, never by hand",
  }));
  for (const [month, list] of editions) {
    const current = list.at(-1)!;
    for (const d of driftOf(current, files)) {
      const what = d.was === null ? "is new since" : d.now === null ? "is gone since" : "changed since";
      problems.push({
        severity: "warning",
        code: "edition-drift",
        file: d.path,
        value: `${d.was?.slice(0, 12) ?? "—"} → ${d.now?.slice(0, 12) ?? "—"}`,
        message: `${what} ${month} was published (revision ${current.revision}); the published numbers stay frozen`,
        fix: `if the change is a correction, restate the month: npm run restate -- ${month} --reason "<why>"`,
      });
    }
  }
  return problems;
}
