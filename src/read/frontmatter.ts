// Where a narrative's front matter is, by the rule the build's content loader applies (Astro's, in
// @astrojs/internal-helpers): `---` at the top of the file (after a BOM or blank lines), anything
// after it on its line, up to the next line that starts with `---`. The check and a publish find it
// where the build will: with a stricter rule of their own, a BOM or a space after the dashes hid it
// from them, so a typo passed the check and stopped the build, and a publish wrote a second front
// matter above the first (the month then showed its old front matter as commentary).
const FRONT_MATTER = /(?:^\uFEFF?|^\s*\n)---([\s\S]*?\n)---/;
/** An opening line of dashes alone: front matter meant, even when it is never closed. */
const OPENED = /^\uFEFF?(?:\s*\n)?---[ \t]*\r?\n/;

export interface FrontMatter {
  /** The text from just after the opening dashes to the closing ones: YAML, its first line the opening line's rest. */
  yaml: string;
  /** The file's line of the opening dashes. */
  line: number;
  /** Where the text after the closing dashes starts. */
  end: number;
}

/** The front matter of a narrative's text; `opened` when dashes open one that is never closed. */
export function frontMatterOf(text: string): FrontMatter | "opened" | undefined {
  const m = FRONT_MATTER.exec(text);
  if (!m) return OPENED.test(text) ? "opened" : undefined;
  const end = m.index + m[0].length;
  const open = end - 3 - m[1]!.length - 3;
  return { yaml: m[1]!, line: text.slice(0, open).split("\n").length, end };
}
