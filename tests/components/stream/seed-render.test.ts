import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { OutputItems } from "@/components/stream/output-view";
import { EMPTY_CONTEXT } from "@/components/stream/items/shared";
import { runStateFromResponse } from "@/lib/responses/reducer";
import { seedResponse } from "../../responses/helpers";

// The page loads the markdown renderer lazily (components/stream/lazy-markdown.tsx); static markup cannot wait for
// it, so these tests render with the renderer itself.
vi.mock("@/components/stream/lazy-markdown", async () => ({
  Markdown: (await import("@/components/stream/markdown")).Markdown,
  usePreloadMarkdown: () => undefined,
  preloadMarkdown: () => undefined,
}));

/** The seed 002 examples rendered as the page renders them (server-side markup of the same components). */
function render(name: string) {
  const response = seedResponse(name);
  const state = runStateFromResponse(response);
  const html = renderToStaticMarkup(createElement(OutputItems, { items: state.items, live: false, context: EMPTY_CONTEXT }));
  const message = response.output[1]!;
  if (message.type !== "message" || message.content[0]?.type !== "output_text") throw new Error("shape");
  return { html, text: message.content[0].text };
}

const escapeHtml = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

describe("seed 002 examples, rendered", () => {
  it("web search: the cited words are links to the cited pages; the third citation (past the end) is listed under Sources", () => {
    const { html, text } = render("seed-002-web-search.json");
    const first = `<a href="https://example.com/renewable-energy-breakthrough/?utm_source=chatgpt.com" target="_blank" rel="noopener noreferrer nofollow" data-citation="0"`;
    expect(html).toContain(first);
    expect(html).toContain(`>${escapeHtml(text.slice(42, 100))}</a>`);
    expect(html).toContain(`data-citation="1"`);
    expect(html).toContain(`>${escapeHtml(text.slice(101))}</a>`);
    expect(html).not.toContain(`data-citation="2"`);
    expect(html).toContain("太阳能发电成本有望降低40%");
    expect(html).toContain("(its offsets are outside the text)");
    expect(html).toContain('aria-label="Web search');
  });

  it("file search: file chips at their index (the five past the end merged into one ×5 chip), queries shown, results not included", () => {
    const { html } = render("seed-002-file-search.json");
    const chips = html.match(/data-testid="file-chip"/g) ?? [];
    expect(chips).toHaveLength(4);
    expect(html).toContain(">×5<");
    // One Sources entry per file, with how often it is cited.
    expect(html).toContain("cited 8×");
    expect(html).toContain("古代棕龙的特性和属性");
    expect(html).toContain("file_search_call.results");
    // The first chip sits right after the 80th character of the text.
    const plain = html.replace(/<[^>]+>/g, "");
    expect(plain).toContain("随着年龄增长会变得更加dragons.pdf暗沉");
  });
});
