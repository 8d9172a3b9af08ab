import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/stream/markdown";
import { SourcesList } from "@/components/stream/citations";
import { XSS_ANSWER, XSS_CITED } from "@/lib/local-engine/triggers";
import { safeUrl } from "@/lib/markdown/safe-url";
import { annotateMarkdown } from "@/lib/responses/annotations";
import type { NextConfig } from "next";
import nextConfigModule from "@/next.config.mjs";
import { pageCsp } from "@/proxy";
import { engine } from "../local-engine/helpers";
import { foldAnswer } from "./helpers";

async function xssRun() {
  const res = await engine("/responses", { json: { model: "local-echo-1", input: "Show me [xss]", stream: true } });
  return foldAnswer(res);
}

/** Every way the hostile answer could become live markup: checks real tags and their attributes (text may say anything). */
function expectInert(html: string) {
  for (const tag of html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const [, name, attrs = ""] = tag;
    expect(["script", "iframe", "svg", "img", "object", "embed", "style", "link", "meta", "base", "form"], tag[0]).not.toContain(
      name!.toLowerCase(),
    );
    for (const attr of attrs.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
      const key = attr[1]!.toLowerCase();
      expect(key.startsWith("on"), tag[0]).toBe(false);
      if (key === "href" || key === "src" || key === "action" || key === "formaction") {
        const url = (attr[2] ?? "").replace(/&amp;/g, "&");
        expect(url.startsWith("#") || /^(https?:|mailto:|\/)/i.test(url), `${key}=${url}`).toBe(true);
      }
    }
  }
}

describe("5. hostile content", () => {
  it("the local engine's [xss] trigger answers with script tags, onerror attributes, javascript: links and hostile citations", async () => {
    const { state, text } = await xssRun();
    expect(state.status).toBe("completed");
    expect(text).toBe(XSS_ANSWER);
    for (const payload of ["<script>", "onerror=", "javascript:", "<svg onload", "data:text/html"]) expect(text).toContain(payload);
    const item = state.items.find((v) => v.item.type === "message")!.item as {
      content: Array<{ annotations: Array<{ url: string; title: string }> }>;
    };
    const annotations = item.content[0]!.annotations;
    expect(annotations.map((a) => a.url)).toEqual([expect.stringMatching(/^javascript:/), expect.stringMatching(/^data:/)]);
    expect(annotations[0]!.title).toContain("<img");
  });

  it("markdown never renders raw HTML, and only http, https and mailto links are live (answer and citations)", async () => {
    const { state, text } = await xssRun();
    const item = state.items.find((v) => v.item.type === "message")!.item as { content: Array<{ annotations: unknown[] }> };
    const annotated = annotateMarkdown(text, item.content[0]!.annotations);
    const html = renderToStaticMarkup(<Markdown text={text} annotations={item.content[0]!.annotations} />);
    expectInert(html);
    expect(html).toContain('href="https://example.com/safe"');
    expect(html).toContain(XSS_CITED); // the cited words are still there, as text
    // The Sources list shows hostile titles as text, never as markup.
    const sources = renderToStaticMarkup(<SourcesList citations={annotated.citations} />);
    expectInert(sources);
    expect(sources).not.toContain("<img");
  });

  it("safeUrl keeps http, https, mailto, fragments and paths; refuses every other scheme however it is spelt", () => {
    for (const ok of ["https://a.example/x", "http://a.example", "mailto:a@b.example", "#rp-cite-1", "/p/abc"])
      expect(safeUrl(ok)).not.toBeNull();
    for (const bad of [
      "javascript:alert(1)",
      " JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
      "file:///etc/passwd",
      "blob:https://x/y",
      "",
    ]) {
      const out = safeUrl(bad);
      expect(out === null || /^(https?:|mailto:|#|\/[^/])/.test(out), bad).toBe(true);
    }
  });

  it("annotation offsets outside the text are clamped, never thrown", () => {
    const text = "short text";
    const wild = [-5, 0, 3, 10, 11, 1e9, -1e9, NaN, Infinity, -Infinity, 2.5, "7", null, undefined];
    for (const s of wild) {
      for (const e of wild) {
        const out = annotateMarkdown(text, [
          { type: "url_citation", start_index: s, end_index: e, url: "https://x.example", title: "t" },
          { type: "file_citation", index: s, file_id: "file_1", filename: "f.txt" },
          { type: "container_file_citation", start_index: s, end_index: e, file_id: "file_2", container_id: "c", filename: "g" },
        ]);
        for (const c of out.citations) {
          if (c.kind === "url") expect(c.start >= 0 && c.end <= text.length && c.start <= c.end).toBe(true);
          else expect(c.at >= 0 && c.at <= text.length).toBe(true);
        }
        expect(() =>
          renderToStaticMarkup(
            <Markdown
              text={text}
              annotations={[{ type: "url_citation", start_index: s, end_index: e, url: "javascript:x", title: "<b>" }]}
            />,
          ),
        ).not.toThrow();
      }
    }
    expect(() => annotateMarkdown(text, [null, 5, "x", [], { type: "url_citation" }] as unknown[])).not.toThrow();
  });

  it("pages get a nonce-based CSP; every route gets the usual security headers; API answers may run nothing", async () => {
    const csp = pageCsp("abc123", false);
    for (const d of [
      "default-src 'self'",
      "script-src 'self' 'nonce-abc123' 'strict-dynamic'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "connect-src 'self'",
      "img-src 'self' data: blob: https:",
    ]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const rules = await (nextConfigModule as NextConfig).headers!();
    const all = Object.fromEntries(rules.find((r) => r.source === "/:path*")!.headers.map((h) => [h.key, h.value]));
    expect(all).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": expect.any(String),
      "Permissions-Policy": expect.any(String),
    });
    const api = rules.find((r) => r.source === "/api/:path*")!.headers[0]!;
    expect(api.value).toContain("default-src 'none'");
  });

  it("[cut] ends the stream mid-answer without a terminal event: the run is interrupted, the text kept", async () => {
    const res = await engine("/responses", { json: { model: "local-echo-1", input: "Tell me about the sea [cut]", stream: true } });
    const { state, text } = await foldAnswer(res);
    expect(state.status).toBe("interrupted");
    expect(text.length).toBeGreaterThan(20);
  });
});
