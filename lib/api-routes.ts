import "server-only";
import { ApiError } from "@/lib/api-error";

/**
 * Wrong paths and methods under `/api/v1` answer in the API's error shape, as OpenAI (and the local engine) do, not with
 * Next's HTML 404 page or a bare 405: an SDK then shows "404 Invalid URL (POST /v1/foo)" instead of "404 <!DOCTYPE html>".
 */

type Handler = (request: Request) => Response;

/** The path as the API names it: `/api/v1/foo` → `/v1/foo` (the caller's base URL ends in `/v1`). */
export function apiPath(request: Request): string {
  const { pathname } = new URL(request.url);
  const at = pathname.indexOf("/v1/");
  return at === -1 ? pathname : pathname.slice(at);
}

/** 404 for a path no route serves: OpenAI's own wording. */
export function invalidUrl(request: Request): Response {
  return new ApiError(404, `Invalid URL (${request.method} ${apiPath(request)})`, { type: "invalid_request_error" }).toResponse();
}

/** 405 for a known path called with a method it does not serve, with `Allow`. */
export function methodNotAllowed(allowed: readonly string[]): Handler {
  const allow = allowed.join(", ");
  return (request) =>
    new ApiError(405, `Method ${request.method} is not allowed for ${apiPath(request)}. Allowed: ${allow}.`, {
      type: "invalid_request_error",
      headers: { allow },
    }).toResponse();
}
