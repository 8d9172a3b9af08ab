import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyEvent } from "@/lib/responses/reducer";
import { initialRunState, type RunState } from "@/lib/responses/run-state";
import type { StreamEvent } from "@/lib/responses/events";
import { parseSseMessage, readSse, type ParsedEvent, type SseMessage } from "@/lib/responses/sse";

const encoder = new TextEncoder();

export function fixtureText(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), "utf8");
}

/** A byte stream that delivers exactly these chunks. */
export function streamOf(chunks: ReadonlyArray<string | Uint8Array>): ReadableStream<Uint8Array> {
  const queue = chunks.map((c) => (typeof c === "string" ? encoder.encode(c) : c));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

/** Splits the UTF-8 bytes of `text` into chunks of `size` bytes (cutting through characters on purpose). */
export function byteChunks(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

export async function collect(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of readSse(body, signal)) out.push(m);
  return out;
}

export interface Replay {
  state: RunState;
  parsed: ParsedEvent[];
  events: StreamEvent[];
  /** Every state after each event (for purity / monotonic-text checks). */
  states: RunState[];
}

/** Reads a fixture through the real SSE path (in `chunkSize`-byte chunks) and folds it with the reducer. */
export async function replayFixture(name: string, chunkSize = 37): Promise<Replay> {
  const messages = await collect(streamOf(byteChunks(fixtureText(name), chunkSize)));
  return replayMessages(messages);
}

export function replayMessages(messages: SseMessage[]): Replay {
  let state = initialRunState("connecting");
  const parsed: ParsedEvent[] = [];
  const events: StreamEvent[] = [];
  const states: RunState[] = [];
  messages.forEach((m) => {
    const p = parseSseMessage(m);
    parsed.push(p);
    if (p.kind !== "event") return;
    state = applyEvent(state, p.event, 10 * (events.length + 1), events.length);
    events.push(p.event);
    states.push(state);
  });
  return { state, parsed, events, states };
}

/** Folds plain event objects (no SSE) with the reducer. */
export function fold(events: ReadonlyArray<Record<string, unknown>>, from: RunState = initialRunState("connecting")): RunState {
  return events.reduce<RunState>((s, e, i) => applyEvent(s, e as StreamEvent, i, i), from);
}

/** Concatenation of every `response.output_text.delta` in the list. */
export function concatTextDeltas(events: ReadonlyArray<StreamEvent>): string {
  return events
    .filter((e) => e.type === "response.output_text.delta")
    .map((e) => (e as { delta?: unknown }).delta)
    .filter((d): d is string => typeof d === "string")
    .join("");
}

/** A transcribed seed example (a whole `Response` object) from tests/fixtures. */
export function seedResponse(name: string): import("openai/resources/responses/responses").Response {
  return JSON.parse(fixtureText(name)) as import("openai/resources/responses/responses").Response;
}
