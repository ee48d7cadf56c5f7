// Phonetic guides (furigana) in a workbook's shared strings. Japanese Excel stores the reading of
// text typed through an IME beside the text: <si><t>広告</t><rPh sb="0" eb="2"><t>コウコク</t></rPh></si>.
// exceljs 4.4's streaming reader takes the last <t> of a plain string as its text, so such a cell
// read as its reading (a header 月 as ツキ, a channel 広告 as コウコク). The guides are cut out of
// the XML before exceljs parses it; a guide is never part of the cell's value.

/** A whole phonetic guide element (with or without a namespace prefix), or an empty one. */
export const PHONETIC_GUIDE = /<((?:[\w.-]+:)?rPh)\b(?:[^>]*\/>|[^>]*>[\s\S]*?<\/\1\s*>)/g;
/** The start of a guide whose end has not been read yet. */
const OPEN_GUIDE = /<(?:[\w.-]+:)?rPh[\s>/]/;

/** The XML text of `chunks` (decoded: read/xmltext.ts) without its phonetic guides, a chunk at a time. */
export async function* phoneticsCut(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let carry = "";
  for await (const chunk of chunks) {
    const text = (carry + chunk).replace(PHONETIC_GUIDE, "");
    // Hold back a guide not closed yet, or a tag cut by the chunk's end (it may open one).
    const open = text.search(OPEN_GUIDE);
    const lt = text.lastIndexOf("<");
    const keep = open >= 0 ? open : lt >= 0 && !text.includes(">", lt) ? lt : text.length;
    carry = text.slice(keep);
    if (keep > 0) yield text.slice(0, keep);
  }
  const rest = carry.replace(PHONETIC_GUIDE, "");
  if (rest !== "") yield rest;
}
