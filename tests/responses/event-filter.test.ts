import { describe, expect, it } from "vitest";
import { EventLog } from "@/lib/responses/event-log";
import { eventFamily, FilteredEvents, summarizeEvent } from "@/lib/responses/event-filter";

function logOf(types: string[]) {
  const log = new EventLog();
  types.forEach((type, i) =>
    log.append({
      type,
      sequenceNumber: i,
      atMs: i,
      data: { type, delta: type.endsWith(".delta") ? `d${i}` : undefined },
      raw: JSON.stringify({ type, n: i }),
    }),
  );
  return log;
}

describe("event timeline filtering", () => {
  it("every event type has one family", () => {
    expect(eventFamily("response.created")).toBe("lifecycle");
    expect(eventFamily("response.failed")).toBe("errors");
    expect(eventFamily("error")).toBe("errors");
    expect(eventFamily("response.mcp_call.failed")).toBe("errors");
    expect(eventFamily("response.output_item.added")).toBe("items");
    expect(eventFamily("response.output_text.annotation.added")).toBe("text");
    expect(eventFamily("response.reasoning_summary_text.delta")).toBe("reasoning");
    expect(eventFamily("response.function_call_arguments.delta")).toBe("arguments");
    expect(eventFamily("response.code_interpreter_call_code.delta")).toBe("arguments");
    expect(eventFamily("response.web_search_call.searching")).toBe("tools");
    expect(eventFamily("keepalive")).toBe("other");
  });

  it("filters by family, text and item, and keeps up with the log incrementally", () => {
    const log = logOf(["response.created", "response.output_text.delta", "response.output_text.delta", "response.completed"]);
    const view = new FilteredEvents({ families: new Set(["text"]), query: "", only: null }).sync(log);
    expect(view.matches).toEqual([1, 2]);
    expect(view.counts).toMatchObject({ lifecycle: 2, text: 2 });
    log.append({ type: "response.output_text.delta", sequenceNumber: 4, atMs: 4, data: null, raw: "{}" });
    expect(view.sync(log).matches).toEqual([1, 2, 4]);
    const search = new FilteredEvents({ families: new Set(), query: '"N":3', only: null }).sync(log);
    expect(search.matches).toEqual([3]);
    const item = new FilteredEvents({ families: new Set(), query: "", only: new Set([0, 2]) }).sync(log);
    expect(item.matches).toEqual([0, 2]);
  });

  it("a cleared log starts over, even when the new run is longer", () => {
    const log = logOf(["a", "b"]);
    const view = new FilteredEvents({ families: new Set(["other"]), query: "", only: null }).sync(log);
    expect(view.matches).toEqual([0, 1]);
    log.clear();
    ["response.created", "x", "y"].forEach((type, i) => log.append({ type, sequenceNumber: i, atMs: i, data: null, raw: "" }));
    expect(view.sync(log).matches).toEqual([1, 2]);
  });

  it("summarises deltas, items and lifecycle events for their rows", () => {
    const log = new EventLog();
    log.append({ type: "response.output_text.delta", sequenceNumber: 0, atMs: 0, data: { delta: " hello" }, raw: "" });
    log.append({
      type: "response.output_item.added",
      sequenceNumber: 1,
      atMs: 0,
      data: { item: { type: "function_call", status: "in_progress", name: "f" } },
      raw: "",
    });
    log.append({ type: "response.completed", sequenceNumber: 2, atMs: 0, data: { response: { status: "completed" } }, raw: "" });
    expect([0, 1, 2].map((i) => summarizeEvent(log.get(i)!))).toEqual(['" hello"', "function_call · in_progress · f", "completed"]);
  });
});
