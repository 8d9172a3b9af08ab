import "server-only";
import { ApiError } from "@/lib/api-error";
import { assertJsonDepth } from "@/lib/json-depth";
import { serverEnv } from "./config";
import { forward, type ForwardOptions } from "./forward";
import { runAsClient } from "@/lib/local-engine/client";
import { capStream, clientKey, payloadTooLarge, readTextCapped, takeToken } from "./limits";
import { redactSecrets } from "./redact";
import { resolveUpstream } from "./resolve";

/**
 * One proxied call: rate limit this client, pick (and authorise) the upstream, cap the body, forward.
 * Errors become the API's error shape.
 */
export async function proxy(request: Request, opts: ForwardOptions): Promise<Response> {
  try {
    const env = serverEnv();
    await takeToken("proxy", request, env.PLAYGROUND_RATE_LIMIT_PER_MIN);
    const upstream = resolveUpstream(request);
    let body = opts.body;
    if (body !== undefined && typeof body !== "string") {
      const declared = Number(request.headers.get("content-length") ?? "");
      if (Number.isFinite(declared) && declared > env.PLAYGROUND_MAX_BODY_BYTES) throw payloadTooLarge(env.PLAYGROUND_MAX_BODY_BYTES);
      body = capStream(body, env.PLAYGROUND_MAX_BODY_BYTES);
    }
    // The local engine is called in-process: it learns who asks (for its fair eviction) from this context.
    return await runAsClient(clientKey(request), () => forward(request, upstream, { ...opts, body }));
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    // Configuration errors (a malformed OPENAI_BASE_URL) and bugs: say so without leaking internals or keys.
    const message = redactSecrets(error instanceof Error ? error.message : String(error), [process.env.OPENAI_API_KEY]);
    return new ApiError(500, `The playground server failed: ${message}`, { type: "server_error" }).toResponse();
  }
}

/**
 * A JSON body for the proxy, read with the size cap (PLAYGROUND_MAX_BODY_BYTES → 413, incrementally: never more
 * than the cap is buffered) and the nesting cap (400 `json_too_deep`). Returns the text, or the error response to send.
 */
export async function readProxyBody(request: Request): Promise<{ text: string } | { response: Response }> {
  try {
    const text = await readTextCapped(request, serverEnv().PLAYGROUND_MAX_BODY_BYTES);
    // Thousands of nesting levels would overflow the validators' recursion (500): refuse with a 400 first.
    assertJsonDepth(text);
    return { text };
  } catch (error) {
    if (error instanceof ApiError) return { response: error.toResponse() };
    throw error;
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
