import { describe, expect, it } from "vitest";
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import {
  approvalRequestsOf,
  buildFollowUp,
  canChain,
  checkOutputItems,
  checkOutputs,
  fullInputOf,
  functionCallOutput,
  functionCallsOf,
  inputAsItems,
  outputAsInput,
  type TurnRecord,
} from "@/lib/responses/follow-up";

const call = (id: string, name = "get_weather"): ResponseOutputItem => ({
  type: "function_call",
  id: `fc_${id}`,
  call_id: id,
  name,
  arguments: '{"city":"Oslo"}',
  status: "completed",
});
const reply = (text: string): ResponseOutputItem => ({
  type: "message",
  id: `msg_${text.length}`,
  role: "assistant",
  status: "completed",
  content: [{ type: "output_text", text, annotations: [] }],
});
const reasoning: ResponseOutputItem = { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thinking" }] };

const base = { model: "gpt-4.1", instructions: "Be brief.", tools: [{ type: "function", name: "get_weather" }], stream: true };

describe("inputs and outputs as items", () => {
  it("a string input is one user message; arrays keep their objects", () => {
    expect(inputAsItems("Hi")).toEqual([{ role: "user", content: "Hi" }]);
    expect(inputAsItems([{ role: "user", content: "a" }, 3, null])).toEqual([{ role: "user", content: "a" }]);
    expect(inputAsItems(undefined)).toEqual([]);
  });

  it("output items go back as input, except reasoning without encrypted_content", () => {
    expect(outputAsInput([reasoning, call("c1")])).toEqual([call("c1")]);
    const encrypted = { ...reasoning, encrypted_content: "abc" };
    expect(outputAsInput([encrypted])).toEqual([encrypted]);
  });
});

describe("buildFollowUp", () => {
  const first: TurnRecord = { body: { ...base, input: "Weather in Oslo?" }, responseId: "resp_1", output: [reasoning, call("c1")] };
  const output = functionCallOutput({ callId: "c1", text: '{ "temp": 3 }', format: "json" });

  it("previous_response_id: the same body with only the new items", () => {
    expect(buildFollowUp([first], [output], "previous_response_id")).toEqual({
      ...base,
      previous_response_id: "resp_1",
      input: [{ type: "function_call_output", call_id: "c1", output: '{"temp":3}' }],
    });
  });

  it("replay: store false, the earlier input, the output items and the new items; no previous_response_id", () => {
    const body = buildFollowUp([first], [output], "replay");
    expect(body).toEqual({
      ...base,
      store: false,
      input: [{ role: "user", content: "Weather in Oslo?" }, call("c1"), output],
    });
    expect(body).not.toHaveProperty("previous_response_id");
  });

  it("replay after a chain of previous_response_id turns rebuilds the whole conversation", () => {
    const second: TurnRecord = {
      body: { ...base, previous_response_id: "resp_1", input: [output] },
      responseId: "resp_2",
      output: [reply("3 degrees.")],
    };
    const next = buildFollowUp([first, second], [{ role: "user", content: "Thanks!" }], "replay");
    expect(next.input).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      call("c1"),
      output,
      reply("3 degrees."),
      { role: "user", content: "Thanks!" },
    ]);
    expect(fullInputOf([first, second])).toEqual([{ role: "user", content: "Weather in Oslo?" }, call("c1"), output]);
  });

  it("a replayed (store: false) turn cannot be continued by id", () => {
    const replayed: TurnRecord = { body: { ...base, store: false, input: [] }, responseId: "resp_3", output: [] };
    expect(canChain(replayed)).toBe(false);
    expect(canChain(first)).toBe(true);
    expect(() => buildFollowUp([replayed], [], "previous_response_id")).toThrow(/store: false/);
    expect(() => buildFollowUp([], [], "replay")).toThrow();
  });
});

describe("the check before sending", () => {
  const calls = functionCallsOf([reasoning, call("c1"), call("c2", "get_time"), reply("x")]);

  it("finds the calls and MCP approval requests of an output", () => {
    expect(calls.map((c) => c.callId)).toEqual(["c1", "c2"]);
    expect(
      approvalRequestsOf([{ type: "mcp_approval_request", id: "mcpr_1", server_label: "wiki", name: "delete", arguments: "{}" }]),
    ).toEqual([{ id: "mcpr_1", serverLabel: "wiki", name: "delete", arguments: "{}" }]);
  });

  it("every call needs exactly one output", () => {
    expect(checkOutputs(calls, [{ callId: "c1", text: "3", format: "text" }]).map((p) => p.message)).toEqual([
      "get_time (c2) has no output yet.",
    ]);
    expect(
      checkOutputs(calls, [
        { callId: "c1", text: "a", format: "text" },
        { callId: "c1", text: "b", format: "text" },
        { callId: "c2", text: "x", format: "text" },
      ]),
    ).toEqual([{ callId: "c1", message: "get_weather (c1) has 2 outputs; send exactly one." }]);
    expect(
      checkOutputs(calls, [
        { callId: "c1", text: " ", format: "text" },
        { callId: "c2", text: "ok", format: "text" },
      ])[0]!.message,
    ).toMatch(/no output yet/);
    expect(
      checkOutputs(calls, [
        { callId: "c1", text: "a", format: "text" },
        { callId: "c2", text: "b", format: "text" },
      ]),
    ).toEqual([]);
  });

  it("outputs for unknown calls and invalid JSON are reported", () => {
    const problems = checkOutputs(calls, [
      { callId: "c1", text: "{nope", format: "json" },
      { callId: "c2", text: "ok", format: "text" },
      { callId: "c9", text: "?", format: "text" },
    ]);
    expect(problems.map((p) => p.callId)).toEqual(["c1", "c9"]);
    expect(problems[0]!.message).toMatch(/not valid JSON/);
  });

  it("works on ready items too", () => {
    expect(checkOutputItems(calls, [functionCallOutput({ callId: "c1", text: "1", format: "text" })])).toHaveLength(1);
  });
});
