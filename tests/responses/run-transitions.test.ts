import { describe, expect, it } from "vitest";
import type { Response as OpenAIResponse } from "openai/resources/responses/responses";
import { markCancelled, markHttpError, markInterrupted, markNetworkError, runStateFromResponse } from "@/lib/responses/reducer";
import { initialRunState, outputText, type RunState } from "@/lib/responses/run-state";
import { fold } from "./helpers";

const streaming = (): RunState =>
  fold([
    { type: "response.created", response: { id: "resp_1", status: "in_progress", output: [] } },
    { type: "response.output_text.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: "partial" },
  ]);

describe("runStateFromResponse (stream: false)", () => {
  it("builds the state of a whole response", () => {
    const response = {
      id: "resp_9",
      object: "response",
      status: "completed",
      model: "gpt-4.1",
      error: null,
      incomplete_details: null,
      output: [
        { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Thought." }] },
        {
          id: "msg_1",
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "Answer.", annotations: [] }],
        },
      ],
      usage: { input_tokens: 3, output_tokens: 4, total_tokens: 7 },
    } as unknown as OpenAIResponse;
    const s = runStateFromResponse(response, 123);
    expect(s.status).toBe("completed");
    expect(s.responseId).toBe("resp_9");
    expect(s.model).toBe("gpt-4.1");
    expect(s.items.map((v) => [v.key, v.outputIndex, v.eventIndexes])).toEqual([
      ["rs_1", 0, []],
      ["msg_1", 1, []],
    ]);
    expect(outputText(s)).toBe("Answer.");
    expect(s.usage?.total_tokens).toBe(7);
    expect(s.timing.endMs).toBe(123);
    expect(s.response).toBe(response);
  });

  it("maps incomplete and failed responses", () => {
    const inc = runStateFromResponse({
      id: "r",
      status: "incomplete",
      incomplete_details: { reason: "content_filter" },
      output: [],
    } as unknown as OpenAIResponse);
    expect([inc.status, inc.incompleteReason]).toEqual(["incomplete", "content_filter"]);
    const failed = runStateFromResponse({
      id: "r",
      status: "failed",
      error: { code: "server_error", message: "Oops" },
      output: [],
    } as unknown as OpenAIResponse);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ source: "response", message: "Oops", code: "server_error" });
  });

  it("turns an API error body delivered as JSON into an error state", () => {
    const s = runStateFromResponse({
      error: { message: "Bad key", type: "invalid_request_error", code: "invalid_api_key", param: null },
    } as unknown as OpenAIResponse);
    expect(s.status).toBe("failed");
    expect(s.error).toMatchObject({ message: "Bad key", code: "invalid_api_key" });
  });

  it("does not throw on something that is not a response", () => {
    expect(runStateFromResponse(null as unknown as OpenAIResponse).status).toBe("failed");
    expect(runStateFromResponse("text" as unknown as OpenAIResponse).error?.source).toBe("parse");
  });
});

describe("whole-run transitions", () => {
  it("markCancelled keeps the output and does not touch a finished run", () => {
    const s = markCancelled(streaming());
    expect(s.status).toBe("cancelled");
    expect(outputText(s)).toBe("partial");
    const done = fold([{ type: "response.completed", response: { id: "resp_1", status: "completed" } }], streaming());
    expect(markCancelled(done)).toBe(done);
    expect(markCancelled(initialRunState("connecting")).status).toBe("cancelled");
  });

  it("markInterrupted keeps the output of a stream that ended without a terminal event", () => {
    const s = markInterrupted(streaming());
    expect(s.status).toBe("interrupted");
    expect(outputText(s)).toBe("partial");
    expect(s.timing.endMs).toBe(s.timing.lastEventMs);
  });

  it("markNetworkError keeps the output and an earlier, better error", () => {
    const s = markNetworkError(streaming(), "network error");
    expect(s.status).toBe("failed");
    expect(s.error).toEqual({ source: "network", message: "network error" });
    expect(outputText(s)).toBe("partial");
    const afterEvent = fold([{ type: "error", code: "x", message: "from the server", param: null }], streaming());
    expect(markNetworkError(afterEvent, "terminated").error?.message).toBe("from the server");
  });
});

describe("markHttpError", () => {
  const base = initialRunState("connecting");

  it("reads the API's JSON error shape (as text)", () => {
    const body = JSON.stringify({
      error: { message: "Incorrect API key provided: sk-abc.", type: "invalid_request_error", param: null, code: "invalid_api_key" },
    });
    const s = markHttpError(base, { status: 401, body, retryAfter: null });
    expect(s.status).toBe("failed");
    expect(s.error).toEqual({
      source: "http",
      status: 401,
      message: "Incorrect API key provided: sk-abc.",
      code: "invalid_api_key",
      param: null,
      type: "invalid_request_error",
      retryAfterSeconds: null,
    });
  });

  it("reads Retry-After in seconds or as an HTTP date", () => {
    const body = '{"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}';
    expect(markHttpError(base, { status: 429, body, retryAfter: "20" }).error?.retryAfterSeconds).toBe(20);
    const date = new Date(Date.now() + 30_000).toUTCString();
    const secs = markHttpError(base, { status: 429, body, retryAfter: date }).error?.retryAfterSeconds ?? 0;
    expect(secs).toBeGreaterThanOrEqual(28);
    expect(secs).toBeLessThanOrEqual(31);
    expect(markHttpError(base, { status: 429, body, retryAfter: "soon" }).error?.retryAfterSeconds).toBeNull();
  });

  it("turns an HTML error page into a short plain message", () => {
    const html =
      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>";
    expect(markHttpError(base, { status: 502, body: html }).error?.message).toBe("502 Bad Gateway");
    const cf =
      "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title><style>body{}</style></head><body><h1>Sorry, you have been blocked</h1></body></html>";
    expect(markHttpError(base, { status: 403, body: cf }).error?.message).toBe(
      "Attention Required! | Cloudflare: Sorry, you have been blocked",
    );
    const untitled = "<html><body><p>Service &amp; stuff down</p><script>var x = 1;</script></body></html>";
    expect(markHttpError(base, { status: 503, body: untitled }).error?.message).toBe("Service & stuff down");
  });

  it("keeps plain text, truncates long bodies, and explains an empty one", () => {
    expect(markHttpError(base, { status: 500, body: "upstream exploded\n" }).error?.message).toBe("upstream exploded");
    const long = markHttpError(base, { status: 500, body: "x".repeat(5000) }).error?.message ?? "";
    expect(long.length).toBeLessThanOrEqual(500);
    expect(long.endsWith("…")).toBe(true);
    expect(markHttpError(base, { status: 503, body: "" }).error?.message).toBe("HTTP 503: Service unavailable");
    expect(markHttpError(base, { status: 418, body: "   " }).error?.message).toBe("HTTP 418: Request failed");
  });

  it("accepts an already parsed body and gateway shapes", () => {
    expect(
      markHttpError(base, {
        status: 400,
        body: { error: { message: "Invalid value: 'foo'.", code: null, param: "model", type: "invalid_request_error" } },
      }).error,
    ).toMatchObject({
      message: "Invalid value: 'foo'.",
      param: "model",
    });
    expect(markHttpError(base, { status: 422, body: '{"detail":"Field required"}' }).error?.message).toBe("Field required");
    expect(markHttpError(base, { status: 500, body: '{"error":"boom"}' }).error?.message).toBe("boom");
    expect(markHttpError(base, { status: 500, body: "{not json" }).error?.message).toBe("{not json");
  });
});
