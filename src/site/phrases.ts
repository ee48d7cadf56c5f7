// Japanese line breaking by phrase, decided at build time so it works in every browser (Safari on an
// iPhone has no `word-break: auto-phrase`): BudouX splits each run of Japanese text into phrases and
// a <wbr> marks each boundary; the page's CSS (word-break: keep-all) then breaks only there and at
// spaces, never inside a word, a number or a unit.
import { loadDefaultJapaneseParser } from "budoux";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// Elements whose text is not running text (or not HTML text at all): left as they are.
const SKIP = /^(script|style|svg|title|textarea|pre|code)$/i;

let parser: ReturnType<typeof loadDefaultJapaneseParser> | undefined;

/** Boundaries BudouX finds, kept only where they do not split a number from what follows it. */
export function phrases(text: string, parse: (s: string) => string[] = (s) => (parser ??= loadDefaultJapaneseParser()).parse(s)): string[] {
  const out: string[] = [];
  for (const chunk of parse(text)) {
    const prev = out.at(-1);
    // "1,300" | "件" or "201" | "万円": a number and its unit are one phrase.
    if (prev !== undefined && /[\d.,%]$/.test(prev) && /^[\d.,%万億千円件日時間分秒pt]/.test(chunk)) out[out.length - 1] = prev + chunk;
    else out.push(chunk);
  }
  return out;
}

/**
 * A page's HTML with a <wbr> between the phrases of every Japanese text run outside SKIP elements.
 * `known`: runs already broken, by their text: the pages of a build repeat most of their text
 * (navigation, labels, definitions), and breaking a run is the same work every time.
 */
export function withPhraseBreaks(html: string, known: Map<string, string> = new Map()): string {
  let skipping: string | undefined;
  let depth = 0;
  // A script's or a style sheet's text is raw (a CSS `width<=640px` is no tag): each is taken whole, to its end tag.
  return html.replace(
    /(<(script|style)\b[^>]*>[\s\S]*?<\/\2\s*>)|(<[^>]+>)|([^<]+)/gi,
    (_, raw: string | undefined, _name, tag: string | undefined, text: string | undefined) => {
      if (raw !== undefined) return raw;
      if (tag !== undefined) {
        const m = /^<(\/?)([a-zA-Z][\w-]*)/.exec(tag);
        if (m) {
          const [, close, name] = m;
          if (skipping === undefined && !close && SKIP.test(name!) && !tag.endsWith("/>")) [skipping, depth] = [name!.toLowerCase(), 1];
          else if (skipping === name!.toLowerCase()) depth += close ? -1 : tag.endsWith("/>") ? 0 : 1;
          if (skipping !== undefined && depth === 0) skipping = undefined;
        }
        return tag;
      }
      if (skipping !== undefined || !JAPANESE.test(text!)) return text!;
      // Entities (&amp;) stay whole: only the text between them is split.
      return text!
        .split(/(&[#\w]+;)/)
        .map((part) => {
          if (part.startsWith("&") || !JAPANESE.test(part)) return part;
          let broken = known.get(part);
          if (broken === undefined) known.set(part, (broken = phrases(part).join("<wbr>")));
          return broken;
        })
        .join("");
    },
  );
}

/**
 * withPhraseBreaks for the pages of one render, one page at a time: the runs broken so far are
 * shared between them, as the pages repeat most of their text.
 */
export function phraseBreaker(): (html: string) => string {
  const known = new Map<string, string>();
  return (html) => withPhraseBreaks(html, known);
}
