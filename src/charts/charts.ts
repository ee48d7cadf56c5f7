// The report's chart vocabulary, as pure functions from data to SVG (Plot, rendered at build time).
// Targets are dashed rules; colour is never the only signal (labels, patterns and text carry it too).
import * as Plot from "@observablehq/plot";
import { renderPlot } from "./plot.ts";

export interface Bar {
  label: string;
  value: number | null;
  /** Tooltip text (Plot's title channel). */
  title: string;
  /** Drawn lighter and labelled (e.g. a still-maturing cohort). */
  muted?: boolean;
}

const WIDTH = 1040;

/**
 * Targets are dashed rules in the text colour (a series colour would read as one more series), and
 * every chart that draws them says so in a legend of its own.
 */
const TARGET_STROKE = "currentColor";

/** Room between the bars of a chart with steps, for the text between them. */
const STEP_PADDING = 0.4;

function targetLegend(label: string): string {
  const text = label.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<div class="legend-extra"><span class="swatch-target" aria-hidden="true"><svg width="28" height="10"><line x1="0" y1="5" x2="28" y2="5" stroke="currentColor" stroke-width="2" stroke-dasharray="5 3"/></svg></span>${text}</div>`;
}

export interface Axis {
  label: string;
  format: (v: number) => string;
}

/** Vertical bars with value labels; optional dashed target per bar. */
export function barChart(
  bars: readonly Bar[],
  o: {
    x: string;
    y: Axis;
    ariaLabel: string;
    target?: readonly (number | null)[];
    /** The target's name in the legend (required with `target`). */
    targetLabel?: string;
    height?: number;
    mutedNote?: string;
    /**
     * Text between each bar and the one before it (a conversion rate between funnel stages): entry i
     * sits between bar i-1 and bar i; entry 0 is unused.
     */
    steps?: readonly (string | null)[];
  },
): string {
  const data = bars.map((b, i) => ({ ...b, i, v: b.value ?? 0, target: o.target?.[i] ?? null }));
  const marks: Plot.Markish[] = [
    Plot.barY(
      data.filter((d) => d.value !== null),
      {
        x: "label",
        y: "v",
        title: "title",
        fill: (d: (typeof data)[number]) => (d.muted ? "var(--series-6)" : "var(--series-1)"),
        fillOpacity: (d: (typeof data)[number]) => (d.muted ? 0.45 : 0.9),
      },
    ),
    Plot.text(
      data.filter((d) => d.value !== null),
      {
        x: "label",
        y: "v",
        text: (d: (typeof data)[number]) => o.y.format(d.v) + (d.muted && o.mutedNote ? `*` : ""),
        dy: -8,
        fill: "currentColor",
        fontSize: 11,
      },
    ),
    Plot.ruleY([0]),
  ];
  const targets = data.filter((d) => d.target !== null);
  if (targets.length) {
    marks.push(
      Plot.tickY(targets, {
        x: "label",
        y: "target",
        stroke: TARGET_STROKE,
        strokeWidth: 2,
        strokeDasharray: "5 3",
        title: (d: (typeof data)[number]) => `${d.label}: ${o.y.format(d.target!)}`,
      }),
    );
  }
  const marginLeft = 72;
  if (o.steps) {
    // Plot's band scale: step = range / (n - paddingInner + 2 paddingOuter), with STEP_PADDING each.
    const step = (WIDTH - marginLeft - 20) / (bars.length + STEP_PADDING);
    const between = data
      .map((d, i) => ({ ...d, step: o.steps![i] ?? null, mid: i > 0 ? (data[i - 1]!.v + d.v) / 2 : 0 }))
      .filter((d) => d.i > 0 && d.step !== null);
    marks.push(
      Plot.text(between, {
        x: "label",
        y: "mid",
        text: (d: (typeof between)[number]) => `→ ${d.step}`,
        dx: -step / 2,
        fill: "currentColor",
        fontSize: 12,
        fontWeight: "bold",
        stroke: "var(--bg)",
        strokeWidth: 2,
        paintOrder: "stroke",
      }),
    );
  }
  const svg = renderPlot({
    ariaLabel: o.ariaLabel,
    width: WIDTH,
    height: o.height ?? 280,
    marginLeft,
    marginRight: 20,
    marginTop: 24,
    marginBottom: 48,
    x: {
      label: o.x,
      labelAnchor: "center",
      labelOffset: 40,
      domain: bars.map((b) => b.label),
      tickSize: 0,
      ...(o.steps ? { padding: STEP_PADDING } : {}),
    },
    y: { label: o.y.label, grid: true, tickFormat: o.y.format, nice: true },
    marks,
  });
  return targets.length && o.targetLabel ? `${svg}${targetLegend(o.targetLabel)}` : svg;
}

export interface LinePoint {
  month: string;
  label: string;
  value: number | null;
  title: string;
}

/** A monthly line with dots; gaps where data is not provided; optional dashed target line. */
export function lineChart(
  series: readonly { name: string; points: readonly LinePoint[] }[],
  o: {
    y: Axis;
    ariaLabel: string;
    target?: readonly { label: string; value: number | null }[];
    /** The target's name in the legend (required with `target`). */
    targetLabel?: string;
    height?: number;
    yDomain?: [number, number];
  },
): string {
  const data = series.flatMap((s, k) => s.points.map((p) => ({ ...p, series: s.name, k })));
  const present = data.filter((d) => d.value !== null);
  const marks: Plot.Markish[] = [
    Plot.ruleY([0]),
    Plot.lineY(data, { x: "label", y: "value", z: "series", stroke: "series", strokeWidth: 2 }),
    Plot.dot(present, { x: "label", y: "value", fill: "series", symbol: "series", r: 3.5, title: "title" }),
  ];
  const target = (o.target ?? []).filter((p) => p.value !== null);
  if (target.length)
    marks.push(Plot.lineY(target, { x: "label", y: "value", stroke: TARGET_STROKE, strokeDasharray: "5 3", strokeWidth: 1.5 }));
  const labels = [...new Set(data.map((d) => d.label))];
  const svg = renderPlot({
    ariaLabel: o.ariaLabel,
    width: WIDTH,
    height: o.height ?? 260,
    marginLeft: 72,
    marginRight: 16,
    marginBottom: 36,
    x: { type: "point", domain: labels, label: null, tickSize: 0, padding: 0.3 },
    y: { label: o.y.label, grid: true, tickFormat: o.y.format, nice: true, ...(o.yDomain ? { domain: o.yDomain } : {}) },
    color: {
      type: "categorical",
      domain: series.map((s) => s.name),
      range: ["var(--series-1)", "var(--series-2)", "var(--series-3)", "var(--series-4)", "var(--series-5)", "var(--series-6)"],
      // Every series is named, also a single one beside a target.
      legend: series.length > 1 || target.length > 0,
    },
    symbol: { domain: series.map((s) => s.name), legend: false },
    marks,
  });
  return target.length && o.targetLabel ? `${svg}${targetLegend(o.targetLabel)}` : svg;
}

export interface HBar {
  label: string;
  value: number;
  title: string;
}

/** Horizontal bars, for rankings (content, owners, campaigns). */
export function rankChart(rows: readonly HBar[], o: { x: Axis; ariaLabel: string; marginLeft?: number }): string {
  return renderPlot({
    ariaLabel: o.ariaLabel,
    width: WIDTH,
    height: 40 + rows.length * 24,
    marginLeft: o.marginLeft ?? 220,
    marginRight: 64,
    y: {
      domain: rows.map((r) => r.label),
      label: null,
      tickSize: 0,
      // A label fits the left margin, so the chart's edge never cuts it; the full title is in the
      // bar's tooltip and the table.
      tickFormat: (s: string) => fitWidth(s, (o.marginLeft ?? 220) - 12),
    },
    x: { label: o.x.label, grid: true, tickFormat: o.x.format, nice: true },
    marks: [
      Plot.barX(rows, { y: "label", x: "value", title: "title", fill: "var(--series-1)", fillOpacity: 0.85 }),
      Plot.text(rows, { y: "label", x: "value", text: (d: HBar) => o.x.format(d.value), dx: 6, textAnchor: "start", fill: "currentColor" }),
      Plot.ruleX([0]),
    ],
  });
}

/** `text` cut with "…" to about `px` pixels at 12 px: a full-width character about 12 px, others 7. */
function fitWidth(text: string, px: number): string {
  const width = (c: string) =>
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 12 : 7;
  let used = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    used += width(chars[i]!);
    if (used > px) return `${chars.slice(0, Math.max(1, i - 1)).join("")}…`;
  }
  return text;
}

export interface StackPart {
  group: string;
  part: string;
  value: number;
  title: string;
}

/** Horizontal stacked bars (e.g. SLA met/breached/open per owner); parts differ by pattern-like opacity and legend. */
export function stackChart(
  rows: readonly StackPart[],
  o: { x: Axis; parts: readonly string[]; groups: readonly string[]; ariaLabel: string; colors?: readonly string[] },
): string {
  return renderPlot({
    ariaLabel: o.ariaLabel,
    width: WIDTH,
    height: 60 + o.groups.length * 26,
    marginLeft: 140,
    y: { domain: o.groups, label: null, tickSize: 0 },
    x: { label: o.x.label, grid: true, tickFormat: o.x.format },
    color: { domain: o.parts, range: o.colors ?? ["var(--series-3)", "var(--bad)", "var(--series-6)", "var(--series-5)"], legend: true },
    marks: [
      Plot.barX(rows, Plot.stackX({ y: "group", x: "value", z: "part", fill: "part", title: "title", order: [...o.parts] })),
      Plot.text(
        rows,
        Plot.stackX({
          y: "group",
          x: "value",
          z: "part",
          text: (d: StackPart) => (d.value > 0 ? String(d.value) : ""),
          fill: "white",
          order: [...o.parts],
          fontSize: 10,
        }),
      ),
      Plot.ruleX([0]),
    ],
  });
}

/**
 * Small multiples: one small line chart per facet, each with its own y scale (its shape is what it
 * shows: on a shared scale the smaller facets are flat lines), side by side in a grid.
 */
export function smallMultiples(
  data: readonly { facet: string; label: string; value: number | null; title: string; target?: number | null }[],
  o: {
    y: Axis;
    ariaLabel: string;
    facets: readonly string[];
    /** The target's name in the legend (required when a row has a `target`). */
    targetLabel?: string;
  },
): string {
  const labels = [...new Set(data.map((d) => d.label))];
  let targeted = false;
  const charts = o.facets.map((facet) => {
    const rows = data.filter((d) => d.facet === facet);
    const targets = rows.filter((d) => d.target !== undefined && d.target !== null);
    if (targets.length) targeted = true;
    return renderPlot({
      ariaLabel: `${o.ariaLabel}: ${facet}`,
      width: 340,
      height: 170,
      marginLeft: 56,
      marginRight: 12,
      marginTop: 26,
      marginBottom: 24,
      x: { type: "point", domain: labels, label: null, tickFormat: (_: string, i: number) => (i % 6 === 0 ? labels[i]! : ""), tickSize: 0 },
      y: { label: null, grid: true, tickFormat: o.y.format, nice: true, ticks: 3, zero: true },
      marks: [
        Plot.frame({ stroke: "var(--line)" }),
        Plot.text([facet], { text: (d: string) => d, frameAnchor: "top-left", dy: -18, fontWeight: "bold", fontSize: 13 }),
        Plot.lineY(rows, { x: "label", y: "value", stroke: "var(--series-1)", strokeWidth: 1.8 }),
        Plot.dot(
          rows.filter((d) => d.value !== null),
          { x: "label", y: "value", r: 2, fill: "var(--series-1)", title: "title" },
        ),
        ...(targets.length
          ? [
              Plot.lineY(rows, {
                x: "label",
                y: (d: (typeof rows)[number]) => d.target ?? null,
                stroke: TARGET_STROKE,
                strokeDasharray: "5 3",
                strokeWidth: 1.2,
              }),
            ]
          : []),
      ],
    });
  });
  const grid = `<div class="multiples">${charts.join("")}</div>`;
  // Above the grid: on a phone the facets stack, and a legend under the last one is a screen away.
  return targeted && o.targetLabel ? `${targetLegend(o.targetLabel)}${grid}` : grid;
}
