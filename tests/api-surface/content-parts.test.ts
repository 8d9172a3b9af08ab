import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";
import { createJson, engine } from "../local-engine/helpers";

/** Issue 16 item 4: content parts of unknown types are refused with the API's 400 and `param` path, not ignored. */

const SUPPORTED =
  "Supported values are: 'input_text', 'input_image', 'output_text', 'refusal', 'input_file', 'computer_screenshot', 'summary_text', and 'reasoning_text'.";

describe("unknown content part types", () => {
  it("an image_url part inside a Responses message: 400 at input[0].content[1].type", async () => {
    const { res, body } = await createJson({
      model: "local-echo-1",
      input: [
        {
          role: "user",
          content: [
            { type: "input_text", text: "What is this?" },
            { type: "image_url", image_url: { url: "https://example.com/a.png" } },
          ],
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(body.error).toEqual({
      message: `Invalid value: 'image_url'. ${SUPPORTED}`,
      type: "invalid_request_error",
      param: "input[0].content[1].type",
      code: "invalid_value",
    });
  });

  it("{type: 'image', data} in a later message; the official SDK gets a BadRequestError with the param", async () => {
    const client = new OpenAI({ apiKey: "local", baseURL: "http://local-engine/v1", fetch: localEngineFetch, maxRetries: 0 });
    const error = await client.responses
      .create({
        model: "local-echo-1",
        input: [
          { role: "user", content: "hi" },
          { role: "user", content: [{ type: "image", data: "iVBORw0KGgo=" } as never] },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ param: "input[1].content[0].type", code: "invalid_value" });
  });

  it("known parts, string content and non-message items still pass", async () => {
    const { res } = await createJson({
      model: "local-echo-1",
      input: [
        { role: "user", content: [{ type: "input_text", text: "a" }] },
        { role: "assistant", content: [{ type: "output_text", text: "b" }] },
        { type: "message", role: "user", content: "c" },
      ],
    });
    expect(res.status).toBe(200);
  });

  it("Chat Completions points at the chat message", async () => {
    const res = await engine("/chat/completions", {
      json: {
        model: "m",
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: "hi" },
              { type: "video", url: "x" },
            ],
          },
        ],
      },
    });
    const body = (await res.json()) as { error: { param: string | null } };
    expect(res.status).toBe(400);
    expect(body.error.param).toMatch(/^messages\[0\]/);
  });
});
