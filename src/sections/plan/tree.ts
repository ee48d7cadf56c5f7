// The KPI tree as SVG, drawn at build time: won amount at the left, each level the product of the
// level to its right and the rate below the link between them. Wide and short, so a printed A4
// landscape page reads it at its full width; status is a symbol and a word, never colour alone.
import type { NodeId, TreeNode } from "./schema.ts";
import { LEVELS, RATES } from "./compute.ts";

export interface TreeText {
  label(id: NodeId): string;
  value(node: TreeNode): string;
  /** "Target 1,200", or "" when it has none. */
  target(node: TreeNode): string;
  /** Where the target comes from and the status: "derived ✕ 87%". */
  status(node: TreeNode): string;
  /** "MoM +5%", or "". */
  change(node: TreeNode): string;
  driverTag: string;
  ariaLabel: string;
}

// Eight columns in the width of the other charts (1,040), so its text (13 px and up) reads at the
// same scale as theirs.
const COL = 130;
const BOX_W = 124;
const BOX_H = 124;
const TOP = 24;
const RATE_TOP = TOP + BOX_H + 40;
const WIDTH = COL * LEVELS.length + 4;
const HEIGHT = RATE_TOP + BOX_H + 22;

const esc = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

const STATUS_CLASS: Record<NonNullable<TreeNode["status"]>, string> = { met: "met", at_risk: "risk", missed: "missed" };

/** Room for a line of text inside a box. */
const TEXT_W = BOX_W - 14;

/**
 * A line estimated wider than its box ("not provided", "Target not provided") is condensed to fit,
 * not left to run over the next box. The estimate: a full-width character is 1 em, any other 0.58 em
 * (bold Latin digits and letters in the page's sans-serif are under that).
 */
function condensed(line: string, size: number): string {
  const width = [...line].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? size : size * 0.58), 0);
  return width > TEXT_W ? ` textLength="${TEXT_W}" lengthAdjust="spacingAndGlyphs"` : "";
}

function box(node: TreeNode | undefined, id: NodeId, x: number, y: number, text: TreeText, driver: boolean, tagBelow = false): string {
  const lines: { text: string; size: number; weight?: number }[] = [
    { text: text.label(id), size: 12, weight: 700 },
    { text: node ? text.value(node) : "", size: 18, weight: 700 },
    { text: node ? text.target(node) : "", size: 13 },
    { text: node ? text.status(node) : "", size: 13 },
    { text: node ? text.change(node) : "", size: 13 },
  ];
  const status = node?.status ? ` ${STATUS_CLASS[node.status]}` : "";
  let dy = y + 19;
  const tspans = lines
    .filter((l) => l.text !== "")
    .map((l) => {
      const t = `<text x="${x + 8}" y="${dy}" font-size="${l.size}"${l.weight ? ` font-weight="${l.weight}"` : ""}${condensed(l.text, l.size)} fill="currentColor">${esc(l.text)}</text>`;
      dy += l.size + 8;
      return t;
    })
    .join("");
  const tag = driver
    ? `<text x="${x + BOX_W}" y="${tagBelow ? y + BOX_H + 16 : y - 6}" font-size="13" font-weight="700" text-anchor="end" fill="currentColor">${tagBelow ? "▲" : "▼"} ${esc(text.driverTag)}</text>`
    : "";
  return `<g class="node${status}${driver ? " driver" : ""}"><rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="none" stroke="currentColor" stroke-width="${driver ? 3.5 : 1}"${driver ? "" : ' stroke-opacity="0.6"'}/>${tspans}${tag}</g>`;
}

export function treeSvg(nodes: readonly TreeNode[], driver: NodeId | null, text: TreeText): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parts: string[] = [];
  LEVELS.forEach((level, k) => {
    const x = 4 + k * COL;
    parts.push(box(byId.get(level), level, x, TOP, text, driver === level));
    if (k < RATES.length) {
      const rate = RATES[k]!;
      // The link to the next level, and from its middle down to the rate: level = next x rate.
      const x1 = x + BOX_W;
      const x2 = x + COL;
      const mid = x + BOX_W + (COL - BOX_W) / 2;
      const rx = x + COL / 2 + 3;
      parts.push(
        `<path d="M${x1} ${TOP + BOX_H / 2}H${x2}M${mid} ${TOP + BOX_H / 2}V${RATE_TOP - 20}H${rx + BOX_W / 2}V${RATE_TOP}" fill="none" stroke="currentColor" stroke-opacity="0.6"/>`,
        `<text x="${rx + BOX_W / 2 + 6}" y="${RATE_TOP - 6}" font-size="14" fill="currentColor">×</text>`,
      );
      // A rate's main-cause tag goes below its box: above it are the links.
      parts.push(box(byId.get(rate), rate, rx, RATE_TOP, text, driver === rate, true));
    }
  });
  return `<svg role="img" class="plot kpi-tree" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" aria-label="${esc(text.ariaLabel)}" font-family="inherit">${parts.join("")}</svg>`;
}
