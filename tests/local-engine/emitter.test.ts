import { describe, expect, it } from "vitest";
import { normalizeInput } from "@/lib/local-engine/input";
import { DEFAULT_DELAY_MS, resolveDelayMs } from "@/lib/local-engine/pacing";
import { EngineRun } from "@/lib/local-engine/run";
import { parseCreateResponseBody } from "@/lib/local-engine/schema";
import { messageScript, ResponseFailure, type ItemScript } from "@/lib/local-engine/scripts";
import { buildTurn } from "@/lib/local-engine/turn";
import type { EngineStreamEvent } from "@/lib/local-engine/types";

function runWith(scripts: ItemScript[], body: Record<string, unknown> = {}) {
  const request = parseCreateResponseBody(JSON.stringify({ model: "local-echo-1", input: "x", ...body }));
  const turn = buildTurn(request, normalizeInput(request.input));
  return new EngineRun({ turn, scripts, store: false, background: false });
}

async function collect(run: EngineRun): Promise<EngineStreamEvent[]> {
  const events: EngineStreamEvent[] = [];
  for await (const event of run.events(0)) events.push(event);
  return events;
}

describe("the emitter (one generator for every item script)", () => {
  it("places several items one after another with consecutive output_index", async () => {
    const run = runWith([messageScript("msg_a", "first item"), messageScript("msg_b", "second item")]);
    const events = await collect(run);
    const added = events.filter((e) => e.type === "response.output_item.added");
    expect(added.map((e) => ("output_index" in e ? e.output_index : -1))).toEqual([0, 1]);
    const final = events[events.length - 1]!;
    expect(final.type).toBe("response.completed");
    expect(run.output.map((item) => item.id)).toEqual(["msg_a", "msg_b"]);
    expect(run.usage?.output_tokens).toBe(4);
  });

  it("skips the remaining scripts once max_output_tokens is used up", async () => {
    const long = Array.from({ length: 30 }, (_, i) => `w${i}`).join(" ");
    const run = runWith([messageScript("msg_a", long), messageScript("msg_b", "never")], { max_output_tokens: 16 });
    const events = await collect(run);
    expect(events.filter((e) => e.type === "response.output_item.added")).toHaveLength(1);
    expect(events[events.length - 1]!.type).toBe("response.incomplete");
  });

  it("turns a ResponseFailure thrown by a script into a terminal response.failed", async () => {
    const failing: ItemScript = function* () {
      throw new ResponseFailure("server_error", "Simulated failure.");
    };
    const run = runWith([messageScript("msg_a", "partial answer"), failing]);
    const events = await collect(run);
    const last = events[events.length - 1]!;
    expect(last.type).toBe("response.failed");
    if (last.type !== "response.failed") return;
    expect(last.response.status).toBe("failed");
    expect(last.response.error).toEqual({ code: "server_error", message: "Simulated failure." });
    expect(last.response.output).toHaveLength(1);
  });

  it("hands out copies: events already emitted never change afterwards", async () => {
    const run = runWith([messageScript("msg_a", "one two three")]);
    const events = await collect(run);
    const added = events.find((e) => e.type === "response.output_item.added");
    expect(added && "item" in added ? added.item : null).toMatchObject({ status: "in_progress", content: [] });
  });

  it("stopping the consumer early cancels the run", async () => {
    const run = runWith([messageScript("msg_a", "one two three four five")]);
    for await (const event of run.events(0)) {
      if (event.type === "response.output_text.delta") break;
    }
    expect(run.status).toBe("cancelled");
    expect(run.output[0]).toMatchObject({ status: "incomplete" });
  });
});

describe("pace", () => {
  it("takes the header first, then LOCAL_ENGINE_DELAY_MS, then the 25 ms default", () => {
    const headers = (value?: string) => new Headers(value === undefined ? {} : { "x-local-engine-delay-ms": value });
    expect(resolveDelayMs(headers("0"), { LOCAL_ENGINE_DELAY_MS: "40" })).toBe(0);
    expect(resolveDelayMs(headers(), { LOCAL_ENGINE_DELAY_MS: "40" })).toBe(40);
    expect(resolveDelayMs(headers(), {})).toBe(DEFAULT_DELAY_MS);
    expect(DEFAULT_DELAY_MS).toBe(25);
    expect(resolveDelayMs(headers("nonsense"), {})).toBe(25);
    expect(resolveDelayMs(headers("-5"), {})).toBe(25);
    expect(resolveDelayMs(headers("999999"), {})).toBe(10_000);
  });
});
