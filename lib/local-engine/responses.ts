import "server-only";
import { ApiError } from "@/lib/api-error";
import { normalizeInput, type StoredItem } from "./input";
import { resolveDelayMs } from "./pacing";
import { planOutput } from "./producers";
import { EngineRun } from "./run";
import { parseCreateResponseBody } from "./schema";
import { SSE_HEADERS, sseStream } from "./sse";
import { deleteStoredResponse, getStoredResponse, putStoredResponse, type StoredResponse } from "./state";
import { buildTurn, prepareTurnTexts } from "./turn";

/** Handlers of the `/v1/responses` family. Each returns a Response or throws an ApiError (the router renders it). */

/** `POST /v1/responses` */
export async function createResponse(req: Request): Promise<Response> {
  const request = parseCreateResponseBody(await req.text());
  const items = normalizeInput(request.input);
  await prepareTurnTexts(request, items);
  const turn = buildTurn(request, items);
  const run = new EngineRun({
    turn,
    scripts: planOutput(turn),
    store: request.store ?? true,
    background: request.background ?? false,
  });
  if (run.store) putStoredResponse(run.id, { run, inputItems: items });
  const delayMs = resolveDelayMs(req.headers);

  if (run.background) {
    // Background responses outlive the request: a client that leaves only stops following the events.
    run.startInBackground(delayMs);
    if (request.stream) {
      return new Response(sseStream(run.follow(-1, req.signal), { signal: req.signal, onStop: () => {} }), {
        status: 200,
        headers: SSE_HEADERS,
      });
    }
    return Response.json(run.snapshot());
  }

  if (request.stream) {
    return new Response(sseStream(run.events(delayMs), { signal: req.signal, onStop: () => run.cancel() }), {
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
  }
  if (run.status === "cancelled") {
    throw new ApiError(499, "The client closed the request before the response was ready.", { code: "request_cancelled" });
  }
  return Response.json(run.snapshot());
}

/** `GET /v1/responses/{id}` (`?stream=true&starting_after=N` replays a background response's events). */
export function retrieveResponse(req: Request, id: string): Response {
  const stored = requireStored(id);
  const query = new URL(req.url).searchParams;
  if (query.get("stream") === "true") {
    if (!stored.run.background) {
      throw new ApiError(400, "Only responses created with background=true can be streamed again.", {
        param: "stream",
        code: "invalid_value",
      });
    }
    const startingAfter = parseIntParam(query, "starting_after", -1, -1, Number.MAX_SAFE_INTEGER);
    return new Response(sseStream(stored.run.follow(startingAfter, req.signal), { signal: req.signal, onStop: () => {} }), {
      status: 200,
      headers: SSE_HEADERS,
    });
  }
  return Response.json(stored.run.snapshot());
}

/** `DELETE /v1/responses/{id}`; a response still generating is cancelled first. */
export function deleteResponse(id: string): Response {
  const stored = requireStored(id);
  stored.run.cancel();
  deleteStoredResponse(id);
  return Response.json({ id, object: "response", deleted: true });
}

/** `POST /v1/responses/{id}/cancel`: background responses only; cancelling a finished one returns it unchanged. */
export function cancelResponse(id: string): Response {
  const stored = requireStored(id);
  if (!stored.run.background) {
    throw new ApiError(400, "Only responses created with background=true can be cancelled.", {
      param: null,
      code: "invalid_request",
    });
  }
  stored.run.cancel();
  return Response.json(stored.run.snapshot());
}

/** `GET /v1/responses/{id}/input_items?limit&order&after` */
export function listInputItems(req: Request, id: string): Response {
  const stored = requireStored(id);
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

function requireStored(id: string): StoredResponse {
  const stored = getStoredResponse(id);
  if (!stored) {
    throw new ApiError(404, `Response with id '${id}' not found.`, { type: "invalid_request_error", param: null, code: null });
  }
  return stored;
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
