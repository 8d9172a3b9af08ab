import { describe, expect, it } from "vitest";
import type { Response as OpenAIResponse, ResponseOutputMessage } from "openai/resources/responses/responses";
import { markInterrupted, runStateFromResponse } from "@/lib/responses/reducer";
import { outputText, type RunState } from "@/lib/responses/run-state";
import { concatTextDeltas, replayFixture, type Replay } from "./helpers";

function message(state: RunState, i = 0): ResponseOutputMessage {
  const item = state.items[i]?.item;
  if (!item || item.type !== "message") throw new Error(`item ${i} is not a message: ${JSON.stringify(item)}`);
  return item;
}

function terminalResponse(replay: Replay): OpenAIResponse {
  const e = replay.events.find((x) => x.type === "response.completed" || x.type === "response.incomplete");
  if (!e) throw new Error("no terminal event");
  return (e as { response: OpenAIResponse }).response;
}

/** Text shown never shrinks while events arrive. */
function expectTextNeverShrinks(replay: Replay) {
  let last = 0;
  for (const s of replay.states) {
    const len = outputText(s).length;
    expect(len).toBeGreaterThanOrEqual(last);
    last = len;
  }
}

describe("reducer on recorded streams", () => {
  it("seed 002 (no sequence_number, no logprobs, no trailing blank line): final text, status, usage", async () => {
    const r = await replayFixture("seed-002-streaming.sse");
    expect(r.parsed.every((p) => p.kind === "event")).toBe(true);
    expect(r.events).toHaveLength(19);
    expect(outputText(r.state)).toBe("你好! 我能为您提供什么帮助吗?");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(r.state.status).toBe("completed");
    expect(r.state.usage).toEqual({
      input_tokens: 37,
      output_tokens: 11,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 48,
    });
    expect(r.state.responseId).toBe("resp_67c9fdcecf488190bdd9a0409de3a1ec07b8b0ad4e5eb654");
    expect(r.state.model).toBe("gpt-4.1-2025-04-14");
    expect(r.state.items).toHaveLength(1);
    expect(r.state.items[0]!.key).toBe("msg_67c9fdcf37fc8190ba82116e33fb28c507b8b0ad4e5eb654");
    expect(r.state.items[0]!.eventIndexes).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(r.state.eventCount).toBe(19);
    expect(r.state.unknownEventCount).toBe(0);
    expect(r.state.error).toBeNull();
    expect(r.state.timing).toEqual({ firstEventMs: 10, firstTextMs: 50, lastEventMs: 190, endMs: 190 });
    expectTextNeverShrinks(r);
  });

  it("seed 002 gives the same result whatever the chunking", async () => {
    const reference = (await replayFixture("seed-002-streaming.sse", 1 << 20)).state;
    for (const size of [1, 7, 64, 1000]) {
      const { state } = await replayFixture("seed-002-streaming.sse", size);
      expect(state.items).toEqual(reference.items);
      expect(outputText(state)).toBe("你好! 我能为您提供什么帮助吗?");
    }
  });

  it("canonical text stream with sequence numbers", async () => {
    const r = await replayFixture("canonical-text.sse", 5);
    expect(r.events.map((e) => e.sequence_number)).toEqual(r.events.map((_, i) => i));
    expect(outputText(r.state)).toBe("Hello world! 你好，世界 🌍");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(r.state.status).toBe("completed");
    expect(r.state.usage?.total_tokens).toBe(21);
    expect(message(r.state).status).toBe("completed");
    expectTextNeverShrinks(r);
  });

  it("function call: arguments accumulate, then the final item", async () => {
    const r = await replayFixture("function-call.sse");
    const item = r.state.items[0]!.item;
    expect(item).toMatchObject({ type: "function_call", name: "get_weather", call_id: "call_abc123", status: "completed" });
    expect(item.type === "function_call" && JSON.parse(item.arguments)).toEqual({ city: "Paris", unit: "c" });
    // Mid-stream, after the 2nd delta:
    const mid = r.states[4]!.items[0]!.item;
    expect(mid.type === "function_call" && mid.arguments).toBe('{"city":"');
    expect(outputText(r.state)).toBe("");
    expect(r.state.status).toBe("completed");
  });

  it("reasoning summary: parts by summary_index, then the answer as a second item", async () => {
    const r = await replayFixture("reasoning-summary.sse");
    expect(r.state.items.map((v) => v.item.type)).toEqual(["reasoning", "message"]);
    const rs = r.state.items[0]!.item;
    expect(rs.type === "reasoning" && rs.summary.map((s) => s.text)).toEqual([
      "**Reading the question**\n\nThe user asks for 17 × 3.",
      "**Computing**\n\n17 × 3 = 51.",
    ]);
    // While streaming the second paragraph, the first is complete and the second partial.
    const during = r.states.find((s) => {
      const it = s.items[0]?.item;
      return it?.type === "reasoning" && it.summary.length === 2 && it.summary[1]!.text === "**Computing**\n\n";
    });
    expect(during).toBeDefined();
    expect(outputText(r.state)).toBe("17 × 3 = **51**.");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(r.state.usage?.output_tokens_details.reasoning_tokens).toBe(64);
    expect(r.state.model).toBe("o4-mini");
  });

  it("refusal: accumulates in a refusal part, no output_text", async () => {
    const r = await replayFixture("refusal.sse");
    expect(message(r.state).content).toEqual([{ type: "refusal", refusal: "I'm sorry, but I can't help with that." }]);
    const mid = r.states[3]!;
    expect(message(mid).content).toEqual([{ type: "refusal", refusal: "I'm sorry, " }]);
    expect(outputText(r.state)).toBe("");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(r.state.status).toBe("completed");
  });

  it("annotations: set by annotation_index, an offset past the end kept, a null annotation ignored", async () => {
    const r = await replayFixture("annotations.sse");
    expect(r.state.items.map((v) => [v.item.type, v.outputIndex])).toEqual([
      ["web_search_call", 0],
      ["message", 1],
    ]);
    const text = message(r.state, 1).content[0]!;
    expect(text.type).toBe("output_text");
    if (text.type !== "output_text") return;
    expect(text.text).toBe("According to Example News, the launch is on Friday.");
    expect(text.annotations).toEqual([
      { type: "url_citation", url: "https://example.com/news", title: "Example News", start_index: 13, end_index: 25 },
      { type: "file_citation", file_id: "file_123", filename: "notes.pdf", index: 999 },
    ]);
    // Right after the annotation events (before output_text.done) the annotations are already there.
    const afterNull =
      r.states[
        r.events.findIndex((e) => e.type === "response.output_text.annotation.added" && (e as { annotation: unknown }).annotation === null)
      ]!;
    const partThen = message(afterNull, 1).content[0]!;
    expect(partThen.type === "output_text" && partThen.annotations).toHaveLength(2);
    // The null-annotation event is still linked to the message in the timeline.
    const nullIdx = r.events.findIndex((e) => (e as { annotation_index?: number }).annotation_index === 2);
    expect(r.state.items[1]!.eventIndexes).toContain(nullIdx);
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    // The web search went through its statuses.
    const statuses = r.states.slice(1, 5).map((s) => (s.items[0]!.item as { status: string }).status);
    expect(statuses).toEqual(["in_progress", "in_progress", "searching", "completed"]);
  });

  it("response.failed after some text: partial text kept, error set", async () => {
    const r = await replayFixture("failed-after-text.sse");
    expect(r.state.status).toBe("failed");
    expect(outputText(r.state)).toBe("Partial answer");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(r.state.error).toEqual({
      source: "response",
      message: "The server had an error while processing your request.",
      code: "server_error",
      param: null,
      type: null,
    });
    expect(r.state.timing.endMs).toBe(r.state.timing.lastEventMs);
  });

  it("response.incomplete: status, reason, text and usage", async () => {
    const r = await replayFixture("incomplete.sse");
    expect(r.state.status).toBe("incomplete");
    expect(r.state.incompleteReason).toBe("max_output_tokens");
    expect(outputText(r.state)).toBe("Once upon a time, there was a");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(message(r.state).status).toBe("incomplete");
    expect(r.state.usage?.output_tokens).toBe(16);
  });

  it("error event mid-stream: failed with the event's error, text kept", async () => {
    const r = await replayFixture("error-event.sse");
    expect(r.state.status).toBe("failed");
    expect(r.state.error).toEqual({
      source: "event",
      message: "Rate limit reached for gpt-4.1-mini.",
      code: "rate_limit_exceeded",
      param: null,
      type: null,
    });
    expect(outputText(r.state)).toBe("Before the error");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect(r.state.timing.endMs).not.toBeNull();
    // The stream then ends: an error event is final, the run stays failed.
    expect(markInterrupted(r.state).status).toBe("failed");
  });

  it("truncated stream: the cut record is invalid, markInterrupted keeps the output", async () => {
    const r = await replayFixture("truncated.sse", 11);
    expect(r.parsed.at(-1)).toMatchObject({ kind: "invalid" });
    expect(r.state.status).toBe("in_progress");
    const done = markInterrupted(r.state, 999);
    expect(done.status).toBe("interrupted");
    expect(outputText(done)).toBe("The first half");
    expect(outputText(done)).toBe(concatTextDeltas(r.events));
    expect(done.items).toBe(r.state.items);
    expect(done.timing.endMs).toBe(999);
  });

  it("deltas without prior added events: items and parts created on the fly; empty final output keeps them", async () => {
    const r = await replayFixture("no-added-events.sse");
    expect(r.events.every((e) => e.sequence_number === undefined)).toBe(true);
    expect(r.state.items.map((v) => [v.key, v.item.type, v.outputIndex])).toEqual([
      ["msg_loose_1", "message", 0],
      ["fc_loose_1", "function_call", 1],
    ]);
    expect(outputText(r.state)).toBe("Straight to the text.");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    const fc = r.state.items[1]!.item;
    expect(fc.type === "function_call" && fc.arguments).toBe('{"q":"x"}');
    expect(r.state.status).toBe("completed");
    expect(r.state.usage?.total_tokens).toBe(11);
  });

  it("unknown event types are counted, kept in order, and change nothing else", async () => {
    const r = await replayFixture("unknown-events.sse");
    expect(r.state.unknownEventCount).toBe(2);
    expect(r.state.eventCount).toBe(r.events.length);
    expect(r.events.map((e) => e.type)).toContain("response.some_future_event");
    expect(outputText(r.state)).toBe("Known and unknown.");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    const i = r.events.findIndex((e) => e.type === "response.some_future_event");
    expect(r.states[i]!.items).toBe(r.states[i - 1]!.items);
    expect(r.state.items[0]!.eventIndexes).not.toContain(i);
    expect(r.state.status).toBe("completed");
  });

  it("output_index gaps: wire indexes kept, positions compact", async () => {
    const r = await replayFixture("output-index-gaps.sse");
    expect(r.state.items.map((v) => [v.item.type, v.outputIndex])).toEqual([
      ["web_search_call", 2],
      ["message", 5],
    ]);
    expect(outputText(r.state)).toBe("Sunny, 22 °C.");
    expect(outputText(r.state)).toBe(concatTextDeltas(r.events));
    expect((r.state.items[0]!.item as { status: string }).status).toBe("completed");
  });

  it.each([
    "seed-002-streaming.sse",
    "canonical-text.sse",
    "function-call.sse",
    "reasoning-summary.sse",
    "refusal.sse",
    "annotations.sse",
    "incomplete.sse",
    "unknown-events.sse",
    "output-index-gaps.sse",
  ])("replaying %s event by event yields the items of runStateFromResponse(final response)", async (name) => {
    const r = await replayFixture(name);
    const response = terminalResponse(r);
    const direct = runStateFromResponse(response);
    expect(r.state.items.map((v) => v.item)).toEqual(direct.items.map((v) => v.item));
    expect(r.state.items.map((v) => v.key)).toEqual(direct.items.map((v) => v.key));
    expect(outputText(r.state)).toBe(outputText(direct));
    expect(r.state.status).toBe(direct.status);
    expect(r.state.usage).toEqual(direct.usage);
  });
});

describe("the text the deltas build, before the terminal event replaces it", () => {
  // A final snapshot hides a broken delta join (say, each delta's trailing whitespace dropped): the terminal event's
  // full response overwrites whatever the deltas built. So the text is checked on the state just before it, at every
  // read size.
  const FIXTURES = [
    "canonical-text.sse",
    "seed-002-streaming.sse",
    "annotations.sse",
    "reasoning-summary.sse",
    "incomplete.sse",
    "failed-after-text.sse",
  ];
  it.each(FIXTURES)("%s: the deltas alone build the final text", async (name) => {
    for (const size of [1, 7, 37, 100_000]) {
      const replay = await replayFixture(name, size);
      const terminal = replay.events.findIndex((e) => /^response\.(completed|incomplete|failed)$/.test(e.type));
      expect(terminal, "the fixture has a terminal event").toBeGreaterThan(0);
      const before = outputText(replay.states[terminal - 1]!);
      expect(before, `${name} in ${size}-byte reads`).toBe(concatTextDeltas(replay.events));
      expect(before.length, "some text streamed").toBeGreaterThan(0);
      if (replay.events[terminal]!.type === "response.completed") expect(outputText(replay.state)).toBe(before);
    }
  });
});
