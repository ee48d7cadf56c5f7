// The malformed-input corpus: one small project per quirk or defect under test/fixtures/malformed/,
// each with an expect.json saying what `check` must report (or that the input must be accepted).
//
// expect.json:
//   description       what the case is
//   code, severity, file, line, column, value
//                     a problem that must be reported (omitted keys are not compared)
//   exitCode          what `npm run check` must exit with (1 when any problem is an error)
//   accepted          true: no problem of severity error
//   absent            problems that must NOT be reported (each a partial problem; all given keys must match)
//   files             rel path -> fields of the loaded file report (rows, encoding, delimiter, nonData, skipped)
//   checks            [{ sql, rows }]: queries against the validated tables and their exact result
//   knownBug          a bug in src/ this case exposes (not fixed here). With `expect`/`absent`, the rest
//                     of the case is asserted normally and the bug's own assertion runs as it.fails; without
//                     them the whole case runs as it.fails. When the bug is fixed, its it.fails turns red:
//                     then delete the knownBug entry.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FileReport } from "../src/model/load.ts";
import { validateProject } from "../src/model/pipeline.ts";
import { isProblemCode, PROBLEM_CODES } from "../src/validate/codes.ts";
import { formatProblem, hasErrors, type Problem } from "../src/validate/problem.ts";
import { hashes } from "./helpers/files.ts";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const CORPUS = fileURLToPath(new URL("./fixtures/malformed/", import.meta.url));
const NODE = join(REPO, "node_modules/.bin/node");

type ProblemPattern = Partial<Pick<Problem, "severity" | "code" | "file" | "line" | "column" | "value">>;

interface Expectation extends ProblemPattern {
  description: string;
  exitCode: 0 | 1;
  accepted?: boolean;
  absent?: ProblemPattern[];
  files?: Record<string, Partial<FileReport>>;
  checks?: { sql: string; rows: Record<string, unknown>[] }[];
  knownBug?: { description: string; where: string; expect?: ProblemPattern; absent?: ProblemPattern[] };
}

interface Outcome {
  problems: Problem[];
  files: FileReport[];
  /** Result (or error message) of each expect.checks query, in order. */
  checkRows: (Record<string, unknown>[] | { error: string })[];
}

const cases = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const expectations = new Map(
  cases.map((name) => [name, JSON.parse(readFileSync(join(CORPUS, name, "expect.json"), "utf8")) as Expectation]),
);
const exp = (name: string): Expectation => expectations.get(name)!;

/** sha256 of every file under the corpus, taken before any case runs. */
const before = hashes(CORPUS);

const outcomes = new Map<string, Promise<Outcome>>();
/** Validate a case once; later tests reuse the outcome. The db is closed before this resolves. */
function outcome(name: string): Promise<Outcome> {
  let p = outcomes.get(name);
  if (!p) {
    p = (async () => {
      const { problems, loaded, db } = await validateProject(join(CORPUS, name));
      try {
        const checkRows: Outcome["checkRows"] = [];
        for (const c of exp(name).checks ?? []) {
          try {
            checkRows.push(await db.all(c.sql));
          } catch (e) {
            checkRows.push({ error: e instanceof Error ? e.message : String(e) });
          }
        }
        return { problems, files: loaded.files, checkRows };
      } finally {
        db.close();
      }
    })();
    outcomes.set(name, p);
  }
  return p;
}

function matches(p: Problem, pattern: ProblemPattern): boolean {
  return (Object.keys(pattern) as (keyof ProblemPattern)[]).every((k) => p[k] === pattern[k]);
}

function wanted(e: Expectation): ProblemPattern | undefined {
  if (!e.code) return undefined;
  const pattern: ProblemPattern = {};
  for (const k of ["severity", "code", "file", "line", "column", "value"] as const)
    if (e[k] !== undefined) (pattern as Record<string, unknown>)[k] = e[k];
  return pattern;
}

function listing(problems: Problem[]): string {
  return problems.length ? problems.map((p) => `  ${formatProblem(p)}`).join("\n") : "  (no problems)";
}

function expectProblem(o: Outcome, pattern: ProblemPattern): void {
  const found = o.problems.find((p) => matches(p, pattern));
  expect(found, `expected a problem like ${JSON.stringify(pattern)}; got:\n${listing(o.problems)}`).toBeDefined();
}

function expectAbsent(o: Outcome, patterns: ProblemPattern[]): void {
  for (const pattern of patterns) {
    const found = o.problems.filter((p) => matches(p, pattern));
    expect(found.map(formatProblem), `no problem like ${JSON.stringify(pattern)} expected`).toEqual([]);
  }
}

/** Everything expect.json says, except a partial knownBug's own assertion. */
async function assertCase(name: string): Promise<void> {
  const e = exp(name);
  const o = await outcome(name);
  const pattern = wanted(e);
  if (pattern) expectProblem(o, pattern);
  if (e.accepted) {
    expect(o.problems.filter((p) => p.severity === "error").map(formatProblem), "an accepted input must have no errors").toEqual([]);
  }
  expect(hasErrors(o.problems) ? 1 : 0, `exit code; problems:\n${listing(o.problems)}`).toBe(e.exitCode);
  expectAbsent(o, e.absent ?? []);
  for (const [rel, report] of Object.entries(e.files ?? {})) {
    const file = o.files.find((f) => f.rel === rel);
    expect(file, `${rel} should have been read; problems:\n${listing(o.problems)}`).toBeDefined();
    expect(file).toMatchObject(report);
  }
  (e.checks ?? []).forEach((c, i) => expect(o.checkRows[i], c.sql).toEqual(c.rows));
}

describe("malformed-input corpus", () => {
  it("has at least 30 cases, each with a description and an exit code", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const name of cases) {
      const e = exp(name);
      expect(e.description, name).toBeTruthy();
      expect([0, 1], name).toContain(e.exitCode);
      expect(e.code !== undefined || e.accepted === true, `${name}: expect a code or accepted: true`).toBe(true);
      if (e.code) expect(["error", "warning", "info"], name).toContain(e.severity);
      // A code misspelt in expect.json would only ever match nothing (and an absent pattern always pass).
      for (const code of [e.code, e.knownBug?.expect?.code, ...[...(e.absent ?? []), ...(e.knownBug?.absent ?? [])].map((a) => a.code)])
        if (code !== undefined) expect(isProblemCode(code), `${name}: ${code} is not in src/validate/codes.ts`).toBe(true);
    }
  });

  for (const name of cases) {
    const e = exp(name);
    const bug = e.knownBug;
    const whole = bug !== undefined && bug.expect === undefined && bug.absent === undefined;
    if (whole) {
      // Known bug (see expect.json knownBug and the report): the case as specified does not pass yet.
      it.fails(`${name}: ${e.description} [known bug: ${bug.description}]`, () => assertCase(name));
    } else {
      it(`${name}: ${e.description}`, () => assertCase(name));
    }
    if (bug && !whole) {
      // Known bug in src/ (see expect.json knownBug): asserts the correct behaviour, which fails today.
      it.fails(`${name} [known bug: ${bug.description}]`, async () => {
        const o = await outcome(name);
        if (bug.expect) expectProblem(o, { ...wanted(e), ...bug.expect });
        expectAbsent(o, bug.absent ?? []);
      });
    }
  }

  it("every error says how to fix it, and its one-line message names the file and line", async () => {
    for (const name of cases) {
      let o: Outcome;
      try {
        o = await outcome(name);
      } catch (err) {
        // Only a case marked with a known bug may fail to validate at all.
        expect(exp(name).knownBug, `${name} threw: ${String(err)}`).toBeDefined();
        continue;
      }
      for (const p of o.problems) {
        const line = formatProblem(p);
        if (p.severity === "error") expect(p.fix.trim(), `${name}: ${line}`).not.toBe("");
        expect(p.message.trim(), `${name}: ${line}`).not.toBe("");
        expect(line, name).toContain(p.file);
        if (p.line !== undefined)
          expect(line.includes(`${p.file}:${p.line} `) || line.includes(`${p.file}:${p.line}:`), `${name}: ${line}`).toBe(true);
        expect(line.startsWith(p.severity.toUpperCase()), name).toBe(true);
        // Its code is in the catalogue, with this severity (a cast code, e.g. from the cache, could be neither).
        expect(PROBLEM_CODES[p.code]?.severities, `${name}: ${line}`).toContain(p.severity);
      }
    }
  });
});

describe("npm run check on corpus cases", () => {
  const cli = (name: string) =>
    // --no-cache: the corpus is checked in place and must stay exactly as committed.
    spawnSync(NODE, ["src/cli/check.ts", "--project", join(CORPUS, name), "--quiet", "--no-cache"], {
      cwd: REPO,
      encoding: "utf8",
      timeout: 30_000,
    });

  it.each(["bad-date", "ragged-row", "config-invalid-locale"])("%s: exits 1 and prints file:line", async (name) => {
    const e = exp(name);
    const r = cli(name);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${e.file}:${e.line}[ :]`));
    const o = await outcome(name);
    const p = o.problems.find((q) => matches(q, wanted(e)!))!;
    expect(r.stdout).toContain(formatProblem(p));
    expect(r.stdout).toMatch(/\d+ errors?, \d+ warnings?/);
  });

  it("exits 0 when there are only warnings (unknown-reference)", () => {
    const r = cli("unknown-reference");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("WARNING data/2026-10/activities.csv:3 column lead_id: 'L7'");
  });
});

describe("data is never modified", () => {
  it("leaves every file under the corpus byte-for-byte unchanged after the full run", async () => {
    // Make sure every case has run (also when this test is run alone).
    await Promise.allSettled(cases.map((name) => outcome(name)));
    const after = hashes(CORPUS);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, hash] of before) expect(after.get(path), path).toBe(hash);
  });
});
