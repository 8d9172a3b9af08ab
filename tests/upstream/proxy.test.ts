import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { forward, upstreamFailure } from "@/lib/upstream/forward";
import { redactSecrets } from "@/lib/upstream/redact";
import { resolveUpstream, type Upstream } from "@/lib/upstream/resolve";
import { POST as createResponse } from "@/app/api/v1/responses/route";
import { POST as benchPassthrough } from "@/app/api/bench/passthrough/route";

const KEY = "sk-test-abcdefghijklmnopqrstuvwxyz123456";

function upstreamWith(fetchImpl: typeof fetch, apiKey: string | null = KEY): Upstream {
  return { kind: "openai", baseUrl: "https://api.example.test/v1", fetch: fetchImpl, apiKey };
}

function incoming(body = '{"model":"m","input":"hi"}', init: RequestInit = {}): Request {
  return new Request("http://playground.test/api/v1/responses", { method: "POST", body, ...init });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("upstream selection", () => {
  it("uses the caller's bearer key before the server key", () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-server-key-000000");
    const up = resolveUpstream(incoming(undefined, { headers: { authorization: "Bearer sk-caller-key-111111" } }));
    expect(up.kind).toBe("openai");
    expect(up.apiKey).toBe("sk-caller-key-111111");
  });

  it("uses the server key when the caller sends none (on a loopback-only listener)", async () => {
    const { createServer } = await import("node:net");
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
    vi.stubEnv("OPENAI_API_KEY", "sk-server-key-000000");
    vi.stubEnv("OPENAI_BASE_URL", "https://gateway.example.test/v1/");
    const up = resolveUpstream(incoming());
    expect(up).toMatchObject({ kind: "openai", apiKey: "sk-server-key-000000", baseUrl: "https://gateway.example.test/v1" });
  });

  it("falls back to the local engine with no key at all", () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const up = resolveUpstream(incoming());
    expect(up.kind).toBe("local");
    expect(up.apiKey).toBeNull();
  });

  it("honours an explicit request for the local engine even when a key is configured", () => {
    vi.stubEnv("OPENAI_API_KEY", "sk-server-key-000000");
    const up = resolveUpstream(incoming(undefined, { headers: { "x-playground-upstream": "local" } }));
    expect(up.kind).toBe("local");
  });
});

describe("forwarding", () => {
  it("sends the caller's exact body bytes with the upstream key and streams the answer back unchanged", async () => {
    const chunks = ['event: a\ndata: {"type":"a"}\n\n', 'event: b\ndata: {"type":"b","x":"你好"}\n\n'];
    let seen: { url: string; body: string; auth: string | null } | null = null;
    const fake = (async (url: string, init: RequestInit) => {
      seen = { url, body: String(init.body), auth: new Headers(init.headers).get("authorization") };
      const enc = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          for (const ch of chunks) c.enqueue(enc.encode(ch));
          c.close();
        },
      });
      return new Response(stream, {
        status: 200,
        headers: { "content-type": "text/event-stream", "x-request-id": "req_1", "set-cookie": "no" },
      });
    }) as unknown as typeof fetch;
    const body = '{ "model": "m",  "input": "spacing kept" }';
    const res = await forward(incoming(body), upstreamWith(fake), { method: "POST", path: "/responses", body });
    expect(seen).toEqual({ url: "https://api.example.test/v1/responses", body, auth: `Bearer ${KEY}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("x-request-id")).toBe("req_1");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toBe(chunks.join(""));
  });

  it("passes upstream error statuses and bodies through as they are", async () => {
    const errorBody = JSON.stringify({
      error: { message: "Incorrect API key provided", type: "invalid_request_error", param: null, code: "invalid_api_key" },
    });
    const fake = (async () =>
      new Response(errorBody, { status: 401, headers: { "content-type": "application/json" } })) as unknown as typeof fetch;
    const res = await forward(incoming(), upstreamWith(fake), { method: "POST", path: "/responses", body: "{}" });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe(errorBody);
  });

  it("passes 429 with its retry-after header", async () => {
    const fake = (async () =>
      new Response('{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}', {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": "7" },
      })) as unknown as typeof fetch;
    const res = await forward(incoming(), upstreamWith(fake), { method: "POST", path: "/responses", body: "{}" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("turns a network failure into a 502 in the API's error shape without the key", async () => {
    const fake = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error(`connect ECONNREFUSED with ${KEY}`), { code: "ECONNREFUSED" }),
      });
    }) as unknown as typeof fetch;
    const res = await forward(incoming(), upstreamWith(fake), { method: "POST", path: "/responses", body: "{}" });
    expect(res.status).toBe(502);
    const json = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(json.error).sort()).toEqual(["code", "message", "param", "type"]);
    expect(json.error.code).toBe("upstream_unreachable");
    expect(String(json.error.message)).toContain("ECONNREFUSED");
    expect(JSON.stringify(json)).not.toContain(KEY);
  });

  it("forwards the caller's abort signal to the upstream call", async () => {
    const controller = new AbortController();
    let upstreamSignal: AbortSignal | undefined;
    const fake = (async (_url: string, init: RequestInit) => {
      upstreamSignal = init.signal ?? undefined;
      return new Response(new ReadableStream({ start() {} }), { status: 200, headers: { "content-type": "text/event-stream" } });
    }) as unknown as typeof fetch;
    await forward(incoming(undefined, { signal: controller.signal }), upstreamWith(fake), {
      method: "POST",
      path: "/responses",
      body: "{}",
    });
    expect(upstreamSignal?.aborted).toBe(false);
    controller.abort();
    expect(upstreamSignal?.aborted).toBe(true);
  });

  it("maps failures with a clear host and no secrets", () => {
    const err = upstreamFailure(new Error(`boom Bearer ${KEY}`), { baseUrl: "https://api.example.test/v1", apiKey: KEY });
    expect(err.status).toBe(502);
    expect(err.message).toContain("api.example.test");
    expect(err.message).not.toContain(KEY);
  });
});

describe("redaction", () => {
  it("removes given secrets and anything shaped like a key", () => {
    expect(redactSecrets("key sk-abcdef123456 and Bearer tok_abcdef123", [])).toBe("key [redacted] and Bearer [redacted]");
    expect(redactSecrets("my-custom-secret-value here", ["my-custom-secret-value"])).toBe("[redacted] here");
  });
});

describe("POST /api/v1/responses validation", () => {
  it("rejects a body that is not JSON with 400 in the API's error shape", async () => {
    const res = await createResponse(incoming("{not json"));
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { type: string; message: string } };
    expect(json.error.type).toBe("invalid_request_error");
    expect(json.error.message).toMatch(/not valid JSON/);
  });

  it("rejects a missing model with param 'model'", async () => {
    const res = await createResponse(incoming('{"input":"hi"}'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        message: "Missing required parameter: 'model'.",
        type: "invalid_request_error",
        param: "model",
        code: "missing_required_parameter",
      },
    });
  });

  it("rejects a non-string model and a non-object body", async () => {
    expect((await createResponse(incoming('{"model":5}'))).status).toBe(400);
    expect((await createResponse(incoming("[1,2]"))).status).toBe(400);
  });
});

describe("bench-only pass-through route", () => {
  it("is a 404 that calls nothing unless the server runs with PLAYGROUND_BENCH=1", async () => {
    vi.stubEnv("PLAYGROUND_BENCH", "");
    vi.stubEnv("OPENAI_BASE_URL", "https://gateway.example.test/v1");
    const spy = vi.spyOn(globalThis, "fetch");
    onTestFinished(() => spy.mockRestore());
    const res = await benchPassthrough(incoming());
    expect(res.status).toBe(404);
    expect(spy).not.toHaveBeenCalled();
  });
});
