import { readFileSync } from "node:fs";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { localEngineFetch } from "@/lib/local-engine";
import { responsesToChat } from "@/lib/chat/responses-to-chat";
import { createJson, deltas, engine, outputText, streamEvents } from "./helpers";
import { findOpenApiSpec, skipUnlessAvailable } from "../support/required";

/** `POST /v1/chat/completions` on the local engine: chunks, tool-call fragments, usage, [DONE], errors, SDK. */

const WEATHER = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Weather for a city",
    strict: true,
    parameters: {
      type: "object",
      properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["location", "unit"],
      additionalProperties: false,
    },
  },
};
const TIME = {
  type: "function",
  function: {
    name: "get_time",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
    strict: true,
  },
};
const PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

type Chunk = Record<string, any>;

async function chatStream(body: Record<string, unknown>): Promise<{ res: Response; text: string; chunks: Chunk[]; records: string[] }> {
  const res = await engine("/chat/completions", { json: { stream: true, stream_options: { include_usage: true }, ...body } });
  const text = await res.text();
  const records = text.split("\n\n").filter((r) => r.trim() !== "");
  const chunks = records.filter((r) => r !== "data: [DONE]").map((r) => JSON.parse(r.slice("data: ".length)) as Chunk);
  return { res, text, chunks, records };
}

const content = (chunks: Chunk[]) =>
  chunks
    .flatMap((c) => c.choices)
    .map((ch: any) => ch.delta.content ?? "")
    .join("");

describe("local engine: POST /v1/chat/completions (streaming)", () => {
  it("data-only SSE: role first, content deltas, finish_reason stop, a usage chunk, then [DONE]", async () => {
    const { res, records, chunks } = await chatStream({ model: "local-echo-1", messages: [{ role: "user", content: "Hello chat!" }] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(records.every((r) => r.startsWith("data: ") && !r.includes("\nevent:"))).toBe(true);
    expect(records[records.length - 1]).toBe("data: [DONE]");
    const ids = new Set(chunks.map((c) => c.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(/^chatcmpl-/);
    expect(new Set(chunks.map((c) => c.created)).size).toBe(1);
    expect(chunks.every((c) => c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks[0]!.choices[0].delta.role).toBe("assistant");
    const finish = chunks[chunks.length - 2]!;
    expect(finish.choices[0].finish_reason).toBe("stop");
    const usage = chunks[chunks.length - 1]!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage.total_tokens).toBe(usage.usage.prompt_tokens + usage.usage.completion_tokens);
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it("gives the same text as /v1/responses for the same conversation (translated by responsesToChat)", async () => {
    const responses = {
      model: "local-echo-1",
      instructions: "Be brief.",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Compare me" },
            { type: "input_image", image_url: PNG_1PX, detail: "low" },
          ],
        },
      ],
    };
    const { events } = await streamEvents(responses);
    const chat = responsesToChat({ ...responses, stream: true }).body;
    const { chunks } = await chatStream(chat);
    expect(content(chunks)).toBe(deltas(events));
    const usageChunk = chunks[chunks.length - 1]!;
    const completed = events[events.length - 1]!.data as any;
    expect(usageChunk.usage.prompt_tokens).toBe(completed.response.usage.input_tokens);
    expect(usageChunk.usage.completion_tokens).toBe(completed.response.usage.output_tokens);
  });

  it("without include_usage there is no usage chunk and no usage field", async () => {
    const res = await engine("/chat/completions", { json: { model: "m", stream: true, messages: [{ role: "user", content: "hi" }] } });
    const text = await res.text();
    expect(text).not.toContain('"usage"');
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
  });

  it("function tools: tool_calls fragments by index (id, type, name first; then argument pieces), finish_reason tool_calls", async () => {
    const { chunks } = await chatStream({
      model: "local-echo-1",
      messages: [{ role: "user", content: "What is the weather in Boston in celsius, and the time in Boston?" }],
      tools: [WEATHER, TIME],
    });
    const frags = chunks.flatMap((c) => c.choices).flatMap((ch: any) => ch.delta.tool_calls ?? []);
    const indexes = [...new Set(frags.map((f: any) => f.index))];
    expect(indexes).toEqual([0, 1]);
    for (const index of indexes) {
      const own = frags.filter((f: any) => f.index === index);
      expect(own[0]).toMatchObject({ index, type: "function", function: { arguments: "" } });
      expect(own[0].id).toMatch(/^call_/);
      expect(own.slice(1).every((f: any) => f.id === undefined && f.function.name === undefined)).toBe(true);
      const args = JSON.parse(own.map((f: any) => f.function.arguments).join(""));
      expect(args.location ?? args.city).toBe("Boston");
    }
    expect(chunks[chunks.length - 2]!.choices[0].finish_reason).toBe("tool_calls");
    expect(content(chunks)).toBe("");
  });

  it("a tool round trip: assistant tool_calls + tool message → an answer that uses the output", async () => {
    const { chunks } = await chatStream({
      model: "local-echo-1",
      messages: [
        { role: "user", content: "What is the weather in Paris?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"location":"Paris","unit":"celsius"}' } },
          ],
        },
        { role: "tool", tool_call_id: "call_1", content: '{"temperature":21}' },
      ],
      tools: [WEATHER],
    });
    expect(content(chunks)).toContain("get_weather");
    expect(content(chunks)).toContain("21");
    expect(chunks[chunks.length - 2]!.choices[0].finish_reason).toBe("stop");
  });

  it("max_completion_tokens (and the legacy max_tokens) end with finish_reason length", async () => {
    for (const key of ["max_completion_tokens", "max_tokens"]) {
      const { chunks, records } = await chatStream({
        model: "m",
        messages: [{ role: "user", content: "Tell me a long story." }],
        [key]: 16,
      });
      expect(chunks[chunks.length - 2]!.choices[0].finish_reason).toBe("length");
      expect(chunks[chunks.length - 1]!.usage.completion_tokens).toBeLessThanOrEqual(16);
      expect(records[records.length - 1]).toBe("data: [DONE]");
    }
  });

  it("[fail] ends with an error payload and no [DONE]", async () => {
    const { text, chunks } = await chatStream({ model: "m", messages: [{ role: "user", content: "please [fail]" }] });
    expect(text).not.toContain("[DONE]");
    expect(chunks[chunks.length - 1]!.error.code).toBe("server_error");
  });
});

describe("local engine: POST /v1/chat/completions (not streamed, errors)", () => {
  it("returns a chat.completion with message, finish_reason and usage", async () => {
    const res = await engine("/chat/completions", { json: { model: "local-echo-1", messages: [{ role: "user", content: "Hello!" }] } });
    const body = (await res.json()) as Chunk;
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0].finish_reason).toBe("stop");
    expect(body.choices[0].message.role).toBe("assistant");
    const same = await createJson({ model: "local-echo-1", input: [{ role: "user", content: "Hello!" }] });
    expect(body.choices[0].message.content).toBe(outputText(same.body));
    expect(body.usage.prompt_tokens).toBe(same.body.usage.input_tokens);
  });

  it("missing model / messages, bad role, bad image → 400 with param", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ messages: [{ role: "user", content: "x" }] }, "model"],
      [{ model: "m" }, "messages"],
      [{ model: "m", messages: [] }, "messages"],
      [{ model: "m", messages: [{ role: "wizard", content: "x" }] }, "messages[0].role"],
      [
        { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }] },
        "messages[0].content[0].image_url.url",
      ],
      [{ model: "m", messages: [{ role: "user", content: "x" }], stream_options: { include_usage: true } }, "stream_options"],
    ];
    for (const [body, param] of cases) {
      const res = await engine("/chat/completions", { json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as Chunk;
      expect(err.error.param).toBe(param);
      expect(typeof err.error.message).toBe("string");
    }
  });
});

describe("official openai SDK: chat.completions.create against the local engine (in-process)", () => {
  const client = new OpenAI({
    apiKey: "test",
    baseURL: "http://local-engine/v1",
    fetch: localEngineFetch as any,
    maxRetries: 0,
    defaultHeaders: { "x-local-engine-delay-ms": "0" },
  });

  it("stream: true yields chunks, assembles tool calls by index, gets usage and ends at [DONE]", async () => {
    const stream = await client.chat.completions.create({
      model: "local-echo-1",
      messages: [{ role: "user", content: "What is the weather in Boston?" }],
      tools: [WEATHER as any],
      stream: true,
      stream_options: { include_usage: true },
    });
    const args = new Map<number, string>();
    let finish: string | null = null;
    let usage: any = null;
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        for (const call of choice.delta.tool_calls ?? [])
          args.set(call.index, (args.get(call.index) ?? "") + (call.function?.arguments ?? ""));
        if (choice.finish_reason) finish = choice.finish_reason;
      }
    }
    expect(finish).toBe("tool_calls");
    expect(JSON.parse(args.get(0)!)).toMatchObject({ location: "Boston" });
    expect(usage.total_tokens).toBeGreaterThan(0);
  });

  it("stream: true text equals the non-streamed message", async () => {
    const messages = [
      { role: "system" as const, content: "Be kind." },
      { role: "user" as const, content: "SDK chat please" },
    ];
    const stream = await client.chat.completions.create({ model: "local-echo-1", messages, stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    const full = await client.chat.completions.create({ model: "local-echo-1", messages });
    expect(text.length).toBeGreaterThan(50);
    expect(full.choices[0]!.message.content).toBe(text);
  });
});

// ---- spec conformance --------------------------------------------------------------------------------------------

const SPEC_PATH = findOpenApiSpec() ?? "";
// Under CI=true a missing spec fails (tests/support/required.ts); elsewhere it skips with a warning.
const specExists = !skipUnlessAvailable(
  SPEC_PATH !== "",
  "the official OpenAPI spec (../shared/reference/openai-openapi.yaml or OPENAI_SPEC_PATH)",
);
const SPEC_ID = "https://spec.local/openai-openapi.json";

describe.skipIf(!specExists)("chat chunks conform to the official OpenAPI spec", () => {
  let ajv: Ajv2020;
  const check = (name: string, value: unknown, label: string) => {
    const validate = ajv.getSchema(`${SPEC_ID}#/components/schemas/${name}`) as ValidateFunction;
    if (!validate(value))
      throw new Error(`${label} does not match ${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}\n${JSON.stringify(value)}`);
  };

  beforeAll(() => {
    const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Record<string, any>;
    spec.$id = SPEC_ID;
    dropNullable(spec);
    ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats(ajv);
    for (const f of ["unixtime", "int64", "double", "float"])
      ajv.addFormat(f, { type: "number", validate: (n: number) => Number.isFinite(n) });
    for (const f of ["binary", "png"]) ajv.addFormat(f, { type: "string", validate: () => true });
    ajv.addSchema(spec);
  }, 30_000);

  const scenarios: Array<[string, Record<string, unknown>]> = [
    [
      "text",
      {
        model: "local-echo-1",
        messages: [
          { role: "developer", content: "Be exact." },
          { role: "user", content: "Hello spec" },
        ],
      },
    ],
    [
      "image",
      {
        model: "local-echo-1",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "Look" },
              { type: "image_url", image_url: { url: PNG_1PX } },
            ],
          },
        ],
      },
    ],
    ["tools", { model: "local-echo-1", messages: [{ role: "user", content: "weather in Oslo and time in Oslo" }], tools: [WEATHER, TIME] }],
    ["length", { model: "local-echo-1", messages: [{ role: "user", content: "a long story" }], max_completion_tokens: 16 }],
    ["refusal", { model: "local-echo-1", messages: [{ role: "user", content: "[refuse] this" }] }],
    ["reasoning", { model: "local-reasoner-1", messages: [{ role: "user", content: "think" }], reasoning_effort: "low" }],
  ];

  for (const [name, body] of scenarios) {
    it(`${name}: every chunk is a CreateChatCompletionStreamResponse; the non-streamed body a CreateChatCompletionResponse`, async () => {
      const { chunks } = await chatStream(body);
      expect(chunks.length).toBeGreaterThan(2);
      chunks.forEach((chunk, i) => check("CreateChatCompletionStreamResponse", chunk, `${name} chunk #${i}`));
      const res = await engine("/chat/completions", { json: body });
      check("CreateChatCompletionResponse", await res.json(), `${name} (not streamed)`);
    });
  }
});

/**
 * The chat schemas use OpenAPI 3.0's `nullable: true` (which JSON Schema 2020-12 does not know) in places: turned
 * into its 2020-12 meaning (`type: [t, "null"]`, `null` in an `enum`, or `anyOf` with `{type: "null"}`).
 */
function dropNullable(node: any): any {
  if (Array.isArray(node)) {
    node.forEach((child, i) => (node[i] = dropNullable(child)));
    return node;
  }
  if (typeof node !== "object" || node === null) return node;
  for (const key of Object.keys(node)) node[key] = dropNullable(node[key]);
  if (node.nullable !== true) return node;
  delete node.nullable;
  if (typeof node.type === "string") {
    node.type = [node.type, "null"];
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
    return node;
  }
  return { anyOf: [node, { type: "null" }] };
}
