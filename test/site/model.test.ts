// The pages find the build's model in memory: the build registers it (provideSite) and the pages,
// bundled by Astro into another module instance of site/model.ts, read it through the process's
// global object. Unbundled, as here, the render's id is "".
import { afterEach, describe, expect, it } from "vitest";
import { provideSite, site, type SiteModel } from "../../src/site/model.ts";

const model = (base: string): SiteModel =>
  ({
    config: {},
    locale: "en",
    months: [],
    views: {},
    base,
    tool: { name: "gekkan", version: "0", schemaVersion: 0 },
  }) as unknown as SiteModel;

const shared = () => (globalThis as Record<symbol, Map<string, SiteModel> | undefined>)[Symbol.for("gekkan.site-models")]!;

describe("the site model", () => {
  afterEach(() => shared().clear());

  it("is the model the build provided, the same object, until released", () => {
    const m = model("/");
    const release = provideSite("", m);
    expect(site()).toBe(m);
    release();
    expect(() => site()).toThrow(/npm run build/);
  });

  it("is read from the process's global object, where another instance of the module put it", () => {
    const m = model("/reports/");
    shared().set("", m);
    expect(site()).toBe(m);
  });

  it("is another render's only under that render's id", () => {
    const release = provideSite("gekkan-build-1-abc", model("/"));
    expect(() => site()).toThrow(/no site model for this render/);
    release();
    expect(shared().size).toBe(0);
  });
});
