import { describe, expect, it } from "vitest";
import { engine, outputText, parseSse, type SseEvent } from "./helpers";

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
    await expect(events.reader.read()).rejects.toThrow(/abort/i);

    const after = await stored(id);
    expect(after.status).toBe("cancelled");
    const received = seen
      .filter((e) => e.data.type === "response.output_text.delta")
      .map((e) => e.data.delta)
      .join("");
    expect(outputText(after)).toBe(received);
    expect(after.output[0].status).toBe("incomplete");
    expect(after.usage.output_tokens).toBe(5);

    // Nothing is generated after the abort.
    await new Promise((r) => setTimeout(r, 50));
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
    const raced = await Promise.race([pending.then(() => "event"), new Promise((r) => setTimeout(() => r("waiting"), 100))]);
    expect(raced).toBe("waiting");

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
      delayMs: 20,
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 60));
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
