// Golden pages: a few whole pages of the fixture site, of the committed sample and of a project whose
// edition is of format 1, built once here, their HTML compared byte for byte with test/golden/pages/.
// Together with the golden reports and charts they lock what a reader sees: a change is a reviewed
// diff (npm run golden). The HTML is one long line; to review a difference, break it at tags first,
// e.g. diff <(sed 's/></>\n</g' a.html) <(sed 's/></>\n</g' b.html).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/site/build.ts";
import { compareGolden } from "./helpers/golden.ts";

const PROJECTS = {
  basic: { root: join(import.meta.dirname, "fixtures/basic"), pages: ["2026-10/", "2026-10/sla/", "2026-10/data/"] },
  // 2026-09 renders from its committed edition (format 2); 2026-10 is a live draft.
  sample: {
    root: join(import.meta.dirname, ".."),
    pages: ["2026-10/", "2026-10/efficiency/", "2026-10/winloss/", "trends/", "2026-09/", "2026-09/handoff/", "index.html"],
  },
  // An edition of format 1: the sections it lacks say so.
  "edition-v1": { root: join(import.meta.dirname, "fixtures/edition-v1"), pages: ["2026-09/", "2026-09/sla/", "2026-09/data/"] },
};
type Name = keyof typeof PROJECTS;

const work = mkdtempSync(join(tmpdir(), "gekkan-golden-pages-"));
const outOf = (name: Name) => join(work, name);

beforeAll(async () => {
  // One after the other: each build renders with Astro in this process.
  for (const [name, p] of Object.entries(PROJECTS)) {
    const result = await buildSite({ root: p.root, outDir: outOf(name as Name) });
    expect(result.ok, name).toBe(true);
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(Object.keys(PROJECTS) as Name[])("golden pages: %s", (name) => {
  it.each(PROJECTS[name].pages)("%s", (page) => {
    const file = page.endsWith(".html") ? page : `${page}index.html`;
    const html = readFileSync(join(outOf(name), file), "utf8");
    expect(compareGolden(`pages/${name}/${file}`, html)).toBeNull();
  });
});
