/**
 * The Chat Completions chunk folder: pure, isomorphic. Chunks (read by the one SSE module, `readSse`) → the
 * assembled answer: text, refusal, tool calls merged by `index`, `finish_reason`, usage, timing, and a small event
 * list for the Compare view's timeline. `data: [DONE]` ends the stream; a data payload with `error` fails it.
 */
import { looksLikeMarkup, textFromHtml } from "@/lib/http/html-answer";
import type { SseMessage } from "@/lib/responses/sse";
import { isRecord } from "@/lib/is-record";

export interface ChatToolCall {
  index: number;
  id: string | null;
  name: string;
  arguments: string;
}

export interface ChatUsageView {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cached_tokens: number | null;
  reasoning_tokens: number | null;
}

export type ChatStatus = "idle" | "connecting" | "streaming" | "done" | "failed" | "interrupted" | "cancelled";

export interface ChatEvent {
  atMs: number;
  /** "chunk" | "usage" | "[DONE]" | "error" | "(unreadable)" */
  kind: string;
  /** One line: what the chunk carried. */
  summary: string;
  raw: string;
}

export interface ChatRunState {
  status: ChatStatus;
  id: string | null;
  model: string | null;
  text: string;
  refusal: string | null;
  toolCalls: ChatToolCall[];
  finishReason: string | null;
  usage: ChatUsageView | null;
  error: { message: string; code: string | null; status: number | null } | null;
  sawDone: boolean;
  chunkCount: number;
  timing: { firstByteMs: number | null; firstTextMs: number | null; endMs: number | null };
  events: ChatEvent[];
}

export function initialChatState(status: ChatStatus = "idle"): ChatRunState {
  return {
    status,
    id: null,
    model: null,
    text: "",
    refusal: null,
    toolCalls: [],
    finishReason: null,
    usage: null,
    error: null,
    sawDone: false,
    chunkCount: 0,
    timing: { firstByteMs: null, firstTextMs: null, endMs: null },
    events: [],
  };
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export type ChatMessage =
  | { kind: "chunk"; chunk: Json; raw: string }
  | { kind: "done"; raw: string }
  | { kind: "error"; error: Json; raw: string }
  | { kind: "invalid"; raw: string; reason: string };

/** One SSE record of a Chat Completions stream. Never throws. */
export function parseChatMessage(msg: SseMessage): ChatMessage {
  const raw = msg.data;
  if (raw.trim() === "[DONE]") return { kind: "done", raw };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { kind: "invalid", raw, reason: e instanceof Error ? e.message : String(e) };
  }
  if (!isRecord(value)) return { kind: "invalid", raw, reason: "not a JSON object" };
  if (value.error !== undefined && value.error !== null) {
    return { kind: "error", error: isRecord(value.error) ? value.error : { message: String(value.error) }, raw };
  }
  return { kind: "chunk", chunk: value, raw };
}

function withEvent(state: ChatRunState, event: ChatEvent): ChatRunState {
  return { ...state, events: [...state.events, event] };
}

function firstByte(state: ChatRunState, atMs: number): ChatRunState["timing"] {
  return state.timing.firstByteMs === null ? { ...state.timing, firstByteMs: atMs } : state.timing;
}

/** Folds one parsed record into the state. */
export function applyChatMessage(state: ChatRunState, msg: ChatMessage, atMs: number): ChatRunState {
  switch (msg.kind) {
    case "done":
      return withEvent(
        {
          ...state,
          sawDone: true,
          status: state.status === "failed" ? "failed" : "done",
          timing: { ...firstByte(state, atMs), endMs: atMs },
        },
        {
          atMs,
          kind: "[DONE]",
          summary: "end of stream",
          raw: msg.raw,
        },
      );
    case "invalid":
      return withEvent(state, { atMs, kind: "(unreadable)", summary: msg.reason, raw: msg.raw });
    case "error": {
      const message = typeof msg.error.message === "string" ? msg.error.message : "The server reported an error.";
      const code = typeof msg.error.code === "string" ? msg.error.code : null;
      return withEvent(
        { ...state, status: "failed", error: { message, code, status: null }, timing: { ...firstByte(state, atMs), endMs: atMs } },
        { atMs, kind: "error", summary: message, raw: msg.raw },
      );
    }
    case "chunk":
      return applyChunk(state, msg.chunk, atMs, msg.raw);
  }
}

export function applyChunk(state: ChatRunState, chunk: Json, atMs: number, raw = JSON.stringify(chunk)): ChatRunState {
  let text = state.text;
  let refusal = state.refusal;
  let finishReason = state.finishReason;
  let toolCalls = state.toolCalls;
  let usage = state.usage;
  const parts: string[] = [];

  for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
    if (!isRecord(choice) || (choice.index !== undefined && choice.index !== 0)) continue;
    const delta = isRecord(choice.delta) ? choice.delta : {};
    if (typeof delta.role === "string") parts.push(`role ${delta.role}`);
    if (typeof delta.content === "string" && delta.content !== "") {
      text += delta.content;
      parts.push(`content ${JSON.stringify(delta.content)}`);
    }
    if (typeof delta.refusal === "string") {
      refusal = (refusal ?? "") + delta.refusal;
      parts.push(`refusal ${JSON.stringify(delta.refusal)}`);
    }
    if (Array.isArray(delta.tool_calls)) {
      toolCalls = [...toolCalls];
      for (const frag of delta.tool_calls) {
        if (!isRecord(frag)) continue;
        const index = num(frag.index) ?? 0;
        const fn = isRecord(frag.function) ? frag.function : {};
        const at = toolCalls.findIndex((c) => c.index === index);
        const prev: ChatToolCall = at === -1 ? { index, id: null, name: "", arguments: "" } : toolCalls[at]!;
        const next: ChatToolCall = {
          index,
          id: typeof frag.id === "string" ? frag.id : prev.id,
          name: typeof fn.name === "string" && fn.name !== "" ? fn.name : prev.name,
          arguments: prev.arguments + (typeof fn.arguments === "string" ? fn.arguments : ""),
        };
        if (at === -1) toolCalls.push(next);
        else toolCalls[at] = next;
        parts.push(
          `tool_calls[${index}]${typeof fn.name === "string" && fn.name ? ` ${fn.name}` : ""}${typeof fn.arguments === "string" && fn.arguments ? ` ${JSON.stringify(fn.arguments)}` : ""}`,
        );
      }
      toolCalls.sort((a, b) => a.index - b.index);
    }
    if (typeof choice.finish_reason === "string") {
      finishReason = choice.finish_reason;
      parts.push(`finish_reason ${choice.finish_reason}`);
    }
  }

  if (isRecord(chunk.usage)) {
    const u = chunk.usage;
    const details = isRecord(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
    const out = isRecord(u.completion_tokens_details) ? u.completion_tokens_details : {};
    usage = {
      prompt_tokens: num(u.prompt_tokens) ?? 0,
      completion_tokens: num(u.completion_tokens) ?? 0,
      total_tokens: num(u.total_tokens) ?? 0,
      cached_tokens: num(details.cached_tokens),
      reasoning_tokens: num(out.reasoning_tokens),
    };
    parts.push(`usage ${usage.prompt_tokens} + ${usage.completion_tokens} = ${usage.total_tokens}`);
  }

  const timing = firstByte(state, atMs);
  if (timing.firstTextMs === null && text !== state.text) timing.firstTextMs = atMs;
  const isUsage = Array.isArray(chunk.choices) && chunk.choices.length === 0 && isRecord(chunk.usage);
  return withEvent(
    {
      ...state,
      status: state.status === "connecting" || state.status === "idle" ? "streaming" : state.status,
      id: typeof chunk.id === "string" ? chunk.id : state.id,
      model: typeof chunk.model === "string" ? chunk.model : state.model,
      text,
      refusal,
      toolCalls,
      finishReason,
      usage,
      chunkCount: state.chunkCount + 1,
      timing: { ...timing },
    },
    { atMs, kind: isUsage ? "usage" : "chunk", summary: parts.join(", ") || "(empty delta)", raw },
  );
}

/** A non-streamed `chat.completion` object, as one step. */
export function chatStateFromCompletion(body: Json, atMs: number): ChatRunState {
  const state = initialChatState("done");
  const choice = Array.isArray(body.choices) && isRecord(body.choices[0]) ? body.choices[0] : {};
  const message = isRecord(choice.message) ? choice.message : {};
  const toolCalls: ChatToolCall[] = (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter(isRecord).map((c, index) => ({
    index,
    id: typeof c.id === "string" ? c.id : null,
    name: isRecord(c.function) && typeof c.function.name === "string" ? c.function.name : "",
    arguments: isRecord(c.function) && typeof c.function.arguments === "string" ? c.function.arguments : "",
  }));
  const usage = isRecord(body.usage) ? applyChunk(initialChatState(), { choices: [], usage: body.usage }, atMs).usage : null;
  return {
    ...state,
    id: typeof body.id === "string" ? body.id : null,
    model: typeof body.model === "string" ? body.model : null,
    text: typeof message.content === "string" ? message.content : "",
    refusal: typeof message.refusal === "string" ? message.refusal : null,
    toolCalls,
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
    usage,
    timing: { firstByteMs: atMs, firstTextMs: atMs, endMs: atMs },
    events: [{ atMs, kind: "chat.completion", summary: "not streamed: one JSON object", raw: JSON.stringify(body) }],
  };
}

export function markChatHttpError(state: ChatRunState, status: number, bodyText: string, atMs: number): ChatRunState {
  // An error page (a gateway's HTML) in words, by the same detector as the Responses side.
  let message = looksLikeMarkup(bodyText) ? textFromHtml(bodyText) : bodyText;
  let code: string | null = null;
  try {
    const json = JSON.parse(bodyText) as Json;
    if (isRecord(json.error)) {
      message = typeof json.error.message === "string" ? json.error.message : message;
      code = typeof json.error.code === "string" ? json.error.code : null;
    }
  } catch {
    // not JSON: the text itself is the message
  }
  return { ...state, status: "failed", error: { message, code, status }, timing: { ...state.timing, endMs: atMs } };
}

/** The stream ended without `[DONE]` or an error payload. */
export function markChatEnded(state: ChatRunState, atMs: number): ChatRunState {
  if (state.status === "done" || state.status === "failed") return state;
  return { ...state, status: "interrupted", timing: { ...state.timing, endMs: atMs } };
}

export function markChatFailed(state: ChatRunState, status: "cancelled" | "failed", message: string | null, atMs: number): ChatRunState {
  return {
    ...state,
    status,
    error: message ? { message, code: null, status: null } : state.error,
    timing: { ...state.timing, endMs: atMs },
  };
}
