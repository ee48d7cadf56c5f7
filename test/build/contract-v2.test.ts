// A project written to data contract v1 (the basic fixture: one open deal with a stage and an
// amount, no expected close date, probability, type or lost reason) builds, and the pipeline and
// win/loss pages say "not provided" for exactly what that data cannot give, and show the rest.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-contract-v2-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let pipeline: Document;
let winloss: Document;
beforeAll(async () => {
  const out = join(tmp, "dist");
  expect((await buildSite({ root: FIXTURE, outDir: out })).ok).toBe(true);
  const page = (p: string) => parseHTML(readFileSync(join(out, p), "utf8")).document as unknown as Document;
  pipeline = page("2026-10/pipeline/index.html");
  winloss = page("2026-10/winloss/index.html");
}, 120_000);

const text = (doc: Document, selector: string) => doc.querySelector(selector)?.textContent?.replace(/\s+/g, " ").trim() ?? "";

describe("a contract v1 project's pipeline and win/loss pages", () => {
  it("show what the v1 columns give", () => {
    // O1: open, Proposal, 1,200,000.
    expect(text(pipeline, "#kpi-open-pipeline .value")).toBe("¥1,200,000");
    expect(text(pipeline, "#pipeline-by-stage-table tbody")).toContain("Proposal");
  });
  it("say not provided where an expected close date is needed", () => {
    expect(text(pipeline, "#pipeline-coverage")).toContain("No open deal has an expected close date: coverage cannot be measured.");
    expect(text(pipeline, "#kpi-pipeline-coverage .value")).toBe("not provided");
    expect(text(pipeline, "#pipeline-movement-table")).toMatch(/Slipped\s*not provided\s*not provided/);
    expect(text(pipeline, "#pipeline-movement-table")).toMatch(/Pulled in\s*not provided\s*not provided/);
    expect(text(pipeline, "#stale-deals dl")).toMatch(/Past expected close\s*not provided/);
  });
  it("say not provided where a probability is needed", () => {
    expect(text(pipeline, "#weighted-pipeline .value")).toBe("not provided");
    expect(text(pipeline, "#landing-forecast .value")).toBe("not provided");
  });
  it("say not provided for the segments of 12 months the folders do not cover, and that nothing was lost", () => {
    // The fixture's folders are September and October 2026: the 12 months' segments are not
    // provided (the deal type's too), and a note names the months that lack the deals.
    expect(text(winloss, "#segments-by-type")).toContain("not provided");
    expect(text(winloss, "#segments-by-source")).toContain("not provided");
    expect(text(winloss, "#segments-missing")).toContain("Some of the last 12 months lack the deals");
    expect(text(winloss, "#lost-reasons")).toContain("No deal was lost with a reason this month.");
  });
});
