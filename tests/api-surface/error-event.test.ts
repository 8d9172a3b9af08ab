import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as createResponse } from "@/app/api/v1/responses/route";
import { localEngineFetch } from "@/lib/local-engine";
import { lastSequenceNumber, streamErrorEvent } from "@/lib/responses/error-event";
import { parseSseMessage } from "@/lib/responses/sse";
import { forward } from "@/lib/upstream/forward";
import type { Upstream } from "@/lib/upstream/resolve";
import { parseSse } from "../local-engine/helpers";

/**
 * Issue 16 item 2: the stream's `error` event carries the flat fields (the spec) and the same fields nested under
 * `error` (the live API), with `sequence_number`, so openai-node 6 raises on it both in `responses.stream()` and when
 * iterating `stream: true`, from the local engine and from the proxy's own error records.
 */

afterEach(() => vi.unstubAllEnvs());

const engineClient = new OpenAI({
  apiKey: "local",
  baseURL: "http://local-engine/v1",
  fetch: localEngineFetch,
  maxRetries: 0,
  defaultHeaders: { "x-local-engine-delay-ms": "0" },
});

/** The SDK pointed at the proxy route (which reaches the in-process local engine, no key configured). */
function proxyClient(): OpenAI {
  vi.stubEnv("OPENAI_API_KEY", "");
  const fetchViaProxy = (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set("x-local-engine-delay-ms", "0");
    headers.set("x-playground-upstream", "local"); // the SDK always sends a bearer key; ask for the engine anyway
    return createResponse(new Request(input, { ...init, headers }));
  };
  return new OpenAI({ apiKey: "unused", baseURL: "http://playground.test/api/v1", fetch: fetchViaProxy as typeof fetch, maxRetries: 0 });
}

/** A proxy answer whose upstream breaks after two events: the proxy adds its own `error` record. */
async function brokenUpstreamAnswer(): Promise<Response> {
  const enc = new TextEncoder();
  let step = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      step += 1;
      if (step === 1)
        c.enqueue(
          enc.encode(
            'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_x","object":"response","status":"in_progress","output":[]}}\n\n',
          ),
        );
      else if (step === 2)
        c.enqueue(
          enc.encode(
            'event: response.in_progress\ndata: {"type":"response.in_progress","sequence_number":1,"response":{"id":"resp_x","object":"response","status":"in_progress","output":[]}}\n\n',
          ),
        );
      else c.error(new Error("socket hang up"));
    },
  });
  const upstream: Upstream = {
    kind: "openai",
    baseUrl: "https://api.example.test/v1",
    apiKey: "sk-test",
    fetch: (async () => new Response(body, { headers: { "content-type": "text/event-stream" } })) as typeof fetch,
  };
  const incoming = new Request("http://playground.test/api/v1/responses", { method: "POST", body: "{}" });
  return forward(incoming, upstream, { method: "POST", path: "/responses", body: "{}" }, { connectMs: 0, idleMs: 0 });
}

async function iterate(stream: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of stream) void _;
    return null;
  } catch (error) {
    return error;
  }
}

describe("the stream's error event", () => {
  it("the builder sends flat and nested fields with a sequence number", () => {
    expect(streamErrorEvent({ code: "server_error", message: "boom" }, 7)).toEqual({
      type: "error",
      code: "server_error",
      message: "boom",
      param: null,
      sequence_number: 7,
      error: { type: "server_error", code: "server_error", message: "boom", param: null },
    });
  });

  it("finds the last sequence number in a chunk", () => {
    const enc = new TextEncoder();
    expect(lastSequenceNumber(enc.encode('data: {"sequence_number":3}\n\ndata: {"x":1,"sequence_number": 12}\n\n'))).toBe(12);
    expect(lastSequenceNumber(enc.encode("data: {}\n\n"))).toBeNull();
  });

  it("the engine's error event has both forms, numbered after the last event", async () => {
    const res = await localEngineFetch("http://local-engine/v1/responses", {
      method: "POST",
      headers: { "content-type": "application/json", "x-local-engine-delay-ms": "0" },
      body: JSON.stringify({ model: "local-echo-1", input: "go [error-event]", stream: true }),
    });
    const events = parseSse(await res.text());
    const last = events.at(-1)!.data;
    expect(last).toMatchObject({ type: "error", code: "server_error", param: null, error: { type: "server_error", code: "server_error" } });
    expect(last.sequence_number).toBe(events.at(-2)!.data.sequence_number + 1);
    expect((last.error as { message: string }).message).toBe(last.message);
  });

  it("the proxy's own record (a broken upstream) has both forms, numbered after the upstream's last event", async () => {
    const events = parseSse(await (await brokenUpstreamAnswer()).text());
    const last = events.at(-1)!;
    expect(last.event).toBe("error");
    expect(last.data).toMatchObject({
      type: "error",
      code: "upstream_stream_broken",
      sequence_number: 2,
      error: { code: "upstream_stream_broken" },
    });
    // The page reads it as before (one flattened error event).
    const parsed = parseSseMessage({ event: "error", data: JSON.stringify(last.data), id: undefined } as never);
    expect(parsed).toMatchObject({ kind: "event", event: { type: "error", code: "upstream_stream_broken" } });
  });

  for (const [surface, client] of [
    ["the local engine", () => engineClient],
    ["the proxy", proxyClient],
  ] as const) {
    it(`openai-node raises on it from ${surface}: iterating stream: true and responses.stream()`, async () => {
      const raw = await client().responses.create({ model: "local-echo-1", input: "boom [error-event]", stream: true });
      const error = await iterate(raw);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error).toMatchObject({ code: "server_error", message: expect.stringContaining("[error-event]") });
      const helper = await iterate(client().responses.stream({ model: "local-echo-1", input: "boom [error-event]" }));
      expect(helper).toBeInstanceOf(OpenAI.APIError);
    });
  }

  it("openai-node raises on the proxy's own record when the upstream breaks", async () => {
    const client = new OpenAI({
      apiKey: "x",
      baseURL: "http://playground.test/api/v1",
      fetch: brokenUpstreamAnswer as never,
      maxRetries: 0,
    });
    const error = await iterate(await client.responses.create({ model: "m", input: "hi", stream: true }));
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error).toMatchObject({ code: "upstream_stream_broken" });
  });
});
