// The built site in real Chromium: every page, every internal link, navigation, JavaScript off,
// accessibility (axe-core) and printing. Skipped only where no Chromium is installed.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, launchChromium } from "../../src/browser/chromium.ts";
import { PDF_OPTIONS, printPath } from "../../src/browser/print.ts";
import { serve, type Served } from "../../src/browser/serve.ts";
import { buildSite } from "../../src/site/build.ts";

// The committed sample project: 16 months, Japanese and messy exports included.
const SAMPLE = join(import.meta.dirname, "../..");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const hasChromium = chromiumPath() !== undefined;
const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
// CI installs Debian's chromium; a machine without it skips these tests and says so.
if (!hasChromium) console.warn("Chromium not found: browser tests skipped (apt-get install chromium)");

let tmp: string;
let browser: Browser;
const sites: Record<"en" | "ja", Served> = {} as never;

beforeAll(async () => {
  if (!hasChromium) return;
  tmp = mkdtempSync(join(tmpdir(), "gekkan-browser-"));
  for (const locale of ["en", "ja"] as const) {
    const out = join(tmp, locale);
    expect((await buildSite({ root: SAMPLE, outDir: out, locale })).ok).toBe(true);
    sites[locale] = await serve(out);
  }
  browser = await launchChromium();
}, 400_000);
afterAll(async () => {
  await browser?.close();
  for (const s of Object.values(sites)) await s.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Crawl from the index: every internal link must answer 200. */
async function crawl(page: Page, base: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [base];
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    const links = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const link of links) {
      const clean = link.split("#")[0]!;
      if (clean.startsWith(base) && !seen.has(clean)) queue.push(clean);
    }
  }
  return seen;
}

describe.skipIf(!hasChromium)("the site in Chromium", () => {
  for (const locale of ["en", "ja"] as const) {
    it(`${locale}: every internal link resolves and every chart is visible with its text alternative`, async () => {
      const page = await browser.newPage();
      const visited = await crawl(page, sites[locale].url);
      // 16 months x 6 section pages, plus the index and /trends/ (print pages are reached by npm run pdf).
      expect(visited.size).toBeGreaterThanOrEqual(16 * 6 + 2);
      for (const url of [...visited].filter((u) => /\/(2026-08|2026-09|2026-10)\/([a-z]+\/)?$/.test(u))) {
        await page.goto(url);
        const charts = await page.$$("figure.chart");
        // A section the month's edition predates (published before it existed) says so and has no chart.
        const notInEdition = (await page.$("[data-not-in-edition]")) !== null || (await page.$$("section.block")).length === 0;
        if (!/\/data\/$/.test(url) && !notInEdition) expect(charts.length, url).toBeGreaterThan(0);
        for (const chart of charts) {
          const box = await chart.$eval("svg.plot", (svg) => ({
            id: svg.closest("figure.chart")!.id,
            h: svg.getBoundingClientRect().height,
          }));
          expect(box.h, `${url}#${box.id}`).toBeGreaterThan(50);
          expect((await chart.$eval("[role=img]", (el) => el.getAttribute("aria-label")))!.length).toBeGreaterThan(10);
        }
      }
      await page.close();
    }, 300_000);
  }

  it("navigates archive -> month -> section -> previous month -> trends", async () => {
    const page = await browser.newPage();
    await page.goto(sites.en.url);
    await page.click('#archive a[href="/2026-10/"]');
    expect(new URL(page.url()).pathname).toBe("/2026-10/");
    await page.click("nav.sections >> text=Data appendix");
    expect(new URL(page.url()).pathname).toBe("/2026-10/data/");
    await page.click("a[rel=prev]");
    expect(new URL(page.url()).pathname).toBe("/2026-09/data/");
    await page.click("text=Trends");
    expect(new URL(page.url()).pathname).toBe("/trends/");
    await page.close();
  });

  it("shows the same numbers with JavaScript disabled", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${sites.en.url}2026-10/`);
    // The same numbers the build test reads from the HTML, now in a browser without JavaScript.
    expect(await page.textContent("#kpi-leads .value")).toBe("1,300");
    expect(await page.textContent("#kpi-mql .value")).toBe("509");
    await context.close();
  });

  it("has no serious or critical accessibility violations on any page type, in both locales", async () => {
    const page = await browser.newPage();
    for (const locale of ["en", "ja"] as const) {
      for (const path of [
        "",
        "2026-10/",
        "2026-10/benchmark/",
        "2026-10/content/",
        "2026-10/handoff/",
        "2026-10/sla/",
        "2026-10/data/",
        "trends/",
      ]) {
        await page.goto(`${sites[locale].url}${path}`);
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const r = await (
            window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }
          ).axe.run();
          return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${locale} /${path}`).toEqual([]);
      }
    }
    await page.close();
  }, 120_000);

  it("reaches every link with the keyboard", async () => {
    const page = await browser.newPage();
    await page.goto(`${sites.en.url}2026-10/`);
    // Number every link the reader can see (and the skip link), then Tab through the page.
    const links = await page.$$eval("a[href]", (as) =>
      as
        .filter((a, i) => {
          (a as HTMLElement).dataset.k = String(i);
          // Links inside a closed <details> (the tables behind charts) are not shown, so not reachable.
          return a.checkVisibility({ contentVisibilityAuto: true }) || a.classList.contains("skip");
        })
        .map((a) => (a as HTMLElement).dataset.k!),
    );
    const reached = new Set<string>();
    for (let i = 0; i < links.length + 10; i++) {
      await page.keyboard.press("Tab");
      const k = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.k ?? null);
      if (k !== null) reached.add(k);
    }
    expect(links.filter((k) => !reached.has(k))).toEqual([]);
    await page.close();
  });

  // The pages of a month and the site's own, as a reader reaches them.
  const PAGES = [
    "",
    "2026-10/",
    "2026-10/benchmark/",
    "2026-10/content/",
    "2026-10/handoff/",
    "2026-10/sla/",
    "2026-10/data/",
    "trends/",
    "2026-09/",
  ];

  for (const locale of ["en", "ja"] as const) {
    it(`${locale}: the overview's first screen at 1280x720 shows every headline number with its status`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      for (const path of ["2026-10/", "2026-09/", ""]) {
        await page.goto(`${sites[locale].url}${path}`);
        const tiles = await page.$$eval(".strip .tile", (ts) =>
          ts.map((t) => ({
            value: t.querySelector(".t-value")!.getBoundingClientRect().bottom,
            status: t.querySelector(".t-status")!.getBoundingClientRect().bottom,
            word: t.querySelector(".t-status strong")?.textContent ?? "",
          })),
        );
        expect(tiles.length, path).toBeGreaterThanOrEqual(8);
        for (const t of tiles) {
          expect(t.value, path).toBeLessThanOrEqual(720);
          expect(t.status, path).toBeLessThanOrEqual(720);
          expect(t.word.length, path).toBeGreaterThan(0); // status in words, not colour alone
        }
      }
      await page.close();
    });

    it(`${locale}: no page scrolls sideways on a 390 px phone`, async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      for (const path of PAGES) {
        await page.goto(`${sites[locale].url}${path}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `/${path}`).toBeLessThanOrEqual(390);
      }
      await page.close();
    });

    it(`${locale}: the section tabs are one row at 1280, 1440 and 390 px, the current tab in view`, async () => {
      for (const [width, height] of [
        [1280, 720],
        [1440, 900],
        [390, 844],
      ] as const) {
        const page = await browser.newPage({ viewport: { width, height } });
        for (const path of ["2026-10/", "2026-10/sla/", "2026-10/data/"]) {
          await page.goto(`${sites[locale].url}${path}`);
          const tabs = await page.$eval("nav.sections ul", (ul) => {
            const row = ul.getBoundingClientRect();
            const current = ul.querySelector("[aria-current]")!.getBoundingClientRect();
            return {
              rows: new Set([...ul.querySelectorAll("li")].map((li) => Math.round(li.getBoundingClientRect().top))).size,
              inView: current.left >= row.left - 1 && current.right <= row.right + 1,
            };
          });
          expect(tabs, `${width}px /${path}`).toEqual({ rows: 1, inView: true });
        }
        await page.close();
      }
    });

    it(`${locale}: no visible paragraph above a chart lists more than a dozen values`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      for (const path of PAGES) {
        await page.goto(`${sites[locale].url}${path}`);
        const worst = await page.$$eval("figure.chart", (figures) =>
          figures.map((f) => {
            // The caption, and the paragraph just before the figure.
            const before = f.previousElementSibling;
            const texts = [f.querySelector("figcaption"), before?.tagName === "P" ? before : null]
              .filter((e): e is Element => e !== null && (e as HTMLElement).checkVisibility())
              // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is measured, so the rendered text
              .map((e) => (e as HTMLElement).innerText);
            return { id: f.id, values: Math.max(0, ...texts.map((x) => (x.match(/\d[\d,.]*/g) ?? []).length)) };
          }),
        );
        for (const f of worst) expect(f.values, `/${path}#${f.id}`).toBeLessThanOrEqual(12);
      }
      await page.close();
    });

    it(`${locale}: / shows the newest month, draft or published, and links the newest published one`, async () => {
      const page = await browser.newPage();
      await page.goto(sites[locale].url);
      expect(await page.getAttribute("#latest-title a", "href")).toBe("/2026-10/");
      expect(await page.textContent("#latest-title .badge.draft")).toBeTruthy();
      expect(await page.getAttribute(".newest-published a", "href")).toBe("/2026-09/");
      // The archive is one table whose rows link; no second list repeats it.
      expect(await page.$$eval("#archive-table tbody tr th a", (as) => as.length)).toBe(16);
      expect(await page.$("#archive ul")).toBeNull();
      await page.close();
    });
  }

  it.skipIf(!hasPdftotext)(
    "prints the executive edition of a month in at most 12 numbered A4 landscape pages",
    async () => {
      const page = await browser.newPage();
      await page.emulateMedia({ media: "print" });
      await page.goto(`${sites.ja.url}${printPath("2026-10", false)}`);
      const file = join(tmp, "2026-10-exec.pdf");
      writeFileSync(file, await page.pdf(PDF_OPTIONS));
      const pages = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" })
        .split("\f")
        .filter((p) => p.trim());
      expect(pages.length).toBeGreaterThanOrEqual(6); // the summary, then a page per section
      expect(pages.length).toBeLessThanOrEqual(12);
      // Each page ends with its number: "n / total" (pdftotext drops the spaces).
      pages.forEach((p, i) => expect(p.trimEnd()).toMatch(new RegExp(`(^|\\s)${i + 1}\\s*/\\s*${pages.length}$`)));
      await page.close();
    },
    120_000,
  );

  // pdftotext comes from Debian's poppler-utils, which CI installs with Chromium.
  it.skipIf(!hasPdftotext)(
    "prints a month to A4 landscape PDF with no table cut",
    async () => {
      // The printable width of A4 landscape with 12 mm margins (273 mm at 96 dpi), so heights measured here are print heights.
      const page = await browser.newPage({ viewport: { width: 1032, height: 703 } });
      await page.emulateMedia({ media: "print" });
      await page.goto(`${sites.en.url}${printPath("2026-10", true)}`);
      // Every printed table: its caption and the text of its last row.
      const tables = await page.$$eval("main table", (ts) =>
        ts
          .filter((t) => t.checkVisibility())
          .map((t) => ({
            id: t.id,
            first: (t.querySelector("caption")?.textContent ?? "").replace(/#\s*$/, "").replace(/\s+/g, "").slice(0, 20),
            last: (t.querySelector("tbody tr:last-child > *:first-child")?.textContent ?? "").replace(/\s+/g, "").slice(0, 20),
            rows: t.querySelectorAll("tbody tr").length,
            height: t.getBoundingClientRect().height,
          })),
      );
      const pdf = await page.pdf({ format: "A4", landscape: true, printBackground: true, preferCSSPageSize: true });
      const file = join(tmp, "2026-10.pdf");
      writeFileSync(file, pdf);
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      const pages = text.split("\f").map((p) => p.replace(/\s+/g, ""));
      expect(pages.length).toBeGreaterThan(6); // the summary, a page per section, the appendix
      let verified = 0;
      // A table shorter than a page (186 mm of printable height, less room for its caption) starts and
      // ends on one page: its caption and its last row's first cell are on one PDF page. Longer tables
      // break between rows only (rows never break, the header repeats). Text the PDF cannot give back is skipped.
      const candidates = tables.filter((x) => x.rows > 0 && x.height < 640 && x.first && x.last);
      for (const t of candidates) {
        // (A heading with the caption's words may sit on the page before: any page holding both passes.)
        if (!pages.some((p) => p.includes(t.first)) || !pages.some((p) => p.includes(t.last))) continue;
        expect(
          pages.some((p) => p.includes(t.first) && p.includes(t.last)),
          `${t.id}: caption and last row "${t.last}" on no common page`,
        ).toBe(true);
        verified++;
      }
      // Most tables are checkable (their text survives the PDF); every checkable one passed above. The
      // full edition prints the appendix's tables (the sections' tables stay with their charts, hidden in print).
      expect(candidates.length).toBeGreaterThanOrEqual(4);
      expect(verified).toBeGreaterThanOrEqual(4);
      expect(verified / candidates.length).toBeGreaterThan(0.5);
      await page.close();
    },
    120_000,
  );
});
