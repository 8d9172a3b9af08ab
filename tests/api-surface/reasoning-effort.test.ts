import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as proxyChat } from "@/app/api/v1/chat/completions/route";
import { POST as proxyResponses } from "@/app/api/v1/responses/route";
import { localEngineFetch } from "@/lib/local-engine";
import { isReasoningModelName } from "@/lib/local-engine/models";
import { createJson } from "../local-engine/helpers";

/** Issue 16 item 3: models the API names as reasoning models reason when given only an effort, as the API does. */

afterEach(() => vi.unstubAllEnvs());

function viaProxy(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  vi.stubEnv("OPENAI_API_KEY", "");
  const headers = new Headers(init?.headers);
  headers.set("x-local-engine-delay-ms", "0");
  headers.set("x-playground-upstream", "local");
  const req = new Request(input, { ...init, headers });
  return new URL(req.url).pathname.endsWith("/chat/completions") ? proxyChat(req) : proxyResponses(req);
}

const clients = {
  "the local engine": new OpenAI({
    apiKey: "local",
    baseURL: "http://local-engine/v1",
    fetch: localEngineFetch,
    maxRetries: 0,
    defaultHeaders: { "x-local-engine-delay-ms": "0" },
  }),
  "the proxy": new OpenAI({ apiKey: "unused", baseURL: "http://playground.test/api/v1", fetch: viaProxy as typeof fetch, maxRetries: 0 }),
};

describe("reasoning models named as such", () => {
  it("knows the o-series and gpt-5 and newer, with or without a gateway prefix", () => {
    for (const m of ["o1", "o1-pro", "o3", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5.1", "gpt-5.1-codex", "gpt-6", "openai/o3"]) {
      expect(isReasoningModelName(m), m).toBe(true);
    }
    for (const m of ["gpt-4.1", "gpt-4o", "gpt-4o-mini", "local-echo-1", "gpt-5-chat-latest", "omni-moderation-latest", "o"]) {
      expect(isReasoningModelName(m), m).toBe(false);
    }
  });

  it("reason with only reasoning.effort: a reasoning item without summary, hidden tokens by effort", async () => {
    const { body } = await createJson({ model: "o4-mini", input: "Why is the sky blue?", reasoning: { effort: "low" } });
    expect(body.output[0]).toMatchObject({ type: "reasoning", summary: [] });
    expect(body.usage.output_tokens_details.reasoning_tokens).toBe(16);
    const high = await createJson({ model: "gpt-5", input: "x", reasoning: { effort: "high" } });
    expect(high.body.usage.output_tokens_details.reasoning_tokens).toBe(64);
  });

  it("other models still need a summary, and effort none turns it off", async () => {
    const plain = await createJson({ model: "gpt-4.1", input: "x", reasoning: { effort: "high" } });
    expect(plain.body.output.some((i: { type: string }) => i.type === "reasoning")).toBe(false);
    expect(plain.body.usage.output_tokens_details.reasoning_tokens).toBe(0);
    const off = await createJson({ model: "gpt-5", input: "x", reasoning: { effort: "none" } });
    expect(off.body.usage.output_tokens_details.reasoning_tokens).toBe(0);
  });

  for (const [surface, client] of Object.entries(clients)) {
    it(`${surface}: Responses usage and Chat Completions usage report reasoning tokens (official SDK)`, async () => {
      const response = await client.responses.create({ model: "o3", input: "Plan a picnic", reasoning: { effort: "medium" } });
      expect(response.usage?.output_tokens_details.reasoning_tokens).toBe(32);
      const chat = await client.chat.completions.create({
        model: "o3",
        messages: [{ role: "user", content: "Plan a picnic" }],
        reasoning_effort: "medium",
      });
      expect(chat.usage?.completion_tokens_details?.reasoning_tokens).toBe(32);
      expect(chat.choices[0]?.message.content).toBeTruthy();
      const stream = await client.chat.completions.create({
        model: "gpt-5-mini",
        messages: [{ role: "user", content: "Plan a picnic" }],
        reasoning_effort: "low",
        stream: true,
        stream_options: { include_usage: true },
      });
      let reasoningTokens: number | undefined;
      for await (const chunk of stream) if (chunk.usage) reasoningTokens = chunk.usage.completion_tokens_details?.reasoning_tokens;
      expect(reasoningTokens).toBe(16);
    });
  }
});
