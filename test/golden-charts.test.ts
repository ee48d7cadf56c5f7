// Golden charts: each chart function of src/charts/ given fixed inputs, its SVG (Plot's output after
// our post-processing; with a legend, the HTML around it) compared with test/golden/charts/. Snapshot tests in the manner of Plot's own:
// a change to a chart, or to Plot, is a reviewed diff (npm run golden), never a surprise.
import { describe, expect, it } from "vitest";
import { barChart, lineChart, rankChart, smallMultiples, stackChart } from "../src/charts/charts.ts";
import { sparkline } from "../src/charts/sparkline.ts";
import type { Point } from "../src/metrics/headline.ts";
import { compareGolden } from "./helpers/golden.ts";

// Formats that do not depend on the ICU data of the Node that runs the test.
const count = (v: number) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
const months = ["25/10", "25/11", "25/12", "26/1", "26/2", "26/3", "26/4", "26/5", "26/6", "26/7", "26/8", "26/9", "26/10"];

const CHARTS: Record<string, () => string> = {
  // The waterfall's shape: a missing stage (null), and a dashed target on two bars.
  "bar-targets": () =>
    barChart(
      [
        { label: "Leads", value: 1200, title: "Leads: 1,200" },
        { label: "MQL", value: 420, title: "MQL: 420" },
        { label: "SQL", value: null, title: "SQL: not provided" },
        { label: "Opportunities", value: 95, title: "Opportunities: 95" },
        { label: "Won", value: 0, title: "Won: 0" },
      ],
      { x: "Stage", y: { label: "Volume", format: count }, ariaLabel: "Demand waterfall", target: [null, 400, null, 120, null] },
    ),
  // The cohort chart: muted (still maturing) bars marked with the note.
  "bar-muted": () =>
    barChart(
      months.slice(-6).map((label, i) => ({ label, value: 0.1 + i * 0.05, muted: i >= 4, title: `${label}: ${percent(0.1 + i * 0.05)}` })),
      { x: "Month", y: { label: "MQL → SQL (%)", format: percent }, ariaLabel: "Cohort conversion", mutedNote: "*", height: 240 },
    ),
  // Two series with a gap (a month not provided), a target line, a legend.
  "line-two-series": () =>
    lineChart(
      [
        {
          name: "Pipeline created",
          points: months.map((label, i) => ({ month: label, label, value: i === 5 ? null : 30_000_000 + i * 2_500_000, title: label })),
        },
        {
          name: "Won amount",
          points: months.map((label, i) => ({ month: label, label, value: 8_000_000 + (i % 4) * 1_000_000, title: label })),
        },
      ],
      {
        y: { label: "JPY", format: count },
        ariaLabel: "Pipeline created",
        target: months.map((label, i) => ({ label, value: i < 6 ? null : 50_000_000 })),
      },
    ),
  // One series, no legend, a fixed y domain (a compliance rate).
  "line-one-series-domain": () =>
    lineChart(
      [{ name: "First call", points: months.map((label, i) => ({ month: label, label, value: (60 + i * 2) / 100, title: label })) }],
      {
        y: { label: "SLA compliance (%)", format: percent },
        ariaLabel: "First call: SLA compliance",
        target: months.map((label) => ({ label, value: 0.9 })),
        yDomain: [0, 1],
      },
    ),
  // Rankings: a label longer than the axis keeps (truncated with an ellipsis), a wider left margin.
  rank: () =>
    rankChart(
      [
        { label: "A whitepaper whose title is much longer than thirty characters", value: 42, title: "long: 42" },
        { label: "Webinar: pipeline reviews", value: 17, title: "webinar: 17" },
        { label: "Case study", value: 17, title: "case: 17" },
        { label: "Blog", value: 3, title: "blog: 3" },
      ],
      { x: { label: "Leads", format: count }, ariaLabel: "Leads by asset", marginLeft: 240 },
    ),
  // Stacked parts per group, zeros left unlabelled, a legend.
  stack: () =>
    stackChart(
      ["Aoki", "Baba", "unassigned"].flatMap((group, g) =>
        ["Met", "Breached", "Open"].map((part, p) => ({
          group,
          part,
          value: (g + 1) * (3 - p) * (p === 2 && g === 0 ? 0 : 1),
          title: `${group} ${part}`,
        })),
      ),
      {
        x: { label: "Handoffs", format: count },
        parts: ["Met", "Breached", "Open"],
        groups: ["Aoki", "Baba", "unassigned"],
        ariaLabel: "by owner",
      },
    ),
  // Small multiples: four facets on two rows, one with a month not provided.
  "small-multiples": () =>
    smallMultiples(
      ["Organic Search", "Direct", "Paid Search", "Email"].flatMap((facet, f) =>
        months.map((label, i) => ({
          facet,
          label,
          value: f === 3 && i === 2 ? null : (f + 1) * 1000 + i * 37,
          title: `${facet} ${label}`,
        })),
      ),
      {
        facets: ["Organic Search", "Direct", "Paid Search", "Email"],
        y: { label: "Sessions", format: count },
        ariaLabel: "Sessions by channel",
      },
    ),
};

const points = (values: readonly (number | null)[]): Point[] => values.map((value, i) => ({ month: months[i]!, value }));
const SPARKLINES: Record<string, () => string> = {
  // A line with a gap and an isolated point (drawn as a dot), ending on a value.
  "sparkline-gaps": () => sparkline(points([5, 8, 6, null, 7, null, 9, 10, 4, 6, 7, 8, 12]), { label: 'Leads: <13 months> & "quoted"' }),
  // Negative values (the axis includes zero), ending on a month not provided (no end dot).
  "sparkline-negative": () => sparkline(points([-2, 3, 1, 0, 4, null]), { label: "Change", width: 80, height: 20 }),
  // Nothing provided: an empty, labelled svg.
  "sparkline-empty": () => sparkline(points([null, null, null]), { label: "Nothing" }),
};

/** A chart with a legend is HTML (Plot's swatches beside the SVG): kept as .html, so a browser opens either. */
const fileOf = (name: string, markup: string) => `charts/${name}.${markup.startsWith("<svg") ? "svg" : "html"}`;

describe("golden charts", () => {
  it.each(Object.keys(CHARTS))("%s", (name) => {
    const markup = CHARTS[name]!();
    expect(compareGolden(fileOf(name, markup), `${markup}\n`)).toBeNull();
  });
  it.each(Object.keys(SPARKLINES))("%s", (name) => {
    const markup = SPARKLINES[name]!();
    expect(compareGolden(fileOf(name, markup), `${markup}\n`)).toBeNull();
  });
  it("renders the same bytes twice (no random ids)", () => {
    for (const render of [...Object.values(CHARTS), ...Object.values(SPARKLINES)]) expect(render()).toBe(render());
  });
});
