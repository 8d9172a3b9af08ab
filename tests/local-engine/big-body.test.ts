import { afterEach, describe, expect, it, vi } from "vitest";
import { createJson, engine, outputText } from "./helpers";

/**
 * A body over 1 MB is decoded and parsed in a worker thread (lib/local-engine/parse-off-thread.ts), so the event loop
 * is not held by one JSON.parse of the whole text. The loop's latency is measured by `node scripts/bench.mjs
 * --only=engine`; here: the main thread never parses the big text, and the answer is the same as before.
 */
const big = "word ".repeat(300_000); // 1.5 MB

function bigParsesOnMainThread(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter((args) => typeof args[0] === "string" && (args[0] as string).length > 1_000_000).length;
}

afterEach(() => vi.restoreAllMocks());

describe("a big request body", () => {
  it("is parsed off the main thread and answered like a small one, following previous_response_id", async () => {
    const { body: first } = await createJson({ model: "local-echo-1", input: "remember me" });
    const spy = vi.spyOn(JSON, "parse");
    const { res, body } = await createJson({ model: "local-echo-1", input: big, previous_response_id: first.id });
    expect(res.status).toBe(200);
    expect(body.status).toBe("completed");
    expect(body.previous_response_id).toBe(first.id);
    expect(outputText(body).length).toBeGreaterThan(0);
    expect(bigParsesOnMainThread(spy)).toBe(0);
  });

  it("that is not JSON gets the API's 400", async () => {
    const res = await engine("/responses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"model":"local-echo-1","input":"${big}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/could not parse the JSON body/);
  });
});
