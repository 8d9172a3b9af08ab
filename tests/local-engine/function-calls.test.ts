import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { argumentsFor, extractPlace, mentionsFunction } from "@/lib/local-engine/function-calls";
import { createJson, outputText, streamEvents } from "./helpers";
import { WEATHER_TOOL } from "../support/tools";

const stocks = {
  type: "function",
  name: "lookup_stock_price",
  strict: false,
  parameters: {
    type: "object",
    properties: { symbol: { type: "string" }, days: { type: "integer", minimum: 1, maximum: 30 } },
    required: ["symbol"],
  },
};

const ajv = new Ajv2020({ strict: false });

function calls(output: Array<Record<string, any>>) {
  return output.filter((item) => item.type === "function_call");
}

describe("when the engine calls a function", () => {
  it("calls a function whose distinctive name word the message uses, with arguments from the user's words", async () => {
    const { body } = await createJson({
      model: "local-echo-1",
      input: "What's the weather like in Boston today, in fahrenheit?",
      tools: [WEATHER_TOOL],
    });
    const call = calls(body.output)[0]!;
    expect(body.output).toHaveLength(1);
    expect(call).toMatchObject({ type: "function_call", name: "get_current_weather", status: "completed" });
    expect(call.call_id).toMatch(/^call_/);
    expect(JSON.parse(call.arguments)).toEqual({ location: "Boston", unit: "fahrenheit" });
    expect(outputText(body)).toBe("");
  });

  it("does not call when the message is about something else, or tool_choice is none", async () => {
    const unrelated = await createJson({ model: "local-echo-1", input: "Tell me a joke", tools: [WEATHER_TOOL] });
    expect(calls(unrelated.body.output)).toHaveLength(0);
    const none = await createJson({ model: "local-echo-1", input: "weather in Paris?", tools: [WEATHER_TOOL], tool_choice: "none" });
    expect(calls(none.body.output)).toHaveLength(0);
  });

  it("a forced function, tool_choice required, and 'call the tool' all call", async () => {
    const forced = await createJson({
      model: "m",
      input: "hello",
      tools: [WEATHER_TOOL, stocks],
      tool_choice: { type: "function", name: "lookup_stock_price" },
    });
    expect(calls(forced.body.output).map((c) => c.name)).toEqual(["lookup_stock_price"]);
    const required = await createJson({ model: "m", input: "hello", tools: [WEATHER_TOOL, stocks], tool_choice: "required" });
    expect(calls(required.body.output).map((c) => c.name)).toEqual(["get_current_weather"]);
    const asked = await createJson({ model: "m", input: "Please use the tool.", tools: [stocks] });
    expect(calls(asked.body.output).map((c) => c.name)).toEqual(["lookup_stock_price"]);
  });

  it("calls several functions in parallel, or only the first with parallel_tool_calls false", async () => {
    const input = "Check the weather in Oslo and the stock price for ACME";
    const both = await createJson({ model: "m", input, tools: [WEATHER_TOOL, stocks] });
    expect(calls(both.body.output).map((c) => c.name)).toEqual(["get_current_weather", "lookup_stock_price"]);
    const one = await createJson({ model: "m", input, tools: [WEATHER_TOOL, stocks], parallel_tool_calls: false });
    expect(calls(one.body.output)).toHaveLength(1);
  });

  it("streams the arguments in pieces that join to the final arguments", async () => {
    const { events } = await streamEvents({ model: "m", input: "weather in San Francisco, CA please", tools: [WEATHER_TOOL] });
    const pieces = events.filter((e) => e.data.type === "response.function_call_arguments.delta").map((e) => e.data.delta as string);
    expect(pieces.length).toBeGreaterThan(3);
    const done = events.find((e) => e.data.type === "response.function_call_arguments.done")!;
    expect(pieces.join("")).toBe(done.data.arguments);
    expect(done.data.name).toBe("get_current_weather");
    expect(JSON.parse(done.data.arguments as string).location).toBe("San Francisco, CA");
    const completed = events.at(-1)!.data as any;
    expect(completed.response.usage.output_tokens).toBe(pieces.length);
  });
});

describe("generated arguments validate against the tool's schema", () => {
  const schemas: Array<[string, Record<string, unknown>, string]> = [
    ["seed weather tool", WEATHER_TOOL.parameters, "天气怎么样?"],
    [
      "numbers with bounds",
      {
        type: "object",
        properties: { n: { type: "integer", minimum: 5, maximum: 9 }, x: { type: "number", exclusiveMinimum: 0 } },
        required: ["n", "x"],
      },
      "n: 12",
    ],
    [
      "nested objects and arrays",
      {
        type: "object",
        properties: {
          order: {
            type: "object",
            properties: { items: { type: "array", items: { type: "string" }, minItems: 2 }, rush: { type: "boolean" } },
            required: ["items", "rush"],
            additionalProperties: false,
          },
          tags: { type: "array", items: { type: "string", enum: ["a", "b"] } },
        },
        required: ["order", "tags"],
        additionalProperties: false,
      },
      "order it",
    ],
    [
      "formats, nullable types, const, anyOf",
      {
        type: "object",
        properties: {
          when: { type: "string", format: "date" },
          email: { type: "string", format: "email" },
          note: { type: ["string", "null"], minLength: 3, maxLength: 5 },
          kind: { const: "fixed" },
          either: { anyOf: [{ type: "number" }, { type: "string" }] },
          query: { type: "string" },
        },
        required: ["when", "email", "note", "kind", "either", "query"],
      },
      "Meet on 2026-03-14, mail ana@example.org",
    ],
  ];

  it.each(schemas)("%s", (_label, schema, text) => {
    const args = argumentsFor(schema, text);
    const validate = ajv.compile(schema);
    expect(validate(args), JSON.stringify(validate.errors)).toBe(true);
  });

  it("fills from the text: explicit name: value pairs, places, enum words and numbers next to the name", () => {
    expect(argumentsFor(stocks.parameters, "price of symbol: ACME for 7 days", false)).toEqual({ symbol: "ACME", days: 7 });
    expect(argumentsFor(WEATHER_TOOL.parameters, "How hot is it in Paris, in celsius?")).toEqual({ location: "Paris", unit: "celsius" });
    const dates = argumentsFor(schemas[3]![1], "Meet on 2026-03-14, mail ana@example.org");
    expect(dates).toMatchObject({
      when: "2026-03-14",
      email: "ana@example.org",
      kind: "fixed",
      query: "Meet on 2026-03-14, mail ana@example.org",
    });
    expect(extractPlace("flights from New York to Rome")).toBe("New York");
    expect(mentionsFunction("what is the weather", "get_current_weather")).toBe(true);
    expect(mentionsFunction("get me the current list", "get_current_weather")).toBe(false);
  });
});

describe("function outputs sent back", () => {
  it("with previous_response_id: the answer quotes and uses the outputs", async () => {
    const first = await createJson({ model: "m", input: "What's the weather in Boston?", tools: [WEATHER_TOOL] });
    const call = calls(first.body.output)[0]!;
    const second = await createJson({
      model: "m",
      previous_response_id: first.body.id,
      tools: [WEATHER_TOOL],
      input: [
        { type: "function_call_output", call_id: call.call_id, output: JSON.stringify({ temperature: 18, conditions: "light rain" }) },
      ],
    });
    expect(second.res.status).toBe(200);
    const text = outputText(second.body);
    expect(text).toContain("You asked: «What's the weather in Boston?»");
    expect(text).toContain('`get_current_weather({"location":"Boston","unit":"celsius"})` returned:');
    expect(text).toContain("- **conditions:** light rain");
    expect(text).toContain("according to `get_current_weather`, temperature 18, conditions light rain");
    expect(calls(second.body.output)).toHaveLength(0);
  });

  it("replaying the whole input (store: false): the same answer from the replayed call and its output", async () => {
    const first = await createJson({ model: "m", input: "What's the weather in Boston?", tools: [WEATHER_TOOL], store: false });
    const call = calls(first.body.output)[0]!;
    const replay = await createJson({
      model: "m",
      store: false,
      tools: [WEATHER_TOOL],
      input: [
        { role: "user", content: "What's the weather in Boston?" },
        call,
        { type: "function_call_output", call_id: call.call_id, output: "Sunny and 21 °C" },
      ],
    });
    expect(replay.res.status).toBe(200);
    const text = outputText(replay.body);
    expect(text).toContain("> Sunny and 21 °C");
    expect(text).toContain("according to `get_current_weather`, «Sunny and 21 °C»");
  });

  it("a call left without an output is a 400, as OpenAI answers", async () => {
    const first = await createJson({ model: "m", input: "weather in Rome?", tools: [WEATHER_TOOL] });
    const call = calls(first.body.output)[0]!;
    const next = await createJson({ model: "m", previous_response_id: first.body.id, input: "and tomorrow?" });
    expect(next.res.status).toBe(400);
    expect(next.body.error.message).toBe(`No tool output found for function call ${call.call_id}.`);
    const replayed = await createJson({ model: "m", input: [{ role: "user", content: "weather in Rome?" }, call] });
    expect(replayed.res.status).toBe(400);
  });

  it("an older round trip in a replayed conversation is history: a new question gets a new answer", async () => {
    const { body } = await createJson({
      model: "m",
      tools: [WEATHER_TOOL],
      input: [
        { role: "user", content: "weather in Rome?" },
        { type: "function_call", call_id: "call_1", name: "get_current_weather", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "warm" },
        { role: "assistant", content: "It is warm." },
        { role: "user", content: "Thanks! Now tell me a joke." },
      ],
    });
    expect(outputText(body)).toContain("> Thanks! Now tell me a joke.");
  });
});
