import { afterEach, describe, expect, it } from "vitest";
import { BodyTooLarge, capStream, clientKey, payloadTooLarge, readTextCapped, resetRateLimits, takeToken } from "@/lib/upstream/limits";

// Request limits: the capped body reader (413), the capped upload stream, and per-client token buckets (429).
// `take` awaits whatever takeToken returns, so these tests hold whether the buckets are in memory or shared.

const take = async (name: string, request: Request, perMinute: number, now: number) => takeToken(name, request, perMinute, now);

function from(ip: string | null, extra: Record<string, string> = {}): Request {
  return new Request("http://playground.test/api", { headers: ip === null ? extra : { "x-forwarded-for": ip, ...extra } });
}

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
}

async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

afterEach(() => {
  resetRateLimits();
});

describe("payloadTooLarge", () => {
  it("is a 413 in the API's shape naming the limit, with the hint when given", () => {
    const plain = payloadTooLarge(1024);
    expect(plain).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(plain.message).toBe("The request body is over the limit of 1 KB.");
    expect(payloadTooLarge(1024, "Upload the file instead.").message).toBe(
      "The request body is over the limit of 1 KB. Upload the file instead.",
    );
  });
});

describe("readTextCapped", () => {
  it("reads a body up to the limit, decoding UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode("héllo wörld");
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, 2)); // splits the é
        c.enqueue(bytes.slice(2));
        c.close();
      },
    });
    const request = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
    expect(await readTextCapped(request, bytes.byteLength)).toBe("héllo wörld");
  });

  it("refuses a declared length over the limit before reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "ab", headers: { "content-length": "999" } });
    await expect(readTextCapped(request, 10, "Try a smaller file.")).rejects.toMatchObject({
      status: 413,
      message: expect.stringContaining("Try a smaller file."),
    });
  });

  it("refuses a streamed body once it passes the limit, whatever it declared", async () => {
    const request = new Request("http://x/", { method: "POST", body: streamOf(["12345", "67890", "x"]), duplex: "half" } as RequestInit);
    await expect(readTextCapped(request, 10)).rejects.toMatchObject({ status: 413 });
    const exact = new Request("http://x/", { method: "POST", body: streamOf(["12345", "67890"]), duplex: "half" } as RequestInit);
    expect(await readTextCapped(exact, 10)).toBe("1234567890");
  });

  it("accepts a body whose declared length is exactly the limit, and names only the limit when no hint is given", async () => {
    const request = new Request("http://x/", { method: "POST", body: "1234567890", headers: { "content-length": "10" } });
    expect(await readTextCapped(request, 10)).toBe("1234567890");
    const over = new Request("http://x/", { method: "POST", body: "12345678901", headers: { "content-length": "11" } });
    await expect(readTextCapped(over, 10)).rejects.toMatchObject({ message: "The request body is over the limit of 10 B." });
  });

  it("reads a missing body as empty text", async () => {
    expect(await readTextCapped(new Request("http://x/"), 10)).toBe("");
  });
});

describe("capStream", () => {
  it("passes a body at the limit through unchanged", async () => {
    expect(await drain(capStream(streamOf(["ab", "cd"]), 4))).toBe("abcd");
  });

  it("errors with BodyTooLarge once the body passes the limit", async () => {
    const error = await drain(capStream(streamOf(["ab", "cd", "e"]), 4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BodyTooLarge);
    expect(error).toMatchObject({ maxBytes: 4, name: "BodyTooLarge", message: "body over 4 bytes" });
  });
});

describe("clientKey", () => {
  it("is the right-most X-Forwarded-For address (the one the nearest proxy saw)", () => {
    expect(clientKey(from("1.1.1.1, 2.2.2.2 ,3.3.3.3"))).toBe("3.3.3.3");
    expect(clientKey(from("1.1.1.1"))).toBe("1.1.1.1");
    expect(clientKey(from("1.1.1.1, , "))).toBe("1.1.1.1");
  });

  it("falls back to X-Real-IP, then to one shared 'unknown' bucket", () => {
    expect(clientKey(from(null, { "x-real-ip": " 4.4.4.4 " }))).toBe("4.4.4.4");
    expect(clientKey(from(" , ", { "x-real-ip": "4.4.4.4" }))).toBe("4.4.4.4");
    expect(clientKey(from(null))).toBe("unknown");
  });
});

describe("takeToken", () => {
  it("allows a burst of perMinute calls, then refuses with 429 and a whole-second Retry-After", async () => {
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) await take("proxy", from("5.5.5.5"), 3, t0);
    const error = await take("proxy", from("5.5.5.5"), 3, t0).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: "rate_limit_exceeded", type: "rate_limit_error", headers: { "retry-after": "20" } });
    expect((error as Error).message).toBe("Too many requests from this client: the limit is 3 per minute. Try again in 20 s.");
  });

  it("refills continuously: one call's worth after 60/perMinute seconds, not before", async () => {
    const t0 = 2_000_000;
    for (let i = 0; i < 2; i++) await take("proxy", from("6.6.6.6"), 2, t0);
    await expect(take("proxy", from("6.6.6.6"), 2, t0 + 29_000)).rejects.toMatchObject({ status: 429, headers: { "retry-after": "1" } });
    await expect(take("proxy", from("6.6.6.6"), 2, t0 + 30_000)).resolves.toBeUndefined();
    await expect(take("proxy", from("6.6.6.6"), 2, t0 + 30_000)).rejects.toMatchObject({ status: 429 });
  });

  it("never refills past a full burst, however long the client was away", async () => {
    const t0 = 3_000_000;
    await take("proxy", from("7.7.7.7"), 2, t0);
    const later = t0 + 3_600_000;
    await take("proxy", from("7.7.7.7"), 2, later);
    await take("proxy", from("7.7.7.7"), 2, later);
    await expect(take("proxy", from("7.7.7.7"), 2, later)).rejects.toMatchObject({ status: 429 });
  });

  it("keeps one bucket per client and per limit name", async () => {
    const t0 = 4_000_000;
    await take("proxy", from("8.8.8.8"), 1, t0);
    await expect(take("proxy", from("8.8.8.8"), 1, t0)).rejects.toMatchObject({ status: 429 });
    await expect(take("proxy", from("9.9.9.9"), 1, t0)).resolves.toBeUndefined();
    await expect(take("share", from("8.8.8.8"), 1, t0)).resolves.toBeUndefined();
  });

  it("does nothing when the limit is 0", async () => {
    for (let i = 0; i < 5; i++) await take("proxy", from("1.2.3.4"), 0, 5_000_000);
    await expect(take("proxy", from("1.2.3.4"), 1, 5_000_000)).resolves.toBeUndefined();
  });

  it("forgets every bucket on reset", async () => {
    await take("proxy", from("1.2.3.5"), 1, 6_000_000);
    await expect(take("proxy", from("1.2.3.5"), 1, 6_000_000)).rejects.toMatchObject({ status: 429 });
    resetRateLimits();
    await expect(take("proxy", from("1.2.3.5"), 1, 6_000_000)).resolves.toBeUndefined();
  });

  it("past 10,000 clients, forgets full buckets first and keeps the empty ones", async () => {
    const t0 = 7_000_000;
    await take("proxy", from("10.0.0.1"), 1, t0 - 1_000); // emptied a second ago: must survive the sweep
    for (let i = 0; i < 9_999; i++) await take("proxy", from(`11.0.${i >> 8}.${i & 255}`), 1, t0 - 60_000);
    // 10,000 buckets now; the 9,999 others have refilled exactly (one minute ago at one per minute) and are full.
    await take("proxy", from("12.0.0.1"), 1, t0);
    await expect(take("proxy", from("10.0.0.1"), 1, t0)).rejects.toMatchObject({ status: 429 });
  });

  it("past 10,000 clients none of them full, forgets the oldest", async () => {
    const t0 = 8_000_000;
    for (let i = 0; i < 10_000; i++) await take("proxy", from(`13.0.${i >> 8}.${i & 255}`), 1, t0);
    await take("proxy", from("14.0.0.1"), 1, t0);
    // The oldest (13.0.0.0) was forgotten, so it has a fresh bucket; the second oldest still has its empty one.
    await expect(take("proxy", from("13.0.0.0"), 1, t0)).resolves.toBeUndefined();
    await expect(take("proxy", from("13.0.0.2"), 1, t0)).rejects.toMatchObject({ status: 429 });
  });
});
