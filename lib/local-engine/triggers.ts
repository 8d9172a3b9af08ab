import "server-only";
import { ApiError } from "@/lib/api-error";

/**
 * Documented triggers: words in square brackets in the last user message that make the engine misbehave on
 * purpose, so a class can see every failure without a real upstream (README: "Local engine rules").
 *
 * - `[refuse]`      the answer is a refusal content part (`response.refusal.delta/.done`)
 * - `[fail]`        some text streams, then `response.failed` with `server_error`
 * - `[error-event]` some text streams, then an in-stream `error` event ends the stream
 * - `[429]`         HTTP 429 in the API's error shape with `retry-after: 2`, before any event
 */

export interface Triggers {
  refuse: boolean;
  fail: boolean;
  errorEvent: boolean;
  rateLimit: boolean;
}

const TRIGGER_RE = /\[(refuse|fail|error-event|429)\]/gi;

export const RETRY_AFTER_SECONDS = 2;

/** Text deltas sent before `[fail]` / `[error-event]` interrupt the answer. */
export const DELTAS_BEFORE_FAILURE = 20;

export function readTriggers(text: string | null | undefined): Triggers {
  const found = new Set<string>();
  for (const m of (text ?? "").matchAll(TRIGGER_RE)) found.add(m[1]!.toLowerCase());
  return { refuse: found.has("refuse"), fail: found.has("fail"), errorEvent: found.has("error-event"), rateLimit: found.has("429") };
}

/** The text without trigger words (what searches and argument extraction look at). */
export function stripTriggers(text: string): string {
  return text.replace(TRIGGER_RE, " ").replace(/[ \t]+/g, " ").trim();
}

/** `[429]`: the request is refused before it starts, as a rate-limited OpenAI request is. */
export function assertNotRateLimited(text: string | null | undefined): void {
  if (!readTriggers(text).rateLimit) return;
  throw new ApiError(
    429,
    `Rate limit reached for requests (simulated by the local engine because the message contains [429]). Please try again in ${RETRY_AFTER_SECONDS}s.`,
    {
      type: "rate_limit_error",
      code: "rate_limit_exceeded",
      headers: {
        "retry-after": String(RETRY_AFTER_SECONDS),
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": `${RETRY_AFTER_SECONDS}s`,
      },
    },
  );
}
