import { describe, expect, it } from "vitest";
import { errorWords } from "@/lib/responses/error-words";
import { markHttpError } from "@/lib/responses/reducer";
import { initialRunState } from "@/lib/responses/run-state";

const http = (status: number, code: string | null = null, retryAfter: string | null = null) =>
  markHttpError(initialRunState("connecting"), { status, body: { error: { message: "m", type: "t", param: null, code } }, retryAfter })
    .error!;

describe("errors in plain words (the seeds' table)", () => {
  it.each([
    [400, /rejected \(400/],
    [401, /API key is missing or invalid/],
    [403, /Not allowed/],
    [404, /Not found/],
    [429, /Too many requests/],
    [500, /internal error \(500\)/],
    [503, /blocked, or the service is overloaded \(503\)/],
  ])("%i", (status, title) => {
    expect(errorWords(http(status)).title).toMatch(title);
  });

  it("403 mentions the balance, 429 the retry-after seconds when given", () => {
    expect(errorWords(http(403)).hint).toMatch(/balance/);
    expect(errorWords(http(429, "rate_limit_exceeded", "2")).hint).toMatch(/wait 2 s \(retry-after\)/);
    expect(errorWords(http(429)).hint).not.toMatch(/retry-after/);
    expect(errorWords(http(429, "insufficient_quota")).title).toMatch(/quota/);
  });

  it("blocked content and a missing previous response get their own words", () => {
    expect(errorWords(http(400, "content_policy_violation")).title).toMatch(/blocked for safety reasons/);
    expect(errorWords(http(400, "previous_response_not_found")).hint).toMatch(/store: false/);
  });

  it("in-stream errors and response.failed say the partial output is kept", () => {
    const words = errorWords({ source: "event", message: "x", code: "server_error" });
    expect(words.title).toBe("The model stopped with a server error");
    expect(words.hint).toMatch(/error event/);
    expect(words.hint).toMatch(/kept/);
    expect(errorWords({ source: "response", message: "x", code: "server_error" }).hint).toMatch(/response\.failed/);
  });
});
