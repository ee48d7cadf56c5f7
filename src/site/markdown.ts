// The narrative's Markdown body, rendered as a safe subset: paragraphs, "- " lists, **bold**,
// *italic*, `code` and \* for an asterisk. Everything else stays text, escaped: a narrative can
// never inject markup, scripts or javascript: links into a report page.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Stands for an escaped asterisk (\*) while emphasis is found: a private-use character no text has. */
const LITERAL_STAR = "\uE000";

function inline(text: string): string {
  return escapeHtml(text)
    .replaceAll("\\*", LITERAL_STAR)
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>")
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replaceAll(LITERAL_STAR, "*");
}

export function renderMarkdown(body: string): string {
  const blocks = body
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/);
  return blocks
    .filter((b) => b.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      if (lines.every((l) => /^\s*[-*]\s+/.test(l)))
        return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*]\s+/, ""))}</li>`).join("")}</ul>`;
      const heading = /^(#{1,6})\s+(.*)$/.exec(block);
      if (heading && lines.length === 1) return `<h3>${inline(heading[2]!)}</h3>`;
      return `<p>${joinLines(lines)}</p>`;
    })
    .join("\n");
}

// Japanese and Chinese script, and their punctuation: no space between two such lines when joined.
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * A paragraph's lines as Markdown joins them: a soft line break is no break (a space between words,
 * nothing between Japanese characters); a line ending in two spaces or a backslash is a hard break.
 */
function joinLines(lines: readonly string[]): string {
  let out = "";
  lines.forEach((line, i) => {
    const hard = /( {2,}|\\)$/.test(line);
    const text = inline(line.replace(/( {2,}|\\)$/, "").trim());
    if (i === lines.length - 1) return void (out += text);
    const next = lines[i + 1]!.trim();
    out += text + (hard ? "<br>" : CJK.test(text.slice(-1)) && CJK.test(next.slice(0, 1)) ? "" : " ");
  });
  return out;
}
