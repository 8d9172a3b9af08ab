"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useFrameState } from "./use-frame-state";
import { EventLog, eventRecordInput } from "@/lib/responses/event-log";
import {
  applyEvents,
  markCancelled,
  markHttpError,
  markInterrupted,
  markNetworkError,
  runStateFromResponse,
  type TimedEvent,
} from "@/lib/responses/reducer";
import { inputAsItems } from "@/lib/responses/follow-up";
import { initialRunState, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage, readSseBatches } from "@/lib/responses/sse";
import { SLICE_MS, yieldToBrowser } from "@/lib/scheduling/yield";

export interface RunOptions {
  /** Extra request headers, e.g. `x-playground-upstream: local`. */
  headers?: Record<string, string>;
}

/** A request as it was sent, kept with its run so follow-ups can be built from it. */
export interface SentRequest {
  body: Record<string, unknown>;
  headers: Record<string, string>;
  /** The items this turn added to the conversation (what the thread shows as "you"). */
  newItems: Record<string, unknown>[];
}

/** An earlier turn of the conversation: what was sent and how it ended. */
export interface FinishedTurn {
  request: SentRequest;
  state: RunState;
}

const TERMINAL = new Set(["completed", "incomplete", "failed"]);

/**
 * Sends one request through the proxy and folds its answer into view state.
 * Events go to an append-only log (outside React state); the reducer's state is committed to React at most
 * once per animation frame, so a fast stream never re-renders per delta.
 */
export function useResponseRun() {
  const { state, ref: stateRef, commit } = useFrameState<RunState>(() => initialRunState());
  const [log] = useState(() => new EventLog());
  const [request, setRequest] = useState<SentRequest | null>(null);
  const [history, setHistory] = useState<FinishedTurn[]>([]);
  const requestRef = useRef<SentRequest | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      abortRef.current?.abort();
    },
    [],
  );

  const send = useCallback(
    async (body: Record<string, unknown>, options: RunOptions, newItems: Record<string, unknown>[]) => {
      abortRef.current?.abort();
      const sent: SentRequest = { body, headers: options.headers ?? {}, newItems };
      requestRef.current = sent;
      setRequest(sent);
      const controller = new AbortController();
      abortRef.current = controller;
      log.clear();
      const started = performance.now();
      const since = () => Math.round((performance.now() - started) * 10) / 10;
      // A newer run replaces this one: from then on this run must not touch the state.
      const put = (next: RunState, immediate = false) => {
        if (abortRef.current === controller) commit(next, immediate);
      };
      put(initialRunState("connecting"), true);
      // Events of the current time slice, folded in one go (one state copy per slice, not per delta).
      const pending: TimedEvent[] = [];
      const applyPending = () => {
        if (pending.length === 0) return;
        put(applyEvents(stateRef.current, pending));
        pending.length = 0;
      };

      try {
        const res = await fetch("/api/v1/responses", {
          method: "POST",
          headers: { "content-type": "application/json", ...options.headers },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        if (!res.ok) {
          const text = await res.text();
          put(markHttpError(stateRef.current, { status: res.status, body: text, retryAfter: res.headers.get("retry-after") }), true);
          return;
        }
        const isStream = (res.headers.get("content-type") ?? "").includes("text/event-stream");
        if (!isStream || !res.body) {
          const text = await res.text();
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            // Not JSON (an HTML page, a proxy's text): say what it is instead of a JSON parse error.
            const html = /^\s*<(!doctype|html|head|body)/i.test(text);
            const message = html
              ? "The upstream answered with an HTML page, not an API response."
              : `The server's answer is not JSON (${res.headers.get("content-type") ?? "no content type"}), so it is not an API response.`;
            put(
              {
                ...stateRef.current,
                status: "failed",
                error: { source: "parse", message, code: html ? "upstream_html_response" : "upstream_bad_content_type" },
              },
              true,
            );
            return;
          }
          put(runStateFromResponse(json as Parameters<typeof runStateFromResponse>[0], since()), true);
          return;
        }
        let sliceStart = performance.now();
        let done = false;
        reading: for await (const batch of readSseBatches(res.body, controller.signal)) {
          for (const message of batch) {
            if (abortRef.current !== controller) break reading;
            if (performance.now() - sliceStart > SLICE_MS) {
              applyPending();
              await yieldToBrowser();
              if (abortRef.current !== controller) break reading;
              sliceStart = performance.now();
            }
            const parsed = parseSseMessage(message);
            if (parsed.kind === "done") {
              done = true;
              break;
            }
            const atMs = since();
            const index = log.append(eventRecordInput(parsed, atMs));
            if (parsed.kind === "event") pending.push({ event: parsed.event, atMs, index });
          }
          // The next record is not here yet: show what arrived (a slow stream must not wait for its next event).
          applyPending();
          if (done) break;
        }
        applyPending();
        if (!TERMINAL.has(stateRef.current.status)) put(markInterrupted(stateRef.current), true);
        else put(stateRef.current, true);
      } catch (error) {
        // What arrived before the stop or the failure is kept.
        applyPending();
        if (controller.signal.aborted) {
          put(markCancelled(stateRef.current), true);
        } else {
          put(markNetworkError(stateRef.current, error instanceof Error ? error.message : String(error)), true);
        }
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
      }
    },
    [commit, log],
  );

  /** A new request: starts a new conversation (the thread is cleared). */
  const run = useCallback(
    (body: Record<string, unknown>, options: RunOptions = {}) => {
      setHistory([]);
      return send(body, options, inputAsItems(body.input));
    },
    [send],
  );

  /**
   * The next turn of the conversation: the current run moves into the history, then `body` (built by
   * lib/responses/follow-up.ts) is sent with the same headers as the last request.
   */
  const continueWith = useCallback(
    (body: Record<string, unknown>, newItems: Record<string, unknown>[]) => {
      const previous = requestRef.current;
      if (previous) {
        const finished: FinishedTurn = { request: previous, state: stateRef.current };
        setHistory((h) => [...h, finished]);
      }
      return send(body, { headers: previous?.headers ?? {} }, newItems);
    },
    [send],
  );

  const stop = useCallback(() => {
    abortRef.current?.abort();
  }, []);

  const busy = state.status === "connecting" || state.status === "in_progress" || state.status === "queued";
  return { state, log, run, continueWith, stop, busy, request, history };
}
