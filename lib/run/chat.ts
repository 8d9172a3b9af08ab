/**
 * Chat Completions as a run protocol, for the Compare view: chunks parsed and folded by the chat reducer
 * (`lib/chat/reducer.ts`), ended by `endChatRun` from the same `RunEnding` a Responses run ends with.
 */
import {
  applyChatMessage,
  chatStateFromCompletion,
  initialChatState,
  markChatEnded,
  markChatFailed,
  markChatHttpError,
  parseChatMessage,
  type ChatMessage,
  type ChatRunState,
  type ChatStatus,
} from "@/lib/chat/reducer";
import { readAnswerJson, type RunEnding } from "./ending";
import { createRun, type Run, type RunOptions, type RunProtocol } from "./run";

export const CHAT_PATH = "/api/v1/chat/completions";

/** Still running: the request is out and the answer is not over. */
export function isChatLive(status: ChatStatus): boolean {
  return status === "connecting" || status === "streaming";
}

/** The ending rule for a Chat Completions run (the counterpart of `endRun`). */
export function endChatRun(state: ChatRunState, ending: RunEnding): ChatRunState {
  const atMs = ending.atMs ?? state.timing.endMs ?? 0;
  switch (ending.kind) {
    case "answer": {
      if (ending.status < 200 || ending.status >= 300) return markChatHttpError(state, ending.status, ending.body, atMs);
      const read = readAnswerJson(ending.body, ending.contentType);
      if (!read.ok) return markChatFailed(state, "failed", read.error.message, atMs);
      const json = read.json;
      return chatStateFromCompletion(typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {}, atMs);
    }
    case "stream_end":
      return markChatEnded(state, atMs);
    case "cancelled":
      return markChatFailed(state, "cancelled", null, atMs);
    case "network_error":
      return markChatFailed(state, "failed", ending.message, atMs);
  }
}

export const chatProtocol: RunProtocol<ChatRunState, ChatMessage> = {
  path: CHAT_PATH,
  initial: (status) => initialChatState(status),
  read(message, atMs) {
    const parsed = parseChatMessage(message);
    // The chat reducer keeps its own event list for the Compare view; the log keeps the wire for recordings.
    const record = { type: parsed.kind === "done" ? "[DONE]" : parsed.kind, sequenceNumber: null, atMs, data: null, raw: parsed.raw };
    return { record, event: parsed, done: parsed.kind === "done" };
  },
  fold: (state, batch) => batch.reduce((s, e) => applyChatMessage(s, e.event, e.atMs), state),
  // The chat view stamps an ending with the time it happened, not the last chunk's.
  end: (state, ending, nowMs) => endChatRun(state, ending.atMs === undefined ? { ...ending, atMs: nowMs } : ending),
  endMs: (state) => state.timing.endMs,
  isLive: (state) => isChatLive(state.status),
};

/** A run of `POST /v1/chat/completions` through the app's proxy. */
export function createChatRun(options?: RunOptions<ChatRunState>): Run<ChatRunState> {
  return createRun(chatProtocol, options);
}
