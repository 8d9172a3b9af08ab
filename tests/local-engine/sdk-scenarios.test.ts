import OpenAI, { toFile } from "openai";
import type { ResponseCreateParamsStreaming, ResponseStreamEvent } from "openai/resources/responses/responses";
import { describe, expect, it } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";

/** The official SDK's `responses.stream()` accumulator must accept every stream the engine produces. */
const client = new OpenAI({
  apiKey: "test",
  baseURL: "http://local-engine/v1",
  fetch: localEngineFetch as typeof fetch,
  maxRetries: 0,
  defaultHeaders: { "x-local-engine-delay-ms": "0" },
});

const weather = {
  type: "function" as const,
  name: "get_weather",
  strict: true,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

async function run(params: Omit<ResponseCreateParamsStreaming, "stream">) {
  const stream = client.responses.stream(params);
  const types: string[] = [];
  stream.on("event", (event: ResponseStreamEvent) => {
    types.push(event.type);
  });
  const final = await stream.finalResponse();
  return { final, types };
}

describe("responses.stream() accepts every engine scenario", () => {
  it("reasoning summary then the answer", async () => {
    const { final, types } = await run({ model: "local-reasoner-1", input: "Why?", reasoning: { effort: "low", summary: "detailed" } });
    expect(final.status).toBe("completed");
    expect(final.output[0]?.type).toBe("reasoning");
    expect(types).toContain("response.reasoning_summary_text.delta");
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(16);
  });

  it("a function call, then an answer from its output (previous_response_id)", async () => {
    const first = await run({ model: "m", input: "What's the weather in Quito?", tools: [weather] });
    const call = first.final.output.find((o) => o.type === "function_call");
    expect(call?.type === "function_call" && JSON.parse(call.arguments)).toEqual({ city: "Quito" });
    if (call?.type !== "function_call") return;
    const second = await run({
      model: "m",
      previous_response_id: first.final.id,
      tools: [weather],
      input: [{ type: "function_call_output", call_id: call.call_id, output: '{"temp_c": 14}' }],
    });
    expect(second.final.output_text).toContain("temp c 14");
  });

  it("web search with url_citations", async () => {
    const stream = client.responses.stream({ model: "m", input: "What causes ocean tides?", tools: [{ type: "web_search_preview" }] });
    let annotations = 0;
    stream.on("response.output_text.annotation.added", () => {
      annotations++;
    });
    const final = await stream.finalResponse();
    const message = final.output.find((o) => o.type === "message");
    const part = message?.type === "message" ? message.content[0] : undefined;
    expect(part?.type === "output_text" && part.annotations.length).toBe(annotations);
    expect(annotations).toBeGreaterThan(0);
  });

  it("file search with file_citations and results", async () => {
    const file = await client.files.create({
      file: await toFile(Buffer.from("The treasure is buried under the old oak tree."), "map.txt"),
      purpose: "assistants",
    });
    const store = await client.vectorStores.create({ name: "maps", file_ids: [file.id] });
    const { final } = await run({
      model: "m",
      input: "Where is the treasure buried?",
      tools: [{ type: "file_search", vector_store_ids: [store.id] }],
      include: ["file_search_call.results"],
    });
    const call = final.output[0];
    expect(call?.type === "file_search_call" && call.results?.[0]?.filename).toBe("map.txt");
    expect(final.output_text).toContain("The treasure is buried under the old oak tree.");
  });

  it("a refusal", async () => {
    const { final, types } = await run({ model: "m", input: "no [refuse]" });
    expect(types).toContain("response.refusal.delta");
    const message = final.output[0];
    expect(message?.type === "message" && message.content[0]?.type).toBe("refusal");
  });

  it("[fail]: finalResponse resolves with status failed and the partial text", async () => {
    const { final } = await run({ model: "m", input: "partial please [fail]" });
    expect(final.status).toBe("failed");
    expect(final.error?.code).toBe("server_error");
    expect(final.output_text.length).toBeGreaterThan(10);
  });

  it("[error-event]: the stream rejects with the error event (SDK 6.x passes the event object)", async () => {
    const stream = client.responses.stream({ model: "m", input: "boom [error-event]" });
    const error = await stream.finalResponse().catch((e: unknown) => e);
    expect(error).toMatchObject({ message: expect.stringContaining("[error-event]") });
  });

  it("[429]: a RateLimitError with the retry-after header", async () => {
    const error = await client.responses.create({ model: "m", input: "x [429]" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers?.get("retry-after")).toBe("2");
  });
});
