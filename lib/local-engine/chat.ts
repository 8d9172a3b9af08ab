import "server-only";
import { ApiError } from "@/lib/api-error";
import { chatToResponses } from "@/lib/chat/chat-to-responses";
import { newId, nowSeconds } from "./ids";
import { normalizeInput } from "./input";
import { resolveDelayMs } from "./pacing";
import { planOutput } from "./producers";
import { EngineRun } from "./run";
import { parseCreateResponseBody, parseJsonBody } from "./schema";
import { SSE_HEADERS, sseStream } from "./sse";
import { buildTurn } from "./turn";
import { loadForBody } from "./hydrate";
import type { EngineStreamEvent, ResponseUsage } from "./types";
import { isRecord } from "@/lib/is-record";

/**
 * `POST /v1/chat/completions` on the local engine. The chat body is read back into a Responses request
 * (`chatToResponses`), and the very same turn, plan and event generator as `/v1/responses` run it; their events are
 * re-cut into Chat Completions chunks. So the same conversation gets the same text, and function calls follow the
 * same rules (README: "Chat Completions"). Nothing is stored: Chat Completions has no server-side state here.
 */

type Json = Record<string, unknown>;
const ROLES = new Set(["system", "developer", "user", "assistant", "tool", "function"]);

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

export async function createChatCompletion(req: Request): Promise<Response> {
  const chat = parseChatBody(await req.text());
  const { body, sourceOf } = chatToResponses(chat);
  let request;
  try {
    const text = JSON.stringify(body);
    await loadForBody(text);
    request = parseCreateResponseBody(text);
  } catch (err) {
    throw err instanceof ApiError ? toChatParam(err, sourceOf) : err;
  }
  const items = normalizeInput(request.input);
  const turn = buildTurn(request, items);
  const run = new EngineRun({ turn, scripts: planOutput(turn), store: false, background: false });
  const delayMs = resolveDelayMs(req.headers);
  const meta = { id: `chatcmpl-${newId("x", 16).slice(2)}`, created: nowSeconds(), model: String(chat.model) };
  const includeUsage = isRecord(chat.stream_options) && chat.stream_options.include_usage === true;
  const serviceTier = typeof chat.service_tier === "string" ? (chat.service_tier === "auto" ? "default" : chat.service_tier) : "default";

  if (chat.stream === true) {
    const chunks = chatChunks(run.events(delayMs), meta, { includeUsage, serviceTier });
    return new Response(
      chatSseStream(chunks, req.signal, () => run.cancel()),
      { status: 200, headers: SSE_HEADERS },
    );
  }

  const onAbort = () => run.cancel();
  if (req.signal.aborted) onAbort();
  req.signal.addEventListener("abort", onAbort, { once: true });
  const acc = { content: "", refusal: null as string | null, toolCalls: [] as Json[], finish: "stop", usage: null as ChatUsage | null };
  try {
    for await (const chunk of chatChunks(run.events(delayMs), meta, { includeUsage: true, serviceTier })) {
      if ("error" in chunk)
        throw new ApiError(500, String((chunk.error as Json).message), { type: "server_error", code: String((chunk.error as Json).code) });
      if (chunk.usage) acc.usage = chunk.usage as ChatUsage;
      for (const choice of chunk.choices as Json[]) {
        const delta = choice.delta as Json;
        if (typeof delta.content === "string") acc.content += delta.content;
        if (typeof delta.refusal === "string") acc.refusal = (acc.refusal ?? "") + delta.refusal;
        for (const frag of (delta.tool_calls as Json[] | undefined) ?? []) {
          const index = frag.index as number;
          const fn = frag.function as Json;
          const existing = acc.toolCalls[index];
          if (!existing)
            acc.toolCalls[index] = { id: frag.id, type: "function", function: { name: fn.name, arguments: fn.arguments ?? "" } };
          else (existing.function as Json).arguments = String((existing.function as Json).arguments) + String(fn.arguments ?? "");
        }
        if (typeof choice.finish_reason === "string") acc.finish = choice.finish_reason;
      }
    }
  } finally {
    req.signal.removeEventListener("abort", onAbort);
  }
  if (run.status === "cancelled") {
    throw new ApiError(499, "The client closed the request before the response was ready.", { code: "request_cancelled" });
  }
  const message: Json = {
    role: "assistant",
    content: acc.toolCalls.length > 0 && acc.content === "" ? null : acc.content,
    refusal: acc.refusal,
    annotations: [],
  };
  if (acc.toolCalls.length > 0) message.tool_calls = acc.toolCalls;
  return Response.json({
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: acc.finish }],
    usage: acc.usage,
    service_tier: serviceTier,
  });
}

/** JSON object with a string `model` and a non-empty `messages` array whose entries have a known `role`. */
function parseChatBody(raw: string): Json {
  const body = parseJsonBody(raw);
  if (!isRecord(body)) throw new ApiError(400, "Invalid body: expected a JSON object.", { param: null, code: "invalid_type" });
  if (body.model === undefined || body.model === "") {
    throw new ApiError(400, "Missing required parameter: 'model'.", { param: "model", code: "missing_required_parameter" });
  }
  if (typeof body.model !== "string") {
    throw new ApiError(400, "Invalid type for 'model': expected a string.", { param: "model", code: "invalid_type" });
  }
  if (body.messages === undefined) {
    throw new ApiError(400, "Missing required parameter: 'messages'.", { param: "messages", code: "missing_required_parameter" });
  }
  if (!Array.isArray(body.messages)) {
    throw new ApiError(400, "Invalid type for 'messages': expected an array of messages.", { param: "messages", code: "invalid_type" });
  }
  if (body.messages.length === 0) {
    throw new ApiError(400, "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", {
      param: "messages",
      code: "empty_array",
    });
  }
  body.messages.forEach((msg, i) => {
    if (!isRecord(msg))
      throw new ApiError(400, `Invalid type for 'messages[${i}]': expected an object.`, { param: `messages[${i}]`, code: "invalid_type" });
    if (typeof msg.role !== "string" || !ROLES.has(msg.role)) {
      throw new ApiError(400, `Invalid value for 'messages[${i}].role': expected one of system, developer, user, assistant or tool.`, {
        param: `messages[${i}].role`,
        code: "invalid_value",
      });
    }
    if (msg.role === "tool" && typeof msg.tool_call_id !== "string") {
      throw new ApiError(400, `Missing required parameter: 'messages[${i}].tool_call_id'.`, {
        param: `messages[${i}].tool_call_id`,
        code: "missing_required_parameter",
      });
    }
  });
  if (body.stream_options != null && body.stream !== true) {
    throw new ApiError(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", {
      param: "stream_options",
      code: "invalid_value",
    });
  }
  return body;
}

/** An error found on the translated request points at the chat field it came from. */
function toChatParam(err: ApiError, sourceOf: number[]): ApiError {
  const param = err.param;
  if (param === null) return err;
  let mapped = param
    .replace(/^input\[(\d+)\]/, (_m, k: string) => `messages[${sourceOf[Number(k)] ?? k}]`)
    .replace(/^max_output_tokens/, "max_completion_tokens")
    .replace(/^reasoning\.effort/, "reasoning_effort")
    .replace(/^text\.format/, "response_format")
    .replace(/^instructions/, "messages[0].content")
    .replace(/^tools\[(\d+)\]\./, "tools[$1].function.");
  mapped = mapped.replace(/\.content\[(\d+)\]\.image_url$/, ".content[$1].image_url.url");
  const message = err.message.split(param).join(mapped);
  return new ApiError(err.status, message, { type: err.type, param: mapped, code: err.code, headers: err.headers });
}

export function chatUsage(usage: ResponseUsage | undefined): ChatUsage {
  return {
    prompt_tokens: usage?.input_tokens ?? 0,
    completion_tokens: usage?.output_tokens ?? 0,
    total_tokens: usage?.total_tokens ?? 0,
    prompt_tokens_details: { cached_tokens: usage?.input_tokens_details?.cached_tokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage?.output_tokens_details?.reasoning_tokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

interface ChunkMeta {
  id: string;
  created: number;
  model: string;
}

/**
 * Responses events → chat chunks: a first chunk with `role`, one chunk per text/refusal delta, tool calls as
 * fragments by `index` (the first with `id`, `type` and `function.name`, then `function.arguments` pieces), a last
 * chunk with `finish_reason`, and a usage chunk (`choices: []`) when asked. Reasoning and other items have no chat form.
 * A failure becomes a data payload `{error}` (as OpenAI sends mid-stream), and the stream ends there.
 */
export async function* chatChunks(
  events: AsyncGenerator<EngineStreamEvent, void, undefined>,
  meta: ChunkMeta,
  opts: { includeUsage: boolean; serviceTier: string },
): AsyncGenerator<Json, void, undefined> {
  const chunk = (choices: Json[], extra: Json = {}): Json => ({
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    service_tier: opts.serviceTier,
    choices,
    ...(opts.includeUsage ? { usage: null } : {}),
    ...extra,
  });
  const delta = (d: Json, finish: string | null = null): Json => chunk([{ index: 0, delta: d, logprobs: null, finish_reason: finish }]);
  const toolIndex = new Map<number, number>();

  try {
    for await (const event of events) {
      switch (event.type) {
        case "response.created":
          yield delta({ role: "assistant", content: "", refusal: null });
          break;
        case "response.output_text.delta":
          yield delta({ content: event.delta });
          break;
        case "response.refusal.delta":
          yield delta({ refusal: event.delta });
          break;
        case "response.output_item.added":
          if (event.item.type === "function_call") {
            const index = toolIndex.size;
            toolIndex.set(event.output_index, index);
            yield delta({
              tool_calls: [{ index, id: event.item.call_id, type: "function", function: { name: event.item.name, arguments: "" } }],
            });
          }
          break;
        case "response.function_call_arguments.delta": {
          const index = toolIndex.get(event.output_index) ?? 0;
          yield delta({ tool_calls: [{ index, function: { arguments: event.delta } }] });
          break;
        }
        case "response.completed":
        case "response.incomplete": {
          const finish = event.type === "response.incomplete" ? "length" : toolIndex.size > 0 ? "tool_calls" : "stop";
          yield delta({}, finish);
          if (opts.includeUsage) yield chunk([], { usage: chatUsage(event.response.usage) });
          return;
        }
        case "response.failed": {
          const error = event.response.error;
          yield {
            error: {
              message: error?.message ?? "The response failed.",
              type: "server_error",
              param: null,
              code: error?.code ?? "server_error",
            },
          };
          return;
        }
        case "error":
          yield { error: { message: event.message, type: "server_error", param: null, code: event.code ?? "server_error" } };
          return;
        default:
          break;
      }
    }
  } finally {
    await events.return(undefined);
  }
}

/** Data-only SSE (no `event:` lines), ended by `data: [DONE]` after a normal finish (not after an error payload). */
function chatSseStream(chunks: AsyncGenerator<Json, void, undefined>, signal: AbortSignal, onStop: () => void): ReadableStream<Uint8Array> {
  let failed = false;
  return sseStream(chunks, {
    signal,
    onStop,
    encode: (chunk) => {
      if ("error" in chunk) failed = true;
      return `data: ${JSON.stringify(chunk)}\n\n`;
    },
    end: () => (failed ? undefined : "data: [DONE]\n\n"),
  });
}
