import "server-only";
import { ApiError } from "@/lib/api-error";
import { formatBytes } from "@/lib/media/bytes";
import { getStore, storeConfigFromEnv } from "@/lib/store";
import { takeSharedToken } from "@/lib/store/engine-state";

/**
 * Request limits owned by the proxy: a capped body reader (413) and per-client token buckets (429 + Retry-After).
 *
 * The client is the right-most `X-Forwarded-For` address: Next fills that header from the socket when the caller
 * sent none, and a reverse proxy configured with `$proxy_add_x_forwarded_for` appends the address it saw. Without
 * such a proxy a caller can send its own header and pick its own bucket (README: "Deploying for a team").
 */

export function payloadTooLarge(maxBytes: number, hint = ""): ApiError {
  return new ApiError(413, `The request body is over the limit of ${formatBytes(maxBytes)}.${hint ? ` ${hint}` : ""}`, {
    code: "payload_too_large",
  });
}

/**
 * Reads a body as text, refusing with 413 once it passes `maxBytes` (never buffers more than that). `hint` says
 * what to do instead, in the error message.
 */
export async function readTextCapped(request: Request, maxBytes: number, hint = ""): Promise<string> {
  return new TextDecoder().decode(await readBytesCapped(request, maxBytes, hint));
}

/** A body's bytes, refusing with 413 once past `maxBytes`: read incrementally, never buffering more than that. */
export async function readBytesCapped(request: Request, maxBytes: number, hint = ""): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(maxBytes, hint);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw payloadTooLarge(maxBytes, hint);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`body over ${maxBytes} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** Passes a streamed body (file uploads) through, erroring with `BodyTooLarge` once it passes `maxBytes`. */
export function capStream(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) controller.error(new BodyTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
}

export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last || request.headers.get("x-real-ip")?.trim() || "unknown";
}

interface Bucket {
  tokens: number;
  at: number;
}

const buckets = new Map<string, Bucket>();
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per (name, client): `perMinute` requests in a burst, refilled continuously. Throws 429 with
 * `Retry-After` (whole seconds) when empty. `perMinute` 0 disables the limit.
 *
 * With a PostgreSQL `DATABASE_URL` the buckets live there (one atomic statement per call), so N instances share
 * one limit instead of multiplying it; login attempts above all. With SQLite or no database they are per process.
 * A database that fails or times out falls back to this process's bucket (still limited, never unlimited).
 */
export async function takeToken(name: string, request: Request, perMinute: number, now = Date.now()): Promise<void> {
  if (perMinute <= 0) return;
  const key = `${name}\u0000${clientKey(request)}`;
  const store = storeConfigFromEnv().kind === "postgres" ? getStore() : null;
  if (store) {
    try {
      // PostgreSQL text cannot hold NUL: the shared key separates with a space (client keys have none).
      const { ok, tokens } = await takeSharedToken(store, `${name} ${clientKey(request)}`, perMinute, now);
      if (ok) return;
      throw tooMany(perMinute, tokens, perMinute / 60_000);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // fall through to the per-process bucket
    }
  }
  takeLocalToken(key, perMinute, now);
}

function tooMany(perMinute: number, tokens: number, ratePerMs: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000));
  return new ApiError(429, `Too many requests from this client: the limit is ${perMinute} per minute. Try again in ${retryAfter} s.`, {
    type: "rate_limit_error",
    code: "rate_limit_exceeded",
    headers: { "retry-after": String(retryAfter) },
  });
}

function takeLocalToken(key: string, perMinute: number, now: number): void {
  const ratePerMs = perMinute / 60_000;
  let bucket = buckets.get(key);
  if (!bucket) {
    if (buckets.size >= MAX_BUCKETS) {
      // Forget full buckets first; they carry no state worth keeping.
      for (const [k, b] of buckets) if (b.tokens + (now - b.at) * ratePerMs >= perMinute) buckets.delete(k);
      if (buckets.size >= MAX_BUCKETS) buckets.delete(buckets.keys().next().value as string);
    }
    bucket = { tokens: perMinute, at: now };
    buckets.set(key, bucket);
  }
  bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * ratePerMs);
  bucket.at = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return;
  }
  throw tooMany(perMinute, bucket.tokens, ratePerMs);
}

/** Tests: forget every bucket. */
export function resetRateLimits(): void {
  buckets.clear();
}
