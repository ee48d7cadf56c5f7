// The pages find the build's model in memory: the build provides it (provideSite) and the pages,
// bundled into another module instance of site/model.ts (site/renderer.ts), read it through the
// process's global object.
import { afterEach, describe, expect, it } from "vitest";
import { chartOf, provideSite, site, type MonthView, type SiteModel } from "../../src/site/model.ts";

const model = (base: string): SiteModel =>
  ({
    config: {},
    locale: "en",
    months: [],
    views: {},
    base,
    tool: { name: "gekkan", version: "0", schemaVersion: 0 },
  }) as unknown as SiteModel;

const MODEL = Symbol.for("gekkan.site-model");
const shared = globalThis as { [MODEL]?: SiteModel };

describe("the site model", () => {
  afterEach(() => void delete shared[MODEL]);

  it("is the model the build provided, the same object, until released", () => {
    const m = model("/");
    const release = provideSite(m);
    expect(site()).toBe(m);
    release();
    expect(() => site()).toThrow(/npm run build/);
  });

  it("is read from the process's global object, where another instance of the module put it", () => {
    const m = model("/reports/");
    shared[MODEL] = m;
    expect(site()).toBe(m);
  });

  it("is one build's at a time: a second model is refused while one is provided", () => {
    const release = provideSite(model("/"));
    expect(() => provideSite(model("/other/"))).toThrow(/another build's site model/);
    release();
    expect(shared[MODEL]).toBeUndefined();
  });
});

describe("a view's chart", () => {
  afterEach(() => void delete shared[MODEL]);
  const view = { key: "2026-10" } as MonthView;

  it("is rendered once per build and view", () => {
    const release = provideSite(model("/"));
    let calls = 0;
    const draw = () => `<svg>${++calls}</svg>`;
    expect(chartOf(view, "funnel", draw)).toBe("<svg>1</svg>");
    expect(chartOf(view, "funnel", draw)).toBe("<svg>1</svg>");
    expect(chartOf({ key: "2026-10/r1" } as MonthView, "funnel", draw)).toBe("<svg>2</svg>");
    release();
  });

  it("is rendered again by the next build, whose pages' modules may be the same ones", () => {
    let calls = 0;
    const draw = () => `<svg>${++calls}</svg>`;
    const first = provideSite(model("/"));
    chartOf(view, "funnel", draw);
    first();
    const second = provideSite(model("/"));
    expect(chartOf(view, "funnel", draw)).toBe("<svg>2</svg>");
    second();
  });
});
