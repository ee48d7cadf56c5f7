// The KPI tree's SVG (src/sections/plan/tree.ts): a line wider than its box is condensed to the box,
// any other is drawn at its own width.
import { describe, expect, it } from "vitest";
import { LEVELS, RATES } from "../src/sections/plan/compute.ts";
import type { TreeNode } from "../src/sections/plan/schema.ts";
import { treeSvg, type TreeText } from "../src/sections/plan/tree.ts";

const node = (id: TreeNode["id"]): TreeNode => ({
  id,
  kind: "count",
  parent: null,
  value: 1,
  provided: true,
  previous: null,
  mom: null,
  target: null,
  targetFrom: null,
  attainment: null,
  status: null,
  share: null,
});

const text = (value: (n: TreeNode) => string, target: (n: TreeNode) => string): TreeText => ({
  label: (id) => id,
  value,
  target,
  status: () => "",
  change: () => "",
  driverTag: "main cause",
  ariaLabel: "KPI tree",
});

/** The text elements of the SVG, with whether each is condensed. */
const lines = (svg: string) =>
  [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({ text: m[2], condensed: /textLength="(\d+)"/.exec(m[1]!)?.[1] }));

describe("the KPI tree's boxes", () => {
  const nodes = [...LEVELS, ...RATES].map(node);

  it("condense a line estimated wider than the box (110 px of text) to its width", () => {
    // "not provided" at 18 px: 12 x 0.58 x 18 = 125 px; "Target not provided" at 13 px: 19 x 0.58 x 13 = 143 px.
    const svg = treeSvg(
      nodes,
      null,
      text(
        () => "not provided",
        () => "Target not provided",
      ),
    );
    const drawn = lines(svg).filter((l) => l.text === "not provided" || l.text === "Target not provided");
    expect(drawn).toHaveLength(2 * nodes.length);
    for (const l of drawn) expect(l.condensed, l.text).toBe("110");
  });

  it("draw a line that fits at its own width, full-width characters counted at 1 em", () => {
    // "1,300" at 18 px: 52 px; "目標 1,404" at 13 px: 2 x 13 + 7 x 0.58 x 13 = 79 px; "目標 1億2,345万円" : 5 x 13 + 7 x 7.54 = 118 px.
    const svg = treeSvg(
      nodes,
      null,
      text(
        () => "1,300",
        (n) => (n.id === "won_amount" ? "目標 1億2,345万円" : "目標 1,404"),
      ),
    );
    const drawn = lines(svg);
    expect(drawn.filter((l) => l.text === "1,300").every((l) => l.condensed === undefined)).toBe(true);
    expect(drawn.filter((l) => l.text === "目標 1,404").every((l) => l.condensed === undefined)).toBe(true);
    expect(drawn.find((l) => l.text === "目標 1億2,345万円")?.condensed).toBe("110");
  });
});
