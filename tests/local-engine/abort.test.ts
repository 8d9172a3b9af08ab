import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deltas, engine, outputText, parseSse, streamEvents, type SseEvent } from "./helpers";

// The engine's request log (`/v1/debug/requests`) tells when a request has reached it.
beforeAll(() => {
  vi.stubEnv("LOCAL_ENGINE_DEBUG", "1");
});
afterAll(() => {
  vi.unstubAllEnvs();
});

/** Reads SSE records one at a time from a streamed body. */
function eventReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    reader,
    async next(): Promise<SseEvent | null> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end !== -1) {
          const record = buffer.slice(0, end + 2);
          buffer = buffer.slice(end + 2);
          return parseSse(record)[0] ?? null;
        }
        const { value, done } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

async function stored(id: string): Promise<Record<string, any>> {
  return (await (await engine(`/responses/${id}`)).json()) as Record<string, any>;
}

async function readUntilDeltas(events: ReturnType<typeof eventReader>, count: number) {
  const seen: SseEvent[] = [];
  let deltaCount = 0;
  while (deltaCount < count) {
    const event = await events.next();
    if (!event) throw new Error("stream ended early");
    seen.push(event);
    if (event.data.type === "response.output_text.delta") deltaCount += 1;
  }
  return seen;
}

describe("client disconnects mid-stream", () => {
  it("aborting the request's signal stops generation and stores the response as cancelled with the partial output", async () => {
    const controller = new AbortController();
    const res = await engine("/responses", {
      json: { model: "local-echo-1", input: "Please stream a long answer.", stream: true },
      delayMs: 5,
      signal: controller.signal,
    });
    const events = eventReader(res.body!);
    const seen = await readUntilDeltas(events, 5);
    const id = (seen[0]!.data.response as any).id as string;
    expect((await stored(id)).status).toBe("in_progress");

    controller.abort();
    // Records the engine wrote just before the abort may still be queued: they are read, then the stream stops (it
    // ends, or errors with the abort, depending on which side noticed first).
    const drain = async () => {
      for (;;) {
        const event = await events.next();
        if (!event) return;
        seen.push(event);
      }
    };
    await drain().catch((error: unknown) => expect(String(error)).toMatch(/abort/i));

    const after = await stored(id);
    expect(after.status).toBe("cancelled");
    const received = seen
      .filter((e) => e.data.type === "response.output_text.delta")
      .map((e) => e.data.delta)
      .join("");
    expect(outputText(after)).toBe(received);
    expect(after.output[0].status).toBe("incomplete");
    expect(after.usage.output_tokens).toBe(seen.filter((e) => e.data.type === "response.output_text.delta").length);

    // Nothing is generated after the abort: a second answer streamed at the same pace to its end gives the first one
    // time for several more deltas, had it kept going (an event to wait for, not a fixed sleep).
    const later = await streamEvents({ model: "local-echo-1", input: "one two three four five six" }, { delayMs: 5 });
    expect(deltas(later.events).length).toBeGreaterThan(0);
    expect(outputText(await stored(id))).toBe(received);
  });

  it("cancelling the body stream (what a server does when the socket closes) also cancels the response", async () => {
    const res = await engine("/responses", { json: { model: "local-echo-1", input: "stream then leave", stream: true }, delayMs: 5 });
    const events = eventReader(res.body!);
    const seen = await readUntilDeltas(events, 3);
    const id = (seen[0]!.data.response as any).id as string;
    await events.reader.cancel();
    const after = await stored(id);
    expect(after.status).toBe("cancelled");
    expect(after.usage.output_tokens).toBe(3);
  });

  it("does not buffer ahead: with a long delay the next delta is not ready, and an abort ends the wait at once", async () => {
    const controller = new AbortController();
    const res = await engine("/responses", {
      json: { model: "local-echo-1", input: "wait for it", stream: true },
      delayMs: 10_000,
      signal: controller.signal,
    });
    const events = eventReader(res.body!);
    const first = [await events.next(), await events.next(), await events.next(), await events.next()];
    expect(first.map((e) => e?.data.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
    ]);
    const pending = events.next();
    // Every queued task and I/O callback runs (twenty event-loop turns), and the next delta is still not there.
    let settled = false;
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);

    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    const after = await stored((first[0]!.data.response as any).id);
    expect(after.status).toBe("cancelled");
    expect(outputText(after)).toBe("");
  });

  it("a non-streamed request rejects like fetch when aborted mid-generation", async () => {
    const controller = new AbortController();
    const pending = engine("/responses", {
      json: { model: "local-echo-1", input: "not streamed" },
      delayMs: 10_000,
      signal: controller.signal,
    });
    // Mid-generation: the engine has recorded the request (debug log), and at 10 s a token it cannot have finished.
    await vi.waitFor(async () => {
      const log = (await (await engine("/debug/requests")).json()) as { data?: unknown[] };
      expect(JSON.stringify(log)).toContain("not streamed");
    });
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });

  it("an already aborted signal rejects before any work", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine("/responses", { json: { model: "local-echo-1", input: "never" }, signal: controller.signal })).rejects.toThrow(
      /abort/i,
    );
  });
});
