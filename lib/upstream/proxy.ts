import "server-only";
import { ApiError } from "@/lib/api-error";
import { forward, type ForwardOptions } from "./forward";
import { resolveUpstream } from "./resolve";

/** One proxied call: pick the upstream for this caller and forward. Errors become the API's error shape. */
export async function proxy(request: Request, opts: ForwardOptions): Promise<Response> {
  try {
    return await forward(request, resolveUpstream(request), opts);
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    // Configuration errors (a malformed OPENAI_BASE_URL) and bugs: say so without leaking internals.
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError(500, `The playground server failed: ${message}`, { type: "server_error" }).toResponse();
  }
}

/** `/responses/{id}`-style path segment, encoded so an id cannot walk to another path. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** The incoming query string, passed through as is ("" when none). */
export function queryOf(request: Request): string {
  return new URL(request.url).search;
}
