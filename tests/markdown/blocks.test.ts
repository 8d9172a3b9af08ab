import { describe, expect, it } from "vitest";
import { splitGrowingMarkdown, splitMarkdownBlocks, type SplitBlocks } from "@/lib/markdown/blocks";
import { safeUrl } from "@/lib/markdown/safe-url";

describe("splitMarkdownBlocks", () => {
  it("splits paragraphs at blank lines and keeps every character of each block", () => {
    const text = "# Title\n\nFirst para\nstill first.\n\n- a\n- b\n";
    expect(splitMarkdownBlocks(text)).toEqual(["# Title\n", "First para\nstill first.\n", "- a\n- b\n"]);
  });

  it("never splits inside a fenced code block, even at blank lines", () => {
    const text = "Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter";
    expect(splitMarkdownBlocks(text)).toEqual(["Intro\n", "```ts\nconst a = 1;\n\nconst b = 2;\n```\n", "After"]);
  });

  it("keeps an unterminated fence (still streaming) as one growing block", () => {
    expect(splitMarkdownBlocks("Text\n\n```py\nx = 1\n\ny")).toEqual(["Text\n", "```py\nx = 1\n\ny"]);
  });

  it("returns the growing last block unchanged so earlier blocks stay identical as text streams", () => {
    const a = splitMarkdownBlocks("One\n\nTw");
    const b = splitMarkdownBlocks("One\n\nTwo more");
    expect(a[0]).toBe(b[0]);
    expect(b[1]).toBe("Two more");
  });

  it("handles empty and whitespace-only text", () => {
    expect(splitMarkdownBlocks("")).toEqual([]);
    expect(splitMarkdownBlocks("\n\n  \n")).toEqual([]);
  });
});

describe("safeUrl", () => {
  it("keeps http, https and mailto links", () => {
    expect(safeUrl("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(safeUrl("http://example.com")).toBe("http://example.com/");
    expect(safeUrl("mailto:a@example.com")).toBe("mailto:a@example.com");
  });

  it("refuses javascript:, data: and other schemes", () => {
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl(" JaVaScRiPt:alert(1)")).toBeNull();
    expect(safeUrl("data:text/html,<script>alert(1)</script>")).toBeNull();
    expect(safeUrl("vbscript:x")).toBeNull();
    expect(safeUrl("")).toBeNull();
    expect(safeUrl(undefined)).toBeNull();
  });
});

describe("splitGrowingMarkdown", () => {
  const answer = [
    "# Title\n\nA paragraph with `code` and a [link](https://x.example).\n\n",
    "```ts\nconst a = 1;\n\nconst b = 2;\n```\n\n",
    "- one\n- two\n\n   \n\n",
    "~~~\nnot a fence end ```\n\n~~~\n\n",
    "Last words, still coming in",
  ].join("");

  it("gives the same blocks as splitting the whole text, for every way the text can grow", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 50; round++) {
      let previous: { text: string; split: SplitBlocks } | null = null;
      for (let end = 0; end <= answer.length; end += 1 + Math.floor(rand() * 9)) {
        const text = answer.slice(0, end);
        const split = splitGrowingMarkdown(text, previous);
        expect(split.blocks, JSON.stringify(text)).toEqual(splitMarkdownBlocks(text));
        previous = { text, split };
      }
    }
  });

  it("starts over when the earlier text changed (a citation marker spliced in before the last block)", () => {
    const first = "One.\n\nTwo.\n\nThree";
    const split = splitGrowingMarkdown(first, null);
    const changed = "One [cited](#rp-cite-0).\n\nTwo.\n\nThree and more";
    expect(splitGrowingMarkdown(changed, { text: first, split }).blocks).toEqual(splitMarkdownBlocks(changed));
  });
});
