import { describe, expect, it } from "vitest";
import { splitMarkdownBlocks } from "@/lib/markdown/blocks";
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
