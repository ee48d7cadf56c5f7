// Observable Plot rendered to an SVG string at build time, with a server-side DOM. Pure:
// the same options give the same bytes (no random ids, the per-chart <style> moved to the page CSS).
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

export const PLOT_CLASS = "plot";

export function renderPlot(options: Plot.PlotOptions & { ariaLabel: string; ariaDescription?: string }): string {
  const { ariaLabel, ariaDescription, ...rest } = options;
  const svg = Plot.plot({
    ...rest,
    className: PLOT_CLASS,
    document: document as unknown as Document,
    style: { fontSize: "12px", fontFamily: "inherit", overflow: "visible" },
    ariaLabel,
    ariaDescription,
  }) as unknown as { outerHTML: string };
  // Plot labels its mark groups with aria-label; on a <g> (no role) that is not allowed, and the
  // chart's own label and text alternative already describe it.
  // With a legend Plot wraps the chart in a <figure> of its own: a <div> here, since the page's
  // <figure> already holds the chart, its caption and its table. Legend swatches are decoration.
  return svg.outerHTML
    .replace(/<style>[\s\S]*?<\/style>/, "")
    .replace(/<(g|rect)([^>]*?) aria-label="[^"]*"/g, "<$1$2")
    .replace(/^<figure([^>]*)>([\s\S]*)<\/figure>$/, "<div$1>$2</div>")
    .replace(/<svg (fill="[^"]*" height="15" width="15")>/g, '<svg aria-hidden="true" $1>')
    .replace(/<svg ([^>]*class="plot")>/, '<svg role="img" $1>');
}

/** CSS Plot would have put in every chart, once for the page. */
export const PLOT_CSS = `.${PLOT_CLASS}{display:block;height:auto;max-width:100%;background:transparent}.${PLOT_CLASS} text,.${PLOT_CLASS} tspan{white-space:pre}`;
