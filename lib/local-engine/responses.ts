import "server-only";
import { ApiError } from "@/lib/api-error";
import { normalizeInput, type StoredItem } from "./input";
import { resolveDelayMs } from "./pacing";
import { planOutput } from "./producers";
import { EngineRun } from "./run";
import { checkCreateResponseBody, invalidJsonError, parseCreateResponseBody, type CreateResponseRequest } from "./schema";
import { OFF_THREAD_MIN_BYTES, parseBodyOffThread } from "./parse-off-thread";
import { SSE_HEADERS, sseStream } from "./sse";
import { engineClient } from "./client";
import { loadForBody, loadForIds } from "./hydrate";
import { conversationIdOf } from "./conversation-param";
import { appendToConversation, conversationItems, requireConversation } from "./conversations";
import { resolveItemReferences } from "./item-references";
import {
  backgroundWriter,
  deleteStoredResponse,
  followStored,
  loadStoredResponse,
  registerLive,
  requestStoredCancel,
  saveStoredResponse,
  unregisterLive,
  type StoredResponse,
} from "./state";
import type { EngineStreamEvent } from "./types";
import { buildTurn, prepareTurnTexts } from "./turn";

/** Handlers of the `/v1/responses` family. Each returns a Response or throws an ApiError (the router renders it). */

const TERMINAL_EVENTS = new Set(["response.completed", "response.incomplete", "response.failed", "error"]);

/** The checked body, with the state it names loaded; a big body is decoded and parsed off the main thread. */
async function readCreateBody(req: Request): Promise<CreateResponseRequest> {
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength < OFF_THREAD_MIN_BYTES) {
    const text = new TextDecoder().decode(bytes);
    await loadForBody(text);
    return parseCreateResponseBody(text);
  }
  const parsed = await parseBodyOffThread(bytes);
  await loadForIds(parsed);
  if (!parsed.ok) throw invalidJsonError();
  return checkCreateResponseBody(parsed.value);
}

/** `POST /v1/responses` */
export async function createResponse(req: Request): Promise<Response> {
  const request = await readCreateBody(req);
  const items = await resolveItemReferences(normalizeInput(request.input));
  // With `conversation`, its items are the context before this input; this input and the output are appended at the end.
  const conversationId = conversationIdOf(request.conversation);
  if (conversationId !== null) await requireConversation(conversationId);
  const contextItems = conversationId === null ? items : [...(await conversationItems(conversationId)), ...items];
  await prepareTurnTexts(request, contextItems);
  const turn = buildTurn(request, contextItems);
  const run = new EngineRun({
    turn,
    scripts: planOutput(turn),
    store: request.store ?? true,
    background: request.background ?? false,
  });
  const client = engineClient(req);
  const delayMs = resolveDelayMs(req.headers);
  if (run.store) registerLive(run, items);
  // Stored once it has ended (before its terminal event is sent, so a follow-up on any instance finds it), and a
  // background run also at its start: one or two writes per response, never one per delta.
  let appended = conversationId === null;
  const appendToConversationOnce = async () => {
    if (appended || conversationId === null) return;
    appended = true;
    await appendToConversation(conversationId, [...items, ...(run.snapshot().output as unknown as StoredItem[])]);
  };
  let saved = false;
  const save = async () => {
    await appendToConversationOnce();
    if (!run.store || saved) return;
    saved = true;
    try {
      await saveStoredResponse(run, items, client);
    } finally {
      if (!run.background) unregisterLive(run.id);
    }
  };

  if (run.background) {
    if (run.store) await saveStoredResponse(run, items, client);
    // Background responses outlive the request: a client that leaves only stops following the events.
    const writer = run.store ? backgroundWriter(run) : undefined;
    run.startInBackground(delayMs, {
      push: (event) => writer?.push(event),
      end: async () => {
        await appendToConversationOnce().catch(logSaveError);
        await writer?.end();
        unregisterLive(run.id);
      },
    });
    if (request.stream) {
      return new Response(sseStream(run.follow(-1, req.signal), { signal: req.signal, onStop: () => {} }), {
        status: 200,
        headers: SSE_HEADERS,
      });
    }
    return Response.json(run.snapshot());
  }

  if (request.stream) {
    return new Response(sseStream(storedAtEnd(run.events(delayMs), save), { signal: req.signal, onStop: () => run.cancel() }), {
      status: 200,
      headers: SSE_HEADERS,
    });
  }

  // Not streamed: the same events are generated (and paced), only the final object is sent.
  const onAbort = () => run.cancel();
  if (req.signal.aborted) onAbort();
  req.signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const event of run.events(delayMs)) void event;
  } finally {
    req.signal.removeEventListener("abort", onAbort);
    await save();
  }
  if (run.status === "cancelled") {
    throw new ApiError(499, "The client closed the request before the response was ready.", { code: "request_cancelled" });
  }
  return Response.json(run.snapshot());
}

/** Passes the events through, storing the response before its terminal event (or when the stream stops early). */
async function* storedAtEnd(events: AsyncGenerator<EngineStreamEvent>, save: () => Promise<void>): AsyncGenerator<EngineStreamEvent> {
  try {
    for await (const event of events) {
      if (TERMINAL_EVENTS.has(event.type)) await save().catch(logSaveError);
      yield event;
    }
  } finally {
    await save().catch(logSaveError);
  }
}

function logSaveError(error: unknown): void {
  console.error("[local-engine] could not store the response:", error instanceof Error ? error.message : error);
}

/** `GET /v1/responses/{id}` (`?stream=true&starting_after=N` replays a background response's events). */
export async function retrieveResponse(req: Request, id: string): Promise<Response> {
  const stored = await requireStored(id);
  const query = new URL(req.url).searchParams;
  if (query.get("stream") === "true") {
    if (!stored.background) {
      throw new ApiError(400, "Only responses created with background=true can be streamed again.", {
        param: "stream",
        code: "invalid_value",
      });
    }
    const startingAfter = parseIntParam(query, "starting_after", -1, -1, Number.MAX_SAFE_INTEGER);
    // Generated here: follow it live. Generated by another instance (or before a restart): read its stored events.
    const events = stored.run ? stored.run.follow(startingAfter, req.signal) : followStored(id, startingAfter, req.signal);
    return new Response(sseStream(events, { signal: req.signal, onStop: () => {} }), {
      status: 200,
      headers: SSE_HEADERS,
    });
  }
  return Response.json(stored.response);
}

/** `DELETE /v1/responses/{id}`; a response still generating is cancelled first. */
export async function deleteResponse(id: string): Promise<Response> {
  if (!(await deleteStoredResponse(id))) throw notFound(id);
  return Response.json({ id, object: "response", deleted: true });
}

/** `POST /v1/responses/{id}/cancel`: background responses only; cancelling a finished one returns it unchanged. */
export async function cancelResponse(id: string): Promise<Response> {
  const stored = await requireStored(id);
  if (!stored.background) {
    throw new ApiError(400, "Only responses created with background=true can be cancelled.", {
      param: null,
      code: "invalid_request",
    });
  }
  if (stored.run) {
    stored.run.cancel();
    return Response.json(stored.run.snapshot());
  }
  // Generated by another instance: ask it, and wait (briefly) for it to apply the cancel at its next batch.
  const finished = new Set(["completed", "incomplete", "failed", "cancelled"]);
  if (finished.has(stored.response.status ?? "")) return Response.json(stored.response);
  await requestStoredCancel(id);
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = await loadStoredResponse(id);
    if (!now || finished.has(now.response.status ?? "")) return Response.json(now?.response ?? stored.response);
  }
  return Response.json(stored.response);
}

/** `GET /v1/responses/{id}/input_items?limit&order&after` */
export async function listInputItems(req: Request, id: string): Promise<Response> {
  const stored = await requireStored(id);
  const query = new URL(req.url).searchParams;
  const limit = parseIntParam(query, "limit", 20, 1, 100);
  const order = query.get("order") ?? "desc";
  if (order !== "asc" && order !== "desc") {
    throw new ApiError(400, `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, {
      param: "order",
      code: "invalid_value",
    });
  }
  const ordered: StoredItem[] = order === "asc" ? [...stored.inputItems] : [...stored.inputItems].reverse();
  const after = query.get("after");
  let start = 0;
  if (after !== null && after !== "") {
    const index = ordered.findIndex((item) => item.id === after);
    if (index === -1) {
      throw new ApiError(400, `Invalid 'after': no input item with id '${after}' in response '${id}'.`, {
        param: "after",
        code: "invalid_value",
      });
    }
    start = index + 1;
  }
  const data = ordered.slice(start, start + limit);
  // The spec makes first_id/last_id required strings, so an empty page reports "" rather than null.
  return Response.json({
    object: "list",
    data,
    first_id: data[0]?.id ?? "",
    last_id: data[data.length - 1]?.id ?? "",
    has_more: start + limit < ordered.length,
  });
}

async function requireStored(id: string): Promise<StoredResponse> {
  const stored = await loadStoredResponse(id);
  if (!stored) throw notFound(id);
  return stored;
}

function notFound(id: string): ApiError {
  return new ApiError(404, `Response with id '${id}' not found.`, { type: "invalid_request_error", param: null, code: null });
}

function parseIntParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    throw new ApiError(400, `Invalid type for '${name}': expected an integer, but got '${raw}' instead.`, {
      param: name,
      code: "invalid_type",
    });
  }
  if (n < min || n > max) {
    throw new ApiError(400, `Invalid '${name}': expected a value between ${min} and ${max}, but got ${n} instead.`, {
      param: name,
      code: n < min ? "integer_below_min_value" : "integer_above_max_value",
    });
  }
  return n;
}
