import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as createResponse } from "@/app/api/v1/responses/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { resetRateLimits } from "@/lib/upstream/limits";
import { REDACTED, redactSecrets, StreamRedactor } from "@/lib/upstream/redact";
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream";

const KEY = "sk-caller-0123456789abcdefghijklmnop";
const enc = new TextEncoder();
const dec = new TextDecoder();

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetRateLimits();
});

function viaFake(mode: string, path = "responses"): Request {
  vi.stubEnv("UPSTREAM_ALLOW_PRIVATE", "1");
  return new Request(`http://playground.test/api/v1/${path}`, {
    method: path === "responses" ? "POST" : "GET",
    headers: { "content-type": "application/json", authorization: `Bearer ${KEY}`, "x-playground-base-url": fake.base(mode) },
    ...(path === "responses" ? { body: JSON.stringify({ model: "gpt-4.1", input: "Hello", stream: true }) } : {}),
  });
}

/** Every chunk the client receives, as it receives them. */
async function chunks(res: Response): Promise<string[]> {
  const out: string[] = [];
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(dec.decode(value));
  }
}

function noKey(text: string) {
  expect(text.toLowerCase()).not.toContain(KEY.toLowerCase());
  expect(text).not.toContain(KEY.slice(10));
}

describe("the key never reaches the client through the proxy", () => {
  it("redacts every occurrence of the key inside a 200 SSE error event", async () => {
    const res = await createResponse(viaFake("keysse"));
    expect(res.status).toBe(200);
    const text = (await chunks(res)).join("");
    noKey(text);
    expect(text.split(REDACTED).length - 1).toBe(2);
    expect(text).toContain("event: error");
  });

  it("redacts a key split across two network reads", async () => {
    const res = await createResponse(viaFake("keysplit"));
    const received = await chunks(res);
    const text = received.join("");
    noKey(text);
    expect(text).toContain(`key ${REDACTED} end`);
    expect(received.length).toBeGreaterThan(1); // the stream was not buffered whole
  });

  it("redacts the key, in any letter case, from a 401 text/event-stream answer", async () => {
    const res = await createResponse(viaFake("key401sse"));
    expect(res.status).toBe(401);
    const text = (await chunks(res)).join("");
    noKey(text);
    expect(text).toContain(`Incorrect API key provided: ${REDACTED} (${REDACTED})`);
  });

  it("redacts the key from a 200 JSON body that echoes the request headers", async () => {
    const res = await listModels(viaFake("keyjson200", "models"));
    expect(res.status).toBe(200);
    const text = await res.text();
    noKey(text);
    expect((JSON.parse(text) as { headers: { authorization: string } }).headers.authorization).toBe(`Bearer ${REDACTED}`);
  });

  it("passes a stream with no key in it through byte for byte", async () => {
    const res = await createResponse(viaFake("ok"));
    const text = (await chunks(res)).join("");
    expect(text).toContain("event: response.completed");
    expect(text).not.toContain(REDACTED);
  });
});

/** Feeds `parts` through one redactor and returns what leaves it, joined. */
function run(secret: string, parts: string[]): { out: string; emitted: string[] } {
  const r = new StreamRedactor(secret);
  const emitted = parts.map((p) => dec.decode(r.push(enc.encode(p))));
  emitted.push(dec.decode(r.flush()));
  return { out: emitted.join(""), emitted };
}

describe("StreamRedactor", () => {
  const secret = "sk-abcdef123456";

  it("replaces every occurrence in one chunk, not just the first", () => {
    expect(run(secret, [`a ${secret} b ${secret} c ${secret}`]).out).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
  });

  it("replaces the key split at every possible position between two chunks", () => {
    const text = `data: {"message":"key ${secret} and ${secret}"}\n\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(run(secret, [text.slice(0, cut), text.slice(cut)]).out).toBe(`data: {"message":"key ${REDACTED} and ${REDACTED}"}\n\n`);
    }
  });

  it("replaces a key split over many one-byte chunks", () => {
    expect(run(secret, [...`x${secret}y`]).out).toBe(`x${REDACTED}y`);
  });

  it("replaces the key in upper or mixed case", () => {
    expect(run(secret, [`${secret.toUpperCase()} Sk-AbCdEf123456`]).out).toBe(`${REDACTED} ${REDACTED}`);
  });

  it("returns the same chunk, untouched, when no byte could start the key", () => {
    const r = new StreamRedactor(secret);
    const chunk = enc.encode('event: response.output_text.delta\ndata: {"delta":"hello"}\n\n');
    expect(r.push(chunk)).toBe(chunk);
  });

  it("holds back only a tail that could start the key, and releases it when it does not", () => {
    const { emitted, out } = run(secret, ["hello sk-ab", "z world"]);
    expect(emitted[0]).toBe("hello ");
    expect(emitted[1]).toBe("sk-abz world");
    expect(out).toBe("hello sk-abz world");
  });

  it("keeps multi-byte characters around a redacted key intact", () => {
    expect(run(secret, [`é中${secret.slice(0, 4)}`, `${secret.slice(4)}😀`]).out).toBe(`é中${REDACTED}😀`);
  });
});

describe("redactSecrets (non-stream error bodies)", () => {
  it("replaces every occurrence of a given secret, in any case", () => {
    const key = "custom-gateway-key-XYZ";
    expect(redactSecrets(`${key} / ${key} / ${key.toLowerCase()}`, [key])).toBe(`${REDACTED} / ${REDACTED} / ${REDACTED}`);
  });
});
