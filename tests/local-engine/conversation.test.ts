import { describe, expect, it } from "vitest";
import { createJson, outputText, streamEvents, terminal } from "./helpers";

describe("previous_response_id", () => {
  it("continues the conversation and shows it saw the earlier turns", async () => {
    const first = await createJson({ model: "local-echo-1", input: "My name is Ada and I like compilers." });
    const second = await createJson({
      model: "local-echo-1",
      input: "What did I tell you about myself?",
      previous_response_id: first.body.id,
    });
    expect(second.res.status).toBe(200);
    expect(second.body.previous_response_id).toBe(first.body.id);
    const text2 = outputText(second.body);
    expect(text2).toContain("This is turn 2 of our conversation");
    expect(text2).toContain("«My name is Ada and I like compilers.»");

    const { events } = await streamEvents({ model: "local-echo-1", input: "And now?", previous_response_id: second.body.id });
    const third = terminal(events).response as Record<string, any>;
    const text3 = outputText(third);
    expect(text3).toContain("This is turn 3 of our conversation");
    expect(text3).toContain("«My name is Ada and I like compilers.» and «What did I tell you about myself?»");
  });

  it("counts the earlier turns as input tokens", async () => {
    const first = await createJson({ model: "local-echo-1", input: "one two three" });
    const second = await createJson({ model: "local-echo-1", input: "four", previous_response_id: first.body.id });
    expect(second.body.usage.input_tokens).toBe(3 + first.body.usage.output_tokens + 1);
  });

  it("does not carry the previous instructions over", async () => {
    const first = await createJson({ model: "local-echo-1", input: "hi", instructions: "Talk like a pirate." });
    const second = await createJson({ model: "local-echo-1", input: "again", previous_response_id: first.body.id });
    expect(second.body.instructions).toBeNull();
    expect(outputText(second.body)).toContain("- **Instructions:** none");
  });

  it("rejects an unknown previous_response_id with 400 previous_response_not_found", async () => {
    const { res, body } = await createJson({ model: "local-echo-1", input: "hi", previous_response_id: "resp_missing" });
    expect(res.status).toBe(400);
    expect(body).toEqual({
      error: {
        message: "Previous response with id 'resp_missing' not found.",
        type: "invalid_request_error",
        param: "previous_response_id",
        code: "previous_response_not_found",
      },
    });
  });

  it("cannot continue from a response created with store: false", async () => {
    const first = await createJson({ model: "local-echo-1", input: "forget me", store: false });
    const { res, body } = await createJson({ model: "local-echo-1", input: "hi", previous_response_id: first.body.id });
    expect(res.status).toBe(400);
    expect(body.error.code).toBe("previous_response_not_found");
  });
});
