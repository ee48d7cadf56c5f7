// The same fixture built in Japanese: every label, number and date format switches.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
let out: string;
const html = (path: string) => readFileSync(join(out, path, "index.html"), "utf8");
const doc = (path: string) => parseHTML(html(path)).document as unknown as Document;

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), "gekkan-locale-test-")), "dist");
  expect((await buildSite({ root: FIXTURE, outDir: out, locale: "ja" })).ok).toBe(true);
});
afterAll(() => rmSync(join(out, ".."), { recursive: true, force: true }));

describe("Japanese site", () => {
  it("is Japanese throughout", () => {
    const d = doc("2026-10");
    expect(d.documentElement.getAttribute("lang")).toBe("ja");
    expect(d.querySelector("h1")!.textContent).toBe("2026年10月 概要");
    expect(d.querySelector("#kpi-sql h3")!.textContent).toBe("商談化");
    expect(d.querySelector("time")!.textContent).toBe("2026年10月31日");
    expect(d.querySelector(".draft-banner")!.textContent).toContain("ドラフト");
    // ¥1,200,000 in 万 units.
    expect(d.querySelector("#kpi-pipeline_amount .value")!.textContent).toBe("120万円");
    // No deal closed, with opportunities provided: no cases.
    expect(d.querySelector("#kpi-win_rate .value")!.textContent).toBe("-");
    const nav = [...d.querySelectorAll("nav.sections a")].map((a) => a.textContent);
    expect(nav).toContain("営業とマーケティングの連携状況");
    expect(html("2026-10")).not.toMatch(/>(Overview|Leads|not provided|Target)</);
  });

  it("shows the locale the build used in the configuration in force (the fixture's config says en)", () => {
    // The configuration is a table of settings, one row each.
    const rows = [...doc("2026-10/data").querySelectorAll("#configuration-table tbody tr")].map((tr) =>
      [...tr.children].map((c) => c.textContent!.trim()),
    );
    expect(rows).toContainEqual(["locale", "ja"]);
  });
});
