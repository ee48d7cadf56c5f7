// The persisted state of the published months' folders: a read that starts from it gives what
// reading every folder gives, the same tables row for row and the same report of the files.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateProject, type Validated } from "../src/model/pipeline.ts";
import { AsOfState } from "../src/model/state.ts";
import { loadProject, type DataFile } from "../src/read/project.ts";
import { sha256OfFiles } from "../src/read/sha256.ts";
import { formatProblem } from "../src/validate/problem.ts";

const REPO = join(import.meta.dirname, "..");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-state-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Everything a read gives the stages after it, without timings: tables as an order-free hash of their rows. */
async function fingerprint(v: Validated) {
  const tables = await v.db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary AND (table_name LIKE 'raw\\_%' ESCAPE '\\' OR table_name = 'rejected_ids') ORDER BY 1`,
  );
  const hashes: Record<string, unknown> = {};
  for (const { name } of tables)
    hashes[name] = await v.db.one(
      `SELECT count(*) AS n, md5(string_agg(h, '' ORDER BY h)) AS h FROM (SELECT md5(t::VARCHAR) AS h FROM "${name}" t)`,
    );
  const sets = (m: ReadonlyMap<string, ReadonlySet<string>> | undefined) =>
    Object.fromEntries(
      [...(m ?? [])]
        .filter(([, s]) => s.size > 0)
        .map(([k, s]) => [k, [...s].sort()])
        .sort(),
    );
  return {
    problems: v.problems.map(formatProblem),
    files: v.loaded.files.map(({ readMs: _, ...f }) => f),
    provided: sets(v.loaded.provided),
    empty: sets(v.loaded.empty),
    tables: hashes,
  };
}

async function read(root: string, options: Parameters<typeof validateProject>[2]) {
  const log: string[] = [];
  const v = await validateProject(root, (m) => log.push(m), options);
  try {
    return { log, print: await fingerprint(v) };
  } finally {
    v.db.close();
  }
}

describe("the persisted as-of state", () => {
  const root = join(tmp, "project");
  cpSync(join(REPO, "data"), join(root, "data"), { recursive: true });
  for (const f of ["gekkan.config.yaml", "mapping.yaml"]) cpSync(join(REPO, f), join(root, f));

  it("reads only the folders after it, and gives what reading every folder gives", async () => {
    const plain = (await read(root, {})).print;
    // First build with July published: every folder is read, and those up to July kept.
    let r = await read(root, { cache: true, stateThrough: "2026-07" });
    expect(r.log.some((m) => m.startsWith("starting from"))).toBe(false);
    expect(r.print).toEqual(plain);
    // Again: August to October are read on top of the state.
    r = await read(root, { cache: true, stateThrough: "2026-07" });
    expect(r.log).toContain("starting from the state of the folders up to 2026-07");
    expect(r.log).toContain("reading leads (3 files)");
    expect(r.print).toEqual(plain);
    // September published: August and September are read and kept, then October.
    r = await read(root, { cache: true, stateThrough: "2026-09" });
    expect(r.log).toContain("starting from the state of the folders up to 2026-07");
    expect(r.log.filter((m) => m === "reading leads (2 files)" || m === "reading leads (1 file)")).toEqual([
      "reading leads (2 files)",
      "reading leads (1 file)",
    ]);
    expect(r.print).toEqual(plain);
    // The monthly rebuild: October only.
    r = await read(root, { cache: true, stateThrough: "2026-09" });
    expect(r.log).toContain("starting from the state of the folders up to 2026-09");
    expect(r.log.filter((m) => m.startsWith("reading leads"))).toEqual(["reading leads (1 file)"]);
    expect(r.print).toEqual(plain);
  }, 600_000);

  it("is read again when a file of its folders changed, and not when only its time did", async () => {
    const leads = join(root, "data/2025-08/leads.csv");
    const project = loadProject(root);
    const state = AsOfState.open(root, { ...project.config, memory: undefined }, project.mapping);
    const hashed: string[] = [];
    const sha256 = (files: readonly DataFile[]) => {
      hashed.push(...files.map((f) => f.rel));
      return sha256OfFiles(files.map((f) => f.path));
    };
    let touches = 0;
    const touch = () => utimesSync(leads, new Date(), new Date(Date.UTC(2020, 0, 1, 0, 0, ++touches)));
    touch();
    let r = await read(root, { cache: true, stateThrough: "2026-09" });
    expect(r.log).toContain("starting from the state of the folders up to 2026-09");
    // Found unchanged by its hash, the file was recorded with its new time: the run after hashes nothing.
    expect((await state.restore(project, "2026-09", sha256))?.through).toBe("2026-09");
    expect(hashed).toEqual([]);
    touch();
    expect((await state.restore(project, "2026-09", sha256))?.through).toBe("2026-09");
    expect((await state.restore(project, "2026-09", sha256))?.through).toBe("2026-09");
    expect(hashed).toEqual(["data/2025-08/leads.csv"]);
    // A time as recent as now is not recorded: a change in the same tick would look unchanged.
    utimesSync(leads, new Date(), new Date());
    expect((await state.restore(project, "2026-09", sha256))?.through).toBe("2026-09");
    expect((await state.restore(project, "2026-09", sha256))?.through).toBe("2026-09");
    expect(hashed).toEqual(["data/2025-08/leads.csv", "data/2025-08/leads.csv", "data/2025-08/leads.csv"]);
    state.discard();
    appendFileSync(leads, "\n");
    const plain = (await read(root, {})).print;
    r = await read(root, { cache: true, stateThrough: "2026-09" });
    expect(r.log.some((m) => m.startsWith("starting from"))).toBe(false);
    expect(r.print).toEqual(plain);
    // Kept again: the next read starts from it.
    r = await read(root, { cache: true, stateThrough: "2026-09" });
    expect(r.log).toContain("starting from the state of the folders up to 2026-09");
    expect(r.print).toEqual(plain);
  }, 600_000);

  it("cannot be kept where .gekkan/state/ cannot be written: one warning, and the read is the same", async () => {
    rmSync(join(root, ".gekkan/state"), { recursive: true, force: true });
    mkdirSync(join(root, ".gekkan"), { recursive: true });
    writeFileSync(join(root, ".gekkan/state"), "");
    const plain = (await read(root, {})).print;
    const log: string[] = [];
    const v = await validateProject(root, (m) => log.push(m), { cache: true, stateThrough: "2026-09" });
    try {
      expect(v.notices.map(formatProblem)).toEqual([
        expect.stringMatching(/^WARNING \.gekkan\/state\/: cannot be written \((EEXIST|ENOTDIR)\); this run goes on without keeping/),
      ]);
      expect(await fingerprint(v)).toEqual(plain);
    } finally {
      v.db.close();
      rmSync(join(root, ".gekkan/state"));
    }
  }, 600_000);
});

describe("the leading-zero check of ids on top of the state", () => {
  /** A copy of the sample with copies of a folder's last lead under other ids. */
  const project = (name: string, leads: readonly (readonly [string, string])[]) => {
    const root = join(tmp, name);
    cpSync(join(REPO, "data"), join(root, "data"), { recursive: true });
    for (const f of ["gekkan.config.yaml", "mapping.yaml"]) cpSync(join(REPO, f), join(root, f));
    for (const [month, id] of leads) {
      const file = join(root, `data/${month}/leads.csv`);
      const text = readFileSync(file, "utf8").trimEnd();
      const last = text.split("\n").at(-1)!;
      writeFileSync(file, `${text}\n${id}${last.slice(last.indexOf(","))}\n`);
    }
    return root;
  };

  it.each([
    ["the one without a leading zero kept with the state", "zero-after", "123", "0123"],
    ["the one with a leading zero kept with the state", "zero-kept", "0456", "456"],
  ])(
    "finds two ids that differ in leading zeros, %s",
    async (_, name, kept, after) => {
      const root = project(name, [
        ["2026-07", kept],
        ["2026-10", after],
      ]);
      const plain = (await read(root, {})).print;
      expect(plain.problems.filter((p) => p.includes("leading zeros"))).toHaveLength(1);
      // Kept through July, then through September (August and September counted on top), then October alone on top.
      for (const through of ["2026-07", "2026-07", "2026-09", "2026-09"]) {
        const r = await read(root, { cache: true, stateThrough: through });
        expect(r.print).toEqual(plain);
      }
    },
    600_000,
  );
});

describe("the persisted state of every folder", () => {
  it("is read with nothing after it: a project whose newest month is published and that has no targets.csv", async () => {
    // Publishing the newest month keeps every folder; no file is read on top of them.
    const root = join(tmp, "all-published");
    mkdirSync(join(root, "data"), { recursive: true });
    for (const m of ["2026-09", "2026-10"]) cpSync(join(REPO, "data", m), join(root, "data", m), { recursive: true });
    for (const f of ["gekkan.config.yaml", "mapping.yaml"]) cpSync(join(REPO, f), join(root, f));
    const plain = (await read(root, {})).print;
    let r = await read(root, { cache: true, stateThrough: "2026-10" });
    expect(r.print).toEqual(plain);
    r = await read(root, { cache: true, stateThrough: "2026-10" });
    expect(r.log).toContain("starting from the state of the folders up to 2026-10");
    expect(r.print).toEqual(plain);
  }, 600_000);
});
