// npm run pdf -- 2026-10 [--full] [--project DIR] [--out FILE]: print a month's executive edition (its
// /YYYY-MM/print/ page: the summary, then one page per section; --full adds the data appendix, from
// /YYYY-MM/print-full/) to an A4-landscape PDF with page numbers, through Chromium, from dist/.
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { cliArgs } from "./args.ts";
import { launchChromium } from "../browser/chromium.ts";
import { PDF_OPTIONS, printPath } from "../browser/print.ts";
import { serve } from "../browser/serve.ts";

const USAGE = "npm run pdf -- YYYY-MM [--full] [--project DIR] [--out FILE] [--base /path/]";
const { values, positionals } = cliArgs(USAGE, {
  allowPositionals: true,
  options: { project: { type: "string" }, out: { type: "string" }, base: { type: "string" }, full: { type: "boolean" } },
});
const month = positionals[0];
if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
  console.error(`usage: ${USAGE}`);
  process.exit(2);
}
const root = resolve(values.project ?? process.env.GEKKAN_PROJECT ?? ".");
const dist = join(root, "dist");
if (!existsSync(join(dist, month, "index.html"))) {
  console.error(`${dist}/${month}/ does not exist: run npm run build first (and check that data/${month}/ exists).`);
  process.exit(1);
}
const out = resolve(values.out ?? join(dist, `${month}.pdf`));
const base = values.base ?? "/";
const server = await serve(dist, base);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.emulateMedia({ media: "print" });
  await page.goto(`${server.url}${printPath(month, values.full ?? false)}`, { waitUntil: "load" });
  writeFileSync(out, await page.pdf(PDF_OPTIONS));
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
