import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { SURFACES } from "./helpers";

/** Issue 16 item 1: `item_reference` input items are resolved against stored responses, as the AI SDK replays turns. */

const weather = {
  type: "function" as const,
  name: "get_weather",
  strict: true,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

describe.each(SURFACES)("item_reference through %s", (_name, makeClient) => {
  it("[user message, item_reference → fc_…, function_call_output] answers from the output without calling again", async () => {
    const client = makeClient();
    const question = { role: "user" as const, content: "What's the weather in Quito?" };
    const first = await client.responses.create({ model: "m", input: [question], tools: [weather] });
    const call = first.output.find((o) => o.type === "function_call");
    if (call?.type !== "function_call" || call.id === undefined) throw new Error("expected a function call");
    expect(call.id).toMatch(/^fc_/);

    const second = await client.responses.create({
      model: "m",
      tools: [weather],
      input: [
        question,
        { type: "item_reference", id: call.id },
        { type: "function_call_output", call_id: call.call_id, output: '{"temp_c": 14}' },
      ],
    });
    expect(second.status).toBe("completed");
    expect(second.output.some((o) => o.type === "function_call")).toBe(false);
    expect(second.output_text).toContain("temp c 14");

    // The reference is stored as the item it stands for.
    const listed = await client.responses.inputItems.list(second.id, { order: "asc" });
    expect(listed.data.map((i) => i.type)).toEqual(["message", "function_call", "function_call_output"]);
    expect(listed.data[1]).toMatchObject({ id: call.id, call_id: call.call_id, name: "get_weather" });
  });

  it("a reference may name an input item of an earlier response", async () => {
    const client = makeClient();
    const first = await client.responses.create({ model: "m", input: [{ role: "user", content: "Remember the word lighthouse." }] });
    const [stored] = (await client.responses.inputItems.list(first.id)).data;
    if (!stored) throw new Error("expected an input item");
    const second = await client.responses.create({ model: "m", input: [{ type: "item_reference", id: stored.id }] });
    expect(second.output_text).toContain("lighthouse");
  });

  it("an unknown id is the API's 404 naming the item", async () => {
    const client = makeClient();
    const error = await client.responses
      .create({
        model: "m",
        input: [
          { role: "user", content: "hi" },
          { type: "item_reference", id: "fc_missing" },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ status: 404, param: "input[1]" });
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).message).toContain("Item with id 'fc_missing' not found.");
  });
});
