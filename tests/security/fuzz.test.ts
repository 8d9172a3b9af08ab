import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { StreamEvent } from "@/lib/responses/events";
import { applyEvent, markInterrupted } from "@/lib/responses/reducer";
import { initialRunState, outputText, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage, readSse, type SseMessage } from "@/lib/responses/sse";
import { fixtureText, streamOf } from "../responses/helpers";

/**
 * Fuzzing the one SSE parser and the one reducer with a seeded PRNG (a failure prints its seed and reproduces):
 * random chunk splits (through multibyte characters), random event orders, drops and duplicates, random field
 * values and random bytes. They never throw, and never lose text that arrived.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXTURES = readdirSync(fileURLToPath(new URL("../fixtures/", import.meta.url))).filter((f) => f.endsWith(".sse"));
const encoder = new TextEncoder();

function randomSplit(bytes: Uint8Array, rand: () => number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let i = 0;
  while (i < bytes.length) {
    const size = rand() < 0.2 ? 1 : 1 + Math.floor(rand() * 64);
    chunks.push(bytes.slice(i, i + size));
    i += size;
  }
  return chunks;
}

async function messagesOf(chunks: Uint8Array[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(streamOf(chunks))) out.push(m);
  return out;
}

function fold(events: StreamEvent[]): RunState {
  let state = initialRunState("connecting");
  events.forEach((e, i) => {
    state = applyEvent(state, e, i, i);
  });
  return markInterrupted(state);
}

function eventsOf(messages: SseMessage[]): StreamEvent[] {
  return messages.flatMap((m) => {
    const p = parseSseMessage(m);
    return p.kind === "event" ? [p.event] : [];
  });
}

/** Text deltas in arrival order, per item/part, for the "nothing lost" check. */
function deltasOf(events: StreamEvent[]): string[] {
  return events.flatMap((e) =>
    e.type === "response.output_text.delta" && typeof (e as { delta?: unknown }).delta === "string" ? [(e as { delta: string }).delta] : [],
  );
}

describe("7. fuzzing the SSE parser and the reducer", () => {
  it(`random chunk splits give the same records and the same text as one chunk (seed ${SEED})`, async () => {
    const rand = prng(SEED);
    for (const name of FIXTURES) {
      const bytes = encoder.encode(fixtureText(name));
      const reference = await messagesOf([bytes]);
      const refText = outputText(fold(eventsOf(reference)));
      for (let i = 0; i < 60; i++) {
        const split = await messagesOf(randomSplit(bytes, rand));
        expect(split, `${name} split ${i}`).toEqual(reference);
        expect(outputText(fold(eventsOf(split)))).toBe(refText);
      }
    }
  });

  it(`random event orders, drops and duplicates never throw and never lose a delta's text (seed ${SEED})`, async () => {
    const rand = prng(SEED + 1);
    for (const name of FIXTURES) {
      const events = eventsOf(await messagesOf([encoder.encode(fixtureText(name))]));
      for (let i = 0; i < 80; i++) {
        const shuffled = events.filter(() => rand() > 0.1).flatMap((e) => (rand() < 0.05 ? [e, e] : [e]));
        for (let j = shuffled.length - 1; j > 0; j--) {
          if (rand() < 0.3) {
            const k = Math.floor(rand() * (j + 1));
            [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!];
          }
        }
        let state: RunState;
        try {
          state = fold(shuffled);
        } catch (error) {
          throw new Error(`${name} order ${i} (seed ${SEED + 1}) threw: ${String(error)}`);
        }
        // Every text delta that arrived is in the text shown.
        const shown = outputText(state);
        for (const delta of deltasOf(shuffled)) expect(shown, `${name} order ${i}: lost ${JSON.stringify(delta)}`).toContain(delta);
      }
    }
  });

  it(`events with random field values never throw (seed ${SEED})`, async () => {
    const rand = prng(SEED + 2);
    const junk = (): unknown => {
      const r = rand();
      if (r < 0.1) return null;
      if (r < 0.2) return Math.floor(rand() * 1e6) - 5e5;
      if (r < 0.3) return "x".repeat(Math.floor(rand() * 5));
      if (r < 0.4) return [];
      if (r < 0.5) return {};
      if (r < 0.6) return true;
      if (r < 0.7) return NaN;
      if (r < 0.8) return { type: "output_text", text: 5 };
      return undefined;
    };
    const all: StreamEvent[] = [];
    for (const name of FIXTURES) all.push(...eventsOf(await messagesOf([encoder.encode(fixtureText(name))])));
    for (let i = 0; i < 3000; i++) {
      const base = all[Math.floor(rand() * all.length)]!;
      const mutated: Record<string, unknown> = structuredClone(base) as Record<string, unknown>;
      for (const key of Object.keys(mutated)) if (key !== "type" && rand() < 0.4) mutated[key] = junk();
      let state = initialRunState("in_progress");
      const before = all[Math.floor(rand() * all.length)]!;
      expect(
        () => {
          state = applyEvent(state, before, 0, 0);
          state = applyEvent(state, mutated as StreamEvent, 1, 1);
          state = markInterrupted(state);
        },
        `mutation ${i} of ${base.type}: ${JSON.stringify(mutated).slice(0, 200)}`,
      ).not.toThrow();
    }
  });

  it(`random bytes never make the parser or the reducer throw (seed ${SEED})`, async () => {
    const rand = prng(SEED + 3);
    const alphabet = encoder.encode('data: event: {"type":"response.output_text.delta","delta":"\\u00e9"}\n\r\n:[]\xff\xfe');
    for (let i = 0; i < 400; i++) {
      const length = Math.floor(rand() * 400);
      const bytes = new Uint8Array(length);
      for (let j = 0; j < length; j++) bytes[j] = rand() < 0.5 ? Math.floor(rand() * 256) : alphabet[Math.floor(rand() * alphabet.length)]!;
      const messages = await messagesOf(randomSplit(bytes, rand));
      expect(() => fold(eventsOf(messages))).not.toThrow();
    }
  });
});
