import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readNarrative } from "../src/edition/narrative.ts";
import { renderMarkdown } from "../src/site/markdown.ts";
import { maskPersonal, maskPersonalMarkdown } from "../src/validate/mask.ts";

describe("narrative markdown", () => {
  it("renders paragraphs, lists and emphasis", () => {
    expect(renderMarkdown("October was **quiet**.\n\n- one\n- *two*")).toBe(
      "<p>October was <strong>quiet</strong>.</p>\n<ul><li>one</li><li><em>two</em></li></ul>",
    );
  });
  it("never lets markup through", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n"><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))');
    expect(html).not.toMatch(/<script|<img|href=/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("[x](javascript:alert(1))");
  });
});

describe("masked contacts in the narrative", () => {
  const text = "Ask taro@example.jp or 090-1234-5678, then *soon*.";
  it("read as their masks once rendered, not as emphasis; the author's emphasis stays", () => {
    expect(renderMarkdown(maskPersonalMarkdown(text))).toBe("<p>Ask t***@e***.jp or ***-****-**78, then <em>soon</em>.</p>");
    // The same words as masking the rendered page gives: a frozen narrative reads as a draft's did.
    expect(renderMarkdown(maskPersonalMarkdown(text))).toBe(maskPersonal(renderMarkdown(text)));
    expect(renderMarkdown("a \\* b")).toBe("<p>a * b</p>");
  });
  it("are frozen masked in the Markdown an edition keeps", () => {
    const root = mkdtempSync(join(tmpdir(), "gekkan-narrative-"));
    try {
      mkdirSync(join(root, "reports"));
      writeFileSync(join(root, "reports/2026-10.md"), `---\nstatus: draft\n---\n${text}\n`);
      const frozen = readNarrative(root, "2026-10")!;
      expect(frozen.body).not.toContain("taro@");
      expect(renderMarkdown(frozen.body)).toBe("<p>Ask t***@e***.jp or ***-****-**78, then <em>soon</em>.</p>");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("line breaks in the narrative", () => {
  it("joins a soft line break (nothing between Japanese, a space between words) and keeps a hard one", () => {
    expect(renderMarkdown("10月は下期のスタート。\n一方で、MQLは")).toBe("<p>10月は下期のスタート。一方で、MQLは</p>");
    expect(renderMarkdown("Leads rose\nin October")).toBe("<p>Leads rose in October</p>");
    expect(renderMarkdown("行1  \n行2")).toBe("<p>行1<br>行2</p>");
  });
});
