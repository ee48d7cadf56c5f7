import { describe, expect, it } from "vitest";
import { decode, DecodeError, encodeShiftJis } from "../src/read/encoding.ts";

const text = "会社名,備考\n㈱サンプル,導入事例①ｶﾅ\n";

describe("decode", () => {
  it("reads UTF-8 and UTF-8 with BOM", () => {
    expect(decode(new TextEncoder().encode(text))).toEqual({ encoding: "utf-8", text });
    expect(decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ encoding: "utf-8-bom", text });
  });
  it("reads CP932 with CP932-only characters intact", () => {
    const d = decode(encodeShiftJis(text));
    expect(d.encoding).toBe("shift_jis");
    expect(d.text).toBe(text);
    expect(d.text).toContain("㈱");
    expect(d.text).toContain("①");
  });
  it("reads UTF-16 with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decode(le)).toEqual({ encoding: "utf-16le", text });
    const be = Buffer.from(Buffer.from(text, "utf16le")).swap16();
    expect(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ encoding: "utf-16be", text });
  });
  it("refuses bytes that are neither, naming the line", () => {
    const bad = Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0xfe, 0xfd, 0x80]);
    expect(() => decode(bad)).toThrow(DecodeError);
    try {
      decode(bad);
    } catch (e) {
      expect((e as DecodeError).line).toBe(3);
    }
  });
  it("encodes what it can and refuses what CP932 lacks", () => {
    expect(Buffer.from(encodeShiftJis("ア")).toString("hex")).toBe("8341");
    expect(() => encodeShiftJis("😀")).toThrow(/no Shift_JIS/);
  });
});
