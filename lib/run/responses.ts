/**
 * The Responses API as a run protocol: records parsed by the one SSE module, folded by the one reducer
 * (`applyEvents`, which keeps item merging and the event-link index), ended by `endRun`.
 */
import { eventRecordInput } from "@/lib/responses/event-log";
import type { StreamEvent } from "@/lib/responses/events";
import { applyEvents } from "@/lib/responses/reducer";
import { initialRunState, isLiveStatus, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage } from "@/lib/responses/sse";
import { endRun } from "./ending";
import { createRun, type Run, type RunOptions, type RunProtocol } from "./run";

export const RESPONSES_PATH = "/api/v1/responses";

export const responsesProtocol: RunProtocol<RunState, StreamEvent> = {
  path: RESPONSES_PATH,
  initial: (status) => initialRunState(status),
  read(message, atMs) {
    const parsed = parseSseMessage(message);
    // `[DONE]` ends the read; it is not an event of the run.
    if (parsed.kind === "done") return { record: null, event: null, done: true };
    return { record: eventRecordInput(parsed, atMs), event: parsed.kind === "event" ? parsed.event : null, done: false };
  },
  fold: (state, batch) => applyEvents(state, batch),
  end: endRun,
  endMs: (state) => state.timing.endMs ?? state.timing.lastEventMs,
  isLive: (state) => isLiveStatus(state.status),
};

/** A run of `POST /v1/responses` through the app's proxy. */
export function createResponsesRun(options?: RunOptions<RunState>): Run<RunState> {
  return createRun(responsesProtocol, options);
}
