import Ajv2020 from "ajv/dist/2020";
import { afterEach, describe, expect, it, vi } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";
import { makeGif, makePng } from "../support/images";
import { createJson, engine, outputText, streamEvents, deltas } from "./helpers";

const dataUrl = (mime: string, bytes: Uint8Array | Buffer) => `data:${mime};base64,${Buffer.from(bytes).toString("base64")}`;
const user = (...content: unknown[]) => [{ role: "user", content: [{ type: "input_text", text: "What is in these?" }, ...content] }];

async function upload(name: string, bytes: Uint8Array | Buffer, type: string): Promise<string> {
  const form = new FormData();
  form.set("purpose", "user_data");
  form.set("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await localEngineFetch("http://local-engine/v1/files", { method: "POST", body: form });
  return ((await res.json()) as { id: string }).id;
}

describe("the answer reflects images and files, read from their bytes", () => {
  it("reports an uploaded (data URL) image's type and pixel size, and never downloads an image URL", async () => {
    const { res, body } = await createJson({
      model: "local-echo-1",
      input: user(
        { type: "input_image", image_url: dataUrl("image/png", makePng(37, 21)), detail: "auto" },
        { type: "input_image", image_url: "https://example.com/cat.jpg", detail: "low" },
      ),
    });
    expect(res.status).toBe(200);
    const text = outputText(body);
    expect(text).toContain("2 attachments, read from their bytes:");
    expect(text).toMatch(/- \*\*Image 1:\*\* PNG, 37 × 21 pixels, [\d.]+ K?B \(data URL\)\./);
    expect(text).toContain(
      "- **Image 2:** <https://example.com/cat.jpg>, a link: I do not download it, so I cannot tell its type or size.",
    );
  });

  it("reads the type from the bytes, not from the declared MIME type, and reads images uploaded as files", async () => {
    const id = await upload("anim.gif", makeGif(300, 200), "image/gif");
    const { body } = await createJson({
      model: "local-echo-1",
      input: user(
        { type: "input_image", image_url: dataUrl("image/png", makeGif(8, 9)) },
        { type: "input_image", file_id: id, detail: "high" },
      ),
    });
    const text = outputText(body);
    expect(text).toContain("**Image 1:** GIF, 8 × 9 pixels");
    expect(text).toContain(`**Image 2:** GIF, 300 × 200 pixels, 35 B (uploaded file \`${id}\`).`);
  });

  it("reports files: name, size and opening text for text, 'a PDF' for PDFs, by file_data or file_id", async () => {
    const notes = "Meeting notes\n\nWe agreed to   ship the composer on Friday. ".repeat(10);
    const pdf = Buffer.from("%PDF-1.7\n%binary\n1 0 obj\n<<>>\nendobj\n");
    const id = await upload("notes.md", Buffer.from(notes), "text/markdown");
    const { body } = await createJson({
      model: "local-echo-1",
      input: user(
        { type: "input_file", file_id: id },
        { type: "input_file", filename: "report.pdf", file_data: dataUrl("application/pdf", pdf) },
        { type: "input_file", filename: "raw.txt", file_data: Buffer.from("plain base64 works too").toString("base64") },
        { type: "input_file", file_url: "https://example.com/spec.pdf" },
      ),
    });
    const text = outputText(body);
    expect(text).toContain(
      `**File 1:** \`notes.md\`, ${Buffer.byteLength(notes).toLocaleString("en-US")} bytes, beginning: «Meeting notes We agreed to ship the composer on Friday. Meeting notes`,
    );
    expect(text).toMatch(/Friday\. Meeting notes[^»]{0,200}…»/);
    expect(text).toContain(`**File 2:** \`report.pdf\`, a PDF document of ${pdf.byteLength} bytes.`);
    expect(text).toContain("**File 3:** `raw.txt`, 22 bytes, beginning: «plain base64 works too»");
    expect(text).toContain("**File 4:** <https://example.com/spec.pdf>: I do not download links, so I cannot read it.");
  });

  it("refuses bytes that are not an image, and file ids it does not store, naming the part", async () => {
    const notImage = await engine("/responses", {
      json: { model: "m", input: user({ type: "input_image", image_url: dataUrl("image/png", Buffer.from("hello")) }) },
    });
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      param: "input[0].content[1].image_url",
      code: "invalid_image_format",
    });
    const missing = await engine("/responses", { json: { model: "m", input: user({ type: "input_file", file_id: "file-nope" }) } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      param: "input[0].content[1].file_id",
      message: "No such File object: file-nope",
    });
    const bmp = await engine("/responses", {
      json: { model: "m", input: user({ type: "input_image", image_url: "data:image/bmp;base64,Qk0=" }) },
    });
    expect(((await bmp.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      param: "input[0].content[1].image_url",
      code: "invalid_image_format",
    });
  });
});

describe("structured output formats", () => {
  const schema = {
    type: "object",
    properties: {
      summary: { type: "string" },
      words: { type: "integer", minimum: 0 },
      mood: { type: "string", enum: ["calm", "busy"] },
      items: {
        type: "array",
        items: {
          type: "object",
          properties: { name: { type: "string" }, done: { type: "boolean" } },
          required: ["name", "done"],
          additionalProperties: false,
        },
      },
    },
    required: ["summary", "words", "mood", "items"],
    additionalProperties: false,
  };

  it("json_schema: streams deltas that join into JSON valid against the schema (Ajv)", async () => {
    const body = {
      model: "local-echo-1",
      input: "Plan my day with three errands",
      text: { format: { type: "json_schema", name: "plan", schema, strict: true } },
    };
    const { events } = await streamEvents(body);
    const text = deltas(events);
    expect(events.filter((e) => e.data.type === "response.output_text.delta").length).toBeGreaterThan(3);
    const value = JSON.parse(text) as Record<string, unknown>;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    expect(value).toEqual({
      summary: "Plan my day with three errands",
      words: 6,
      mood: "calm",
      items: [{ name: "Plan my day with three errands", done: true }],
    });
    const final = events.at(-1)?.data.response as Record<string, any>;
    expect(final.text.format).toMatchObject({ type: "json_schema", name: "plan" });
  });

  it("json_object: a JSON object that reflects the input", async () => {
    const { body } = await createJson({
      model: "local-echo-1",
      instructions: "Reply in JSON.",
      input: "Hello there",
      text: { format: { type: "json_object" } },
    });
    expect(JSON.parse(outputText(body))).toMatchObject({
      input: "Hello there",
      words: 2,
      characters: 11,
      instructions: "Reply in JSON.",
      model: "local-echo-1",
    });
  });
});

describe("validation like the API: 400 with param naming the field", () => {
  async function errorOf(json: unknown) {
    const res = await engine("/responses", { json });
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { message: string; param: string; code: string } }).error;
  }

  it.each([
    [{ tools: [{ type: "function", parameters: {} }] }, "tools[0].name", "missing_required_parameter"],
    [{ tools: [{ type: "function", name: "has space" }] }, "tools[0].name", "invalid_value"],
    [
      { tools: [{ type: "file_search", vector_store_ids: ["vs"], max_num_results: 99 }] },
      "tools[0].max_num_results",
      "integer_above_max_value",
    ],
    [
      { tools: [{ type: "computer_use_preview", environment: "browser", display_width: 800 }] },
      "tools[0].display_height",
      "missing_required_parameter",
    ],
    [{ tools: [{ type: "mcp", server_label: "x" }] }, "tools[0].server_url", "missing_required_parameter"],
    [{ tools: [{ type: "web_search", search_context_size: "huge" }] }, "tools[0].search_context_size", "invalid_value"],
    [{ include: ["everything"] }, "include[0]", "invalid_value"],
    [{ metadata: { ["k".repeat(65)]: "v" } }, `metadata.${"k".repeat(65)}`, "string_above_max_length"],
    [{ reasoning: { effort: "enormous" } }, "reasoning.effort", "invalid_value"],
    [{ tool_choice: { type: "function", name: "ghost" } }, "tool_choice.name", "invalid_value"],
  ])("%j → param %s", async (extra, param, code) => {
    expect(await errorOf({ model: "local-echo-1", input: "hi", ...extra })).toMatchObject({ param, code });
  });

  it("explains a strict function schema that breaks the rules, in the API's words", async () => {
    const error = await errorOf({
      model: "local-echo-1",
      input: "hi",
      tools: [
        { type: "function", name: "get_weather", strict: true, parameters: { type: "object", properties: { city: { type: "string" } } } },
      ],
    });
    expect(error.param).toBe("tools[0].parameters.additionalProperties");
    expect(error.message).toBe(
      `Invalid schema for function 'get_weather': In strict mode every object must set "additionalProperties": false.`,
    );
  });

  it("accepts every tool type with its options, and unknown tools as they are", async () => {
    // file_search needs a vector store that exists (an unknown id is refused, as by the API).
    const store = await localEngineFetch("http://local-engine/v1/vector_stores", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "empty" }),
    });
    const vectorStoreId = ((await store.json()) as { id: string }).id;
    const { res, body } = await createJson({
      model: "local-echo-1",
      input: "hi",
      tools: [
        {
          type: "function",
          name: "f",
          parameters: { type: "object", properties: {}, required: [], additionalProperties: false },
          strict: true,
        },
        { type: "web_search", filters: { allowed_domains: ["example.com"] }, search_context_size: "low" },
        { type: "web_search_preview", user_location: { type: "approximate", country: "US" } },
        {
          type: "file_search",
          vector_store_ids: [vectorStoreId],
          max_num_results: 5,
          filters: { type: "and", filters: [{ type: "eq", key: "a", value: 1 }] },
        },
        { type: "computer_use_preview", environment: "browser", display_width: 1024, display_height: 768 },
        { type: "code_interpreter", container: { type: "auto" } },
        { type: "image_generation", quality: "low" },
        { type: "mcp", server_label: "docs", server_url: "https://mcp.example.com", require_approval: "never" },
        { type: "custom", name: "sql" },
        { type: "a_tool_from_the_future", knob: 11 },
      ],
      tool_choice: { type: "allowed_tools", mode: "auto", tools: [{ type: "function", name: "f" }] },
    });
    expect(res.status).toBe(200);
    expect(body.tools).toHaveLength(10);
    expect(body.tools[9]).toEqual({ type: "a_tool_from_the_future", knob: 11 });
  });
});

describe("debug endpoint (LOCAL_ENGINE_DEBUG=1 only)", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("is not there unless enabled", async () => {
    vi.stubEnv("LOCAL_ENGINE_DEBUG", "");
    expect((await engine("/debug/requests")).status).toBe(404);
  });

  it("returns the last raw request bodies, newest last, at most 20", async () => {
    vi.stubEnv("LOCAL_ENGINE_DEBUG", "1");
    await engine("/debug/requests", { method: "DELETE" });
    for (let i = 0; i < 22; i += 1) await createJson({ model: "local-echo-1", input: `n${i}`, custom_field: { i } });
    const list = (await (await engine("/debug/requests")).json()) as { data: Array<{ method: string; path: string; body: any }> };
    expect(list.data).toHaveLength(20);
    expect(list.data.at(-1)).toMatchObject({
      method: "POST",
      path: "/v1/responses",
      body: { model: "local-echo-1", input: "n21", custom_field: { i: 21 } },
    });
    expect(list.data[0]?.body.input).toBe("n2");
  });
});
