// Inline strings of a worksheet (<c t="inlineStr"><is>...</is></c>), as a workbook written without
// a shared-strings part holds its text. exceljs 4.4's streaming reader takes the last <t> in such
// a cell as its text: of a rich string's runs (<r><t>Trade </t></r><r><t>Show</t></r>) only the
// last, and of a string with a phonetic guide the guide. Each inline string with runs or a guide
// is rewritten as one <t> holding its text before exceljs parses the sheet.
import { PHONETIC_GUIDE } from "./phonetic.ts";

const INLINE = /<is>([\s\S]*?)<\/is>/g;
const TEXT = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;

/** An inline string's XML as one <t>: its runs' text, without phonetic guides (undefined: it is one already). */
function flattened(inner: string): string | undefined {
  if (!inner.includes("<r")) return undefined;
  const text = [...inner.replace(PHONETIC_GUIDE, "").matchAll(TEXT)].map((m) => m[1]).join("");
  return `<is><t xml:space="preserve">${text}</t></is>`;
}

/** A worksheet's XML text (decoded: read/xmltext.ts) with its inline strings flattened, a chunk at a time. */
export async function* inlineStringsFlattened(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of chunks) {
    let text = carry + chunk;
    if (text.includes("<is>")) text = text.replace(INLINE, (all, inner: string) => flattened(inner) ?? all);
    // Hold back an inline string not closed yet, or a tag cut by the chunk's end.
    const open = text.lastIndexOf("<is>");
    const lt = text.lastIndexOf("<");
    const keep = open >= 0 && !text.includes("</is>", open) ? open : lt >= 0 && !text.includes(">", lt) ? lt : text.length;
    carry = text.slice(keep);
    if (keep > 0) yield text.slice(0, keep);
  }
  if (carry !== "") yield carry.replace(INLINE, (all, inner: string) => flattened(inner) ?? all);
}
