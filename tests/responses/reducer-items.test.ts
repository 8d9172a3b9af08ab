import { describe, expect, it } from "vitest";
import type { Response as OpenAIResponse, ResponseOutputItem } from "openai/resources/responses/responses";
import { runStateFromResponse } from "@/lib/responses/reducer";
import { outputText, type RunState } from "@/lib/responses/run-state";
import { replayFixture, seedResponse, type Replay } from "./helpers";

/** Reducer fixtures for every output item family (hand-written from the catalog's shapes) and every annotation type. */

function item<T extends ResponseOutputItem["type"]>(state: RunState, i: number, type: T): Extract<ResponseOutputItem, { type: T }> {
  const it = state.items[i]?.item;
  if (!it || it.type !== type) throw new Error(`item ${i} is ${it?.type}, not ${type}`);
  return it as Extract<ResponseOutputItem, { type: T }>;
}

function final(r: Replay): OpenAIResponse {
  const e = r.events.find((x) => x.type === "response.completed") as { response: OpenAIResponse } | undefined;
  if (!e) throw new Error("no response.completed");
  return e.response;
}

/** Streaming and the terminal response agree on every item (the same views render live runs and stored ones). */
function expectMatchesFinal(r: Replay) {
  expect(r.state.items.map((v) => v.item)).toEqual(runStateFromResponse(final(r)).items.map((v) => v.item));
}

describe("reducer fixtures, one per item family", () => {
  it("file_search_call: statuses, queries and scored results; file_citation and file_path annotations", async () => {
    const r = await replayFixture("file-search.sse");
    const statuses = r.states.slice(2, 6).map((s) => (s.items[0]!.item as { status: string }).status);
    expect(statuses).toEqual(["in_progress", "in_progress", "searching", "completed"]);
    const fs = item(r.state, 0, "file_search_call");
    expect(fs.queries).toEqual(["dragon lifespan"]);
    expect(fs.results?.map((x) => [x.filename, x.score])).toEqual([
      ["dragons.md", 0.8732],
      ["eggs.txt", 0.41],
    ]);
    const part = item(r.state, 1, "message").content[0]!;
    expect(part.type === "output_text" && part.annotations.map((a) => a.type)).toEqual(["file_citation", "file_path"]);
    expectMatchesFinal(r);
  });

  it("computer_call: one item per action, with pending safety checks", async () => {
    const r = await replayFixture("computer-call.sse");
    const types = r.state.items.map((v) => (v.item.type === "computer_call" ? v.item.action?.type : null));
    expect(types).toEqual(["click", "drag", "scroll", "type", "keypress", "double_click", "screenshot"]);
    expect(item(r.state, 0, "computer_call").pending_safety_checks[0]).toMatchObject({ code: "malicious_instructions" });
    const drag = item(r.state, 1, "computer_call").action;
    expect(drag?.type === "drag" && drag.path).toHaveLength(3);
    expectMatchesFinal(r);
  });

  it("image_generation_call: partial images replace each other as a preview, then the final image", async () => {
    const r = await replayFixture("image-generation.sse", 512);
    const at = (type: string, n = 0) => r.states[r.events.map((e, i) => [e.type, i] as const).filter(([t]) => t === type)[n]![1]]!;
    const first = item(at("response.image_generation_call.partial_image", 0), 0, "image_generation_call");
    const second = item(at("response.image_generation_call.partial_image", 1), 0, "image_generation_call");
    expect(first).toMatchObject({ status: "generating", partial_image_index: 0 });
    expect(second).toMatchObject({ status: "generating", partial_image_index: 1 });
    expect(second.result).not.toBe(first.result);
    // `completed` arrives before the done item: the last partial stays until the final image replaces it.
    expect(item(at("response.image_generation_call.completed"), 0, "image_generation_call").result).toBe(second.result);
    const done = item(r.state, 0, "image_generation_call");
    expect(done.status).toBe("completed");
    expect(done.result).not.toBe(second.result);
    expect((done as { partial_image_index?: number }).partial_image_index).toBeUndefined();
    expectMatchesFinal(r);
  });

  it("code_interpreter_call: code streams, logs and image outputs; container_file_citation on the answer", async () => {
    const r = await replayFixture("code-interpreter.sse");
    const midIndex = r.events.findIndex((e) => e.type === "response.code_interpreter_call_code.delta") + 1;
    expect(item(r.states[midIndex]!, 0, "code_interpreter_call").code).toBe("import math\nprint(math.sqrt(2))");
    const ci = item(r.state, 0, "code_interpreter_call");
    expect(ci.code).toBe("import math\nprint(math.sqrt(2))\nplot()");
    expect(ci.outputs?.map((o) => o.type)).toEqual(["logs", "image"]);
    const part = item(r.state, 1, "message").content[0]!;
    expect(part.type === "output_text" && part.annotations[0]).toMatchObject({ type: "container_file_citation", filename: "plot.png" });
    expectMatchesFinal(r);
  });

  it("MCP: list tools, a call whose arguments stream, and an approval request", async () => {
    const r = await replayFixture("mcp.sse");
    expect(r.state.items.map((v) => v.item.type)).toEqual(["mcp_list_tools", "mcp_call", "mcp_approval_request"]);
    const listing = r.states[r.events.findIndex((e) => e.type === "response.mcp_list_tools.in_progress")]!;
    expect((listing.items[0]!.item as { status?: string }).status).toBe("in_progress");
    expect(item(r.state, 0, "mcp_list_tools").tools.map((t) => t.name)).toEqual(["ask_question", "delete_wiki"]);
    const midArgs = r.states[r.events.findIndex((e) => e.type === "response.mcp_call_arguments.delta") + 1]!;
    expect(item(midArgs, 1, "mcp_call").arguments).toBe('{"repoName":"openai/openai-node","question":"');
    expect(item(r.state, 1, "mcp_call")).toMatchObject({ status: "completed", output: expect.stringContaining("SSEDecoder") });
    expect(item(r.state, 2, "mcp_approval_request")).toMatchObject({ name: "delete_wiki", server_label: "deepwiki" });
    expectMatchesFinal(r);
  });

  it("custom_tool_call: free-form input streams", async () => {
    const r = await replayFixture("custom-tool-call.sse");
    expect(item(r.states[3]!, 0, "custom_tool_call").input).toBe("print('hello'");
    expect(item(r.state, 0, "custom_tool_call")).toMatchObject({ name: "code_exec", call_id: "call_ct_1", input: "print('hello')" });
    expectMatchesFinal(r);
  });

  it("reasoning_text: raw reasoning content streams on the reasoning item", async () => {
    const r = await replayFixture("reasoning-text.sse");
    const rs = item(r.state, 0, "reasoning");
    expect(rs.content).toEqual([{ type: "reasoning_text", text: "Two plus two is four." }]);
    expect(item(r.states[4]!, 0, "reasoning").content?.[0]?.text).toBe("Two plus two ");
    expect(r.state.usage?.output_tokens_details.reasoning_tokens).toBe(24);
    expect(outputText(r.state)).toBe("It is 4.");
    expectMatchesFinal(r);
  });

  it("an item type the reducer does not know is kept as it came (the page shows it as JSON)", async () => {
    const r = await replayFixture("unknown-item.sse");
    expect(r.state.items[0]!.item).toEqual({ id: "fut_1", type: "hologram_call", status: "completed", beam: { color: "blue" } });
    expect(r.state.items[0]!.eventIndexes).toEqual([1, 2]);
    expect(r.state.unknownEventCount).toBe(0);
    expectMatchesFinal(r);
  });
});

describe("the seed examples (002: web search and file search)", () => {
  it("web search: the web_search_call and the message with its three url_citations, offsets as sent", () => {
    const state = runStateFromResponse(seedResponse("seed-002-web-search.json"));
    expect(state.status).toBe("completed");
    expect(state.items.map((v) => v.item.type)).toEqual(["web_search_call", "message"]);
    const part = item(state, 1, "message").content[0]!;
    if (part.type !== "output_text") throw new Error("not text");
    expect(part.annotations.map((a) => (a.type === "url_citation" ? [a.start_index, a.end_index] : null))).toEqual([
      [42, 100],
      [101, 150],
      [151, 200],
    ]);
    // The seed's own offsets run past its text (137 characters): the views must clamp, never throw.
    expect(part.text.length).toBe(137);
    expect(state.usage?.input_tokens).toBe(328);
  });

  it("file search: queries, null results, and eight file_citations (five past the end of the text)", () => {
    const state = runStateFromResponse(seedResponse("seed-002-file-search.json"));
    const fs = item(state, 0, "file_search_call");
    expect(fs.queries).toEqual(["古代棕龙的特性和属性"]);
    expect(fs.results).toBeNull();
    const part = item(state, 1, "message").content[0]!;
    if (part.type !== "output_text") throw new Error("not text");
    expect(part.annotations).toHaveLength(8);
    expect(part.annotations.filter((a) => a.type === "file_citation" && a.index > part.text.length)).toHaveLength(5);
    expect(state.usage?.input_tokens).toBe(18307);
  });
});
