import "server-only";
import { ApiError } from "@/lib/api-error";
import { redactSecrets } from "./redact";
import type { Upstream } from "./resolve";

/** Request headers worth passing upstream besides auth and content type. */
const FORWARDED_REQUEST_HEADERS = [
  "openai-organization",
  "openai-project",
  "openai-beta",
  "idempotency-key",
  "x-local-engine-delay-ms",
];

/** Response headers passed back to the caller. Hop-by-hop and encoding headers are dropped on purpose. */
const PASSED_RESPONSE_HEADERS = [
  "content-type",
  "x-request-id",
  "openai-processing-ms",
  "openai-version",
  "openai-organization",
  "retry-after",
  "retry-after-ms",
  "x-ratelimit-limit-requests",
  "x-ratelimit-limit-tokens",
  "x-ratelimit-remaining-requests",
  "x-ratelimit-remaining-tokens",
  "x-ratelimit-reset-requests",
  "x-ratelimit-reset-tokens",
];

export interface ForwardOptions {
  method: "GET" | "POST" | "DELETE";
  /** Path after the base URL, starting with "/" (query string included). */
  path: string;
  /** The body bytes exactly as the caller sent them: forwarded without re-encoding. */
  body?: string | ReadableStream<Uint8Array>;
  /** Content type of `body` (JSON when absent); a multipart upload keeps its own, boundary included. */
  contentType?: string;
}

/**
 * Sends one call upstream and returns its answer as it arrives: status, selected headers and the body
 * stream, untouched. `incoming.signal` is forwarded, so a caller that goes away aborts the upstream call.
 * A transport failure becomes a 502 in the API's error shape, with any key redacted.
 */
export async function forward(incoming: Request, upstream: Upstream, opts: ForwardOptions): Promise<Response> {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set("accept", incoming.headers.get("accept") ?? "application/json");
  if (opts.body !== undefined) headers.set("content-type", opts.contentType ?? "application/json");
  if (upstream.apiKey) headers.set("authorization", `Bearer ${upstream.apiKey}`);

  const url = upstream.baseUrl + opts.path;
  let upstreamResponse: Response;
  try {
    upstreamResponse = await upstream.fetch(url, {
      method: opts.method,
      headers,
      body: opts.body,
      // A stream body (file uploads) is sent as it arrives; Node's fetch requires half duplex for that.
      ...(typeof opts.body === "object" ? { duplex: "half" } : {}),
      signal: incoming.signal,
      redirect: "manual",
      cache: "no-store",
    });
  } catch (error) {
    if (incoming.signal.aborted) {
      // The caller is gone; nobody reads this, but answer with something well-formed.
      return new ApiError(499, "The client closed the request.", { code: "client_closed_request" }).toResponse();
    }
    return upstreamFailure(error, upstream).toResponse({ "x-playground-upstream": upstream.kind });
  }

  const outHeaders = new Headers({ "x-playground-upstream": upstream.kind, "cache-control": "no-store" });
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstreamResponse.headers.get(name);
    if (value !== null) outHeaders.set(name, value);
  }
  if (outHeaders.get("content-type")?.startsWith("text/event-stream")) {
    // Tell buffering reverse proxies (nginx) to pass events through as they come.
    outHeaders.set("x-accel-buffering", "no");
    outHeaders.set("cache-control", "no-cache, no-transform");
  }
  return new Response(upstreamResponse.body, { status: upstreamResponse.status, headers: outHeaders });
}

/** Maps a transport failure (DNS, refused connection, TLS, reset) to a 502 in the API's error shape. */
export function upstreamFailure(error: unknown, upstream: Pick<Upstream, "baseUrl" | "apiKey">): ApiError {
  const cause = describeCause(error);
  const host = safeHost(upstream.baseUrl);
  const message = redactSecrets(`Could not reach the upstream API at ${host}: ${cause}`, [upstream.apiKey]);
  return new ApiError(502, message, { type: "upstream_error", code: "upstream_unreachable" });
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const inner = (error as Error & { cause?: unknown }).cause;
    if (inner instanceof Error) {
      const code = (inner as Error & { code?: string }).code;
      return code ? `${code} (${inner.message})` : inner.message;
    }
    return error.message;
  }
  return String(error);
}

function safeHost(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return "the configured base URL";
  }
}
