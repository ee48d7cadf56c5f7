// Japanese phrase breaks at build time: BudouX's phrases, numbers kept with their units, markup and
// non-running text left alone.
import { describe, expect, it } from "vitest";
import { phraseBreaker, phrases, withPhraseBreaks } from "../src/site/phrases.ts";

describe("phrase breaks", () => {
  it("splits Japanese between phrases and never between a number and its unit", () => {
    expect(phrases("営業とマーケティングの連携状況")).toEqual(["営業と", "マーケティングの", "連携状況"]);
    // A parser that would split a number from its unit: the unit stays with it.
    expect(phrases("201万円", () => ["201", "万円"])).toEqual(["201万円"]);
    expect(phrases("1,300件を獲得", () => ["1,300", "件を", "獲得"])).toEqual(["1,300件を", "獲得"]);
  });

  it("marks boundaries with <wbr> in text only: not in tags, attributes, entities, SVG or scripts", () => {
    const html =
      '<p title="営業とマーケティングの連携状況">営業とマーケティングの連携状況 &amp; 営業</p><svg><text>営業とマーケティングの連携状況</text></svg><script>"営業とマーケティング"</script>';
    expect(withPhraseBreaks(html)).toBe(
      '<p title="営業とマーケティングの連携状況">営業と<wbr>マーケティングの<wbr>連携状況 &amp; 営業</p><svg><text>営業とマーケティングの連携状況</text></svg><script>"営業とマーケティング"</script>',
    );
    expect(withPhraseBreaks("<p>Leads 1,300</p>")).toBe("<p>Leads 1,300</p>");
    // A style sheet's "<" is no tag: the text after the sheet is still split.
    expect(withPhraseBreaks("<style>@media (width<=640px){a{color:red}}</style><p>営業とマーケティングの連携状況</p>")).toBe(
      "<style>@media (width<=640px){a{color:red}}</style><p>営業と<wbr>マーケティングの<wbr>連携状況</p>",
    );
  });

  it("breaks a run seen on an earlier page as it broke it there", () => {
    const known = new Map<string, string>();
    const page = "<h1>営業とマーケティングの連携状況</h1><p>営業とマーケティングの連携状況</p>";
    const first = withPhraseBreaks(page, known);
    expect(known.get("営業とマーケティングの連携状況")).toBe("営業と<wbr>マーケティングの<wbr>連携状況");
    expect(withPhraseBreaks(page, known)).toBe(first);
    expect(first).toBe(withPhraseBreaks(page));
  });

  it("breaks each page of a render as withPhraseBreaks does, page after page", () => {
    const pages = ["<p>営業とマーケティングの連携状況</p>", "<h1>営業とマーケティングの連携状況</h1><p>商談化率は12%です</p>"];
    const breaker = phraseBreaker();
    expect(pages.map(breaker)).toEqual(pages.map((p) => withPhraseBreaks(p)));
  });
});
