import { describe, expect, it } from "vitest";
import { decodeFragment, encodeFragment, fragmentUrl } from "@/lib/share/fragment";

describe("stateless links (request in the URL fragment)", () => {
  it("round-trips a request, unicode and key order included, and is URL-safe", async () => {
    const request = {
      model: "gpt-4.1",
      input: [{ role: "user", content: '你好 🌍 — "quotes" & ampersands' }],
      stream: true,
      temperature: 0.2,
    };
    const fragment = await encodeFragment({ title: "Hi", request });
    expect(fragment).toMatch(/^r=[A-Za-z0-9_-]+$/);
    const back = await decodeFragment(`#${fragment}`);
    expect(back.title).toBe("Hi");
    expect(JSON.stringify(back.request)).toBe(JSON.stringify(request));
  });

  it("compresses: a repetitive request is much shorter than its JSON", async () => {
    const request = { model: "m", input: "the same words again and again ".repeat(200) };
    const fragment = await encodeFragment({ title: "", request });
    expect(fragment.length).toBeLessThan(JSON.stringify(request).length / 10);
  });

  it("builds the full link", async () => {
    const url = await fragmentUrl("https://play.example.com/", { title: "t", request: { model: "m" } });
    expect(url).toMatch(/^https:\/\/play\.example\.com\/p#r=/);
  });

  it("scrubs keys before they go into a link", async () => {
    const fragment = await encodeFragment({
      title: "t",
      request: { model: "m", api_key: "sk-abcdefghijklmnopqrstuvwxyz", input: "Bearer abcdefghijklmnop" },
    });
    const back = await decodeFragment(fragment);
    expect(back.request).toEqual({ model: "m", input: "Bearer [redacted]" });
  });

  it.each([
    ["", /missing or was cut off/],
    ["#x=1", /missing or was cut off/],
    ["#r=!!!", /not valid base64url|cannot be decompressed/],
    ["#r=AAAA", /cannot be decompressed/],
  ])("a damaged link says so in plain words: %s", async (hash, pattern) => {
    await expect(decodeFragment(hash)).rejects.toThrow(pattern);
  });

  it("a cut-off link is refused, not half-read", async () => {
    const fragment = await encodeFragment({ title: "t", request: { model: "m", input: "x".repeat(500) + "y".repeat(500) } });
    await expect(decodeFragment(fragment.slice(0, Math.floor(fragment.length / 2)))).rejects.toThrow(/damaged|cut off/);
  });
});
