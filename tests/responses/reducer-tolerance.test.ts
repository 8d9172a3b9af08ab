import { describe, expect, it } from "vitest";
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { applyEvent } from "@/lib/responses/reducer";
import { KNOWN_EVENT_TYPE_LIST, type StreamEvent } from "@/lib/responses/events";
import { initialRunState, outputText, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage } from "@/lib/responses/sse";
import { fold, replayFixture } from "./helpers";

const created = { type: "response.created", response: { id: "resp_1", object: "response", status: "in_progress", model: "m", output: [] } };
const msgAdded = (id = "msg_1", oi = 0, content: unknown = []) => ({
  type: "response.output_item.added",
  output_index: oi,
  item: { id, type: "message", role: "assistant", status: "in_progress", content },
});
const partAdded = (id = "msg_1", oi = 0, ci = 0, part: unknown = { type: "output_text", text: "", annotations: [] }) => ({
  type: "response.content_part.added",
  item_id: id,
  output_index: oi,
  content_index: ci,
  part,
});
const delta = (d: string, id = "msg_1", oi = 0, ci = 0) => ({
  type: "response.output_text.delta",
  item_id: id,
  output_index: oi,
  content_index: ci,
  delta: d,
});
const completed = (output: unknown) => ({
  type: "response.completed",
  response: {
    id: "resp_1",
    object: "response",
    status: "completed",
    model: "m",
    output,
    usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  },
});
const item = (s: RunState, i = 0): ResponseOutputItem => {
  const v = s.items[i];
  if (!v) throw new Error(`no item ${i}`);
  return v.item;
};

describe("reducer tolerance", () => {
  it("an item_id that does not match the item at that output_index still lands in that item", () => {
    const s = fold([created, msgAdded(), partAdded(), delta("Hello"), delta(" world", "msg_other")]);
    expect(s.items).toHaveLength(1);
    expect(outputText(s)).toBe("Hello world");
  });

  it("a duplicate output_item.added does not duplicate the item nor lose its text", () => {
    const s = fold([created, msgAdded(), partAdded(), delta("abc"), msgAdded(), delta("def")]);
    expect(s.items).toHaveLength(1);
    expect(outputText(s)).toBe("abcdef");
  });

  it("a late output_item.added merges into the item created on the fly, keeping its text", () => {
    const s = fold([created, delta("early "), delta("text"), msgAdded(), partAdded()]);
    expect(s.items).toHaveLength(1);
    expect(outputText(s)).toBe("early text");
    expect(s.items[0]!.key).toBe("msg_1");
  });

  it("deltas without item_id or output_index go to the latest message (or a new one)", () => {
    const s = fold([
      created,
      { type: "response.output_text.delta", delta: "no " },
      { type: "response.output_text.delta", delta: "address" },
    ]);
    expect(s.items).toHaveLength(1);
    expect(s.items[0]!.key).toBe("idx-0");
    expect(outputText(s)).toBe("no address");
  });

  it("nulls where arrays are expected do not break anything", () => {
    const s = fold([
      created,
      msgAdded("msg_1", 0, null),
      partAdded("msg_1", 0, 0, { type: "output_text", text: null, annotations: null }),
      delta("ok"),
      {
        type: "response.output_text.annotation.added",
        item_id: "msg_1",
        output_index: 0,
        content_index: 0,
        annotation_index: 0,
        annotation: { type: "url_citation", url: "https://a.example", title: "A", start_index: 0, end_index: 2 },
      },
      {
        type: "response.output_text.annotation.added",
        item_id: "msg_1",
        output_index: 0,
        content_index: 0,
        annotation_index: 1,
        annotation: null,
      },
      {
        type: "response.output_item.done",
        output_index: 0,
        item: { id: "msg_1", type: "message", role: "assistant", status: "completed", content: null },
      },
    ]);
    expect(outputText(s)).toBe("ok");
    const m = item(s);
    expect(m.type === "message" && m.content[0]!.type === "output_text" && m.content[0]!.annotations).toHaveLength(1);
    expect(m.type === "message" && m.status).toBe("completed");
  });

  it("never loses text when a final value is shorter than what streamed", () => {
    const s1 = fold([
      created,
      msgAdded(),
      partAdded(),
      delta("Hello "),
      delta("world"),
      { type: "response.output_text.done", item_id: "msg_1", output_index: 0, content_index: 0, text: "Hello" },
    ]);
    expect(outputText(s1)).toBe("Hello world");
    const s2 = fold(
      [
        {
          type: "response.output_item.done",
          output_index: 0,
          item: {
            id: "msg_1",
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: "", annotations: [] }],
          },
        },
      ],
      s1,
    );
    expect(outputText(s2)).toBe("Hello world");
    expect(item(s2).type === "message" && (item(s2) as { status: string }).status).toBe("completed");
    const s3 = fold(
      [
        completed([
          {
            id: "msg_1",
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: "Hel", annotations: [] }],
          },
        ]),
      ],
      s1,
    );
    expect(outputText(s3)).toBe("Hello world");
    expect(s3.status).toBe("completed");
  });

  it("takes the final text when it is the longer one (e.g. deltas were lost)", () => {
    const s = fold([
      created,
      msgAdded(),
      partAdded(),
      delta("Hel"),
      completed([
        {
          id: "msg_1",
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: "Hello world", annotations: [] }],
        },
      ]),
    ]);
    expect(outputText(s)).toBe("Hello world");
  });

  it("a terminal response without output (or with output: []) keeps the accumulated items", () => {
    const base = fold([created, msgAdded(), partAdded(), delta("kept")]);
    const noKey = fold([{ type: "response.completed", response: { id: "resp_1", status: "completed" } }], base);
    expect(outputText(noKey)).toBe("kept");
    expect(noKey.status).toBe("completed");
    const empty = fold([completed([])], base);
    expect(outputText(empty)).toBe("kept");
    const noResponse = fold([{ type: "response.completed" }], base);
    expect(outputText(noResponse)).toBe("kept");
    expect(noResponse.status).toBe("completed");
  });

  it("keeps accumulated items the final output leaves out, and adds final-only items", () => {
    const base = fold([
      created,
      msgAdded("msg_a", 0),
      partAdded("msg_a", 0),
      delta("A", "msg_a", 0),
      msgAdded("msg_b", 1),
      partAdded("msg_b", 1),
      delta("B", "msg_b", 1),
    ]);
    const s = fold(
      [
        completed([
          {
            id: "msg_b",
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: "B!", annotations: [] }],
          },
          { id: "fc_9", type: "function_call", call_id: "c", name: "f", arguments: "{}" },
        ]),
      ],
      base,
    );
    expect(s.items.map((v) => v.key)).toEqual(["msg_a", "msg_b", "fc_9"]);
    expect(outputText(s)).toBe("AB!");
  });

  it("a second item announced at the same output_index with another id is a separate item", () => {
    const s = fold([
      created,
      msgAdded("msg_a", 0),
      partAdded("msg_a", 0),
      delta("A", "msg_a", 0),
      msgAdded("msg_b", 0),
      partAdded("msg_b", 0),
      delta("B", "msg_b", 0),
    ]);
    expect(s.items.map((v) => v.key)).toEqual(["msg_a", "msg_b"]);
    expect(outputText(s)).toBe("AB");
  });

  it("output_index out of order: positions follow the wire index", () => {
    const s = fold([
      created,
      msgAdded("msg_late", 3),
      msgAdded("msg_early", 1),
      delta("one ", "msg_early", 1),
      delta("two", "msg_late", 3),
    ]);
    expect(s.items.map((v) => [v.key, v.outputIndex])).toEqual([
      ["msg_early", 1],
      ["msg_late", 3],
    ]);
    expect(outputText(s)).toBe("one two");
  });

  it("a content_index gap fills the hole and the final item does not duplicate text", () => {
    const s = fold([created, msgAdded(), partAdded("msg_1", 0, 1), delta("x", "msg_1", 0, 1)]);
    const m = item(s);
    expect(m.type === "message" && m.content.map((p) => p.type)).toEqual(["output_text", "output_text"]);
    expect(outputText(s)).toBe("x");
    const done = fold(
      [
        {
          type: "response.output_item.done",
          output_index: 0,
          item: {
            id: "msg_1",
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: "x", annotations: [] }],
          },
        },
      ],
      s,
    );
    expect(outputText(done)).toBe("x");
  });

  it("a refusal delta where an empty output_text part was announced turns it into a refusal", () => {
    const s = fold([
      created,
      msgAdded(),
      partAdded(),
      { type: "response.refusal.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: "No." },
    ]);
    expect(item(s).type === "message" && (item(s) as { content: unknown }).content).toEqual([{ type: "refusal", refusal: "No." }]);
  });

  it("a refusal after text in the same content_index does not overwrite the text", () => {
    const s = fold([
      created,
      msgAdded(),
      partAdded(),
      delta("Some text"),
      { type: "response.refusal.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: "No" },
      { type: "response.refusal.delta", item_id: "msg_1", output_index: 0, content_index: 0, delta: "pe" },
    ]);
    expect((item(s) as { content: unknown }).content).toEqual([
      { type: "output_text", text: "Some text", annotations: [] },
      { type: "refusal", refusal: "Nope" },
    ]);
  });

  it("an annotation index beyond the end appends; an existing index replaces", () => {
    const ann = (i: number, url: string) => ({
      type: "response.output_text.annotation.added",
      item_id: "msg_1",
      output_index: 0,
      content_index: 0,
      annotation_index: i,
      annotation: { type: "url_citation", url, title: url, start_index: 0, end_index: 1 },
    });
    const s = fold([created, msgAdded(), partAdded(), delta("t"), ann(5, "a"), ann(0, "b"), ann(9, "c")]);
    const part = (item(s) as { content: Array<{ annotations: Array<{ url: string }> }> }).content[0]!;
    expect(part.annotations.map((a) => a.url)).toEqual(["b", "c"]);
  });

  it("reasoning text arrives through a reasoning_text content part", () => {
    const s = fold([
      created,
      { type: "response.output_item.added", output_index: 0, item: { id: "rs_1", type: "reasoning", summary: [] } },
      {
        type: "response.content_part.added",
        item_id: "rs_1",
        output_index: 0,
        content_index: 0,
        part: { type: "reasoning_text", text: "" },
      },
      { type: "response.reasoning_text.delta", item_id: "rs_1", output_index: 0, content_index: 0, delta: "think " },
      { type: "response.reasoning_text.delta", item_id: "rs_1", output_index: 0, content_index: 0, delta: "hard" },
      { type: "response.reasoning_text.done", item_id: "rs_1", output_index: 0, content_index: 0, text: "think hard" },
    ]);
    expect(s.items).toHaveLength(1);
    expect(item(s)).toEqual({ id: "rs_1", type: "reasoning", summary: [], content: [{ type: "reasoning_text", text: "think hard" }] });
  });

  it("reasoning summary deltas without a part or item create them", () => {
    const s = fold([
      created,
      { type: "response.reasoning_summary_text.delta", item_id: "rs_9", output_index: 0, summary_index: 0, delta: "Sum" },
      { type: "response.reasoning_summary_text.delta", item_id: "rs_9", output_index: 0, summary_index: 0, delta: "mary" },
    ]);
    expect(item(s)).toEqual({ id: "rs_9", type: "reasoning", summary: [{ type: "summary_text", text: "Summary" }] });
  });

  it("hosted tools: code interpreter, image generation (partial images), MCP, custom tools, file search", () => {
    const s = fold([
      created,
      {
        type: "response.output_item.added",
        output_index: 0,
        item: { id: "ci_1", type: "code_interpreter_call", status: "in_progress", code: null, container_id: "cntr_1", outputs: null },
      },
      { type: "response.code_interpreter_call.in_progress", item_id: "ci_1", output_index: 0 },
      { type: "response.code_interpreter_call_code.delta", item_id: "ci_1", output_index: 0, delta: "print(" },
      { type: "response.code_interpreter_call_code.delta", item_id: "ci_1", output_index: 0, delta: "1)" },
      { type: "response.code_interpreter_call_code.done", item_id: "ci_1", output_index: 0, code: "print(1)" },
      { type: "response.code_interpreter_call.interpreting", item_id: "ci_1", output_index: 0 },
      { type: "response.image_generation_call.in_progress", item_id: "ig_1", output_index: 1 },
      { type: "response.image_generation_call.generating", item_id: "ig_1", output_index: 1 },
      {
        type: "response.image_generation_call.partial_image",
        item_id: "ig_1",
        output_index: 1,
        partial_image_index: 0,
        partial_image_b64: "AAAA",
      },
      {
        type: "response.image_generation_call.partial_image",
        item_id: "ig_1",
        output_index: 1,
        partial_image_index: 1,
        partial_image_b64: "BBBB",
      },
      {
        type: "response.output_item.added",
        output_index: 2,
        item: { id: "mcp_1", type: "mcp_call", server_label: "deepwiki", name: "ask", arguments: "", status: "in_progress" },
      },
      { type: "response.mcp_call.in_progress", item_id: "mcp_1", output_index: 2 },
      { type: "response.mcp_call_arguments.delta", item_id: "mcp_1", output_index: 2, delta: '{"q":' },
      { type: "response.mcp_call_arguments.delta", item_id: "mcp_1", output_index: 2, delta: '"x"}' },
      { type: "response.mcp_call_arguments.done", item_id: "mcp_1", output_index: 2, arguments: '{"q":"x"}' },
      { type: "response.mcp_call.failed", item_id: "mcp_1", output_index: 2 },
      { type: "response.mcp_list_tools.in_progress", item_id: "mcpl_1", output_index: 3 },
      { type: "response.mcp_list_tools.completed", item_id: "mcpl_1", output_index: 3 },
      { type: "response.custom_tool_call_input.delta", item_id: "ctc_1", output_index: 4, delta: "SELECT " },
      { type: "response.custom_tool_call_input.delta", item_id: "ctc_1", output_index: 4, delta: "1" },
      { type: "response.custom_tool_call_input.done", item_id: "ctc_1", output_index: 4, input: "SELECT 1" },
      { type: "response.file_search_call.in_progress", item_id: "fs_1", output_index: 5 },
      { type: "response.file_search_call.searching", item_id: "fs_1", output_index: 5 },
      { type: "response.code_interpreter_call.completed", item_id: "ci_1", output_index: 0 },
    ]);
    expect(s.items.map((v) => v.item.type)).toEqual([
      "code_interpreter_call",
      "image_generation_call",
      "mcp_call",
      "mcp_list_tools",
      "custom_tool_call",
      "file_search_call",
    ]);
    expect(item(s, 0)).toMatchObject({ code: "print(1)", status: "completed", container_id: "cntr_1" });
    expect(item(s, 1)).toMatchObject({ id: "ig_1", result: "BBBB", status: "generating" });
    expect(item(s, 2)).toMatchObject({ arguments: '{"q":"x"}', status: "failed" });
    expect(item(s, 3)).toMatchObject({ id: "mcpl_1", status: "completed" });
    expect(item(s, 4)).toMatchObject({ input: "SELECT 1", id: "ctc_1" });
    expect(item(s, 5)).toMatchObject({ status: "searching" });

    // The final image replaces the preview; a final item without a result keeps the last preview.
    const withFinal = fold(
      [
        {
          type: "response.output_item.done",
          output_index: 1,
          item: { id: "ig_1", type: "image_generation_call", status: "completed", result: "FINAL" },
        },
      ],
      s,
    );
    expect(item(withFinal, 1)).toMatchObject({ result: "FINAL", status: "completed" });
    const withoutResult = fold(
      [
        {
          type: "response.output_item.done",
          output_index: 1,
          item: { id: "ig_1", type: "image_generation_call", status: "completed", result: null },
        },
      ],
      s,
    );
    expect(item(withoutResult, 1)).toMatchObject({ result: "BBBB", status: "completed" });
  });

  it("function_call_arguments.done fills a missing name", () => {
    const s = fold([
      created,
      { type: "response.function_call_arguments.delta", item_id: "fc_1", output_index: 0, delta: "{}" },
      { type: "response.function_call_arguments.done", item_id: "fc_1", output_index: 0, arguments: "{}", name: "lookup" },
    ]);
    expect(item(s)).toMatchObject({ type: "function_call", id: "fc_1", name: "lookup", arguments: "{}" });
  });

  it("lifecycle: queued, then in progress, then terminal; a late interim snapshot does not undo the end", () => {
    const queued = fold(
      [{ type: "response.queued", response: { id: "resp_q", status: "queued", model: "m", output: [] } }],
      initialRunState("connecting"),
    );
    expect(queued.status).toBe("queued");
    const createdQueued = fold(
      [{ type: "response.created", response: { id: "resp_q", status: "queued", output: [] } }],
      initialRunState("connecting"),
    );
    expect(createdQueued.status).toBe("queued");
    const running = fold([{ type: "response.in_progress", response: { id: "resp_q", status: "in_progress", output: [] } }], queued);
    expect(running.status).toBe("in_progress");
    const done = fold([completed([]), { type: "response.in_progress", response: { id: "resp_1", status: "in_progress" } }], running);
    expect(done.status).toBe("completed");
    expect(done.response?.status).toBe("in_progress"); // the snapshot itself is what the wire said
  });

  it("the first delta moves a connecting run to in_progress and sets firstTextMs", () => {
    let s = initialRunState("connecting");
    s = applyEvent(s, delta("") as StreamEvent, 5, 0);
    expect(s.status).toBe("in_progress");
    expect(s.timing.firstTextMs).toBeNull();
    s = applyEvent(s, delta("x") as StreamEvent, 7, 1);
    expect(s.timing).toEqual({ firstEventMs: 5, firstTextMs: 7, lastEventMs: 7, endMs: null });
  });

  it("a nested error event (through the parser) keeps its error type", () => {
    const p = parseSseMessage({
      event: "error",
      id: undefined,
      data: '{"type":"error","error":{"type":"server_error","code":"overloaded","message":"Try later","param":null}}',
    });
    if (p.kind !== "event") throw new Error("expected an event");
    const s = fold([created, p.event as unknown as Record<string, unknown>]);
    expect(s.error).toEqual({ source: "event", message: "Try later", code: "overloaded", param: null, type: "server_error" });
    expect(s.status).toBe("failed");
  });

  it("response.failed without an error object still explains itself", () => {
    const s = fold([created, { type: "response.failed", response: { id: "resp_1", status: "failed", error: null, output: [] } }]);
    expect(s.status).toBe("failed");
    expect(s.error?.source).toBe("response");
    expect(s.error?.message).toMatch(/failed/);
  });

  it("never throws, whatever the payload, for every known event type", () => {
    const payloads: Array<Record<string, unknown>> = [
      {},
      { output_index: null, item_id: null, content_index: null, delta: null, item: null, part: null, response: null, annotation: null },
      {
        output_index: -1,
        item_id: 5,
        content_index: "x",
        summary_index: 1e9,
        delta: 7,
        item: "nope",
        part: 3,
        response: [],
        annotation: "a",
        text: null,
      },
      { output_index: 0, item_id: "x", item: { type: "message", content: [null, 3, { type: "output_text" }] }, part: { type: "refusal" } },
      { output_index: 0, item: { type: "reasoning", summary: null, content: null }, part: { type: "reasoning_text", text: null } },
      { response: { output: [null, 1, { type: "message", content: null }], usage: null, error: "x", incomplete_details: 3 } },
    ];
    let state = initialRunState("connecting");
    let n = 0;
    for (const type of KNOWN_EVENT_TYPE_LIST) {
      for (const p of payloads) {
        state = applyEvent(state, { ...p, type } as StreamEvent, n, n);
        n++;
        expect(() => outputText(state)).not.toThrow();
      }
    }
    expect(state.eventCount).toBe(n);
    expect(state.unknownEventCount).toBe(0);
    // Not even an event that is not an object.
    expect(applyEvent(state, null as unknown as StreamEvent, 0, 0).unknownEventCount).toBe(1);
  });

  it("event links: branching from an old state does not leak indexes between branches", () => {
    const s1 = fold([created, msgAdded(), partAdded(), delta("a")]);
    expect(s1.items[0]!.eventIndexes).toEqual([1, 2, 3]);
    const a = applyEvent(s1, delta("b") as StreamEvent, 0, 10);
    const b = applyEvent(s1, delta("c") as StreamEvent, 0, 20); // e.g. React replaying an updater on the old state
    const a2 = applyEvent(a, delta("d") as StreamEvent, 0, 11);
    expect(s1.items[0]!.eventIndexes).toEqual([1, 2, 3]);
    expect(a.items[0]!.eventIndexes).toEqual([1, 2, 3, 10]);
    expect(b.items[0]!.eventIndexes).toEqual([1, 2, 3, 20]);
    expect(a2.items[0]!.eventIndexes).toEqual([1, 2, 3, 10, 11]);
    expect(outputText(b)).toBe("ac");
  });

  it("event links survive serialisation (permalinks) and keep growing afterwards", () => {
    const s1 = fold([created, msgAdded(), partAdded(), delta("a")]);
    const revived = JSON.parse(JSON.stringify(s1)) as RunState;
    expect(revived.items[0]!.eventIndexes).toEqual([1, 2, 3]);
    expect(structuredClone(s1).items[0]!.eventIndexes).toEqual([1, 2, 3]);
    const next = applyEvent(revived, delta("b") as StreamEvent, 0, 4);
    expect(next.items[0]!.eventIndexes).toEqual([1, 2, 3, 4]);
    expect(outputText(next)).toBe("ab");
  });

  it("is pure: no input state or event is mutated, untouched items are shared", async () => {
    for (const name of ["canonical-text.sse", "annotations.sse", "reasoning-summary.sse", "no-added-events.sse"]) {
      const { events } = await replayFixture(name);
      let state = initialRunState("connecting");
      for (const [i, event] of events.entries()) {
        const beforeState = JSON.stringify(state);
        const beforeEvent = JSON.stringify(event);
        const next = applyEvent(state, event, i, i);
        expect(JSON.stringify(state)).toBe(beforeState);
        expect(JSON.stringify(event)).toBe(beforeEvent);
        // An item-scoped event replaces (or adds) at most one item; the others are shared by reference.
        if (!["response.created", "response.in_progress", "response.completed"].includes(event.type)) {
          const previous = new Set(state.items);
          expect(next.items.filter((v) => !previous.has(v)).length).toBeLessThanOrEqual(1);
        }
        state = next;
      }
    }
  });
});
