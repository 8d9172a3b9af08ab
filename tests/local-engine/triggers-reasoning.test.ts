import { describe, expect, it } from "vitest";
import { REFUSAL_TEXT } from "@/lib/local-engine/producers";
import { DELTAS_BEFORE_FAILURE } from "@/lib/local-engine/triggers";
import { createJson, deltas, engine, streamEvents } from "./helpers";

describe("documented triggers", () => {
  it("[refuse] streams a refusal content part", async () => {
    const { events } = await streamEvents({ model: "m", input: "Do something bad [refuse]" });
    const refusal = events
      .filter((e) => e.data.type === "response.refusal.delta")
      .map((e) => e.data.delta)
      .join("");
    expect(refusal).toBe(REFUSAL_TEXT);
    const final = events.at(-1)!.data as any;
    expect(final.type).toBe("response.completed");
    expect(final.response.output[0].content).toEqual([{ type: "refusal", refusal: REFUSAL_TEXT }]);
    expect(final.response.usage.output_tokens).toBe(events.filter((e) => e.data.type === "response.refusal.delta").length);
  });

  it("[fail] streams some text, then response.failed with server_error; the partial item is incomplete", async () => {
    const { events } = await streamEvents({ model: "m", input: "Tell me about rivers [fail]" });
    expect(events.filter((e) => e.data.type === "response.output_text.delta")).toHaveLength(DELTAS_BEFORE_FAILURE);
    const last = events.at(-1)!.data as any;
    expect(last.type).toBe("response.failed");
    expect(last.response.error).toEqual({ code: "server_error", message: expect.stringContaining("[fail]") });
    expect(last.response.output[0]).toMatchObject({ type: "message", status: "incomplete" });
    expect(last.response.output[0].content[0].text).toBe(deltas(events));
  });

  it("[error-event] streams some text, then an error event ends the stream; the stored response is failed", async () => {
    const { events } = await streamEvents({ model: "m", input: "Tell me about rivers [error-event]" });
    const last = events.at(-1)!;
    expect(last.event).toBe("error");
    expect(last.data).toMatchObject({ type: "error", code: "server_error", param: null });
    expect(deltas(events).length).toBeGreaterThan(10);
    const id = (events[0]!.data as any).response.id;
    const stored = (await (await engine(`/responses/${id}`)).json()) as any;
    expect(stored.status).toBe("failed");
  });

  it("[429] is an HTTP 429 in the API's error shape with retry-after: 2, and nothing is stored", async () => {
    const res = await engine("/responses", { json: { model: "m", input: "hello [429]", stream: true } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({
      error: { message: expect.stringContaining("try again in 2s"), type: "rate_limit_error", param: null, code: "rate_limit_exceeded" },
    });
  });
});

describe("reasoning", () => {
  it("with reasoning.summary, a reasoning item comes first with summary parts streamed, counted as reasoning tokens", async () => {
    const { events } = await streamEvents({ model: "m", input: "Why is the sky blue?", reasoning: { summary: "auto", effort: "low" } });
    const final = (events.at(-1)!.data as any).response;
    expect(final.output.map((o: any) => o.type)).toEqual(["reasoning", "message"]);
    const summary = final.output[0].summary;
    expect(summary).toHaveLength(2);
    expect(summary[0].text).toContain("«Why is the sky blue?»");
    expect(summary[1].text).toMatch(/^\*\*Planning the answer\*\*/);
    const summaryDeltas = events.filter((e) => e.data.type === "response.reasoning_summary_text.delta");
    expect(summaryDeltas.map((e) => e.data.delta).join("")).toBe(summary.map((s: any) => s.text).join(""));
    expect(events.filter((e) => e.data.type === "response.reasoning_summary_part.added").map((e) => e.data.summary_index)).toEqual([0, 1]);
    expect(final.usage.output_tokens_details.reasoning_tokens).toBe(16 + summaryDeltas.length);
    const textDeltas = events.filter((e) => e.data.type === "response.output_text.delta").length;
    expect(final.usage.output_tokens).toBe(16 + summaryDeltas.length + textDeltas);
  });

  it("concise gives one paragraph and detailed three; local-reasoner-1 reasons without a summary; effort none turns it off", async () => {
    const concise = await createJson({ model: "m", input: "x", reasoning: { summary: "concise" } });
    expect(concise.body.output[0].summary).toHaveLength(1);
    const detailed = await createJson({ model: "m", input: "x", reasoning: { summary: "detailed" } });
    expect(detailed.body.output[0].summary).toHaveLength(3);
    const silent = await createJson({ model: "local-reasoner-1", input: "x", reasoning: { effort: "high" } });
    expect(silent.body.output[0]).toMatchObject({ type: "reasoning", summary: [] });
    expect(silent.body.usage.output_tokens_details.reasoning_tokens).toBe(64);
    const off = await createJson({ model: "local-reasoner-1", input: "x", reasoning: { effort: "none" } });
    expect(off.body.output.map((o: any) => o.type)).toEqual(["message"]);
    const plain = await createJson({ model: "local-echo-1", input: "x" });
    expect(plain.body.output.map((o: any) => o.type)).toEqual(["message"]);
  });

  it("include reasoning.encrypted_content puts it on the finished item", async () => {
    const { body } = await createJson({ model: "local-reasoner-1", input: "x", include: ["reasoning.encrypted_content"] });
    expect(typeof body.output[0].encrypted_content).toBe("string");
  });

  it("the summary says what the engine will do: call a function", async () => {
    const tool = {
      type: "function",
      name: "get_weather",
      strict: true,
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
    };
    const { body } = await createJson({ model: "m", input: "weather in Lima", tools: [tool], reasoning: { summary: "concise" } });
    expect(body.output[0].summary[0].text).toContain('I will call `get_weather` with {"city":"Lima"}');
  });
});
