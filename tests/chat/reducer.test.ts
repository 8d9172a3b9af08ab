import { describe, expect, it } from "vitest";
import { applyChatMessage, initialChatState, markChatEnded, parseChatMessage, type ChatRunState } from "@/lib/chat/reducer";
import { readSse } from "@/lib/responses/sse";

/** The chat chunk folder on hand-written streams, read through the one SSE parser. */

const base = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "gpt-4.1" };
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
});

function body(records: string[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(records.map((r) => `data: ${r}\r\n\r\n`).join(""));
  return new ReadableStream({
    start(c) {
      // split mid-record to exercise the parser
      c.enqueue(bytes.slice(0, 37));
      c.enqueue(bytes.slice(37));
      c.close();
    },
  });
}

async function fold(records: string[]): Promise<ChatRunState> {
  let state = initialChatState("connecting");
  let t = 0;
  for await (const msg of readSse(body(records))) state = applyChatMessage(state, parseChatMessage(msg), (t += 10));
  return markChatEnded(state, t + 1);
}

describe("chat reducer", () => {
  it("assembles text, finish_reason stop, the usage chunk and [DONE], with timing and an event per record", async () => {
    const s = await fold([
      JSON.stringify(chunk({ role: "assistant", content: "" })),
      JSON.stringify(chunk({ content: "Hel" })),
      JSON.stringify(chunk({ content: "lo 🌍" })),
      JSON.stringify(chunk({}, "stop")),
      JSON.stringify({
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 5,
          completion_tokens: 3,
          total_tokens: 8,
          prompt_tokens_details: { cached_tokens: 2 },
          completion_tokens_details: { reasoning_tokens: 1 },
        },
      }),
      "[DONE]",
    ]);
    expect(s.text).toBe("Hello 🌍");
    expect(s.finishReason).toBe("stop");
    expect(s.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8, cached_tokens: 2, reasoning_tokens: 1 });
    expect(s.status).toBe("done");
    expect(s.sawDone).toBe(true);
    expect(s.timing).toEqual({ firstByteMs: 10, firstTextMs: 20, endMs: 60 });
    expect(s.events.map((e) => e.kind)).toEqual(["chunk", "chunk", "chunk", "chunk", "usage", "[DONE]"]);
    expect(s.id).toBe("chatcmpl-1");
  });

  it("merges tool_calls fragments by index across chunks, interleaved", async () => {
    const s = await fold([
      JSON.stringify(chunk({ role: "assistant", content: null })),
      JSON.stringify(chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: "" } }] })),
      JSON.stringify(
        chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"lo' } }] }),
      ),
      JSON.stringify(chunk({ tool_calls: [{ index: 1, function: { arguments: '{"city":"Oslo"}' } }] })),
      JSON.stringify(chunk({ tool_calls: [{ index: 0, function: { arguments: 'cation":"Oslo"}' } }] })),
      JSON.stringify(chunk({}, "tool_calls")),
      "[DONE]",
    ]);
    expect(s.toolCalls).toEqual([
      { index: 0, id: "call_a", name: "get_weather", arguments: '{"location":"Oslo"}' },
      { index: 1, id: "call_b", name: "get_time", arguments: '{"city":"Oslo"}' },
    ]);
    expect(s.finishReason).toBe("tool_calls");
    expect(s.text).toBe("");
  });

  it("finish_reason length, a refusal, and a stream cut before [DONE] is interrupted", async () => {
    const s = await fold([
      JSON.stringify(chunk({ content: "partial" })),
      JSON.stringify(chunk({ refusal: "no" })),
      JSON.stringify(chunk({}, "length")),
    ]);
    expect(s.finishReason).toBe("length");
    expect(s.refusal).toBe("no");
    expect(s.sawDone).toBe(false);
    expect(s.status).toBe("interrupted");
  });

  it("an error payload fails the run with its message; garbage is logged, not fatal", async () => {
    const s = await fold([
      JSON.stringify(chunk({ content: "a" })),
      "{not json",
      JSON.stringify({ error: { message: "boom", code: "server_error" } }),
    ]);
    expect(s.status).toBe("failed");
    expect(s.error).toEqual({ message: "boom", code: "server_error", status: null });
    expect(s.events.map((e) => e.kind)).toEqual(["chunk", "(unreadable)", "error"]);
  });
});
