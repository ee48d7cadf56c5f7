// Which of the tool's modules the pages load from Node rather than from their bundle; the build
// tests render every page through it.
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { isShared, sharedModules } from "../../src/site/shared-modules.ts";

const ROOT = "/opt/gekkan";

describe("isShared", () => {
  it("leaves the data, metrics, section and chart modules to Node", () => {
    for (const rel of ["sections/registry.ts", "sections/sla/view.ts", "charts/plot.ts", "schema/config.ts", "validate/mask.ts"])
      expect(isShared(`${ROOT}/src/${rel}`, ROOT), rel).toBe(true);
  });

  it("bundles the render layer, the components' finder, and anything not the tool's TypeScript", () => {
    for (const file of [
      `${ROOT}/src/site/model.ts`,
      `${ROOT}/src/site/links.ts`,
      `${ROOT}/src/sections/components.ts`,
      `${ROOT}/src/sections/sla/Section.astro`,
      `${ROOT}/src/pages/index.astro`,
      `${ROOT}/node_modules/zod/index.ts`,
      `/elsewhere/src/sections/registry.ts`,
      `${ROOT}/srcx/sections/registry.ts`,
    ])
      expect(isShared(file, ROOT), file).toBe(false);
  });
});

describe("sharedModules", () => {
  const plugin = sharedModules(ROOT);
  const resolveId = plugin.resolveId;
  const context = (id: string | null, external = false) => ({
    resolve: async () => (id === null ? null : { id, external }),
  });

  it("makes a shared module's import external, by file URL", async () => {
    const id = `${ROOT}/src/sections/registry.ts`;
    expect(await resolveId.call(context(id), "../sections/registry.ts", `${ROOT}/src/site/links.ts`, {})).toEqual({
      id: pathToFileURL(id).href,
      external: true,
    });
  });

  it("leaves every other import as Vite's other resolvers resolved it", async () => {
    const links = `${ROOT}/src/site/links.ts`;
    const page = `${ROOT}/src/pages/index.astro`;
    expect(await resolveId.call(context(links), "../site/links.ts", page, {})).toEqual({ id: links, external: false });
    expect(await resolveId.call(context(null), "./missing.ts", page, {})).toBeNull();
    expect(await resolveId.call(context("node:fs", true), "node:fs", page, {})).toEqual({ id: "node:fs", external: true });
    // An entry (no importer) is Astro's to resolve.
    expect(await resolveId.call(context(`${ROOT}/src/sections/registry.ts`), "src/sections/registry.ts", undefined, {})).toBeNull();
  });

  it("is not applied to the browser's build", () => {
    const applies = plugin.applyToEnvironment;
    expect(applies({ name: "client" })).toBe(false);
    expect(applies({ name: "prerender" })).toBe(true);
    expect(applies({ name: "ssr" })).toBe(true);
  });
});
