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
  it.each(FIXTURES)("%s: every batch size gives the state of one-by-one folding", async (name) => {
    const batch = timed(await eventsOf(name));
    const expected = plain(oneByOne(batch));
    for (const size of [1, 2, 3, 7, 1000]) expect(plain(inBatches(batch, () => size)), `batch size ${size}`).toEqual(expected);
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
