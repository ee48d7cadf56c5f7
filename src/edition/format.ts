// The edition file format: the schema of the current format, and the migrations that bring a file
// of an older format to it. Every edition is read through them, so a page always gets an edition of
// the current format, and what an old edition lacks is said explicitly (NOT_IN_EDITION), never
// left to an optional field or faked from today's data.
import { z } from "zod";
import type { FileReport } from "../model/load.ts";
import { SECTIONS, shownReportSchema } from "../sections/registry.ts";
import { NOT_IN_EDITION, notInEditionSchema, UNITS } from "../sections/section.ts";
import { PROBLEM_CODE_LIST } from "../validate/codes.ts";
import { maskPersonal, publishedProblem } from "../validate/mask.ts";
import type { Problem } from "../validate/problem.ts";

/**
 * Versions of the edition file format (not of the data contract):
 *   1: report (month, asOf, provided, overview), appendix, files, config. No metric definitions.
 *   2: adds `definitions` and the benchmark, content, handoff and SLA sections.
 *   3: the report is read through the sections' schemas. Format 2 files written before a campaign
 *      row had mqlsToDate and sqlsToDate, and the skew its `skewed` flag, lack them. The overview
 *      gains the deals its amount sums leave out (amountMissing), what velocity leaves out
 *      (velocity.excluded) and the source values with their classification (sources).
 *   4: the follow-up SLA judges compliance by deadline month (its rules are `judgedBy:
 *      "deadline_month"`), beside the month's handoffs as of its end. Rules of older files were
 *      judged by handoff month as of the month's end and are read as such (`judgedBy: "handoff_month"`).
 *      Adds the pipeline and win/loss sections (an edition of format 3 or older reads them as not in
 *      the edition).
 *   5: efficiency counts new customers, won deals and LTV's average deal from new business when the
 *      deals give their type (`newBusinessOnly`); a format 4 edition counted every won deal and reads
 *      as such (false, with the page's note that renewals and expansions are included). Spend lines
 *      with a budget but no amount yet are counted (`unreported` of the month, its periods and CAC
 *      windows): a format 4 edition did not count them (null), and showed them as 0.
 *   6: a campaign ROI row counts the campaign's deals still open at the month's end (`openDeals`)
 *      and the days since the campaign's end (`elapsed`), and efficiency measures how long leads take
 *      to become deals and to be won (`campaignCycle`): the page marks a campaign's pipeline and won
 *      ROI provisional while it is younger than that, and its won ROI while it has open deals. An
 *      older edition measured none of these (null) and showed every ROI as final: it still does,
 *      numbers as frozen.
 *   7: the plan checks the trailing 3 months its back-calculation's rates and cycle times and the
 *      tree's derived targets are worked over (`trailing`): a rate over a month that lacks a dataset
 *      it reads is not provided, and so is a target worked from it (null, with its source). An older
 *      edition did not check them (null): its rates and targets read as frozen. Its periods to date
 *      name the months to date that lack the dataset their actual reads (`missing`): with any, the
 *      actual, run-rate and attainments are not provided. An older edition counted such a month as
 *      zero (null: its periods read as frozen). Efficiency's CAC windows name their months that lack
 *      the deals or the leads (`missing`): with any lacking deals, new customers and CAC are not
 *      provided (null), with any lacking leads, SQLs and cost per SQL; LTV names the trailing 12
 *      months that lack the deals (`ltv.missing`): with any, the average won amount, LTV, LTV:CAC
 *      and payback are not provided. An older edition counted such a month as zero (null: its
 *      windows and LTV read as frozen).
 *   8: the plan's back-calculation marks the day a stage's volume must have entered it by for next
 *      month's wins (`nextByPassed`) when that day is on or before the report month's end, the
 *      report's as-of point: passed when the report is read. An older edition did not mark it (null):
 *      its days read as frozen, unmarked. Win/loss reads the top loss reason of a window month whose
 *      folder lacks the deals, and its trend counts, as not provided (null), as its share's point:
 *      an older edition checked only the report month (its past months' numbers read as frozen).
 *   9: win/loss names the months of each span (the month, the last 3 and 12 months) whose folder
 *      lacks the deals (lost reasons) or the leads (disqualify reasons), and of its last 3 months'
 *      breakdowns (`missing`): with any, the span's Pareto (total and rows) and the breakdowns are
 *      not provided (null), and the month's junk count too when it lacks the leads. An older
 *      edition summed what the months had, a month without its data as zero or as what a later
 *      export held for it (null: its spans and breakdowns read as frozen).
 *  10: the accounts funnel gives the leads and deals of accounts the list does not name a row of
 *      their own (group "unlisted"), and "other" counts only the list's accounts that are not
 *      targets. An older edition counted the unlisted accounts' records in "other", and has no
 *      unlisted row: its rows read as frozen (its frozen definition says what "other" held).
 *  11: a campaign ROI row of a campaign without an end date counts its days from its start as
 *      `elapsed.from` "open" (it may still run): its pipeline and won ROI are provisional however
 *      long ago it started. An older edition read it as "start", final once its days reached the
 *      campaign cycle's p90, and still does (marks as frozen). Efficiency's cost per lead trend by
 *      channel says of each point whether the month's spend of the channel and leads are there
 *      (`provided`): a past month with a line of the channel not reported yet is not provided, not
 *      "-". An older edition did not say (null): its points read as they did. A lower-is-better
 *      headline's attainment (spend against its budget, a cost, CAC against its target) is target /
 *      value, as its status has it (metrics/attainment.ts); an older edition froze value / target,
 *      and its cards still show that (the summary's "of target" share is value / target either way).
 *  12: win/loss names the months of the last 12 whose folder lacks the deals (`segments.missing`):
 *      with any, win rate, deal size and sales cycle by segment are not provided (every breakdown
 *      null); and those lacking the leads (`funnelMissing`): with any, the funnel per source is not
 *      provided (null). An older edition counted such a month as none closed (no leads created), or
 *      as what a later export held for it (null: its segments and funnel read as frozen).
 *  13: the executive summary's rules are frozen (`summary`): its statuses (met / at risk / missed)
 *      are judged against the configured at-risk threshold (config.status.atRisk), as the plan and
 *      efficiency pages judge theirs, and its biggest changes list a number that moved from zero
 *      (`fromZero`). An older edition's summary judged from a fixed 90%, whatever the config it
 *      froze, and left moves from zero out: it reads as { atRisk: 0.9, fromZero: false } and keeps
 *      the words it was published with.
 *      And the month's narrative (highlights, actions, per-page notes and commentary) is frozen with the
 *      edition (`narrative`; null when the month had none): an edit of reports/YYYY-MM.md after
 *      publication no longer rewrites it. An older edition froze none (NOT_IN_EDITION): its pages
 *      read the month's file, as they did.
 *      And the web benchmark's channel and user-type rows give the sessions each per-session rate
 *      divides by (`engagementBase`, `viewsBase`, `bounceBase`): a channel with no sessions, its
 *      columns given, has rates of no cases ("-"), and its headline rates over no sessions carry
 *      their denominator (0) likewise. An older edition did not give the bases (null) and showed
 *      such a rate as not provided, and still does (its rows as frozen). The bounce rate is
 *      lower-is-better: its attainment is target / value, as format 11's costs are; an older edition
 *      froze value / target (a bounce rate over its target "attained" above 100%), and its card still
 *      shows that. The plan's
 *      back-calculation says what its months beside next month are (`back.restOf`): at a quarter's
 *      last month, the whole next quarter, which the page names so; an older edition called them
 *      the rest of the quarter either way (null), and still does. Accounts' `source` may be "none":
 *      with neither the accounts list nor a lead carrying target_account, the funnel and engagement
 *      are not provided (no rows); an older edition counted every record as another account's.
 * A section added later names the format that first has it (`since`): files of older formats get it
 * as NOT_IN_EDITION. The current format is the newest of these.
 */
export const EDITION_FORMAT = Math.max(13, ...SECTIONS.map((s) => s.since));

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const text = z.strictObject({ en: z.string(), ja: z.string() });

/** A data file the month read, as its appendix listed it (its read time left out: not part of what was shown). */
const fileRow = z.strictObject({
  rel: z.string(),
  dataset: z.string(),
  folder: z.string().nullable(),
  format: z.string(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  /** The sheet read, for a workbook (.xlsx). */
  sheet: z.string().optional(),
  bytes: z.number(),
  sha256: z.string(),
  rows: z.number(),
  skipped: z.number(),
  nonData: z.number(),
});

const problem = z.strictObject({
  severity: z.enum(["error", "warning", "info"]),
  // A code the catalogue no longer has needs a migration (MIGRATIONS), like any other change of format.
  code: z.enum(PROBLEM_CODE_LIST),
  file: z.string(),
  line: z.number().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
  expected: z.string().optional(),
  fix: z.string(),
  more: z.number().optional(),
  /** A workbook's sheet and cell (.xlsx). */
  sheet: z.string().optional(),
  cell: z.string().optional(),
  /** How many rows an anomaly holds, and (with publishRecords) the first ids. */
  count: z.number().optional(),
  records: z.array(z.string()).optional(),
});

const definitionGroup = z.strictObject({
  section: z.string(),
  items: z.array(z.strictObject({ id: z.string(), label: text, definition: text, unit: z.enum(UNITS) })),
});

/** How the month's executive summary judges and ranks its numbers (site/summary.ts). */
export const summaryRules = z.strictObject({
  /** The attainment from which a status is at risk, not missed (config.status.atRisk). */
  atRisk: z.number().gt(0).lt(1),
  /** Its biggest changes list a number that moved from zero (no relative change) first. */
  fromZero: z.boolean(),
});
export type SummaryRules = z.infer<typeof summaryRules>;

export const editionFile = z.strictObject({
  editionSchemaVersion: z.literal(EDITION_FORMAT),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  revision: z.number().int().positive(),
  publishedAt: day,
  publisher: z.string().optional(),
  /** Why this revision restates the previous one (revisions after the first). */
  reason: z.string().optional(),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  dataSchemaVersion: z.number().int().positive(),
  config: z.record(z.string(), z.unknown()),
  /** Every data file the month's report read, with its hash at publication. */
  files: z.array(z.strictObject({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  /** Every number the month's pages show (MonthReport, as it was at publication). */
  report: shownReportSchema,
  /** The data appendix as it was: files read and the problems and notes found. */
  appendix: z.strictObject({ files: z.array(fileRow), problems: z.array(problem) }),
  /** Metric definitions in force at publication, per section. */
  definitions: z.union([z.array(definitionGroup), notInEditionSchema]),
  /** The executive summary's rules at publication. */
  summary: summaryRules,
  /** The month's narrative as published (null: it had none). */
  narrative: z.union([
    z.strictObject({
      highlights: z.array(z.string()),
      actions: z.array(z.string()),
      notes: z.record(z.string(), z.string()),
      body: z.string(),
    }),
    z.null(),
    notInEditionSchema,
  ]),
});

export type Edition = z.infer<typeof editionFile>;
export type FrozenFile = z.infer<typeof fileRow>;
export type DefinitionGroups = Edition["definitions"];

// The appendix an edition freezes is what the build reports: a field one has and the other lacks
// fails the type check here (or, a new field of the build's, the strict parse of a publication).
// A file as the appendix shows it: without the run's own read time, its name masked (a file named
// after a person's email was listed as it was).
export const frozenFile = ({ readMs: _timing, ...f }: FileReport): FrozenFile => ({ ...f, rel: maskPersonal(f.rel) });
export const frozenProblem = (p: Problem): z.infer<typeof problem> => publishedProblem(p);
const _asReported = (f: FrozenFile, p: z.infer<typeof problem>): [Omit<FileReport, "readMs" | "dataset">, Problem] => [f, p];
void _asReported;

/** The executive summary's fixed rules before format 13. */
const SUMMARY_BEFORE_13 = { atRisk: 0.9, fromZero: false };

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/** What each format's file needs to become the next format's, beside the sections it gains. */
const MIGRATIONS: Record<number, (file: Json) => void> = {
  // Format 1 froze no definitions: the data page says so.
  1: (file) => {
    file.definitions = NOT_IN_EDITION;
  },
  2: (file) => {
    // What the overview counts since format 3: an older edition did not count it.
    const overview = isObject(file.report) ? file.report.overview : undefined;
    if (isObject(overview)) {
      overview.amountMissing ??= NOT_IN_EDITION;
      overview.sources ??= NOT_IN_EDITION;
      for (const x of Array.isArray(overview.transitions) ? overview.transitions : [])
        if (isObject(x) && isObject(x.velocity)) x.velocity.excluded ??= null;
    }
    const handoff = isObject(file.report) ? file.report.handoff : undefined;
    if (!isObject(handoff)) return;
    // Campaign rows frozen before their denominators existed: the page shows them as not in this edition.
    for (const row of Array.isArray(handoff.campaigns) ? handoff.campaigns : []) {
      if (!isObject(row)) continue;
      row.mqlsToDate ??= null;
      row.sqlsToDate ??= null;
    }
    // Skew frozen before `skewed` existed: it is either flag, both of which the edition has.
    const skew = handoff.skew;
    if (isObject(skew) && !("skewed" in skew)) skew.skewed = skew.ownerFlag === true || skew.industryFlag === true;
  },
  // SLA rules frozen before deadline-month judging: what they were judged by is said, not re-read as the new measure.
  3: (file) => {
    const sla = isObject(file.report) ? file.report.sla : undefined;
    for (const rule of isObject(sla) && Array.isArray(sla.rules) ? sla.rules : []) if (isObject(rule)) rule.judgedBy ??= "handoff_month";
  },
  // What format 5 corrected: a format 4 edition's numbers are as frozen, and say how they were counted.
  4: (file) => {
    const efficiency = isObject(file.report) ? file.report.efficiency : undefined;
    if (!isObject(efficiency) || "notInEdition" in efficiency) return;
    efficiency.newBusinessOnly ??= false;
    efficiency.unreported ??= null;
    efficiency.unreportedMarketing ??= null;
    for (const x of [
      ...(Array.isArray(efficiency.periods) ? efficiency.periods : []),
      ...(Array.isArray(efficiency.cacWindows) ? efficiency.cacWindows : []),
    ])
      if (isObject(x)) x.unreported ??= null;
  },
  // Campaigns' open deals, their days since their end and the cycle, measured since format 6: an older edition did not.
  5: (file) => {
    const efficiency = isObject(file.report) ? file.report.efficiency : undefined;
    if (!isObject(efficiency) || "notInEdition" in efficiency) return;
    efficiency.campaignCycle ??= null;
    for (const row of Array.isArray(efficiency.campaigns) ? efficiency.campaigns : []) {
      if (!isObject(row)) continue;
      row.openDeals ??= null;
      row.elapsed ??= null;
    }
  },
  // The plan's trailing 3 months and its periods' months to date, and efficiency's CAC windows and
  // LTV months, checked since format 7: an older edition did not.
  6: (file) => {
    const plan = isObject(file.report) ? file.report.plan : undefined;
    if (isObject(plan) && !("notInEdition" in plan)) {
      plan.trailing ??= null;
      for (const row of Array.isArray(plan.periods) ? plan.periods : []) if (isObject(row)) row.missing ??= null;
    }
    const efficiency = isObject(file.report) ? file.report.efficiency : undefined;
    if (isObject(efficiency) && !("notInEdition" in efficiency)) {
      for (const w of Array.isArray(efficiency.cacWindows) ? efficiency.cacWindows : []) if (isObject(w)) w.missing ??= null;
      if (isObject(efficiency.ltv)) efficiency.ltv.missing ??= null;
    }
  },
  // The back-calculation's days passed at the month's end, marked since format 8: an older edition did not.
  7: (file) => {
    const plan = isObject(file.report) ? file.report.plan : undefined;
    if (!isObject(plan) || "notInEdition" in plan || !isObject(plan.back)) return;
    for (const need of Array.isArray(plan.back.needs) ? plan.back.needs : []) if (isObject(need)) need.nextByPassed ??= null;
  },
  // Win/loss's spans' and breakdowns' months checked for their data since format 9: an older edition did not.
  8: (file) => {
    const winloss = isObject(file.report) ? file.report.winloss : undefined;
    if (!isObject(winloss) || "notInEdition" in winloss) return;
    for (const part of [winloss.lost, winloss.disqualified]) {
      if (!isObject(part)) continue;
      for (const span of Array.isArray(part.spans) ? part.spans : []) if (isObject(span)) span.missing ??= null;
      if (isObject(part.breakdowns)) part.breakdowns.missing ??= null;
    }
  },
  // The cost trend's points say since format 11 whether their spend and leads are there: an older edition did not.
  10: (file) => {
    const efficiency = isObject(file.report) ? file.report.efficiency : undefined;
    if (!isObject(efficiency) || "notInEdition" in efficiency) return;
    for (const c of Array.isArray(efficiency.channelSeries) ? efficiency.channelSeries : [])
      for (const point of isObject(c) && Array.isArray(c.series) ? c.series : []) if (isObject(point)) point.provided ??= null;
  },
  // Win/loss's segments' and funnel's 12 months checked for their data since format 12: an older edition did not.
  11: (file) => {
    const winloss = isObject(file.report) ? file.report.winloss : undefined;
    if (!isObject(winloss) || "notInEdition" in winloss) return;
    if (isObject(winloss.segments)) winloss.segments.missing ??= null;
    winloss.funnelMissing ??= null;
  },
  // The summary's rules, frozen since format 13: an older edition's summary judged from 90%,
  // whatever its config said (its plan and efficiency statuses, frozen with their sections, did
  // not), and its biggest changes left out a number that moved from zero.
  12: (file) => {
    file.summary ??= SUMMARY_BEFORE_13;
    // The narrative, frozen since format 13: an older edition's pages read the month's file.
    file.narrative = NOT_IN_EDITION;
    // The plan's back-calculation says since format 13 whether its other months are the next quarter.
    const plan = isObject(file.report) ? file.report.plan : undefined;
    if (isObject(plan) && !("notInEdition" in plan) && isObject(plan.back)) plan.back.restOf ??= null;
    // The benchmark's rows give their rates' bases since format 13: an older edition did not.
    const benchmark = isObject(file.report) ? file.report.benchmark : undefined;
    if (isObject(benchmark) && !("notInEdition" in benchmark)) {
      for (const c of Array.isArray(benchmark.channels) ? benchmark.channels : [])
        if (isObject(c)) {
          c.engagementBase ??= null;
          c.viewsBase ??= null;
          c.bounceBase ??= null;
        }
      for (const u of Array.isArray(benchmark.userTypes) ? benchmark.userTypes : []) if (isObject(u)) u.bounceBase ??= null;
    }
  },
};

/**
 * An edition file's JSON brought to the current format, or why it cannot be: a copy when it is of
 * an older format (the file's JSON is left as it was), the JSON itself when it is of the current one
 * (copying every published month's edition was a sixth of reading them).
 */
export function migrate(json: unknown): { ok: true; file: Json } | { ok: false; message: string } {
  if (!isObject(json)) return { ok: false, message: "is not an edition (a JSON object)" };
  const version = json.editionSchemaVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1)
    return { ok: false, message: "editionSchemaVersion: is not a format version (1, 2, ...)" };
  if (version > EDITION_FORMAT)
    return { ok: false, message: `is of edition format ${version}, newer than this Gekkan reads (${EDITION_FORMAT}): update Gekkan` };
  if (version === EDITION_FORMAT) return { ok: true, file: json };
  const file: Json = structuredClone(json);
  for (let from = version; from < EDITION_FORMAT; from++) {
    MIGRATIONS[from]?.(file);
    // Sections the next format added: an edition of this one did not have them.
    if (isObject(file.report))
      for (const s of SECTIONS) if (s.since === from + 1 && !(s.id in file.report)) file.report[s.id] = NOT_IN_EDITION;
    file.editionSchemaVersion = from + 1;
  }
  return { ok: true, file };
}

/** An edition file's JSON, of any format, read as an edition of the current format. */
export function readEdition(json: unknown): { ok: true; edition: Edition } | { ok: false; message: string } {
  const migrated = migrate(json);
  if (!migrated.ok) return migrated;
  const parsed = editionFile.safeParse(migrated.file);
  if (!parsed.success) return { ok: false, message: describe(parsed.error.issues).join("; ") };
  return { ok: true, edition: parsed.data };
}

/**
 * Issues as "path: message". A section that is neither its output nor NOT_IN_EDITION fails both
 * alternatives: what its output lacks is the useful part (the first alternative's issues).
 */
function describe(issues: readonly z.core.$ZodIssue[], at: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((i) =>
    i.code === "invalid_union" && i.errors[0]?.length
      ? describe(i.errors[0], [...at, ...i.path])
      : [`${[...at, ...i.path].map(String).join(".")}: ${i.message}`],
  );
}
