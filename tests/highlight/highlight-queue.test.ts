import { describe, expect, it } from "vitest";
import { highlightToHtml } from "@/lib/highlight/shiki";

describe("highlightToHtml (queued)", () => {
  it("highlights queued calls in order", async () => {
    const [a, b] = await Promise.all([highlightToHtml('{"a": 1}', "json"), highlightToHtml("echo hi", "bash")]);
    expect(a).toContain("<pre");
    expect(a).toContain("a");
    expect(b).toContain("echo");
  });

  it("drops a call whose signal was aborted before its turn, without failing the others", async () => {
    const controller = new AbortController();
    const dropped = highlightToHtml("const x = 1;", "typescript", controller.signal);
    const kept = highlightToHtml("const y = 2;", "typescript");
    controller.abort();
    await expect(dropped).rejects.toMatchObject({ name: "AbortError" });
    await expect(kept).resolves.toContain("y");
  });

  it("rejects at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(highlightToHtml("x", "json", controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});
