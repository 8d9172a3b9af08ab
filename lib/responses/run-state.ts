/**
 * The view state of one run (one request and its answer), built from stream events by the reducer
 * in `reducer.ts`, or from a whole `Response` object when the request was not streamed.
 *
 * Items keep the API's own output-item shapes (from the `openai` package) so the same components render
 * a live stream, a non-streamed answer, and a replayed recording.
 */
import type { Response as OpenAIResponse, ResponseOutputItem, ResponseUsage } from "openai/resources/responses/responses";

export type RunStatus =
  | "idle"
  | "connecting" // request sent, no event yet
  | "in_progress" // events arriving
  | "queued"
  | "completed"
  | "incomplete"
  | "failed" // response.failed, an `error` event, or an HTTP error
  | "cancelled" // the user pressed Stop (partial output kept)
  | "interrupted"; // the stream ended before a terminal event

/** One output item as the page shows it. `item` is the API object, filled in as events arrive. */
export interface ItemView {
  /** Stable key for React: the item id, or `idx-<output_index>` where the upstream sent none. */
  key: string;
  /** The wire `output_index` the upstream used for this item (may have gaps; position in `items` is the order). */
  outputIndex: number;
  item: ResponseOutputItem;
  /** Index (into the event log) of every event that touched this item, for timeline ↔ output linking. */
  eventIndexes: number[];
}

export interface RunError {
  /** Where it came from: an HTTP status before streaming, an `error` event, `response.failed`, the network, or the parser. */
  source: "http" | "event" | "response" | "network" | "parse";
  status?: number;
  message: string;
  code?: string | null;
  param?: string | null;
  type?: string | null;
  retryAfterSeconds?: number | null;
}

export interface RunTiming {
  /** ms since the request was sent (performance.now based); null until it happens. */
  firstEventMs: number | null;
  firstTextMs: number | null;
  lastEventMs: number | null;
  endMs: number | null;
}

export interface RunState {
  status: RunStatus;
  responseId: string | null;
  model: string | null;
  /** The last lifecycle snapshot (`response.created` … `response.completed`), or the non-streamed response. */
  response: OpenAIResponse | null;
  items: ItemView[];
  usage: ResponseUsage | null;
  incompleteReason: string | null;
  error: RunError | null;
  timing: RunTiming;
  /** Number of events applied (the log itself lives outside React state: `event-log.ts`). */
  eventCount: number;
  /** Events whose type the reducer did not know: kept in the timeline, counted here. */
  unknownEventCount: number;
  /** `response.audio.*`: the base64 audio and its transcript (not an output item); absent until an audio event. */
  audio?: { data: string; transcript: string; done: boolean; transcriptDone: boolean };
}

export function initialRunState(status: RunStatus = "idle"): RunState {
  return {
    status,
    responseId: null,
    model: null,
    response: null,
    items: [],
    usage: null,
    incompleteReason: null,
    error: null,
    timing: { firstEventMs: null, firstTextMs: null, lastEventMs: null, endMs: null },
    eventCount: 0,
    unknownEventCount: 0,
  };
}

/** Concatenated `output_text` of every message item: what the SDK calls `output_text`. */
export function outputText(state: RunState): string {
  let text = "";
  for (const view of state.items) {
    if (view.item.type !== "message") continue;
    for (const part of view.item.content) if (part.type === "output_text") text += part.text;
  }
  return text;
}

// ───────────────────────────── status predicates: the one spelling of "live" and "finished" ─────────────────────────────

/** Still running: the request is out and the answer is not over (Stop applies, Run is busy). */
export function isLiveStatus(status: RunStatus): boolean {
  return status === "connecting" || status === "in_progress" || status === "queued";
}

/** Over, however it ended: the state will not change again until the next run. */
export function isFinishedStatus(status: RunStatus): boolean {
  return status === "completed" || status === "incomplete" || status === "failed" || status === "cancelled" || status === "interrupted";
}

/** Ended by the server's word (`response.completed` / `.incomplete` / `.failed`, an `error` event, an HTTP error). */
export function isEndedByServer(status: RunStatus): boolean {
  return status === "completed" || status === "incomplete" || status === "failed";
}
