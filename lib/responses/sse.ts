/**
 * The one place the wire is parsed: bytes → SSE records (`readSse`) → typed stream events (`parseSseMessage`).
 *
 * Framing is delegated to `eventsource-parser` (CRLF / CR / LF line endings, multi-line `data:`, comments, `id:`,
 * `retry:`). This module adds what a fetch body needs around it: streaming UTF-8 decoding (a character split across
 * chunks survives), delivery of a final record that lacks its trailing blank line, and cancellation.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import type { StreamEvent, UnknownStreamEvent } from "./events";
import { isRecord } from "@/lib/is-record";

export interface SseMessage {
  event: string | undefined;
  data: string;
  id: string | undefined;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

/**
 * Yields the SSE records of `body` as they arrive.
 *
 * - On `signal` abort the reader is cancelled and the generator throws the abort reason (an `AbortError` unless the
 *   caller gave another), like `fetch` does, so a caller can tell "stopped" from "ended".
 * - When the consumer stops early (`break`, `return`, a throw in the loop body) the reader is cancelled too, which
 *   closes the HTTP response.
 * - At EOF a pending record without its terminating blank line is still delivered (as the SDK does; the parser
 *   alone would drop it).
 */
export async function* readSse(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseMessage> {
  for await (const batch of readSseBatches(body, signal)) yield* batch;
}

/**
 * `readSse`, one array per network read: the records that arrived together. A reader that folds events in batches
 * knows from the end of a batch that the next record is not here yet, so it can show what it has.
 */
export async function* readSseBatches(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<SseMessage[]> {
  if (signal?.aborted) throw abortReason(signal);

  const queue: SseMessage[] = [];
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      queue.push({ event: message.event, data: message.data, id: message.id });
    },
    // Unknown fields and bad `retry:` values are not worth failing a stream over; they are simply ignored.
  });
  // `TextDecoder` strips a leading BOM (ignoreBOM defaults to false) even when it is split across chunks; the
  // parser's own BOM check only matches the three bytes read as Latin-1, which never happens after decoding.
  const decoder = new TextDecoder("utf-8");
  const reader = body.getReader();
  let finished = false;
  let fedAny = false;
  const onAbort = () => {
    reader.cancel(signal ? abortReason(signal) : undefined).catch(() => {});
  };
  signal?.addEventListener("abort", onAbort, { once: true });

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortReason(signal);
      if (done) break;
      // A body that was already piped through a TextDecoderStream yields strings: accept them as they are.
      const chunk: unknown = value;
      if (typeof chunk === "string") {
        const text = fedAny ? chunk : chunk.replace(/^\uFEFF/, "");
        if (text) {
          fedAny = true;
          parser.feed(text);
        }
      } else if (value && value.byteLength > 0) {
        const text = decoder.decode(value, { stream: true });
        if (text) {
          fedAny = true;
          parser.feed(text);
        }
      }
      if (queue.length > 0) yield queue.splice(0, queue.length);
    }
    // Flush the decoder (an incomplete multibyte tail becomes U+FFFD), then end any pending line and record:
    // "\n\n" terminates the current line (also after a lone trailing CR, where CR LF counts as one line end) and
    // dispatches the buffered record. A stream that already ended cleanly gains only empty lines, which are no-ops.
    const tail = decoder.decode();
    if (tail) parser.feed(tail);
    parser.feed("\n\n");
    finished = true;
    if (queue.length > 0) yield queue.splice(0, queue.length);
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (!finished) {
      // Early return / throw / abort: stop the download. Not awaited: a stuck source must not hang the caller.
      reader.cancel().catch(() => {});
    }
    try {
      reader.releaseLock();
    } catch {
      // Older runtimes throw when a read is still pending; the stream is cancelled anyway.
    }
  }
}

export type ParsedEvent =
  /** `verbatim`: the event is exactly `JSON.parse(raw)` (nothing normalised), so it can be parsed again from `raw`. */
  | { kind: "event"; event: StreamEvent; raw: string; verbatim: boolean }
  | { kind: "done" }
  | { kind: "invalid"; raw: string; reason: string };

function stringOrNull(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/**
 * Flattens the error shapes seen on SSE into the spec's flat `error` event:
 * `{type:"error", code, message, param}` (spec), `{type:"error", error:{type, code, message, param}}` (WebSocket
 * shape, accepted by the SDK on SSE) and a bare `{error:{...}}` / `{error:"text"}` (gateways).
 */
function normalizeError(obj: Record<string, unknown>): UnknownStreamEvent {
  const nested = obj.error;
  const source: Record<string, unknown> = isRecord(nested) ? nested : obj;
  const fallbackMessage = typeof nested === "string" && nested ? nested : null;
  const message =
    typeof source.message === "string" && source.message
      ? source.message
      : (fallbackMessage ?? stringOrNull(source.code) ?? "The server reported an error.");
  const event: UnknownStreamEvent = {
    type: "error",
    code: stringOrNull(source.code),
    message,
    param: stringOrNull(source.param),
  };
  const errorType = isRecord(nested) ? stringOrNull(nested.type) : null;
  if (errorType) event.error_type = errorType;
  if (typeof obj.sequence_number === "number") event.sequence_number = obj.sequence_number;
  if (typeof obj.status === "number") event.status = obj.status;
  return event;
}

/**
 * Turns one SSE record into a typed event. Never throws.
 *
 * - `data: [DONE]` (Chat Completions style; some gateways add it to Responses streams) → `done`.
 * - The JSON `type` wins; a JSON object without a string `type` takes the SSE `event:` name; a JSON value that is not
 *   an object is wrapped as `{type: <event name>, data: value}` when there is an event name, and is invalid otherwise.
 * - Error shapes (see `normalizeError`) become a flat `error` event; `raw` keeps the original text.
 */
export function parseSseMessage(msg: SseMessage): ParsedEvent {
  const raw = msg.data;
  const trimmed = raw.trim();
  if (trimmed === "[DONE]") return { kind: "done" };
  if (trimmed === "") return { kind: "invalid", raw, reason: "empty data" };

  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: "invalid", raw, reason: `malformed JSON: ${detail}` };
  }

  const eventName = msg.event && msg.event.trim() ? msg.event.trim() : undefined;

  if (!isRecord(value)) {
    if (eventName) return { kind: "event", event: { type: eventName, data: value }, raw, verbatim: false };
    return { kind: "invalid", raw, reason: `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}` };
  }

  const jsonType = typeof value.type === "string" && value.type ? value.type : undefined;
  const type = jsonType ?? eventName;
  const hasErrorKey = value.error !== undefined && value.error !== null && value.error !== false;

  if (type === "error" || (hasErrorKey && jsonType === undefined)) {
    return { kind: "event", event: normalizeError(value), raw, verbatim: false };
  }
  if (!type) return { kind: "invalid", raw, reason: "JSON object without a `type` and no SSE event name" };
  if (jsonType) return { kind: "event", event: value as StreamEvent, raw, verbatim: true };
  return { kind: "event", event: { ...value, type } as StreamEvent, raw, verbatim: false };
}
