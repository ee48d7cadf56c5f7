import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/site/markdown.ts";

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

describe("line breaks in the narrative", () => {
  it("joins a soft line break (nothing between Japanese, a space between words) and keeps a hard one", () => {
    expect(renderMarkdown("10月は下期のスタート。\n一方で、MQLは")).toBe("<p>10月は下期のスタート。一方で、MQLは</p>");
    expect(renderMarkdown("Leads rose\nin October")).toBe("<p>Leads rose in October</p>");
    expect(renderMarkdown("行1  \n行2")).toBe("<p>行1<br>行2</p>");
  });
});
