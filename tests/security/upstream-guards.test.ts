import { createServer, type Server } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createResponse } from "@/app/api/v1/responses/route";
import { POST as share } from "@/app/api/share/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { POST as uploadFile } from "@/app/api/v1/files/route";
import { errorWords } from "@/lib/responses/error-words";
import { outputText } from "@/lib/responses/run-state";
import { accessCookieValue, listenScope } from "@/lib/upstream/access";
import { HTML_ANSWER } from "@/lib/upstream/forward";
import { resetRateLimits } from "@/lib/upstream/limits";
import { assertPublicUpstream, blockedAddressReason } from "@/lib/upstream/net-guard";
import { PARTIAL_TEXT, startFakeUpstream, type FakeUpstream } from "./fake-upstream";
import { foldAnswer } from "./helpers";

const CALLER_KEY = "sk-caller-0123456789abcdefghijklmnop";
const SERVER_KEY = "sk-server-0123456789abcdefghijklmnop";
const TOKEN = "classroom-token-4242";
const BODY = JSON.stringify({ model: "gpt-4.1", input: "Hello", stream: true });

let fake: FakeUpstream;

beforeAll(async () => {
  fake = await startFakeUpstream(); // also makes this process listen on loopback only
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetRateLimits();
  fake.seen.length = 0;
});

function post(headers: Record<string, string> = {}, body: BodyInit = BODY, init: RequestInit = {}): Request {
  return new Request("http://playground.test/api/v1/responses", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...init,
  });
}

/** A request through the proxy to the fake upstream's `mode`, with the caller's own key. */
function viaFake(mode: string, init: RequestInit = {}): Request {
  vi.stubEnv("UPSTREAM_ALLOW_PRIVATE", "1");
  return post({ authorization: `Bearer ${CALLER_KEY}`, "x-playground-base-url": fake.base(mode) }, BODY, init);
}

async function listenBeyondLoopback(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "0.0.0.0", r));
  return server;
}

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { message: string; code: string | null; type: string } }).error;
}

describe("1. keys and access", () => {
  it("reads where the process listens from its own sockets", async () => {
    expect(listenScope()).toBe("loopback");
    const wide = await listenBeyondLoopback();
    try {
      expect(listenScope()).toBe("beyond-loopback");
    } finally {
      await new Promise((r) => wide.close(r));
    }
  });

  it("a server key on a server that listens beyond loopback, without PLAYGROUND_ACCESS_TOKEN: 401 and no upstream call", async () => {
    vi.stubEnv("OPENAI_API_KEY", SERVER_KEY);
    vi.stubEnv("OPENAI_BASE_URL", fake.base("ok"));
    const wide = await listenBeyondLoopback();
    try {
      const res = await createResponse(post());
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("access_token_not_configured");
      expect(fake.seen).toHaveLength(0);
    } finally {
      await new Promise((r) => wide.close(r));
    }
  });

  it("with PLAYGROUND_ACCESS_TOKEN: a caller without it gets 401 and no upstream call; header, bearer and login cookie pass", async () => {
    vi.stubEnv("OPENAI_API_KEY", SERVER_KEY);
    vi.stubEnv("OPENAI_BASE_URL", fake.base("ok"));
    vi.stubEnv("PLAYGROUND_ACCESS_TOKEN", TOKEN);
    for (const headers of [{}, { "x-playground-access-token": "wrong" }, { cookie: "playground_access=nope" }] as Array<
      Record<string, string>
    >) {
      const res = await createResponse(post(headers));
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe("access_token_required");
    }
    expect(fake.seen).toHaveLength(0);
    for (const headers of [
      { "x-playground-access-token": TOKEN },
      { authorization: `Bearer ${TOKEN}` },
      { cookie: `other=1; playground_access=${accessCookieValue(TOKEN)}` },
    ] as Array<Record<string, string>>) {
      const res = await createResponse(post(headers));
      expect(res.status).toBe(200);
      await res.text();
    }
    // The server key went upstream; the access token never did.
    expect(fake.seen.map((s) => s.authorization)).toEqual([`Bearer ${SERVER_KEY}`, `Bearer ${SERVER_KEY}`, `Bearer ${SERVER_KEY}`]);
  });

  it("the local engine needs no token", async () => {
    vi.stubEnv("OPENAI_API_KEY", SERVER_KEY);
    vi.stubEnv("PLAYGROUND_ACCESS_TOKEN", TOKEN);
    const res = await listModels(new Request("http://playground.test/api/v1/models", { headers: { "x-playground-upstream": "local" } }));
    expect(res.status).toBe(200);
  });

  it("a custom base URL never receives the server key: without the caller's own key it is refused", async () => {
    vi.stubEnv("OPENAI_API_KEY", SERVER_KEY);
    vi.stubEnv("UPSTREAM_ALLOW_PRIVATE", "1");
    const res = await createResponse(post({ "x-playground-base-url": fake.base("ok") }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("base_url_requires_key");
    expect(fake.seen).toHaveLength(0);
  });

  it("a key the upstream echoes in its error is redacted before it reaches the browser", async () => {
    const res = await createResponse(viaFake("keyecho"));
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain(CALLER_KEY);
    expect(text).toContain("[redacted]");
  });
});

describe("2. custom base URL (SSRF)", () => {
  it("classifies loopback, private, link-local, metadata, unspecified and IPv4-mapped addresses as blocked", () => {
    for (const ip of [
      "127.0.0.1",
      "127.8.9.10",
      "::1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "::",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "fd00:ec2::254",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::ffff:a9fe:a9fe",
      "100.64.0.1",
    ]) {
      expect(blockedAddressReason(ip), ip).not.toBeNull();
    }
    for (const ip of ["8.8.8.8", "172.32.0.1", "2606:4700::1111", "1.1.1.1"]) expect(blockedAddressReason(ip), ip).toBeNull();
  });

  it("checks every address a name resolves to (after DNS)", async () => {
    const resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    await expect(assertPublicUpstream("https://rebind.example.test/v1", false, resolver)).rejects.toMatchObject({
      status: 403,
      code: "upstream_host_forbidden",
    });
    await expect(
      assertPublicUpstream("https://ok.example.test/v1", false, async () => [{ address: "93.184.216.34", family: 4 }]),
    ).resolves.toBeUndefined();
    await expect(assertPublicUpstream("http://10.0.0.1/v1", true)).resolves.toBeUndefined();
  });

  it("refuses localhost, literal loopback and the metadata address with 403, and calls nothing", async () => {
    for (const base of [
      `http://localhost:${fake.port}/ok/v1`,
      fake.base("ok"),
      "http://169.254.169.254/v1",
      "http://[::ffff:127.0.0.1]:1/v1",
    ]) {
      const res = await createResponse(post({ authorization: `Bearer ${CALLER_KEY}`, "x-playground-base-url": base }));
      expect(res.status, base).toBe(403);
      const error = await errorOf(res);
      expect(error.code).toBe("upstream_host_forbidden");
      expect(error.message).toContain("UPSTREAM_ALLOW_PRIVATE=1");
    }
    expect(fake.seen).toHaveLength(0);
  });

  it("UPSTREAM_ALLOW_PRIVATE=1 allows a local server (Ollama, vLLM); redirects are not followed", async () => {
    const ok = await createResponse(viaFake("ok"));
    expect(ok.status).toBe(200);
    expect((await foldAnswer(ok)).state.status).toBe("completed");
    const redirected = await createResponse(viaFake("redirect"));
    expect(redirected.status).toBe(502);
    expect((await errorOf(redirected)).code).toBe("upstream_redirect");
    expect(fake.seen.map((s) => s.mode)).toEqual(["ok", "redirect"]);
  });
});

describe("3. limits", () => {
  it("a body over PLAYGROUND_MAX_BODY_BYTES gets 413 in the API's shape, declared or streamed", async () => {
    vi.stubEnv("PLAYGROUND_MAX_BODY_BYTES", "1kb");
    const big = JSON.stringify({ model: "m", input: "x".repeat(5000) });
    const declared = await createResponse(post({ "content-length": String(big.length) }, big));
    expect(declared.status).toBe(413);
    expect((await errorOf(declared)).code).toBe("payload_too_large");
    const streamed = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode(big.slice(i * 500, (i + 1) * 500)));
        c.close();
      },
    });
    const chunked = await createResponse(post({}, streamed, { duplex: "half" } as RequestInit));
    expect(chunked.status).toBe(413);
    const upload = await uploadFile(
      new Request("http://playground.test/api/v1/files", {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x", "content-length": "999999" },
        body: "--x--",
      }),
    );
    expect(upload.status).toBe(413);
  });

  it("the proxy rate-limits per client: 429 with Retry-After in the API's shape; another client is unaffected", async () => {
    vi.stubEnv("PLAYGROUND_RATE_LIMIT_PER_MIN", "3");
    const from = (ip: string) => new Request("http://playground.test/api/v1/models", { headers: { "x-forwarded-for": ip } });
    for (let i = 0; i < 3; i++) expect((await listModels(from("203.0.113.5"))).status).toBe(200);
    const limited = await listModels(from("203.0.113.5"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const error = await errorOf(limited);
    expect(error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
    expect((await listModels(from("203.0.113.6"))).status).toBe(200);
  });

  it("Share has its own rate limit (SHARE_RATE_LIMIT_PER_MIN)", async () => {
    vi.stubEnv("SHARE_RATE_LIMIT_PER_MIN", "1");
    vi.stubEnv("DATABASE_URL", "none");
    const req = () =>
      new Request("http://playground.test/api/share", { method: "POST", headers: { "x-forwarded-for": "198.51.100.1" }, body: "{}" });
    expect((await share(req())).status).toBe(501); // storage disabled, but the call counted
    const limited = await share(req());
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    expect((await errorOf(limited)).code).toBe("rate_limit_exceeded");
  });
});

describe("4. upstream faults end in plain words with the partial output kept", () => {
  it("connect timeout: 504 in the API's shape", async () => {
    vi.stubEnv("UPSTREAM_CONNECT_TIMEOUT_MS", "200");
    const res = await createResponse(viaFake("hang"));
    expect(res.status).toBe(504);
    const { state } = await foldAnswer(res);
    expect(state.error?.message).toMatch(/did not answer within 0\.2 s/);
  });

  it("idle timeout mid-stream: the stream ends with an error event that says so; the text is kept", async () => {
    vi.stubEnv("UPSTREAM_IDLE_TIMEOUT_MS", "300");
    const { state, text } = await foldAnswer(await createResponse(viaFake("idle")));
    expect(text).toBe(PARTIAL_TEXT);
    expect(state.status).toBe("failed");
    expect(state.error).toMatchObject({ source: "event", code: "upstream_idle_timeout" });
    expect(state.error?.message).toMatch(/sent nothing for 0\.3 s/);
    expect(errorWords(state.error!).title).toBe("The upstream went silent in the middle of the answer");
  });

  it("an upstream that keeps sending inside the idle limit is never cut, however long the answer runs", async () => {
    // Ten times the gap between events (room for a busy test machine), and read for well over twice that.
    vi.stubEnv("UPSTREAM_IDLE_TIMEOUT_MS", "500");
    const res = await createResponse(viaFake("slow")); // an event every 50 ms, for as long as it is read
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = Date.now() + 1200;
    while (Date.now() < until) {
      const { done, value } = await reader.read();
      expect(done).toBe(false);
      text += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    expect(text).toContain(" more");
    expect(text).not.toContain("upstream_idle_timeout");
  });

  it("a connection cut before the terminal event: an error event in plain words; the text is kept", async () => {
    const { state, text } = await foldAnswer(await createResponse(viaFake("cut")));
    expect(text).toBe(PARTIAL_TEXT);
    expect(state.error).toMatchObject({ source: "event", code: "upstream_stream_broken" });
    expect(state.error?.message).toMatch(/broke in the middle of the answer/);
    expect(state.error?.message).not.toContain(CALLER_KEY);
    expect(errorWords(state.error!).title).toBe("The connection to the upstream broke in the middle of the answer");
  });

  it("a clean EOF before the terminal event: the page marks the run interrupted and keeps the text", async () => {
    const { state, text } = await foldAnswer(await createResponse(viaFake("eof")));
    expect(state.status).toBe("interrupted");
    expect(text).toBe(PARTIAL_TEXT);
  });

  it("`data:` lines that are not JSON are skipped; the answer still completes", async () => {
    const { state, text } = await foldAnswer(await createResponse(viaFake("badjson")));
    expect(state.status).toBe("completed");
    expect(text).toBe(PARTIAL_TEXT);
  });

  it("an HTML page with status 200: 502 that says the upstream answered with an HTML page", async () => {
    const res = await createResponse(viaFake("html200"));
    expect(res.status).toBe(502);
    const { state } = await foldAnswer(res);
    expect(state.error?.code).toBe("upstream_html_response");
    expect(state.error?.message.toLowerCase()).toContain(HTML_ANSWER.toLowerCase());
    expect(errorWords(state.error!).title).toBe("The upstream answered with an HTML page, not an API response");
    expect(state.error?.message).toContain("Sign in - Corporate Gateway");
  });

  it("a wrong content type: 502 naming it", async () => {
    const res = await createResponse(viaFake("plain"));
    expect(res.status).toBe(502);
    expect((await errorOf(res)).message).toMatch(/"text\/plain", not an API response/);
  });

  it("a 5xx HTML page in the middle of a conversation keeps its status and gets the API's shape", async () => {
    const first = await foldAnswer(await createResponse(viaFake("ok")));
    expect(first.state.status).toBe("completed");
    const res = await createResponse(viaFake("html500"));
    expect(res.status).toBe(500);
    const { state } = await foldAnswer(res);
    expect(state.error?.message).toContain("500 Internal Server Error");
    expect(errorWords(state.error!).title).toMatch(/internal error \(500\)/);
    // The earlier turn, read again now that the later one has failed, still shows its answer.
    expect(first.run.getState().status).toBe("completed");
    expect(outputText(first.run.getState())).toBe(PARTIAL_TEXT);
    expect(first.run.getSnapshot().ending?.kind).toBe("stream_end");
  });

  it("a client that disconnects aborts the upstream call within a second", async () => {
    const controller = new AbortController();
    const res = await createResponse(viaFake("slow", { signal: controller.signal }));
    const reader = res.body!.getReader();
    await reader.read();
    fake.closedAt = null;
    const at = Date.now();
    controller.abort();
    await reader.cancel().catch(() => {});
    await vi.waitFor(() => expect(fake.closedAt).not.toBeNull(), { timeout: 1000, interval: 10 });
    expect(fake.closedAt! - at).toBeLessThan(1000);
  });
});
