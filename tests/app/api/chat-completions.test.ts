import { afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/v1/chat/completions/route";
import { resetRateLimits } from "@/lib/upstream/limits";

/** The proxy route `POST /api/v1/chat/completions`: checks the body, then forwards to the upstream unchanged. */

function call(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request("http://playground.test/api/v1/chat/completions", {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "x-local-engine-delay-ms": "0", ...headers },
    }),
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetRateLimits();
});

describe("proxy: /api/v1/chat/completions", () => {
  it("400 in the API's shape for invalid JSON, a missing model and a missing messages array", async () => {
    const bad = await call("{oops");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.code).toBe("invalid_json");
    const noModel = (await (await call(JSON.stringify({ messages: [] }))).json()) as any;
    expect(noModel.error).toMatchObject({ param: "model", code: "missing_required_parameter" });
    const noMessages = (await (await call(JSON.stringify({ model: "m" }))).json()) as any;
    expect(noMessages.error).toMatchObject({ param: "messages", code: "missing_required_parameter" });
  });

  it("a body over PLAYGROUND_MAX_BODY_BYTES gets 413 in the API's shape, declared or streamed, as /responses does", async () => {
    vi.stubEnv("PLAYGROUND_MAX_BODY_BYTES", "1kb");
    const big = JSON.stringify({ model: "m", messages: [{ role: "user", content: "x".repeat(5000) }] });
    const declared = await call(big, { "content-length": String(big.length) });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as any).error).toMatchObject({ code: "payload_too_large", type: "invalid_request_error" });
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 500, (i + 1) * 500)));
        c.close();
      },
    });
    const chunked = await POST(
      new Request("http://playground.test/api/v1/chat/completions", {
        method: "POST",
        body: streamed,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as any).error.code).toBe("payload_too_large");
  });

  it("is rate-limited per client like every proxy call: 429 with Retry-After", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    vi.stubEnv("PLAYGROUND_RATE_LIMIT_PER_MIN", "1");
    const body = JSON.stringify({ model: "local-echo-1", messages: [{ role: "user", content: "hi" }] });
    expect((await call(body, { "x-forwarded-for": "203.0.113.9" })).status).toBe(200);
    const limited = await call(body, { "x-forwarded-for": "203.0.113.9" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
    expect(((await limited.json()) as any).error.code).toBe("rate_limit_exceeded");
  });

  it("streams the local engine's chunks through unchanged, ending with [DONE]", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const res = await call(
      JSON.stringify({
        model: "local-echo-1",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("forwards the exact bytes to {baseURL}/chat/completions with the server key", async () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-server-key-000000");
    vi.stubEnv("OPENAI_BASE_URL", "https://gateway.example.test/v1");
    // The server key is only for authorised callers (lib/upstream/access.ts), whatever this process listens on.
    vi.stubEnv("PLAYGROUND_ACCESS_TOKEN", "classroom-token-123");
    const seen: Array<{ url: string; body: string; auth: string | null }> = [];
    const fetchMock = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const req = new Request(input, init);
      seen.push({ url: req.url, body: await req.text(), auth: req.headers.get("authorization") });
      return new Response('data: {"id":"x"}\n\ndata: [DONE]\n\n', { headers: { "content-type": "text/event-stream" } });
    });
    vi.stubGlobal("fetch", fetchMock);
    try {
      const body = '{"model":"gpt-4.1",  "messages":[{"role":"user","content":"hi"}],"stream":true}';
      const res = await call(body, { "x-playground-access-token": "classroom-token-123" });
      expect(await res.text()).toBe('data: {"id":"x"}\n\ndata: [DONE]\n\n');
      expect(seen[0]).toEqual({ url: "https://gateway.example.test/v1/chat/completions", body, auth: "Bearer sk-server-key-000000" });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
