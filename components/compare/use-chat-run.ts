"use client";

import { useCallback, useEffect, useRef } from "react";
import {
  applyChatMessage,
  chatStateFromCompletion,
  initialChatState,
  markChatEnded,
  markChatFailed,
  markChatHttpError,
  parseChatMessage,
  type ChatRunState,
} from "@/lib/chat/reducer";
import { useFrameState } from "@/components/stream/use-frame-state";
import { readSse } from "@/lib/responses/sse";

/**
 * Sends one Chat Completions request through the proxy (`/api/v1/chat/completions`) and folds its chunks with the
 * pure chat reducer; state reaches React at most once per animation frame.
 */
export function useChatRun() {
  const { state, ref: stateRef, commit } = useFrameState<ChatRunState>(() => initialChatState());
  const abortRef = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      abortRef.current?.abort();
    },
    [],
  );

  const run = useCallback(
    async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      const started = performance.now();
      const since = () => Math.round((performance.now() - started) * 10) / 10;
      const put = (next: ChatRunState, immediate = false) => {
        if (abortRef.current === controller) commit(next, immediate);
      };
      put(initialChatState("connecting"), true);
      try {
        const res = await fetch("/api/v1/chat/completions", {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        if (!res.ok) {
          put(markChatHttpError(stateRef.current, res.status, await res.text(), since()), true);
          return;
        }
        if (!(res.headers.get("content-type") ?? "").includes("text/event-stream") || !res.body) {
          put(chatStateFromCompletion((await res.json()) as Record<string, unknown>, since()), true);
          return;
        }
        for await (const message of readSse(res.body, controller.signal)) {
          if (abortRef.current !== controller) break;
          const parsed = parseChatMessage(message);
          put(applyChatMessage(stateRef.current, parsed, since()));
          if (parsed.kind === "done") break;
        }
        put(markChatEnded(stateRef.current, since()), true);
      } catch (error) {
        if (controller.signal.aborted) put(markChatFailed(stateRef.current, "cancelled", null, since()), true);
        else put(markChatFailed(stateRef.current, "failed", error instanceof Error ? error.message : String(error), since()), true);
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
      }
    },
    [commit],
  );

  const stop = useCallback(() => abortRef.current?.abort(), []);
  const busy = state.status === "connecting" || state.status === "streaming";
  return { state, run, stop, busy };
}
