import { expect, test } from "@playwright/test";
import OpenAI from "openai";

/** The official SDK's chat.completions over real HTTP: the proxy (`/api/v1`) and the local engine (`/api/local/v1`). */
const WEATHER = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"], additionalProperties: false },
    strict: true,
  },
};

for (const surface of ["/api/local/v1", "/api/v1"] as const) {
  test.describe(`openai SDK chat.completions against ${surface}`, () => {
    const client = (baseURL: string | undefined) =>
      new OpenAI({
        apiKey: "local",
        baseURL: `${baseURL}${surface}`,
        maxRetries: 0,
        defaultHeaders: { "x-playground-upstream": "local", "x-local-engine-delay-ms": "0" },
      });

    test("create({stream: true}): content deltas, finish_reason stop, usage chunk, same text as non-streamed", async ({ baseURL }) => {
      const openai = client(baseURL);
      const messages = [{ role: "user" as const, content: "Chat over HTTP, 你好 🌍" }];
      const stream = await openai.chat.completions.create({
        model: "local-echo-1",
        messages,
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = "";
      let finish: string | null = null;
      let usage: OpenAI.CompletionUsage | null | undefined = null;
      for await (const chunk of stream) {
        expect(chunk.object).toBe("chat.completion.chunk");
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        text += choice?.delta.content ?? "";
        if (choice?.finish_reason) finish = choice.finish_reason;
      }
      expect(finish).toBe("stop");
      expect(text).toContain("你好 🌍");
      expect(usage?.total_tokens).toBeGreaterThan(0);
      const full = await openai.chat.completions.create({ model: "local-echo-1", messages });
      expect(full.choices[0]?.message.content).toBe(text);
    });

    test("create({stream: true}) with a function tool: tool_calls assembled by index", async ({ baseURL }) => {
      const openai = client(baseURL);
      const stream = await openai.chat.completions.create({
        model: "local-echo-1",
        messages: [{ role: "user", content: "What is the weather in Lisbon?" }],
        tools: [WEATHER],
        stream: true,
      });
      const args: string[] = [];
      let name = "";
      let finish: string | null = null;
      for await (const chunk of stream) {
        for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
          args[call.index] = (args[call.index] ?? "") + (call.function?.arguments ?? "");
          if (call.function?.name) name = call.function.name;
        }
        if (chunk.choices[0]?.finish_reason) finish = chunk.choices[0].finish_reason;
      }
      expect(name).toBe("get_weather");
      expect(JSON.parse(args[0] ?? "")).toEqual({ location: "Lisbon" });
      expect(finish).toBe("tool_calls");
    });

    test("a missing messages array is a BadRequestError with param", async ({ baseURL }) => {
      const err = await client(baseURL)
        .chat.completions.create({ model: "local-echo-1" } as never)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("messages");
    });
  });
}
