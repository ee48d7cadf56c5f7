// A month's pages are copied from the previous build when nothing they are made from changed, and
// the site is then the one a full render gives: the same files, byte for byte.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { publishMonth } from "../../src/edition/publish.ts";
import { buildSite } from "../../src/site/build.ts";
import { carryOver, monthKeys, PAGES_MANIFEST, pageOf, templatesFingerprint } from "../../src/site/carry.ts";
import type { SiteModel } from "../../src/site/model.ts";
import { snapshot, writeFiles } from "../helpers/files.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/basic");
const tmp = mkdtempSync(join(tmpdir(), "gekkan-carry-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The site without the manifest (a full render writes the same keys; compared on their own). */
function site(dir: string): Map<string, string> {
  const s = snapshot(dir);
  s.delete(PAGES_MANIFEST);
  return s;
}

/** A site model of October alone, its view holding `view` (only what a key reads). */
function octoberOnly(view: object): SiteModel {
  return {
    config: {},
    locale: "en",
    base: "/",
    tool: {},
    months: ["2026-10"],
    views: { "2026-10": { key: "2026-10", month: "2026-10", ...view } },
  } as unknown as SiteModel;
}

describe("carrying pages over", () => {
  const root = join(tmp, "project");
  const out = join(tmp, "dist");
  const full = join(tmp, "full");

  /** Build into `out`; with `compare`, also render everything into `full` and compare the two sites. */
  async function rebuild(compare = false, relinked: string[] = []): Promise<string[]> {
    const r = await buildSite({ root, outDir: out });
    expect(r.relinked).toEqual(relinked);
    expect(r.ok).toBe(true);
    if (compare) {
      const f = await buildSite({ root, outDir: full, carry: false });
      expect(f.carried).toEqual([]);
      expect(site(out)).toEqual(site(full));
      expect(snapshot(out).get(PAGES_MANIFEST)).toBe(snapshot(full).get(PAGES_MANIFEST));
      expect(r.pages).toBe(f.pages);
    }
    return r.carried!;
  }

  it("renders a new month and the links it adds, and copies the rest", async () => {
    cpSync(FIXTURE, root, { recursive: true });
    // September alone first, as if October had not been exported yet.
    renameSync(join(root, "data/2026-10"), join(tmp, "october"));
    rmSync(join(root, "reports/2026-10.md"), { force: true });
    expect(await rebuild()).toEqual([]);
    // Nothing changed: every month is copied.
    expect(await rebuild(true)).toEqual(["2026-09"]);
    // October arrives: September gains its "next" link, written into its pages, which are not rendered again.
    renameSync(join(tmp, "october"), join(root, "data/2026-10"));
    expect(await rebuild(true, ["2026-09"])).toEqual([]);
    expect(await rebuild(true)).toEqual(["2026-09", "2026-10"]);
    // A narrative written for September: September only.
    writeFileSync(join(root, "reports/2026-09.md"), "---\nstatus: draft\n---\n\nSeptember's note.\n");
    expect(await rebuild(true)).toEqual(["2026-10"]);
    // October goes again: September loses its "next" link, but one of its pages no longer holds the
    // links it was written with (edited after the build), so September is rendered, not relinked.
    expect(await rebuild(false)).toEqual(["2026-09", "2026-10"]);
    const page = join(out, "2026-09/winloss/index.html");
    writeFileSync(page, readFileSync(page, "utf8").replace('rel="next"', 'rel="next" class="edited"'));
    renameSync(join(root, "data/2026-10"), join(tmp, "october"));
    expect(await rebuild(true, [])).toEqual([]);
    expect(readFileSync(page, "utf8")).not.toContain("edited");
    renameSync(join(tmp, "october"), join(root, "data/2026-10"));
  }, 300_000);

  it("relinks a month with an older revision: its revision's pages too, as a full render writes them", async () => {
    const project = join(tmp, "revised");
    cpSync(FIXTURE, project, { recursive: true });
    renameSync(join(project, "data/2026-10"), join(tmp, "october-revised"));
    rmSync(join(project, "reports/2026-10.md"), { force: true });
    const tool = { name: "gekkan", version: "test" };
    expect((await publishMonth({ root: project, month: "2026-09", today: "2026-10-05", restate: false, tool })).ok).toBe(true);
    const restated = await publishMonth({
      root: project,
      month: "2026-09",
      today: "2026-10-20",
      restate: true,
      reason: "a late export",
      tool,
    });
    expect(restated.revision).toBe(2);
    const [site1, site2] = [join(tmp, "revised-dist"), join(tmp, "revised-full")];
    expect((await buildSite({ root: project, outDir: site1 })).ok).toBe(true);
    expect(readFileSync(join(site1, "2026-09/r1/sla/index.html"), "utf8")).not.toContain('rel="next"');
    renameSync(join(tmp, "october-revised"), join(project, "data/2026-10"));
    const r = await buildSite({ root: project, outDir: site1 });
    expect(r.relinked).toEqual(["2026-09"]);
    expect(readFileSync(join(site1, "2026-09/r1/sla/index.html"), "utf8")).toContain('href="/2026-10/sla/" rel="next"');
    expect((await buildSite({ root: project, outDir: site2, carry: false })).ok).toBe(true);
    expect(site(site1)).toEqual(site(site2));
    // In Japanese, whose pages get phrase breaks after Astro: September alone, then October again.
    renameSync(join(project, "data/2026-10"), join(tmp, "october-revised"));
    expect((await buildSite({ root: project, outDir: site1, locale: "ja" })).relinked).toEqual([]);
    renameSync(join(tmp, "october-revised"), join(project, "data/2026-10"));
    expect((await buildSite({ root: project, outDir: site1, locale: "ja" })).relinked).toEqual(["2026-09"]);
    expect((await buildSite({ root: project, outDir: site2, locale: "ja", carry: false })).ok).toBe(true);
    expect(site(site1)).toEqual(site(site2));
  }, 300_000);

  it("renders every month again in another locale, under another base path, or with other templates", async () => {
    const r = await buildSite({ root, outDir: out, locale: "ja" });
    expect(r.ok).toBe(true);
    expect(r.carried).toEqual([]);
    expect((await buildSite({ root, outDir: out, locale: "ja", base: "/reports/" })).carried).toEqual([]);
    expect((await buildSite({ root, outDir: out, locale: "ja", base: "/reports/" })).carried).toEqual(["2026-09", "2026-10"]);
  }, 300_000);

  it("carries a month's folder over as links to the previous site's files, which outlive that site", () => {
    const previous = join(tmp, "previous");
    const next = join(tmp, "next");
    writeFiles(previous, {
      "2026-09/index.html": "september",
      "2026-09/r1/index.html": "september, revision 1",
      "2026-10/index.html": "october",
    });
    carryOver(previous, next, ["2026-09"]);
    expect(snapshot(next)).toEqual(
      new Map([
        ["2026-09/index.html", "september"],
        ["2026-09/r1/index.html", "september, revision 1"],
      ]),
    );
    expect(statSync(join(next, "2026-09/r1/index.html")).ino).toBe(statSync(join(previous, "2026-09/r1/index.html")).ino);
    rmSync(previous, { recursive: true });
    expect(readFileSync(join(next, "2026-09/index.html"), "utf8")).toBe("september");
  });

  it("finds the page a file of a month's folder is, whose links it shows", () => {
    expect(pageOf("index.html")).toBe("overview");
    expect(pageOf("sla/index.html")).toBe("sla");
    expect(pageOf("data/index.html")).toBe("data");
    // The print editions and an older revision's home link to the months' homes.
    expect(pageOf("print/index.html")).toBe("overview");
    expect(pageOf("print-full/index.html")).toBe("overview");
    expect(pageOf("r1/index.html")).toBe("overview");
    expect(pageOf("r2/winloss/index.html")).toBe("winloss");
  });

  it("keys on the templates: any file of the tool's code", () => {
    const tool = join(tmp, "tool");
    mkdirSync(join(tool, "src/components"), { recursive: true });
    writeFileSync(join(tool, "src/components/Kpi.astro"), "<p>one</p>");
    writeFileSync(join(tool, "package-lock.json"), "{}");
    const before = templatesFingerprint(tool);
    expect(templatesFingerprint(tool)).toBe(before);
    writeFileSync(join(tool, "src/components/Kpi.astro"), "<p>two</p>");
    const changed = templatesFingerprint(tool);
    expect(changed).not.toBe(before);
    writeFileSync(join(tool, "package-lock.json"), '{"lockfileVersion":3}');
    expect(templatesFingerprint(tool)).not.toBe(changed);
  });

  it("keys on what a month holds, not on the order its objects' keys came in", () => {
    // A count by reason, as a query without an order gives it: the same counts, in another order on another run.
    const model = (reasons: Record<string, number>) => octoberOnly({ report: { winloss: { bySource: [{ key: "web", reasons }] } } });
    const key = (reasons: Record<string, number>) => monthKeys(model(reasons), "t").get("2026-10");
    expect(key({ price: 14, timing: 4 })).toBe(key({ timing: 4, price: 14 }));
    expect(key({ price: 14, timing: 4 })).not.toBe(key({ price: 14, timing: 5 }));
  });

  it("keys a published month on its edition as read, and on every change to it", () => {
    const model = (status: "draft" | "published", reasons: Record<string, number>) =>
      octoberOnly({ edition: { status }, report: { winloss: { bySource: [{ key: "web", reasons }] } } });
    const key = (status: "draft" | "published", reasons: Record<string, number>) => monthKeys(model(status, reasons), "t").get("2026-10");
    expect(key("published", { price: 14, timing: 4 })).toBe(key("published", { price: 14, timing: 4 }));
    expect(key("published", { price: 14, timing: 4 })).not.toBe(key("published", { price: 14, timing: 5 }));
    expect(key("published", { price: 14, timing: 4 })).not.toBe(key("draft", { price: 14, timing: 4 }));
    // A draft's counts come from queries without an order; an edition's in its file's order.
    expect(key("draft", { price: 14, timing: 4 })).toBe(key("draft", { timing: 4, price: 14 }));
  });

  it("keys a view on what it was made from, when the build says (a published view: its edition's files)", () => {
    const model = (reasons: Record<string, number>) => octoberOnly({ edition: { status: "published" }, report: { winloss: { reasons } } });
    const key = (reasons: Record<string, number>, source?: string) =>
      monthKeys(model(reasons), "t", new Map(source === undefined ? [] : [["2026-10", source]])).get("2026-10");
    // The view's content is not read: its source says it all.
    expect(key({ price: 14 }, "sha-1")).toBe(key({ price: 15 }, "sha-1"));
    expect(key({ price: 14 }, "sha-1")).not.toBe(key({ price: 14 }, "sha-2"));
    expect(key({ price: 14 }, "sha-1")).not.toBe(key({ price: 14 }));
  });
});
