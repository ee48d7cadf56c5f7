// A 13-month sparkline: a hand-drawn polyline, small enough to put beside every headline number.
// Months that are not provided break the line (a gap, never a dip to zero).
import type { Point } from "../metrics/headline.ts";

export interface SparklineOptions {
  width?: number;
  height?: number;
  label: string;
}

export function sparkline(points: readonly Point[], o: SparklineOptions): string {
  const width = o.width ?? 120;
  const height = o.height ?? 28;
  const pad = 3;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const title = `<title>${escapeXml(o.label)}</title>`;
  if (values.length === 0)
    return `<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(o.label)}">${title}</svg>`;
  const min = Math.min(...values, 0);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / Math.max(points.length - 1, 1);
  const y = (v: number) => height - pad - ((v - min) * (height - 2 * pad)) / span;
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  const last = points.at(-1);
  const dot =
    last && last.value !== null ? `<circle cx="${x(points.length - 1).toFixed(1)}" cy="${y(last.value).toFixed(1)}" r="2.5"/>` : "";
  const lines = segments
    .map((s) => (s.includes(" ") ? `<polyline points="${s}"/>` : `<circle cx="${s.split(",")[0]}" cy="${s.split(",")[1]}" r="1.5"/>`))
    .join("");
  return `<svg class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(o.label)}">${title}${lines}${dot}</svg>`;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
