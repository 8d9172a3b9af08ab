import { afterEach, describe, expect, it, vi } from "vitest";
import { createJson, engine } from "../local-engine/helpers";
import { SURFACES } from "./helpers";

/** Issue 16 item 7: `POST /v1/responses/input_tokens` counts with the same rule `usage.input_tokens` uses. */

afterEach(() => vi.unstubAllEnvs());

async function count(body: Record<string, unknown>) {
  const res = await engine("/responses/input_tokens", { json: body });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe("input token counts", () => {
  it("equals usage.input_tokens of the same request: text, instructions, an image, history", async () => {
    const first = {
      model: "local-echo-1",
      instructions: "Answer in one line.",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "Describe the weather in Boston, please." },
            { type: "input_image", image_url: "https://example.com/cloud.png" },
          ],
        },
      ],
    };
    const counted = await count(first);
    expect(counted).toEqual({ status: 200, body: { object: "response.input_tokens", input_tokens: expect.any(Number) } });
    const created = await createJson(first);
    expect(counted.body.input_tokens).toBe(created.body.usage.input_tokens);

    const next = { model: "local-echo-1", previous_response_id: created.body.id, input: "And tomorrow?" };
    const followUp = await count(next);
    expect(followUp.body.input_tokens).toBeGreaterThan(counted.body.input_tokens);
    expect(followUp.body.input_tokens).toBe((await createJson(next)).body.usage.input_tokens);
  });

  it("model is optional (TokenCountsBody); a bad body is the create endpoint's 400; GET is a 405", async () => {
    expect((await count({ input: "Tell me a joke." })).body).toEqual({ object: "response.input_tokens", input_tokens: 4 });
    const bad = await count({ input: [{ role: "user", content: [{ type: "image_url" }] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("input[0].content[0].type");
    expect((await engine("/responses/input_tokens")).status).toBe(405);
  });

  for (const [surface, client] of SURFACES) {
    it(`${surface}: client.responses.inputTokens.count (official SDK)`, async () => {
      const result = await client().responses.inputTokens.count({ model: "gpt-5", input: "Tell me a joke.", instructions: "Be brief." });
      expect(result).toEqual({ object: "response.input_tokens", input_tokens: 6 });
    });
  }
});
