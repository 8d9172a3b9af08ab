"use client";

import { useCallback, useEffect, useState } from "react";
import { inputAsItems } from "@/lib/responses/follow-up";
import { isLiveStatus, type RunState } from "@/lib/responses/run-state";
import { createResponsesRun } from "@/lib/run/responses";
import { useRunSnapshot } from "./use-run";

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

/**
 * The playground's conversation over one run object (`lib/run`): the run does fetch → SSE → fold → ending outside
 * React; this hook subscribes to it and keeps the conversation's turns.
 */
export function useResponseRun() {
  const [handle] = useState(createResponsesRun);
  const snapshot = useRunSnapshot(handle);
  const [request, setRequest] = useState<SentRequest | null>(null);
  const [history, setHistory] = useState<FinishedTurn[]>([]);

  useEffect(() => () => handle.dispose(), [handle]);

  const send = useCallback(
    (body: Record<string, unknown>, options: RunOptions, newItems: Record<string, unknown>[]) => {
      const sent: SentRequest = { body, headers: options.headers ?? {}, newItems };
      setRequest(sent);
      return handle.start({ body, headers: sent.headers });
    },
    [handle],
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
      if (request) {
        const finished: FinishedTurn = { request, state: handle.getState() };
        setHistory((h) => [...h, finished]);
      }
      return send(body, { headers: request?.headers ?? {} }, newItems);
    },
    [send, request, handle],
  );

  const stop = useCallback(() => handle.stop(), [handle]);

  const state = snapshot.state;
  return {
    state,
    log: handle.log,
    ending: snapshot.ending,
    run,
    continueWith,
    stop,
    busy: isLiveStatus(state.status),
    request,
    history,
  };
}
