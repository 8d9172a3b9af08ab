import "server-only";
import type { EngineStreamEvent } from "./types";

/**
 * Server-sent events as the Responses API writes them: `event: <type>` + `data: <one-line JSON>` + blank line,
 * no `[DONE]` terminator. The body is a ReadableStream that pulls the next event only when the reader wants it,
 * so nothing is buffered ahead of the client and a slow reader slows generation instead of filling memory.
 */

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

const encoder = new TextEncoder();

export function encodeSseEvent(event: EngineStreamEvent): string {
  // JSON.stringify escapes line breaks inside strings, so `data:` is always one line.
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

export interface SseStreamOptions<T> {
  /** Aborting it (the request's signal) ends the body with an AbortError, as a dropped connection would. */
  signal?: AbortSignal;
  /** Called once when the stream ends early: reader cancelled, or `signal` aborted. */
  onStop: () => void;
  /** One SSE record for one item (Responses: `event:` + `data:`; Chat Completions: `data:` only). */
  encode?: (item: T) => string;
  /** What to write after the last item, if anything (Chat Completions: `data: [DONE]`). */
  end?: () => string | undefined;
}

/** The one SSE body writer of the engine: Responses events by default, Chat Completions chunks with `encode`/`end`. */
export function sseStream<T = EngineStreamEvent>(
  events: AsyncGenerator<T, void, undefined>,
  opts: SseStreamOptions<T>,
): ReadableStream<Uint8Array> {
  const encode = opts.encode ?? (encodeSseEvent as unknown as (item: T) => string);
  let closed = false;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    opts.onStop();
    // Settle the generator too; it may be mid-step, so the returned promise is left to settle on its own.
    events.return(undefined).catch(() => {});
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onAbort = () => {
          stop();
          if (!closed) {
            closed = true;
            controller.error(opts.signal?.reason ?? new DOMException("The operation was aborted.", "AbortError"));
          }
        };
        if (opts.signal?.aborted) onAbort();
        else opts.signal?.addEventListener("abort", onAbort, { once: true });
      },
      async pull(controller) {
        try {
          const next = await events.next();
          if (closed) return;
          if (next.done) {
            const tail = opts.end?.();
            if (tail) controller.enqueue(encoder.encode(tail));
            closed = true;
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(encode(next.value)));
        } catch (err) {
          if (!closed) {
            closed = true;
            controller.error(err);
          }
        }
      },
      cancel() {
        closed = true;
        stop();
      },
    },
    { highWaterMark: 0 },
  );
}
