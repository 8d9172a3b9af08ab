import { describe, expect, it } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";
import { applyEvent } from "@/lib/responses/reducer";
import { initialRunState, outputText } from "@/lib/responses/run-state";
import { parseSseMessage, readSse } from "@/lib/responses/sse";
import { POST as proxyCreate } from "@/app/api/v1/responses/route";

async function fold(res: Response) {
  let state = initialRunState("connecting");
  let deltas = "";
  let index = 0;
  for await (const msg of readSse(res.body!)) {
    const parsed = parseSseMessage(msg);
    if (parsed.kind !== "event") continue;
    if (parsed.event.type === "response.output_text.delta") deltas += (parsed.event as { delta: string }).delta;
    state = applyEvent(state, parsed.event, index, index);
    index++;
  }
  return { state, deltas, events: index };
}

const body = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: "local-echo-1", input: "Stream me through the client core, 你好", stream: true, ...extra });

describe("the local engine's streams folded by the client's parser and reducer", () => {
  it("ends completed with the concatenated deltas as the answer and usage set", async () => {
    const res = await localEngineFetch("http://local-engine/v1/responses", {
      method: "POST",
      headers: { "content-type": "application/json", "x-local-engine-delay-ms": "0" },
      body: body(),
    });
    const { state, deltas } = await fold(res);
    expect(state.status).toBe("completed");
    expect(outputText(state)).toBe(deltas);
    expect(state.usage?.output_tokens).toBeGreaterThan(0);
    expect(state.unknownEventCount).toBe(0);
  });

  it("ends incomplete with the reason when max_output_tokens cuts the answer", async () => {
    const res = await localEngineFetch("http://local-engine/v1/responses", {
      method: "POST",
      headers: { "content-type": "application/json", "x-local-engine-delay-ms": "0" },
      body: body({ max_output_tokens: 16 }),
    });
    const { state, deltas } = await fold(res);
    expect(state.status).toBe("incomplete");
    expect(state.incompleteReason).toBe("max_output_tokens");
    expect(outputText(state)).toBe(deltas);
  });

  it("arrives through the proxy route as a complete stream the client folds the same way", async () => {
    const headers = { "content-type": "application/json", "x-local-engine-delay-ms": "0" };
    const viaProxy = await proxyCreate(new Request("http://playground.test/api/v1/responses", { method: "POST", headers, body: body() }));
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers.get("content-type")).toContain("text/event-stream");
    const { state, deltas } = await fold(viaProxy);
    expect(state.status).toBe("completed");
    expect(outputText(state)).toBe(deltas);
  });
});
