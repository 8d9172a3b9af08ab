/**
 * How a run ends, decided in one place. The run loop (`lib/run/run.ts`) says what happened as a `RunEnding`; a
 * recording stores that ending (`lib/share/recording.ts`); a replay applies it (`lib/share/replay.ts`). All three go
 * through `endRun` (Responses) or `endChatRun` (`lib/run/chat.ts`), so a live run and its replay end alike.
 */
import type { Response as OpenAIResponse } from "openai/resources/responses/responses";
import { HTML_ANSWER, looksLikeHtml } from "@/lib/http/html-answer";
import { markCancelled, markHttpError, markInterrupted, markNetworkError, runStateFromResponse } from "@/lib/responses/reducer";
import type { RunError, RunState } from "@/lib/responses/run-state";

/** What ended a run. `atMs` (ms since the request was sent) is when; absent, the last event's time stands. */
export type RunEnding =
  /** The whole answer came at once: an HTTP error, or a non-streamed answer (a JSON `Response`, or not JSON at all). */
  | { kind: "answer"; status: number; body: string; contentType?: string | null; retryAfter?: string | null; atMs?: number }
  /** The event stream closed (`[DONE]` or EOF): interrupted unless a terminal event came first. */
  | { kind: "stream_end"; atMs?: number }
  /** The user pressed Stop (what arrived is kept). */
  | { kind: "cancelled"; atMs?: number }
  /** The connection failed: fetch rejected, or the body broke mid-stream. */
  | { kind: "network_error"; message: string; atMs?: number };

export type RunEndingKind = RunEnding["kind"];

/** A whole answer read as JSON, or the reason it is not an API answer (an HTML page, another content type). */
export function readAnswerJson(body: string, contentType?: string | null): { ok: true; json: unknown } | { ok: false; error: RunError } {
  try {
    return { ok: true, json: JSON.parse(body) as unknown };
  } catch {
    // Not JSON (an HTML page, a proxy's text): say what it is instead of a JSON parse error.
    const html = looksLikeHtml(body, contentType);
    const message = html
      ? `${HTML_ANSWER.charAt(0).toUpperCase()}${HTML_ANSWER.slice(1)}.`
      : `The server's answer is not JSON (${contentType || "no content type"}), so it is not an API response.`;
    return { ok: false, error: { source: "parse", message, code: html ? "upstream_html_response" : "upstream_bad_content_type" } };
  }
}

/** The one ending rule for a Responses run: the state after `ending`. Output that arrived is always kept. */
export function endRun(state: RunState, ending: RunEnding): RunState {
  switch (ending.kind) {
    case "answer": {
      const timed = ending.atMs === undefined ? state : { ...state, timing: { ...state.timing, endMs: ending.atMs } };
      if (ending.status < 200 || ending.status >= 300) {
        return markHttpError(timed, { status: ending.status, body: ending.body, retryAfter: ending.retryAfter ?? null });
      }
      const read = readAnswerJson(ending.body, ending.contentType);
      if (!read.ok) return { ...timed, status: "failed", error: read.error };
      return runStateFromResponse(read.json as OpenAIResponse, ending.atMs);
    }
    case "stream_end":
      return markInterrupted(state, ending.atMs);
    case "cancelled":
      return markCancelled(state, ending.atMs);
    case "network_error":
      return markNetworkError(state, ending.message, ending.atMs);
  }
}

/** The ending with its time filled in from the ended state, so applying it again (a replay) gives the same end. */
export function withEndTime<E extends RunEnding>(ending: E, endMs: number | null | undefined): E {
  if (ending.atMs !== undefined || endMs === null || endMs === undefined) return ending;
  return { ...ending, atMs: Math.max(0, Math.round(endMs * 10) / 10) };
}

/**
 * For a final state whose ending was not kept (states built by hand, older callers of `recordingFromRun`): the
 * ending that leads to it. A run made by `lib/run` always knows its ending; this is only the fallback.
 */
export function endingOfState(state: RunState, eventCount: number): RunEnding {
  const atMs = state.timing.endMs ?? state.timing.lastEventMs ?? undefined;
  const at = atMs === undefined ? {} : { atMs };
  if (eventCount === 0 && state.error?.source === "http") {
    const { message, type, param, code } = state.error;
    const body = JSON.stringify({ error: { message, type: type ?? null, param: param ?? null, code: code ?? null } });
    return { kind: "answer", status: state.error.status ?? 500, body, ...at };
  }
  if (eventCount === 0 && state.response) return { kind: "answer", status: 200, body: JSON.stringify(state.response), ...at };
  if (state.status === "cancelled") return { kind: "cancelled", ...at };
  if (state.error?.source === "network") return { kind: "network_error", message: state.error.message, ...at };
  return { kind: "stream_end", ...at };
}
