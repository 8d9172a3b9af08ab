import "server-only";
import { ApiError } from "@/lib/api-error";
import { HTML_ANSWER, looksLikeHtml } from "@/lib/http/html-answer";
import { serverEnv } from "./config";
import { BodyTooLarge } from "./limits";
import { assertPublicUpstream, ForbiddenAddress } from "./net-guard";
import { lastSequenceNumber, sseErrorRecord as streamErrorRecord } from "@/lib/responses/error-event";
import { redactSecrets, StreamRedactor } from "./redact";
import type { Upstream } from "./resolve";

/** Request headers worth passing upstream besides auth and content type. */
const FORWARDED_REQUEST_HEADERS = ["openai-organization", "openai-project", "openai-beta", "idempotency-key", "x-local-engine-delay-ms"];

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
  /** The answer is file bytes of any type (`/files/{id}/content`), not a JSON or event-stream API answer. */
  anyContentType?: boolean;
}

export interface Timeouts {
  connectMs: number;
  idleMs: number;
}

/** The words the page shows when a gateway or a wrong base URL answers with a web page (one home: lib/http). */
export { HTML_ANSWER };

/**
 * Sends one call upstream and returns its answer as it arrives: status, selected headers and the body stream,
 * untouched. Guards, all here because this is the module that talks to the upstream:
 *
 * - a caller-chosen base URL is checked against internal addresses first (net-guard.ts); redirects are not followed;
 * - the caller's `signal` is forwarded, so a client that goes away aborts the upstream call at once;
 * - connect timeout (until the headers) → 504; idle timeout (silence inside the body) ends the stream;
 * - a 2xx answer that is neither JSON nor an event stream (an HTML login page, a proxy's error page) → 502, and a
 *   non-JSON error page keeps its status but gets the API's error shape;
 * - an event stream that breaks or goes silent ends with a final SSE `error` event in plain words (the page keeps
 *   the text that arrived), never with a dropped connection;
 * - transport failures → 502 in the API's error shape, with any key redacted;
 * - the key sent upstream is replaced by `[redacted]` in every body passed back (streamed or not, any status), also
 *   when it arrives split across two reads (redact.ts `StreamRedactor`).
 */
export async function forward(incoming: Request, upstream: Upstream, opts: ForwardOptions, timeouts?: Timeouts): Promise<Response> {
  const env = serverEnv();
  const limits = timeouts ?? { connectMs: env.UPSTREAM_CONNECT_TIMEOUT_MS, idleMs: env.UPSTREAM_IDLE_TIMEOUT_MS };
  const tag = { "x-playground-upstream": upstream.kind };
  if (upstream.custom) {
    try {
      await assertPublicUpstream(upstream.baseUrl, env.UPSTREAM_ALLOW_PRIVATE);
    } catch (error) {
      if (error instanceof ApiError) return error.toResponse(tag);
      throw error;
    }
  }

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set("accept", incoming.headers.get("accept") ?? "application/json");
  if (opts.body !== undefined) headers.set("content-type", opts.contentType ?? "application/json");
  if (upstream.apiKey) headers.set("authorization", `Bearer ${upstream.apiKey}`);

  // One controller for the upstream call: the caller leaving, the connect timeout and the idle timeout all abort it.
  const controller = new AbortController();
  const onCallerGone = () => controller.abort(incoming.signal.reason);
  if (incoming.signal.aborted) onCallerGone();
  else incoming.signal.addEventListener("abort", onCallerGone, { once: true });
  const connectTimer = limits.connectMs > 0 ? setTimeout(() => controller.abort(new ConnectTimeout()), limits.connectMs) : null;

  const url = upstream.baseUrl + opts.path;
  let upstreamResponse: Response;
  try {
    upstreamResponse = await upstream.fetch(url, {
      method: opts.method,
      headers,
      body: opts.body,
      // A stream body (file uploads) is sent as it arrives; Node's fetch requires half duplex for that.
      ...(typeof opts.body === "object" ? { duplex: "half" } : {}),
      signal: controller.signal,
      redirect: "manual",
      cache: "no-store",
    });
  } catch (error) {
    incoming.signal.removeEventListener("abort", onCallerGone);
    if (incoming.signal.aborted) {
      // The caller is gone; nobody reads this, but answer with something well-formed.
      return new ApiError(499, "The client closed the request.", { code: "client_closed_request" }).toResponse();
    }
    if (controller.signal.reason instanceof ConnectTimeout) {
      return new ApiError(
        504,
        `The upstream at ${safeHost(upstream.baseUrl)} did not answer within ${seconds(limits.connectMs)} (UPSTREAM_CONNECT_TIMEOUT_MS).`,
        {
          type: "upstream_error",
          code: "upstream_timeout",
        },
      ).toResponse(tag);
    }
    // The name resolved to an internal address at connect time (DNS rebinding after the first check).
    const forbidden = findCause(error, ForbiddenAddress);
    if (forbidden) return forbidden.error.toResponse(tag);
    const tooLarge = findCause(error, BodyTooLarge);
    if (tooLarge) {
      return new ApiError(413, `The request body is over the limit of ${tooLarge.maxBytes} bytes.`, {
        code: "payload_too_large",
      }).toResponse(tag);
    }
    return upstreamFailure(error, upstream).toResponse(tag);
  } finally {
    if (connectTimer) clearTimeout(connectTimer);
  }

  const contentType = upstreamResponse.headers.get("content-type") ?? "";
  const isSse = contentType.toLowerCase().startsWith("text/event-stream");
  const isJson = /^application\/([\w.+-]*\+)?json\b/i.test(contentType);
  if (
    !opts.anyContentType &&
    !isSse &&
    !isJson &&
    upstreamResponse.status !== 204 &&
    !(upstreamResponse.status >= 300 && upstreamResponse.status < 400)
  ) {
    const done = () => incoming.signal.removeEventListener("abort", onCallerGone);
    return notAnApiAnswer(upstreamResponse, contentType, upstream, controller).finally(done);
  }
  if (upstreamResponse.status >= 300 && upstreamResponse.status < 400) {
    incoming.signal.removeEventListener("abort", onCallerGone);
    controller.abort();
    const where = upstreamResponse.headers.get("location");
    return new ApiError(
      502,
      `The upstream answered with a redirect (HTTP ${upstreamResponse.status}${where ? ` to ${where}` : ""}); the playground does not follow redirects. Check the base URL.`,
      {
        type: "upstream_error",
        code: "upstream_redirect",
      },
    ).toResponse(tag);
  }

  const outHeaders = new Headers({ ...tag, "cache-control": "no-store" });
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstreamResponse.headers.get(name);
    if (value !== null) outHeaders.set(name, value);
  }
  if (!upstreamResponse.ok && !isSse) {
    // Error bodies are small: read them so a key the upstream echoes ("Incorrect API key provided: sk-…") is redacted,
    // along with anything else shaped like a key. Every other body is redacted as it streams (guardBody).
    incoming.signal.removeEventListener("abort", onCallerGone);
    const text = await readHead(upstreamResponse, 256 * 1024).catch(() => "");
    return new Response(redactSecrets(text, [upstream.apiKey]), { status: upstreamResponse.status, headers: outHeaders });
  }
  if (isSse) {
    // Tell buffering reverse proxies (nginx) to pass events through as they come.
    outHeaders.set("x-accel-buffering", "no");
    outHeaders.set("cache-control", "no-cache, no-transform");
  }
  const body = upstreamResponse.body
    ? guardBody(upstreamResponse.body, {
        sse: isSse,
        idleMs: limits.idleMs,
        controller,
        upstream,
        done: () => incoming.signal.removeEventListener("abort", onCallerGone),
      })
    : null;
  return new Response(body, { status: upstreamResponse.status, headers: outHeaders });
}

class ConnectTimeout extends Error {
  constructor() {
    super("connect timeout");
    this.name = "ConnectTimeout";
  }
}

class IdleTimeout extends Error {
  constructor() {
    super("idle timeout");
    this.name = "IdleTimeout";
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function findCause<T extends Error>(error: unknown, type: new (...args: never[]) => T): T | null {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof type) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** The final SSE record the proxy adds when an upstream stream breaks: flat and nested `error` (lib/responses/error-event.ts). */
export function sseErrorRecord(code: string, message: string, sequenceNumber = 0): string {
  return streamErrorRecord({ code, message, type: "upstream_error" }, sequenceNumber);
}

/**
 * Passes the upstream body through chunk by chunk (no re-encoding). Silence longer than `idleMs` aborts the upstream
 * call; for an event stream, a broken or silent upstream ends with one `error` event, so the page can say what
 * happened and keep the text. The caller cancelling the body aborts the upstream call.
 */
function guardBody(
  source: ReadableStream<Uint8Array>,
  ctx: { sse: boolean; idleMs: number; controller: AbortController; upstream: Upstream; done: () => void },
): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const host = safeHost(ctx.upstream.baseUrl);
  // The exact key sent upstream is replaced in every byte passed back, whatever the status or content type.
  const key = ctx.upstream.apiKey;
  const redactor = key && key.length >= 4 ? new StreamRedactor(key) : null;
  const flushHeld = (out: ReadableStreamDefaultController<Uint8Array>) => {
    const rest = redactor?.flush();
    if (rest && rest.length > 0) out.enqueue(rest);
  };
  // One idle timer per stream, not one set and cleared per chunk: it re-arms itself for the time left while a read
  // is pending, and lapses when none is (a slow caller is not a silent upstream; the next read arms it again).
  let waitingSince = -1;
  let lastSequence = -1; // the upstream's last sequence_number, so an added `error` record follows it
  let timer: ReturnType<typeof setTimeout> | null = null;
  const watch = () => {
    timer = null;
    if (waitingSince < 0) return;
    const waited = performance.now() - waitingSince;
    if (waited < ctx.idleMs) {
      timer = setTimeout(watch, ctx.idleMs - waited);
      return;
    }
    ctx.controller.abort(new IdleTimeout());
    reader.cancel(new IdleTimeout()).catch(() => {});
  };
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const guarded: UnderlyingDefaultSource<Uint8Array> = {
    async pull(out) {
      if (ctx.idleMs > 0) {
        waitingSince = performance.now();
        timer ??= setTimeout(watch, ctx.idleMs);
      }
      try {
        const { done, value } = await reader.read();
        waitingSince = -1;
        if (done) {
          clear();
          ctx.done();
          flushHeld(out);
          if (ctx.controller.signal.reason instanceof IdleTimeout) return endWithError(out, "idle");
          out.close();
          return;
        }
        if (ctx.sse) lastSequence = lastSequenceNumber(value) ?? lastSequence;
        if (!redactor) out.enqueue(value);
        else {
          // Nothing to send yet (a possible key prefix is held): the pending read makes the stream pull again.
          const safe = redactor.push(value);
          if (safe.length > 0) out.enqueue(safe);
        }
      } catch (error) {
        clear();
        ctx.done();
        flushHeld(out);
        endWithError(out, ctx.controller.signal.reason instanceof IdleTimeout ? "idle" : "broken", error);
      }
    },
    cancel(reason) {
      clear();
      ctx.done();
      ctx.controller.abort(reason);
      return reader.cancel(reason).catch(() => {});
    },
  };
  // No read-ahead: pull only when Next asks for a chunk. A queued chunk made undici resume the upstream socket sooner,
  // so each socket read took less: more, smaller chunks, each paying Next's piping and a write to the caller.
  return new ReadableStream<Uint8Array>(guarded, { highWaterMark: 0 });

  function endWithError(out: ReadableStreamDefaultController<Uint8Array>, why: "idle" | "broken", error?: unknown) {
    const message =
      why === "idle"
        ? `The upstream at ${host} sent nothing for ${seconds(ctx.idleMs)} (UPSTREAM_IDLE_TIMEOUT_MS), so the playground ended the stream. The output that arrived is kept.`
        : redactSecrets(
            `The connection to the upstream at ${host} broke in the middle of the answer (${describeCause(error)}). The output that arrived is kept.`,
            [ctx.upstream.apiKey],
          );
    if (ctx.sse) {
      out.enqueue(
        new TextEncoder().encode(
          sseErrorRecord(why === "idle" ? "upstream_idle_timeout" : "upstream_stream_broken", message, lastSequence + 1),
        ),
      );
      out.close();
    } else {
      out.error(new Error(message));
    }
  }
}

/** A 2xx answer that is not JSON or an event stream, or an error page: becomes the API's error shape. */
async function notAnApiAnswer(res: Response, contentType: string, upstream: Upstream, controller: AbortController): Promise<Response> {
  const head = await readHead(res, 64 * 1024).catch(() => "");
  controller.abort();
  const html = looksLikeHtml(head, contentType);
  const title = html ? /<title[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1]?.replace(/\s+/g, " ").trim().slice(0, 120) : null;
  const what = html
    ? HTML_ANSWER
    : `the upstream answered with ${contentType ? `"${contentType.split(";")[0]}"` : "no content type"}, not an API response`;
  const base = `${what.charAt(0).toUpperCase()}${what.slice(1)} (HTTP ${res.status} from ${safeHost(upstream.baseUrl)}${title ? `: "${title}"` : ""}).`;
  const hint = res.ok ? " Check the base URL: it should end in /v1 and point at an OpenAI-compatible API." : "";
  const status = res.ok ? 502 : res.status;
  return new ApiError(status, redactSecrets(base + hint, [upstream.apiKey]), {
    type: "upstream_error",
    code: html ? "upstream_html_response" : "upstream_bad_content_type",
    headers: res.headers.get("retry-after") ? { "retry-after": res.headers.get("retry-after")! } : {},
  }).toResponse({ "x-playground-upstream": upstream.kind });
}

async function readHead(res: Response, max: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (text.length < max) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  reader.cancel().catch(() => {});
  return text;
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
