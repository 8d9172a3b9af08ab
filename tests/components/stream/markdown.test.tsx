import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/stream/markdown";
import { decodeEntities } from "@/lib/markdown/entities";

/** The streaming view's markdown (marked's lexer → React elements): what an answer's markdown becomes on the page. */
const html = (text: string, annotations?: unknown[]) =>
  renderToStaticMarkup(<Markdown text={text} annotations={annotations} showSources={false} />);

describe("markdown rendering", () => {
  it("renders paragraphs, headings, emphasis, strikethrough, inline code, line breaks and rules", () => {
    const out = html("# Title\n\nSome **bold**, *em*, ~~gone~~ and `a<b>&amp;` here.  \nNext line\n\n---\n\n### Small");
    expect(out).toContain("<h1>Title</h1>");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain("<em>em</em>");
    expect(out).toContain("<del>gone</del>");
    // Code spans are literal: the entity stays as written.
    expect(out).toContain("<code>a&lt;b&gt;&amp;amp;</code>");
    expect(out).toContain("here.<br/>Next line");
    expect(out).toContain("<hr/>");
    expect(out).toContain("<h3>Small</h3>");
  });

  it("renders ordered (with start), unordered, nested and task lists", () => {
    const out = html("3. three\n4. four\n\n- a\n  - nested\n- [x] done\n- [ ] todo");
    expect(out).toContain('<ol start="3"><li>three</li><li>four</li></ol>');
    expect(out).toMatch(/<ul><li>a<ul><li>nested<\/li><\/ul><\/li>/);
    expect(out).toMatch(/<li><input type="checkbox"[^>]*disabled=""[^>]*checked=""\/>done<\/li>/);
    expect(out).toMatch(/<li><input type="checkbox"(?![^>]*checked)[^>]*\/>todo<\/li>/);
  });

  it("renders GFM tables with alignment", () => {
    const out = html("| a | b |\n|:-|-:|\n| 1 | **2** |");
    expect(out).toContain('<th style="text-align:left">a</th><th style="text-align:right">b</th>');
    expect(out).toContain('<td style="text-align:right"><strong>2</strong></td>');
  });

  it("decodes character references in text but not in code, and keeps backslash escapes literal", () => {
    const out = html("Fish &amp; chips &copy; &#169; &#xA9; &bogus; \\*not em\\*");
    expect(out).toContain("Fish &amp; chips © © © &amp;bogus; *not em*");
    expect(decodeEntities("&#0; &#x110000;")).toBe("\ufffd \ufffd");
  });

  it("renders fenced and indented code as code blocks, with the fence's language", () => {
    const out = html("```python title=x\nprint(1 < 2)\n```\n\n    indented");
    expect(out).toContain("print(1 &lt; 2)");
    expect(out).toContain("indented");
    expect(out).not.toContain("```");
  });

  it("links: http(s) and mailto are live in a new tab, autolinks too; anything else is text", () => {
    const out = html(
      "[ok](https://example.com/a?x=1&amp;y=2) www.example.org x@y.com [bad](javascript:alert(1)) [data](data:text/html,hi)",
    );
    expect(out).toContain('<a href="https://example.com/a?x=1&amp;y=2" target="_blank" rel="noopener noreferrer nofollow">ok</a>');
    expect(out).toContain('href="http://www.example.org/"');
    expect(out).toContain('href="mailto:x@y.com"');
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("data:text");
    expect(out).toContain('<span class="text-slate-500">bad</span>');
  });

  it("drops raw HTML but keeps the text between tags, and shows images as their alt text", () => {
    const out = html(
      'Hello <b onclick="x()">there</b> <script>alert(1)</script>\n\n<div>\nblock html\n</div>\n\n![a cat](https://x/cat.png)',
    );
    expect(out).not.toMatch(/<(b|script|img)\b/);
    expect(out).not.toContain("<div>");
    expect(out).toContain("Hello there");
    expect(out).not.toContain("block html");
    expect(out).toContain("[image: a cat]");
  });

  it("turns a cited range into a citation link numbered after its source", () => {
    const text = "The sky is blue. Water is wet.";
    const out = html(text, [{ type: "url_citation", start_index: 0, end_index: 16, url: "https://sky.example/", title: "Sky" }]);
    expect(out).toMatch(/<a href="https:\/\/sky\.example\/"[^>]*data-citation="0"[^>]*>The sky is blue\.<\/a>/);
  });
});
