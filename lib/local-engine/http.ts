import "server-only";
import { ApiError } from "@/lib/api-error";
import { assertJsonDepth } from "@/lib/json-depth";
import { serverEnv } from "@/lib/upstream/config";
import { readBytesCapped, takeToken } from "@/lib/upstream/limits";
import { redactSecrets } from "@/lib/upstream/redact";
import { handleLocalEngineRequest } from "./index";

/**
 * `/api/local/v1/*` from the network: the same guards as `/api/v1` before the engine sees the request: the
 * per-client limit (PLAYGROUND_RATE_LIMIT_PER_MIN → 429 + Retry-After, its own bucket), the body cap
 * (PLAYGROUND_MAX_BODY_BYTES → 413, read incrementally: never more than the cap is buffered) and the JSON nesting cap
 * (400 `json_too_deep`). The proxy reaches the engine in-process (`localEngineFetch`) after its own guards.
 */
export async function handleLocalEngineHttp(request: Request): Promise<Response> {
  try {
    const env = serverEnv();
    await takeToken("local", request, env.PLAYGROUND_RATE_LIMIT_PER_MIN);
    if (request.body === null || request.method === "GET" || request.method === "HEAD") return await handleLocalEngineRequest(request);
    // Bytes, not text: the engine decodes the body once; re-encoding a 25 MB text here cost ~150 ms of blocked loop.
    const body = await readBytesCapped(request, env.PLAYGROUND_MAX_BODY_BYTES);
    if (!/^multipart\//i.test(request.headers.get("content-type") ?? "")) assertJsonDepth(body);
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    return await handleLocalEngineRequest(new Request(request.url, { method: request.method, headers, body, signal: request.signal }));
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    return new ApiError(500, `The local engine failed to handle the request: ${message}`, { type: "server_error" }).toResponse();
  }
}
