/**
 * Benchmarks (not tests): `npx vitest bench --run tests/responses`.
 * A 40,000-event stream into one message must fold in well under a second (it replays recordings in one go).
 */
import { bench, describe } from "vitest";
import { applyEvent } from "@/lib/responses/reducer";
import type { StreamEvent } from "@/lib/responses/events";
import { initialRunState } from "@/lib/responses/run-state";
import { parseSseMessage, type SseMessage } from "@/lib/responses/sse";

function syntheticStream(n: number): StreamEvent[] {
  const events: StreamEvent[] = [
    {
      type: "response.output_item.added",
      output_index: 0,
      sequence_number: 0,
      item: { id: "m", type: "message", role: "assistant", status: "in_progress", content: [] },
    } as StreamEvent,
  ];
  for (let i = 1; i < n; i++) {
    events.push({
      type: "response.output_text.delta",
      item_id: "m",
      output_index: 0,
      content_index: 0,
      delta: "tok ",
      logprobs: [],
      sequence_number: i,
    } as StreamEvent);
  }
  return events;
}

describe("reducer", () => {
  const events = syntheticStream(40_000);
  bench(
    "fold 40,000 deltas into one message",
    () => {
      let s = initialRunState("connecting");
      for (let i = 0; i < events.length; i++) s = applyEvent(s, events[i]!, i, i);
    },
    { iterations: 5 },
  );

  const messages: SseMessage[] = events.map((e) => ({ event: e.type, id: undefined, data: JSON.stringify(e) }));
  bench(
    "parse + fold 40,000 SSE records",
    () => {
      let s = initialRunState("connecting");
      for (let i = 0; i < messages.length; i++) {
        const p = parseSseMessage(messages[i]!);
        if (p.kind === "event") s = applyEvent(s, p.event, i, i);
      }
    },
    { iterations: 5 },
  );
});
