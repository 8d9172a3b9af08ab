import "server-only";
import { ApiError } from "@/lib/api-error";

/**
 * A window on what the engine received, for end-to-end tests: the last raw request bodies, kept on `globalThis`.
 * Enabled only with LOCAL_ENGINE_DEBUG=1 (the Playwright server sets it); otherwise the route does not exist.
 */

export const DEBUG_KEEP = 20;

export interface RecordedRequest {
  at: number;
  method: string;
  path: string;
  content_type: string | null;
  bytes: number;
  /** The parsed JSON body; null for bodies that are not JSON (multipart uploads). */
  body: unknown;
}

const KEY = Symbol.for("responses-playground.local-engine.debug");

function ring(): RecordedRequest[] {
  const g = globalThis as typeof globalThis & { [KEY]?: RecordedRequest[] };
  g[KEY] ??= [];
  return g[KEY];
}

export function debugEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.LOCAL_ENGINE_DEBUG === "1";
}

/** Records a POST before it is handled (reads a clone, so the handler still gets the body). */
export async function recordRequest(req: Request): Promise<void> {
  if (!debugEnabled() || req.method.toUpperCase() !== "POST") return;
  const contentType = req.headers.get("content-type");
  const isJson = contentType === null || contentType.includes("json");
  let body: unknown = null;
  let bytes = 0;
  try {
    if (isJson) {
      const text = await req.clone().text();
      bytes = new TextEncoder().encode(text).byteLength;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    } else {
      bytes = (await req.clone().arrayBuffer()).byteLength;
    }
  } catch {
    return;
  }
  const list = ring();
  list.push({ at: Date.now(), method: req.method.toUpperCase(), path: new URL(req.url).pathname, content_type: contentType, bytes, body });
  while (list.length > DEBUG_KEEP) list.shift();
}

function requireEnabled(req: Request): void {
  if (!debugEnabled())
    throw new ApiError(404, `Invalid URL (${req.method} ${new URL(req.url).pathname})`, { type: "invalid_request_error" });
}

/** `GET /v1/debug/requests`: the recorded requests, oldest first. */
export function listRecordedRequests(req: Request): Response {
  requireEnabled(req);
  return Response.json({ object: "list", data: ring() });
}

/** `DELETE /v1/debug/requests`: forget them. */
export function clearRecordedRequests(req: Request): Response {
  requireEnabled(req);
  ring().length = 0;
  return Response.json({ object: "list", data: [] });
}
