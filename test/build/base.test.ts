// Deployable anywhere: built under a sub-path, every internal link, asset and redirect resolves.
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { files } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const BASE = "/reports/gekkan/";
let out: string;

beforeAll(async () => {
  out = join(mkdtempSync(join(tmpdir(), "gekkan-base-test-")), "dist");
  expect((await buildSite({ root: FIXTURE, outDir: out, base: BASE })).ok).toBe(true);
});
afterAll(() => rmSync(join(out, ".."), { recursive: true, force: true }));

describe("a site under a base path", () => {
  it("resolves every internal link and asset", () => {
    const pages = files(out).filter((f) => f.endsWith(".html"));
    let checked = 0;
    for (const page of pages) {
      const html = readFileSync(page, "utf8");
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      for (const [, url] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        if (/^(https?:|mailto:|data:)/.test(url!)) continue;
        if (url!.startsWith("#")) {
          expect(ids.has(url!.slice(1)), `${relative(out, page)}: ${url}`).toBe(true);
          continue;
        }
        expect(url!.startsWith(BASE), `${relative(out, page)} links outside the base: ${url}`).toBe(true);
        const path = url!.slice(BASE.length).split("#")[0]!;
        const target = join(out, path, path === "" || path.endsWith("/") ? "index.html" : "");
        expect(existsSync(target), `${relative(out, page)}: ${url} -> ${relative(out, target)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
  it("shows the base path the build used in the configuration in force (the fixture's config has none)", () => {
    const page = readFileSync(join(out, "2026-10/data/index.html"), "utf8");
    const row = /<th scope="row" class="text">base<\/th><td class="text">([^<]*)<\/td>/.exec(page);
    expect(row?.[1]).toBe(BASE);
  });
  it("redirects /latest/ inside the base path", () => {
    expect(readFileSync(join(out, "latest/index.html"), "utf8")).toContain(`url=${BASE}2026-10/`);
  });
});
