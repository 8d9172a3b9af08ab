import "server-only";
import { ApiError } from "@/lib/api-error";
import { redactSecrets } from "./redact";
import { resolveUpstream } from "./resolve";

/**
 * `/api/health`: `{ok: true, upstream}` for the upstream this request would use. A request that could not be
 * served (a custom base URL without a key, an invalid URL, no access token) gets the API's error shape saying why,
 * with the status the proxy would answer, instead of an empty 500.
 */
export function healthAnswer(request: Request): Response {
  try {
    return Response.json({ ok: true, upstream: resolveUpstream(request).kind });
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    const message = redactSecrets(error instanceof Error ? error.message : String(error), [process.env.OPENAI_API_KEY]);
    return new ApiError(500, `The playground server failed: ${message}`, { type: "server_error" }).toResponse();
  }
}
