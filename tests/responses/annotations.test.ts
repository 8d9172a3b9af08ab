import { describe, expect, it } from "vitest";
import { annotateMarkdown, displayUrl, fencedRegions, markerIndex, CITE_PREFIX, FILE_PREFIX } from "@/lib/responses/annotations";
import { splitMarkdownBlocks } from "@/lib/markdown/blocks";
import { seedResponse } from "./helpers";

const url = (start_index: number, end_index: number, n = 0) => ({
  type: "url_citation",
  start_index,
  end_index,
  url: `https://example.com/${n}`,
  title: `Page ${n}`,
});

describe("annotateMarkdown", () => {
  it("leaves text without annotations untouched", () => {
    expect(annotateMarkdown("Hello **world**", [])).toEqual({ source: "Hello **world**", citations: [] });
    expect(annotateMarkdown("x", null).source).toBe("x");
  });

  it("wraps each url_citation's exact words in a marker link", () => {
    const text = "According to Example News, the launch is on Friday.";
    const { source, citations } = annotateMarkdown(text, [url(13, 25)]);
    expect(source).toBe("According to [Example News](#rp-cite-0), the launch is on Friday.");
    expect(citations[0]).toMatchObject({ kind: "url", n: 0, start: 13, end: 25, linked: true, title: "Page 0" });
  });

  it("clamps offsets into the text and never throws: past the end, negative, reversed, not numbers", () => {
    const text = "short text";
    const { source, citations } = annotateMarkdown(text, [
      url(6, 999, 0),
      url(-5, 2, 1),
      url(8, 3, 2),
      { type: "url_citation", start_index: "x", end_index: null, url: 5, title: {} },
      { type: "file_citation", index: 1e9, file_id: "f", filename: "a.pdf" },
      null,
      "junk",
      { type: "future_annotation", index: 1 },
    ]);
    expect(citations).toHaveLength(5);
    // Overlapping ranges cannot both be links: the one that starts first in the text wins.
    expect(citations[0]).toMatchObject({ start: 6, end: 10, linked: false });
    expect(citations[1]).toMatchObject({ start: 0, end: 2, linked: true });
    expect(citations[2]).toMatchObject({ start: 3, end: 8, linked: true });
    expect(citations[3]).toMatchObject({ start: 0, end: 0, linked: false, url: "", title: "" });
    expect(citations[4]).toMatchObject({ kind: "file", at: 10, filename: "a.pdf" });
    expect(source).toBe("[sh](#rp-cite-1)o[rt te](#rp-cite-2)xt[a.pdf](#rp-file-4)");
  });

  it("puts file chips at their index, merges identical ones, and keeps them off the start of a line", () => {
    const text = "First point.\n\n- Second point.";
    const file = (index: number) => ({ type: "file_citation", index, file_id: "file-1", filename: "notes [v2].pdf" });
    const { source, citations } = annotateMarkdown(text, [file(12), file(12), { type: "file_path", index: 14, file_id: "file-2" }]);
    expect(citations).toHaveLength(2);
    expect(citations[0]).toMatchObject({ kind: "file", annotationIndexes: [0, 1], at: 12 });
    expect(citations[1]).toMatchObject({ kind: "file", type: "file_path", filename: "file-2", at: 12 });
    expect(source).toBe("First point.[notes \\[v2\\].pdf](#rp-file-0)[file-2](#rp-file-1)\n\n- Second point.");
  });

  it("a range that already holds a markdown link gets that link's target replaced, not nested", () => {
    const text = "Launch on Friday ([example.com](https://example.com/a?utm_source=openai)).";
    const start = text.indexOf("(");
    const { source } = annotateMarkdown(text, [url(start, text.length - 1)]);
    expect(source).toBe("Launch on Friday ([example.com](#rp-cite-0)).");
  });

  it("cuts a range at a line break, and lists (does not link) a range inside fenced code", () => {
    const text = "One line\nnext line\n\n```\ncode here\n```\nafter";
    const inCode = text.indexOf("code here");
    const { source, citations } = annotateMarkdown(text, [url(4, 13), url(inCode, inCode + 4, 1)]);
    expect(source.startsWith("One [line](#rp-cite-0)\nnext line")).toBe(true);
    expect(citations[1]).toMatchObject({ linked: false });
    expect(source).toContain("```\ncode here\n```");
  });

  it("a container_file_citation becomes a chip at the end of its range", () => {
    const text = "Saved as plot.png.";
    const { source } = annotateMarkdown(text, [
      { type: "container_file_citation", container_id: "c", file_id: "cf", filename: "plot.png", start_index: 9, end_index: 17 },
    ]);
    expect(source).toBe("Saved as plot.png[plot.png](#rp-file-0).");
  });

  it("the spliced source keeps the block structure, so finished blocks stay memoised", () => {
    const text = "Para one cites here.\n\nPara two.\n\n- item cited";
    const { source } = annotateMarkdown(text, [url(9, 14), url(text.indexOf("cited"), text.length, 1)]);
    expect(splitMarkdownBlocks(source)).toHaveLength(splitMarkdownBlocks(text).length);
  });

  it("seed 002 web search: the two placeable citations become links over the right words, the third is listed only", () => {
    const response = seedResponse("seed-002-web-search.json");
    const msg = response.output[1]!;
    if (msg.type !== "message" || msg.content[0]!.type !== "output_text") throw new Error("shape");
    const { text, annotations } = msg.content[0]!;
    const { source, citations } = annotateMarkdown(text, annotations);
    expect(citations.map((c) => (c.kind === "url" ? [c.start, c.end, c.linked] : null))).toEqual([
      [42, 100, true],
      [101, 137, true],
      [137, 137, false],
    ]);
    expect(source).toContain(`[${text.slice(42, 100)}](#rp-cite-0)`);
    expect(source).toContain(`[${text.slice(101)}](#rp-cite-1)`);
  });

  it("seed 002 file search: chips at 80, 233, 345, and one merged chip (×5) at the end", () => {
    const response = seedResponse("seed-002-file-search.json");
    const msg = response.output[1]!;
    if (msg.type !== "message" || msg.content[0]!.type !== "output_text") throw new Error("shape");
    const { text, annotations } = msg.content[0]!;
    const { source, citations } = annotateMarkdown(text, annotations);
    expect(citations.map((c) => (c.kind === "file" ? [c.at, c.annotationIndexes.length] : null))).toEqual([
      [80, 1],
      [233, 1],
      [345, 1],
      [text.length, 5],
    ]);
    expect(source.match(/\(#rp-file-\d+\)/g)).toHaveLength(4);
    expect(source.endsWith("[dragons.pdf](#rp-file-3)")).toBe(true);
  });
});

describe("helpers", () => {
  it("markerIndex and displayUrl", () => {
    expect(markerIndex(`${CITE_PREFIX}3`, CITE_PREFIX)).toBe(3);
    expect(markerIndex(`${FILE_PREFIX}x`, FILE_PREFIX)).toBeNull();
    expect(markerIndex("https://x", CITE_PREFIX)).toBeNull();
    expect(displayUrl("https://example.com/a/b?utm=1")).toBe("example.com/a/b");
    expect(displayUrl("not a url")).toBe("not a url");
  });
});

describe("fencedRegions on a growing text", () => {
  /** The plain whole-text scan the incremental one must agree with. */
  function reference(text: string): Array<[number, number]> {
    const regions: Array<[number, number]> = [];
    let open: { marker: string; start: number } | null = null;
    let lineStart = 0;
    while (lineStart <= text.length) {
      let lineEnd = text.indexOf("\n", lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        const marker = fence[1]!;
        if (!open) open = { marker, start: lineStart };
        else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker) {
          regions.push([open.start, lineEnd]);
          open = null;
        }
      }
      if (lineEnd === text.length) break;
      lineStart = lineEnd + 1;
    }
    if (open) regions.push([open.start, text.length]);
    return regions;
  }

  it("agrees with a whole-text scan at every length, and after switching to another text", () => {
    const text =
      "Intro\n\n```ts\nconst a = 1;\n``` not a close\n```\n\n~~~~\ncode\n~~~\n~~~~\n\n   ```\nindented fence\n   ```\nend\n````\nopen at the end";
    const other = "```\nanother text\n";
    for (let end = 0; end <= text.length; end++) {
      const prefix = text.slice(0, end);
      expect(fencedRegions(prefix), JSON.stringify(prefix)).toEqual(reference(prefix));
      if (end % 17 === 0) expect(fencedRegions(other)).toEqual(reference(other));
    }
  });
});
