// Only regular files inside the project are read: a named pipe, a device, a folder where a file
// belongs and a link that leaves the project are each refused with a clear message, never read
// (a FIFO hung the build, a link to /dev/zero grew without bound, a link to /etc/passwd printed its
// lines). Links that stay inside the project are followed. Made here, not in the corpus: git cannot
// hold a FIFO, and a committed link to /dev/zero would hang whatever reads the repository.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateProject } from "../src/model/pipeline.ts";
import { readRegularFile } from "../src/read/entry.ts";
import { formatProblem } from "../src/validate/problem.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-entry-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(name: string, setup: (root: string) => void): string {
  const root = join(tmp, name);
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes("/dist") });
  setup(root);
  return root;
}

async function messages(root: string): Promise<string[]> {
  const v = await validateProject(root);
  v.db.close();
  return v.problems.filter((p) => p.severity === "error").map(formatProblem);
}

describe("entries that are not regular files inside the project", () => {
  it("are refused, each with what it is, and nothing is read from them", async () => {
    const outside = join(tmp, "outside");
    mkdirSync(outside);
    writeFileSync(join(outside, "leads.csv"), "lead_id,created_at,source\nX1,2026-11-02,web\n");
    const root = project("hostile", (r) => {
      const m = join(r, "data/2026-10");
      rmSync(join(m, "leads.csv"));
      execFileSync("mkfifo", [join(m, "leads.csv")]);
      rmSync(join(m, "opportunities.csv"));
      symlinkSync("/dev/zero", join(m, "opportunities.csv"));
      symlinkSync("/etc/passwd", join(m, "campaigns.csv"));
      mkdirSync(join(m, "content.csv"));
      symlinkSync(join(r, "nowhere.csv"), join(m, "web_traffic.csv"));
      symlinkSync(outside, join(r, "data/2026-11"));
    });
    const started = Date.now();
    const errors = await messages(root);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(errors).toEqual([
      "ERROR data/2026-10/campaigns.csv: '/etc/passwd' is a link to a path outside the project; it was not read. Expected a regular file inside the project (links that stay inside it are followed). Fix: copy the export into the project at data/2026-10/campaigns.csv instead of linking to it",
      "ERROR data/2026-10/content.csv: is a folder, not a regular file; it was not read. Expected the file the tool exported. Fix: put the exported file itself at data/2026-10/content.csv",
      "ERROR data/2026-10/leads.csv: is a named pipe (FIFO), not a regular file; it was not read. Expected the file the tool exported. Fix: put the exported file itself at data/2026-10/leads.csv",
      "ERROR data/2026-10/opportunities.csv: '/dev/zero' is a link to a path outside the project; it was not read. Expected a regular file inside the project (links that stay inside it are followed). Fix: copy the export into the project at data/2026-10/opportunities.csv instead of linking to it",
      `ERROR data/2026-10/web_traffic.csv: '${join(root, "nowhere.csv")}' is a link to something that does not exist; it was not read. Expected a regular file inside the project. Fix: put the exported file itself at data/2026-10/web_traffic.csv`,
      `ERROR data/2026-11/: '${outside}' is a link to a path outside the project; it was not read. Expected a regular folder inside the project (links that stay inside it are followed). Fix: copy the folder into the project at data/2026-11/`,
    ]);
    // Nothing of /etc/passwd is printed.
    expect(errors.join("\n")).not.toMatch(/root:|\/bin\/(ba)?sh/);
  });

  it("a data/ folder that links out of the project is refused as a whole", async () => {
    const elsewhere = join(tmp, "elsewhere-data");
    cpSync(join(FIXTURE, "data"), elsewhere, { recursive: true });
    const root = project("linked-data", (r) => {
      rmSync(join(r, "data"), { recursive: true });
      symlinkSync(elsewhere, join(r, "data"));
    });
    expect(await messages(root)).toEqual([
      `ERROR data/: '${elsewhere}' is a link to a path outside the project; it was not read. Expected a regular folder inside the project (links that stay inside it are followed). Fix: copy the folder into the project at data/`,
    ]);
  });

  it("a config file that is a FIFO is refused, not waited on", async () => {
    const root = project("fifo-config", (r) => execFileSync("mkfifo", [join(r, "mapping.yaml")]));
    expect(await messages(root)).toEqual([
      "ERROR mapping.yaml: is a named pipe (FIFO), not a regular file; it was not read. Expected a regular file. Fix: replace mapping.yaml with a regular file",
    ]);
  });

  it("links that stay inside the project are followed: a month folder and a file", async () => {
    const root = project("inside-links", (r) => {
      cpSync(join(r, "data/2026-10"), join(r, "archive/2026-11"), { recursive: true });
      symlinkSync("../archive/2026-11", join(r, "data/2026-11"));
      rmSync(join(r, "data/2026-09/leads.csv"));
      cpSync(join(FIXTURE, "data/2026-09/leads.csv"), join(r, "archive/leads-2026-09.csv"));
      symlinkSync("../../archive/leads-2026-09.csv", join(r, "data/2026-09/leads.csv"));
    });
    const v = await validateProject(root);
    v.db.close();
    expect(v.problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
    expect(v.project.months).toContain("2026-11");
    expect(v.loaded.files.map((f) => f.rel)).toContain("data/2026-11/leads.csv");
    expect(v.loaded.files.find((f) => f.rel === "data/2026-09/leads.csv")?.rows).toBeGreaterThan(0);
  });

  it("a pipe put in a file's place after the listing is refused when opened, not read", () => {
    const fifo = join(tmp, "late.csv");
    execFileSync("mkfifo", [fifo]);
    expect(() => readRegularFile(fifo)).toThrow(`${fifo} is a named pipe (FIFO), not a regular file`);
  });
});

describe("a YAML alias bomb in the configuration", () => {
  it("is refused with a message, not a stack trace", async () => {
    const root = project("alias-bomb", (r) => {
      const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
      for (const [k, prev] of [
        ["b", "a"],
        ["c", "b"],
        ["d", "c"],
        ["e", "d"],
      ])
        lines.push(`${k}: &${k} [${Array(10).fill(`*${prev}`).join(", ")}]`);
      writeFileSync(join(r, "mapping.yaml"), `${lines.join("\n")}\n`);
    });
    expect(await messages(root)).toEqual([
      "ERROR mapping.yaml: could not be read: Excessive alias count indicates a resource exhaustion attack. Fix: write the settings out without YAML aliases (*name), or with far fewer of them",
    ]);
  });
});
