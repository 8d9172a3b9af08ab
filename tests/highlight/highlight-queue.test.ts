import { describe, expect, it } from "vitest";
import { highlightToHtml } from "@/lib/highlight/shiki";

/** The text of highlighted HTML: tags dropped, the entities shiki writes decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("highlightToHtml (queued)", () => {
  it("answers each queued call with its own code, highlighted, in the order they were queued", async () => {
    const settled: string[] = [];
    const calls = [
      ['{"alpha": 1}', "json"],
      ["echo bravo", "bash"],
      ["print('charlie')", "python"],
      ["const delta: number = 4;", "typescript"],
    ] as const;
    const results = await Promise.all(
      calls.map(([code, lang], i) =>
        highlightToHtml(code, lang).then((html) => {
          settled.push(String(i));
          return html;
        }),
      ),
    );
    expect(settled).toEqual(["0", "1", "2", "3"]);
    results.forEach((html, i) => {
      expect(html.startsWith("<pre"), `call ${i} is a <pre>`).toBe(true);
      expect(textOf(html).trim(), `call ${i} holds its own code`).toBe(calls[i]![0]);
      expect(html, `call ${i} is coloured`).toMatch(/<span style="color:#[0-9A-Fa-f]{6}/);
    });
  });

  it("escapes the code: markup in it stays text", async () => {
    const html = await highlightToHtml('const s = "<img src=x onerror=alert(1)>";', "typescript");
    expect(html).not.toContain("<img");
    expect(textOf(html).trim()).toBe('const s = "<img src=x onerror=alert(1)>";');
  });

  it("drops a call whose signal was aborted before its turn, without failing the others", async () => {
    const controller = new AbortController();
    const before = highlightToHtml("const w = 0;", "typescript");
    const dropped = highlightToHtml("const x = 1;", "typescript", controller.signal);
    const kept = highlightToHtml("const y = 2;", "typescript");
    controller.abort();
    await expect(dropped).rejects.toMatchObject({ name: "AbortError" });
    expect(textOf(await before).trim()).toBe("const w = 0;");
    expect(textOf(await kept).trim()).toBe("const y = 2;");
  });

  it("rejects at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(highlightToHtml("x", "json", controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});
