// The XML of a workbook's parts as text decoded across chunk boundaries. exceljs 4.4's streaming
// reader decodes each chunk the zip gives it on its own (a TextDecoder without `stream`), so a
// character that a chunk boundary cut in two became U+FFFD: in a workbook of a few thousand
// Japanese rows some values read 株式���社, and a stage 受注 cut so no longer reads as won.
// Decoded here, each chunk exceljs parses ends on a whole character.
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** The UTF-8 text of `chunks` (bytes or text), a chunk at a time, never cutting a character. */
export async function* xmlText(chunks: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text !== "") yield text;
  }
  const rest = decoder.end();
  if (rest !== "") yield rest;
}

/** A stream of `text`'s chunks, for exceljs's parts that read a stream (each chunk whole characters). */
export function streamOf(text: AsyncIterable<string>): Readable {
  return Readable.from(text, { objectMode: false });
}
