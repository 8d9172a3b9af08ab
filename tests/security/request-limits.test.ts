import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { GET as localGet, POST as localPost } from "@/app/api/local/v1/[...path]/route";
import { POST as share } from "@/app/api/share/route";
import { POST as createResponse } from "@/app/api/v1/responses/route";
import { findExcessDepth, findExcessDepthInBytes } from "@/lib/json-depth";
import { getStore } from "@/lib/store";
import { resetRateLimits } from "@/lib/upstream/limits";

const dir = mkdtempSync(join(tmpdir(), "rp-limits-"));

afterEach(() => {
  vi.unstubAllEnvs();
  resetRateLimits();
});
afterAll(async () => {
  vi.stubEnv("DATABASE_URL", `file:${join(dir, "limits.db")}`);
  await getStore()?.close();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

function local(path: string, init: RequestInit & { json?: unknown } = {}): Request {
  const { json, ...rest } = init;
  return new Request(`http://playground.test/api/local/v1/${path}`, {
    ...(json !== undefined ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(json) } : {}),
    ...rest,
  });
}

/** JSON text of a schema nested `depth` levels: {"type":"object","properties":{"a":{…}}} (built as text: stringify recurses). */
function deepSchema(depth: number): string {
  return '{"type":"object","properties":{"a":'.repeat(depth) + '{"type":"string"}' + "}}".repeat(depth);
}

const post = (url: string, body: string) =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json", "x-local-engine-delay-ms": "0" }, body });

/** A body whose bytes arrive as a stream with no content-length, so the cap must count as it reads. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= bytes) return c.close();
      const n = Math.min(16 * 1024, bytes - sent);
      sent += n;
      c.enqueue(new TextEncoder().encode(" ".repeat(n)));
    },
  });
}

describe("local engine over HTTP: body cap and rate limit like /api/v1", () => {
  it("answers 413 payload_too_large for a body over PLAYGROUND_MAX_BODY_BYTES (declared length)", async () => {
    vi.stubEnv("PLAYGROUND_MAX_BODY_BYTES", "1kb");
    const res = await localPost(local("responses", { json: { model: "local-echo-1", input: "x".repeat(4096) } }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "payload_too_large", type: "invalid_request_error" });
  });

  it("answers 413 for a streamed body with no content-length once it passes the cap", async () => {
    vi.stubEnv("PLAYGROUND_MAX_BODY_BYTES", "64kb");
    const req = new Request("http://playground.test/api/local/v1/responses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: streamed(10 * 1024 * 1024),
      duplex: "half",
    } as RequestInit);
    const res = await localPost(req);
    expect(res.status).toBe(413);
  });

  it("answers 413 for an oversize multipart file upload", async () => {
    vi.stubEnv("PLAYGROUND_MAX_BODY_BYTES", "1kb");
    const form = new FormData();
    form.set("purpose", "assistants");
    form.set("file", new Blob(["y".repeat(8192)], { type: "text/plain" }), "big.txt");
    const res = await localPost(new Request("http://playground.test/api/local/v1/files", { method: "POST", body: form }));
    expect(res.status).toBe(413);
  });

  it("still serves a body under the cap", async () => {
    const res = await localPost(post("http://playground.test/api/local/v1/responses", '{"model":"local-echo-1","input":"Hello"}'));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe("completed");
  });

  it("answers 429 rate_limit_exceeded with Retry-After past PLAYGROUND_RATE_LIMIT_PER_MIN per client", async () => {
    vi.stubEnv("PLAYGROUND_RATE_LIMIT_PER_MIN", "2");
    const call = () => localGet(local("models", { headers: { "x-forwarded-for": "203.0.113.7" } }));
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await limited.json()) as ErrorBody).error).toMatchObject({ code: "rate_limit_exceeded", type: "rate_limit_error" });
    // another client has its own bucket
    expect((await localGet(local("models", { headers: { "x-forwarded-for": "198.51.100.9" } }))).status).toBe(200);
  });
});

describe("deeply nested JSON: 400 naming the param, never a stack overflow", () => {
  const toolBody = (depth: number) =>
    `{"model":"local-echo-1","input":"hi","tools":[{"type":"function","name":"f","parameters":${deepSchema(depth)}}]}`;
  const tooDeepTool = toolBody(5000);
  const tooDeepFormat = `{"model":"local-echo-1","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":${deepSchema(3000)}}}}`;

  it("local engine: a tool parameters schema 5,000 levels deep", async () => {
    const res = await localPost(post("http://playground.test/api/local/v1/responses", tooDeepTool));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "json_too_deep", param: "tools.0.parameters" });
  });

  it("local engine: a json_schema format 3,000 levels deep", async () => {
    const res = await localPost(post("http://playground.test/api/local/v1/responses", tooDeepFormat));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "json_too_deep", param: "text.format.schema" });
  });

  it("proxy: a tool parameters schema 5,000 levels deep", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const res = await createResponse(post("http://playground.test/api/v1/responses", tooDeepTool));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "json_too_deep", param: "tools.0.parameters" });
  });

  it("proxy and engine still accept a schema 40 levels deep", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const res = await createResponse(post("http://playground.test/api/v1/responses", toolBody(40)));
    expect(res.status).toBe(200);
    await res.text();
    const direct = await localPost(post("http://playground.test/api/local/v1/responses", toolBody(40)));
    expect(direct.status).toBe(200);
    await direct.text();
  });

  it("share: a body 10,000 levels deep is a 400, not a 503 blaming the database", async () => {
    vi.stubEnv("DATABASE_URL", `file:${join(dir, "limits.db")}`);
    const deep = "[".repeat(10_000) + '"leaf"' + "]".repeat(10_000);
    const res = await share(
      post("http://playground.test/api/share", `{"title":"deep","request":{"model":"m","input":"x","metadata":{"v":${deep}}}}`),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "json_too_deep", param: "request.metadata.v.0" });
  });
});

describe("findExcessDepth", () => {
  it("counts only structural brackets, not brackets or escaped quotes inside strings", () => {
    const text = JSON.stringify({ a: '[[[[{{{{\\"[[[', b: [[1]] });
    expect(findExcessDepth(text, 3)).toBeNull();
    expect(findExcessDepth(text, 2)).toEqual({ depth: 3, path: ["b", "0"] });
  });

  it("names array indexes and object keys on the way down", () => {
    const text = JSON.stringify({ tools: [{ x: 1 }, { type: "function", parameters: { p: { q: {} } } }] });
    expect(findExcessDepth(text, 4)?.path).toEqual(["tools", "1", "parameters"]);
  });

  it("gives the same answer on UTF-8 bytes as on text (multi-byte keys, escaped quotes)", () => {
    const text = JSON.stringify({ 'clé"é': [{ 名前: { deep: [[[[1]]]] } }], s: '[[[\\"{{' });
    for (const max of [1, 2, 3, 4, 5, 6, 7, 8]) {
      expect(findExcessDepthInBytes(new TextEncoder().encode(text), max, 4), String(max)).toEqual(findExcessDepth(text, max, 4));
    }
    expect(findExcessDepth(text, 3, 4)?.path).toEqual(['clé"é'.replace('"', '\\"'), "0", "名前"]);
  });

  it("is iterative: a million levels do not overflow the stack", () => {
    expect(findExcessDepth("[".repeat(1_000_000) + "]".repeat(1_000_000), 128)?.depth).toBe(129);
  });
});
