import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { StreamEvent } from "@/lib/responses/events";
import { applyEvent, applyEvents, type TimedEvent } from "@/lib/responses/reducer";
import { initialRunState, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage, readSse } from "@/lib/responses/sse";
import { fixtureText, streamOf } from "./helpers";

/**
 * `applyEvents` folds a slice of events at once (the page applies one batch per time slice) and merges runs of
 * deltas: it must give exactly the state of `applyEvent` one event at a time, event links and timing included.
 */

const FIXTURES = readdirSync(fileURLToPath(new URL("../fixtures/", import.meta.url))).filter((f) => f.endsWith(".sse"));

async function eventsOf(name: string): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const m of readSse(streamOf([fixtureText(name)]))) {
    const p = parseSseMessage(m);
    if (p.kind === "event") out.push(p.event);
  }
  return out;
}

const timed = (events: StreamEvent[]): TimedEvent[] => events.map((event, index) => ({ event, atMs: 5 * index + 1, index }));

function oneByOne(batch: TimedEvent[]): RunState {
  return batch.reduce((s, e) => applyEvent(s, e.event, e.atMs, e.index), initialRunState("connecting"));
}

function inBatches(batch: TimedEvent[], sizes: () => number): RunState {
  let state = initialRunState("connecting");
  for (let i = 0; i < batch.length;) {
    const n = Math.max(1, sizes());
    state = applyEvents(state, batch.slice(i, i + n));
    i += n;
  }
  return state;
}

/** Plain data of a state (eventIndexes is a getter on item views). */
const plain = (s: RunState) => JSON.parse(JSON.stringify(s));

function rand(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 2 ** 32;
  };
}

describe("applyEvents (batched folding)", () => {
  it.each(FIXTURES)("%s: at batch sizes 1, 2, 3, 7 and all, the state after every batch is the one-by-one state there", async (name) => {
    // Checks the text before the terminal event too: a broken delta join hidden by the final snapshot shows here.
    const batch = timed(await eventsOf(name));
    expect(batch.length).toBeGreaterThan(0);
    const after: RunState[] = [];
    batch.reduce((s, e) => {
      const next = applyEvent(s, e.event, e.atMs, e.index);
      after.push(next);
      return next;
    }, initialRunState("connecting"));
    for (const size of [1, 2, 3, 7, batch.length]) {
      let state = initialRunState("connecting");
      for (let i = 0; i < batch.length; i += size) {
        state = applyEvents(state, batch.slice(i, i + size));
        const last = Math.min(i + size, batch.length) - 1;
        expect(plain(state), `batch size ${size}, after event ${last}`).toEqual(plain(after[last]!));
      }
    }
  });

  it("the fixtures together hold every event family the reducer folds", async () => {
    const types = new Set<string>();
    for (const name of FIXTURES) for (const e of await eventsOf(name)) types.add(e.type);
    const families = [
      "response.created",
      "response.in_progress",
      "response.completed",
      "response.incomplete",
      "response.failed",
      "error",
      "response.output_item.added",
      "response.output_item.done",
      "response.content_part.added",
      "response.content_part.done",
      "response.output_text.delta",
      "response.output_text.done",
      "response.output_text.annotation.added",
      "response.refusal.delta",
      "response.refusal.done",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_text.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.custom_tool_call_input.delta",
      "response.mcp_call_arguments.delta",
      "response.mcp_list_tools.completed",
      "response.mcp_call.completed",
      "response.code_interpreter_call_code.delta",
      "response.code_interpreter_call.interpreting",
      "response.file_search_call.searching",
      "response.web_search_call.searching",
      "response.image_generation_call.partial_image",
    ];
    expect(families.filter((t) => !types.has(t))).toEqual([]);
    // An event the app does not know yet is folded too (kept in the log, state unchanged).
    expect([...types].some((t) => t === "response.some_future_event")).toBe(true);
  });

  it.each(FIXTURES)("%s: every batch size gives the state of one-by-one folding", async (name) => {
    const batch = timed(await eventsOf(name));
    const expected = plain(oneByOne(batch));
    for (const size of [1, 2, 3, 7, batch.length]) expect(plain(inBatches(batch, () => size)), `batch size ${size}`).toEqual(expected);
    const r = rand(name.length * 7919);
    expect(plain(inBatches(batch, () => 1 + Math.floor(r() * 20)))).toEqual(expected);
  });

  it("merges a run of text deltas into one update but keeps every event's link and the last event's time", () => {
    const deltas = ["Hel", "lo", "", " wor", "ld"].map((delta, i): TimedEvent => ({
      event: { type: "response.output_text.delta", item_id: "m1", output_index: 0, content_index: 0, delta } as StreamEvent,
      atMs: 10 + i,
      index: i,
    }));
    const state = applyEvents(initialRunState("connecting"), deltas);
    expect(state).toEqual(oneByOne(deltas));
    expect(state.items[0]!.eventIndexes).toEqual([0, 1, 2, 3, 4]);
    expect(state.eventCount).toBe(5);
    expect(state.timing.lastEventMs).toBe(14);
    expect(state.timing.firstTextMs).toBe(10);
  });

  it("does not merge deltas that target different parts, items or summaries", () => {
    const e = (fields: Record<string, unknown>, i: number): TimedEvent => ({
      event: {
        type: "response.output_text.delta",
        item_id: "m1",
        output_index: 0,
        content_index: 0,
        delta: `d${i} `,
        ...fields,
      } as StreamEvent,
      atMs: i,
      index: i,
    });
    const batch = [
      e({}, 0),
      e({ content_index: 1 }, 1),
      e({}, 2),
      e({ item_id: "m2", output_index: 1 }, 3),
      e({ item_id: "m2", output_index: 1 }, 4),
    ];
    expect(plain(applyEvents(initialRunState("connecting"), batch))).toEqual(plain(oneByOne(batch)));
  });

  it("keeps the deltas of two summary parts apart when they arrive back to back in one batch", () => {
    const batch: TimedEvent[] = [
      { summary_index: 0, delta: "First part." },
      { summary_index: 1, delta: "Second part." },
      { summary_index: 1, delta: " More." },
    ].map((fields, i) => ({
      event: { type: "response.reasoning_summary_text.delta", item_id: "rs", output_index: 0, ...fields } as StreamEvent,
      atMs: i,
      index: i,
    }));
    const state = applyEvents(initialRunState("connecting"), batch);
    expect(plain(state)).toEqual(plain(oneByOne(batch)));
    expect(JSON.stringify(state.items)).toContain("Second part. More.");
    expect(JSON.stringify(state.items)).not.toContain("First part.Second part.");
  });

  it("starts firstTextMs at the first non-empty delta, as one-by-one folding does", () => {
    const batch: TimedEvent[] = ["", "", "a", "b"].map((delta, i) => ({
      event: { type: "response.reasoning_summary_text.delta", item_id: "rs", output_index: 0, summary_index: 0, delta } as StreamEvent,
      atMs: 100 + i,
      index: i,
    }));
    const state = applyEvents(initialRunState("connecting"), batch);
    expect(plain(state)).toEqual(plain(oneByOne(batch)));
  });
});
