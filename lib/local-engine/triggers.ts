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
 * - `[cut]`         some text streams, then the stream just ends: no terminal event, no error (a dropped connection)
 * - `[xss]`         the answer is hostile markdown (see `XSS_ANSWER`), with hostile citations, to prove none of it runs
 */

export interface Triggers {
  refuse: boolean;
  fail: boolean;
  errorEvent: boolean;
  rateLimit: boolean;
  cut: boolean;
  xss: boolean;
}

const TRIGGER_RE = /\[(refuse|fail|error-event|429|cut|xss)\]/gi;

export const RETRY_AFTER_SECONDS = 2;

/** Text deltas sent before `[fail]` / `[error-event]` interrupt the answer. */
export const DELTAS_BEFORE_FAILURE = 20;

export function readTriggers(text: string | null | undefined): Triggers {
  const found = new Set<string>();
  for (const m of (text ?? "").matchAll(TRIGGER_RE)) found.add(m[1]!.toLowerCase());
  return {
    refuse: found.has("refuse"),
    fail: found.has("fail"),
    errorEvent: found.has("error-event"),
    rateLimit: found.has("429"),
    cut: found.has("cut"),
    xss: found.has("xss"),
  };
}

/** The text without trigger words (what searches and argument extraction look at). */
export function stripTriggers(text: string): string {
  // Only runs that change are replaced (not every single space): a huge input is not rebuilt piece by piece.
  return text
    .replace(TRIGGER_RE, " ")
    .replace(/(?: [ \t]|\t)[ \t]*/g, " ")
    .trim();
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

/**
 * `[xss]`: every way model output has been used to run script in a page. Each payload sets `window.__xss` and opens
 * a dialog if it ever runs, so a test can prove none does. The cited phrase carries a `url_citation` whose URL is
 * `javascript:` and whose title is HTML; a second citation has a `data:` URL.
 */
export const XSS_CITED = "This sentence cites a hostile source.";
export const XSS_CITED_2 = "And this one cites a data URL.";
export const XSS_ANSWER = [
  "# Hostile output <script>window.__xss=1;alert('script tag')</script>",
  "",
  "Inline HTML: <img src=x onerror=\"window.__xss=1;alert('onerror')\"> and <svg onload=\"window.__xss=1;alert('svg')\"></svg> and <iframe src=\"javascript:alert('iframe')\"></iframe>",
  "",
  "<script>window.__xss=1;alert('block script')</script>",
  "",
  "Links: [a javascript link](javascript:window.__xss=1;alert('link')) and [an encoded one](JaVaScRiPt&#58;alert('encoded')) and [a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) and [a vbscript link](vbscript:msgbox(1)) and <a href=\"javascript:alert('raw anchor')\">a raw anchor</a>.",
  "",
  "![an image](javascript:alert('image'))",
  "",
  `${XSS_CITED} ${XSS_CITED_2}`,
  "",
  "[A safe link](https://example.com/safe) stays live.",
].join("\n");

export function xssAnnotations(text: string) {
  const start = text.indexOf(XSS_CITED);
  const start2 = text.indexOf(XSS_CITED_2);
  return [
    {
      type: "url_citation" as const,
      start_index: start,
      end_index: start + XSS_CITED.length,
      url: "javascript:window.__xss=1;alert('citation')",
      title: "<img src=x onerror=\"window.__xss=1;alert('title')\"><script>alert('title script')</script>",
    },
    {
      type: "url_citation" as const,
      start_index: start2,
      end_index: start2 + XSS_CITED_2.length,
      url: "data:text/html,<script>alert('data citation')</script>",
      title: "\"><svg onload=alert('title2')>",
    },
  ];
}
