import { describe, expect, it } from "vitest";
import { createJson, deltas, outputText, streamEvents, terminal } from "./helpers";

const TEXT_EVENT_ORDER = [
  "response.created",
  "response.in_progress",
  "response.output_item.added",
  "response.content_part.added",
  // …response.output_text.delta × N…
  "response.output_text.done",
  "response.content_part.done",
  "response.output_item.done",
];

describe("streamed text answer", () => {
  it("sends SSE headers and one `event:` + `data:` record per event, without a [DONE] terminator", async () => {
    const { res, text } = await streamEvents({ model: "local-echo-1", input: "Hello world" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(text).not.toContain("[DONE]");
    for (const record of text.split("\n\n").filter((r) => r !== "")) {
      const [eventLine, dataLine, ...rest] = record.split("\n");
      expect(rest).toEqual([]);
      const data = JSON.parse(dataLine!.slice("data: ".length));
      expect(eventLine).toBe(`event: ${data.type}`);
    }
  });

  it("emits the lifecycle/item/part events in order with sequence numbers 0, 1, 2, …", async () => {
    const { events } = await streamEvents({ model: "local-echo-1", input: "Say hello to the class." });
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));

    const types = events.map((e) => e.data.type);
    const withoutDeltas = types.filter((t) => t !== "response.output_text.delta");
    expect(withoutDeltas).toEqual([...TEXT_EVENT_ORDER, "response.completed"]);
    const firstDelta = types.indexOf("response.output_text.delta");
    const lastDelta = types.lastIndexOf("response.output_text.delta");
    expect(firstDelta).toBe(4);
    expect(types.slice(firstDelta, lastDelta + 1).every((t) => t === "response.output_text.delta")).toBe(true);
    expect(types[lastDelta + 1]).toBe("response.output_text.done");
  });

  it("starts with an in-progress, empty response and ends with the full output and usage", async () => {
    const { events } = await streamEvents({ model: "local-echo-1", input: "Hi" });
    const created = events[0]!.data.response as Record<string, any>;
    expect(created.status).toBe("in_progress");
    expect(created.output).toEqual([]);
    expect(created.id).toMatch(/^resp_[0-9a-f]{48}$/);

    const added = events[2]!.data;
    expect(added.item).toMatchObject({ type: "message", role: "assistant", status: "in_progress", content: [] });
    expect((added.item as any).id).toMatch(/^msg_[0-9a-f]{48}$/);
    expect(events[3]!.data.part).toEqual({ type: "output_text", text: "", annotations: [], logprobs: [] });

    const done = terminal(events);
    expect(done.type).toBe("response.completed");
    const response = done.response as Record<string, any>;
    expect(response.id).toBe(created.id);
    expect(response.status).toBe("completed");
    expect(response.completed_at).toEqual(expect.any(Number));
    expect(response.output).toHaveLength(1);
    expect(response.output[0].status).toBe("completed");
    const deltaCount = events.filter((e) => e.data.type === "response.output_text.delta").length;
    expect(response.usage).toEqual({
      input_tokens: 1,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: deltaCount,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 1 + deltaCount,
    });
  });

  it("sends word-sized deltas whose concatenation equals the final text everywhere it is repeated", async () => {
    const { events } = await streamEvents({ model: "local-echo-1", input: "Concatenate me, please." });
    const text = deltas(events);
    const deltaEvents = events.filter((e) => e.data.type === "response.output_text.delta");
    expect(deltaEvents.length).toBeGreaterThan(20);
    for (const e of deltaEvents) {
      expect(e.data.delta).toMatch(/^\s*\S+$/);
      expect(e.data.logprobs).toEqual([]);
    }
    expect(events.find((e) => e.data.type === "response.output_text.done")!.data.text).toBe(text);
    expect((events.find((e) => e.data.type === "response.content_part.done")!.data.part as any).text).toBe(text);
    expect((events.find((e) => e.data.type === "response.output_item.done")!.data.item as any).content[0].text).toBe(text);
    expect(outputText(terminal(events).response as any)).toBe(text);
  });

  it("returns the same final Response object without streaming", async () => {
    const body = { model: "local-echo-1", input: "Same answer either way?", instructions: "Answer plainly." };
    const { events } = await streamEvents(body);
    const { res, body: json } = await createJson(body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const streamed = terminal(events).response as Record<string, any>;
    const strip = (r: Record<string, any>) => ({
      ...r,
      id: "x",
      created_at: 0,
      completed_at: 0,
      output: r.output.map((item: any) => ({ ...item, id: "x" })),
    });
    expect(strip(json)).toEqual(strip(streamed));
  });
});

describe("max_output_tokens", () => {
  it("stops after that many output tokens and ends with response.incomplete", async () => {
    const { events } = await streamEvents({ model: "local-echo-1", input: "Tell me everything.", max_output_tokens: 16 });
    const deltaEvents = events.filter((e) => e.data.type === "response.output_text.delta");
    expect(deltaEvents).toHaveLength(16);

    const types = events.map((e) => e.data.type);
    expect(types.filter((t) => t !== "response.output_text.delta")).toEqual([...TEXT_EVENT_ORDER, "response.incomplete"]);
    expect(types).not.toContain("response.completed");

    const itemDone = events.find((e) => e.data.type === "response.output_item.done")!.data.item as any;
    expect(itemDone.status).toBe("incomplete");
    expect(itemDone.content[0].text).toBe(deltas(events));

    const response = terminal(events).response as Record<string, any>;
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.completed_at).toBeNull();
    expect(response.max_output_tokens).toBe(16);
    expect(response.usage.output_tokens).toBe(16);
    expect(response.output[0].status).toBe("incomplete");
  });

  it("completes normally when the answer fits", async () => {
    const { events } = await streamEvents({ model: "local-echo-1", input: "Short.", max_output_tokens: 4000 });
    expect(terminal(events).type).toBe("response.completed");
  });

  it("gives the same incomplete object without streaming", async () => {
    const { body } = await createJson({ model: "local-echo-1", input: "Tell me everything.", max_output_tokens: 20 });
    expect(body.status).toBe("incomplete");
    expect(body.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(body.usage.output_tokens).toBe(20);
  });
});
