// validateProject: what check, build and publish all start from.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateProject } from "../src/model/pipeline.ts";

const FIXTURE = join(import.meta.dirname, "fixtures/edition-v1");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-pipeline-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a project whose config has an error", () => {
  it("reports the config error alone, not every published file as gone (its data was not read)", async () => {
    const root = join(tmp, "project");
    cpSync(FIXTURE, root, { recursive: true });
    const clean = await validateProject(root);
    clean.db.close();
    // The fixture's one changed file.
    expect(clean.problems.filter((p) => p.code === "edition-drift").map((p) => p.file)).toEqual(["data/2026-09/leads.csv"]);
    appendFileSync(join(root, "gekkan.config.yaml"), "\nlocale: fr\n");
    const v = await validateProject(root);
    v.db.close();
    expect(v.problems.map((p) => p.code)).toEqual(["bad-config"]);
  });
});
