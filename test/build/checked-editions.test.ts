// A build with the cache keeps what it found of the published editions' files (.gekkan/editions.json),
// so the next build neither checks nor masks the same bytes again; the pages are those a build
// without the record renders, and a month is rendered again whenever what its pages show changed.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Of } from "../../src/edition/checked.ts";
import { publishMonth } from "../../src/edition/publish.ts";
import { buildSite } from "../../src/site/build.ts";
import { PAGES_MANIFEST } from "../../src/site/carry.ts";
import { maskPersonal } from "../../src/validate/mask.ts";
import { snapshot } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const TOOL = { name: "gekkan", version: "test" };
const PHONE = "090-1234-5678";
const tmp = mkdtempSync(join(tmpdir(), "gekkan-checked-build-"));
const root = join(tmp, "project");
const out = join(tmp, "dist");
const full = join(tmp, "full");
const edition = join(root, "reports/editions/2026-09.r1.json");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  cpSync(FIXTURE, root, { recursive: true });
  const published = await publishMonth({ root, month: "2026-09", today: "2026-10-05", restate: false, tool: TOOL });
  expect(published.message).toContain("published as revision 1");
}, 120_000);

const record = () =>
  JSON.parse(readFileSync(join(root, ".gekkan/editions.json"), "utf8")) as { canonical: string[]; maskClean: Record<string, string[]> };
const editionSha = () => sha256Of(readFileSync(edition));

/** The site without its manifest. */
function site(dir: string): Map<string, string> {
  const s = snapshot(dir);
  s.delete(PAGES_MANIFEST);
  return s;
}

/** Build with the cache (as the CLI does) into `out`, and without it, rendering everything, into `full`: the same site. */
async function build(): Promise<string[]> {
  const r = await buildSite({ root, outDir: out, cache: true });
  expect(r.problems.filter((p) => p.severity === "error")).toEqual([]);
  const f = await buildSite({ root, outDir: full, carry: false });
  expect(f.ok).toBe(true);
  expect(site(out)).toEqual(site(full));
  expect(snapshot(out).get(PAGES_MANIFEST)).toBe(snapshot(full).get(PAGES_MANIFEST));
  return r.carried!;
}

const pagesOf = (dir: string, month: string) => [...site(dir)].filter(([path]) => path.startsWith(`${month}/`)).map(([, html]) => html);

describe("the published editions a build has checked", () => {
  it("are noted once, and the next build renders the same pages from them", async () => {
    expect(await build()).toEqual([]);
    const sha = editionSha();
    expect(record().canonical).toEqual([sha]);
    expect(Object.values(record().maskClean)).toEqual([[sha]]);
    expect(await build()).toEqual(["2026-09", "2026-10"]);
  }, 300_000);

  it("are masked again while masking changes them: an edition frozen with a phone number beside an owner", async () => {
    const text = readFileSync(edition, "utf8");
    const owner = "Aoki";
    expect(text).toContain(`"${owner}"`);
    writeFileSync(edition, text.replaceAll(`"${owner}"`, `"${owner} ${PHONE}"`));
    // Its bytes changed: its month is rendered again.
    expect(await build()).toEqual(["2026-10"]);
    const sha = editionSha();
    expect(record().canonical).toEqual([sha]);
    expect(Object.values(record().maskClean)).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const pages = pagesOf(out, "2026-09").join("\n");
      expect(pages).not.toContain(PHONE);
      expect(pages).toContain(`${owner} ${maskPersonal(PHONE)}`);
      if (i === 0) expect(await build()).toEqual(["2026-09", "2026-10"]);
    }
    writeFileSync(edition, text);
  }, 300_000);

  it("are shown again under another owner policy: a new pseudonym key renders the published month again", async () => {
    appendFileSync(join(root, "gekkan.config.yaml"), "privacy:\n  owners: pseudonyms\n  pseudonymKey: first secret\n");
    expect(await build()).toEqual([]);
    const before = pagesOf(out, "2026-09");
    expect(await build()).toEqual(["2026-09", "2026-10"]);
    const config = readFileSync(join(root, "gekkan.config.yaml"), "utf8");
    writeFileSync(join(root, "gekkan.config.yaml"), config.replace("first secret", "second secret"));
    // The configuration the pages show is the same (the key is never shown); the pseudonyms are not.
    expect(await build()).toEqual([]);
    expect(pagesOf(out, "2026-09")).not.toEqual(before);
    // The policies the project no longer has are forgotten.
    expect(Object.keys(record().maskClean)).toHaveLength(1);
  }, 300_000);
});
