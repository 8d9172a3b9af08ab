import { describe, expect, it } from "vitest";
import { validateRequest, type RequestIssue } from "@/lib/request/validate";

const errors = (body: unknown): RequestIssue[] => validateRequest(body).filter((i) => i.severity === "error");
const paths = (body: unknown) => errors(body).map((i) => i.path);
const base = { model: "gpt-4.1" };
const withParts = (...content: unknown[]) => ({ ...base, input: [{ role: "user", content }] });
const withTool = (tool: unknown) => ({ ...base, tools: [tool] });
const PNG_URL = "data:image/png;base64,iVBORw0KGgo=";

describe("top-level parameters and their limits", () => {
  it("accepts a minimal body, a plain string input and unknown fields", () => {
    expect(errors({ ...base, input: "hi" })).toEqual([]);
    expect(errors({ ...base, input: "hi", some_future_field: { x: 1 } })).toEqual([]);
  });

  it("needs a model", () => {
    expect(errors({ input: "hi" })).toEqual([{ path: "model", message: "Required.", severity: "error" }]);
    expect(errors({ model: "" })[0]).toMatchObject({ path: "model", message: "Must not be empty." });
  });

  it.each([
    ["max_output_tokens", 15, "Must be at least 16 (it is 15)."],
    ["max_output_tokens", 16.5, "Must be a whole number (it is a decimal number)."],
    ["temperature", 2.1, "Must be at most 2 (it is 2.1)."],
    ["temperature", -1, "Must be at least 0 (it is -1)."],
    ["top_p", 1.01, "Must be at most 1 (it is 1.01)."],
    ["top_logprobs", 21, "Must be at most 20 (it is 21)."],
    ["safety_identifier", "x".repeat(65), "Must be at most 64 characters long (it is 65)."],
    ["service_tier", "turbo", 'Must be one of "auto", "default", "flex", "scale", "priority", "fast", "ultrafast" (it is "turbo").'],
    ["truncation", "sometimes", 'Must be one of "auto", "disabled" (it is "sometimes").'],
    ["store", "yes", "Must be a boolean (it is a string)."],
    ["parallel_tool_calls", 1, "Must be a boolean (it is a whole number)."],
  ])("%s = %j → %s", (field, value, message) => {
    expect(errors({ ...base, [field]: value })).toEqual([{ path: field, message, severity: "error" }]);
  });

  it("accepts every boundary", () => {
    for (const extra of [
      { max_output_tokens: 16 },
      { temperature: 0 },
      { temperature: 2 },
      { top_p: 0 },
      { top_p: 1 },
      { top_logprobs: 0 },
      { top_logprobs: 20 },
    ]) {
      expect(errors({ ...base, ...extra })).toEqual([]);
    }
  });

  it("limits metadata to 16 pairs, keys to 64 and values to 512 characters", () => {
    const sixteen = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, "v".repeat(512)]));
    expect(errors({ ...base, metadata: { ...sixteen, ["k".repeat(64)]: "v" } })[0]).toMatchObject({
      path: "metadata",
      message: "At most 16 pairs are allowed; there are 17.",
    });
    expect(errors({ ...base, metadata: sixteen })).toEqual([]);
    expect(errors({ ...base, metadata: { ["k".repeat(65)]: "v" } })[0]?.message).toBe(
      "The key is 65 characters long; keys may have at most 64.",
    );
    expect(errors({ ...base, metadata: { a: "v".repeat(513) } })[0]).toMatchObject({
      path: "metadata.a",
      message: "The value is 513 characters long; values may have at most 512.",
    });
    expect(errors({ ...base, metadata: { a: 1 } })[0]).toMatchObject({
      path: "metadata.a",
      message: "Must be a string (it is a whole number).",
    });
  });

  it("knows the 8 include values", () => {
    expect(
      errors({ ...base, include: ["reasoning.encrypted_content", "message.output_text.logprobs", "file_search_call.results"] }),
    ).toEqual([]);
    expect(paths({ ...base, include: ["reasoning.encrypted_content", "everything"] })).toEqual(["include[1]"]);
  });

  it("checks reasoning effort and summary, text verbosity and format", () => {
    for (const effort of ["none", "minimal", "low", "medium", "high", "xhigh"])
      expect(errors({ ...base, reasoning: { effort, summary: "auto" } })).toEqual([]);
    expect(paths({ ...base, reasoning: { effort: "extreme", summary: "short" } })).toEqual(["reasoning.effort", "reasoning.summary"]);
    expect(paths({ ...base, text: { verbosity: "loud" } })).toEqual(["text.verbosity"]);
    expect(paths({ ...base, text: { format: { type: "yaml" } } })).toEqual(["text.format.type"]);
  });

  it("json_schema formats need a valid name and a checked schema", () => {
    const schema = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false };
    expect(errors({ ...base, text: { format: { type: "json_schema", name: "answer", schema, strict: true } } })).toEqual([]);
    expect(paths({ ...base, text: { format: { type: "json_schema", name: "bad name", schema } } })).toEqual(["text.format.name"]);
    expect(paths({ ...base, text: { format: { type: "json_schema", name: "x".repeat(65), schema } } })).toEqual(["text.format.name"]);
    expect(paths({ ...base, text: { format: { type: "json_schema", name: "a" } } })).toEqual(["text.format.schema"]);
    expect(
      paths({
        ...base,
        text: {
          format: { type: "json_schema", name: "a", strict: true, schema: { type: "object", properties: { a: { type: "string" } } } },
        },
      }),
    ).toEqual(["text.format.schema.additionalProperties", "text.format.schema.required"]);
  });

  it("json_object needs the word JSON somewhere in the input or instructions", () => {
    expect(paths({ ...base, input: "hello", text: { format: { type: "json_object" } } })).toEqual(["text.format"]);
    expect(errors({ ...base, input: "answer in json", text: { format: { type: "json_object" } } })).toEqual([]);
    expect(errors({ ...base, instructions: "Reply with JSON.", input: "hi", text: { format: { type: "json_object" } } })).toEqual([]);
  });

  it("refuses previous_response_id with conversation, and background without store", () => {
    expect(paths({ ...base, previous_response_id: "resp_1", conversation: "conv_1" })).toEqual(["conversation"]);
    expect(paths({ ...base, background: true, store: false })).toEqual(["store"]);
  });

  it("warns (without blocking) when both temperature and top_p are set", () => {
    const issues = validateRequest({ ...base, temperature: 0.5, top_p: 0.5 });
    expect(issues).toEqual([{ path: "top_p", message: expect.stringContaining("only one"), severity: "warning" }]);
  });
});

describe("input messages and content parts", () => {
  it("accepts every role, string content and the three input part types", () => {
    const input = ["user", "assistant", "system", "developer"].map((role) => ({ role, content: "hi" }));
    expect(errors({ ...base, input })).toEqual([]);
    expect(
      errors(
        withParts(
          { type: "input_text", text: "a" },
          { type: "input_image", image_url: PNG_URL, detail: "high" },
          { type: "input_file", file_id: "file-1" },
        ),
      ),
    ).toEqual([]);
    expect(paths({ ...base, input: [{ role: "robot", content: "x" }] })).toEqual(["input[0].role"]);
    expect(errors({ ...base, input: [{ role: "user", content: 7 }] })[0]).toMatchObject({
      path: "input[0].content",
      message: "Must be a string or an array (it is a whole number).",
    });
  });

  it("input_text needs its text", () => {
    expect(errors(withParts({ type: "input_text" }))[0]).toMatchObject({ path: "input[0].content[0].text", message: "Required." });
  });

  it("input_image: a URL, a data URL of PNG/JPEG/WEBP/GIF up to 20 MB, or a file id; detail low/high/auto", () => {
    for (const image_url of [
      "https://example.com/cat.png",
      PNG_URL,
      "data:image/jpeg;base64,/9j/",
      "data:image/webp;base64,UklG",
      "data:image/gif;base64,R0lG",
    ]) {
      expect(errors(withParts({ type: "input_image", image_url, detail: "auto" }))).toEqual([]);
    }
    expect(errors(withParts({ type: "input_image", file_id: "file-1", detail: "low" }))).toEqual([]);
    expect(errors(withParts({ type: "input_image", image_url: "data:image/bmp;base64,Qk0=" }))[0]).toMatchObject({
      path: "input[0].content[0].image_url",
      message: "Unsupported image type 'image/bmp': use PNG, JPEG, WEBP or GIF.",
    });
    expect(errors(withParts({ type: "input_image", image_url: "ftp://x/y.png" }))[0]?.message).toMatch(/http\(s\) URL or a data URL/);
    expect(errors(withParts({ type: "input_image" }))[0]?.message).toBe("An image needs an image_url (a URL or data URL) or a file_id.");
    expect(paths(withParts({ type: "input_image", image_url: PNG_URL, detail: "medium" }))).toEqual(["input[0].content[0].detail"]);
    const big = `data:image/png;base64,${"A".repeat(Math.ceil(((20 * 1024 * 1024 + 3) * 4) / 3))}`;
    expect(errors(withParts({ type: "input_image", image_url: big }))[0]?.message).toMatch(/images may be at most 20 MB/);
  });

  it("input_file: file_id, file_url, or file_data with a filename", () => {
    expect(errors(withParts({ type: "input_file", file_url: "https://example.com/a.pdf" }))).toEqual([]);
    expect(errors(withParts({ type: "input_file", file_data: "data:text/plain;base64,aGk=", filename: "a.txt" }))).toEqual([]);
    expect(errors(withParts({ type: "input_file", file_data: "aGk=" }))[0]).toMatchObject({
      path: "input[0].content[0].filename",
      message: "A file sent as file_data needs a filename.",
    });
    expect(errors(withParts({ type: "input_file" }))[0]?.message).toBe("A file needs one of file_id, file_url or file_data.");
    expect(paths(withParts({ type: "input_file", file_url: "not a url" }))).toEqual(["input[0].content[0].file_url"]);
  });

  it("passes unknown part and item types, checks function_call_output", () => {
    expect(errors({ ...base, input: [{ type: "some_future_item" }, { role: "user", content: [{ type: "input_audio_future" }] }] })).toEqual(
      [],
    );
    expect(errors({ ...base, input: [{ type: "function_call_output", call_id: "call_1", output: "{}" }] })).toEqual([]);
    expect(paths({ ...base, input: [{ type: "function_call_output", output: "{}" }] })).toEqual(["input[0].call_id"]);
    expect(paths({ ...base, input: [{ type: "function_call_output", call_id: "x".repeat(65), output: "" }] })).toEqual([
      "input[0].call_id",
    ]);
  });
});

describe("tools", () => {
  const params = { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false };

  it("function: name pattern and length, parameters checked as JSON Schema, strict rules", () => {
    expect(errors(withTool({ type: "function", name: "get_weather", parameters: params, strict: true }))).toEqual([]);
    expect(errors(withTool({ type: "function", name: "get_weather", parameters: null, strict: false }))).toEqual([]);
    expect(paths(withTool({ type: "function", name: "get weather", parameters: params, strict: true }))).toEqual(["tools[0].name"]);
    expect(paths(withTool({ type: "function", name: "x".repeat(65), parameters: params }))).toEqual(["tools[0].name"]);
    expect(paths(withTool({ type: "function", parameters: params }))).toEqual(["tools[0].name"]);
    expect(paths(withTool({ type: "function", name: "f", parameters: { type: "array" } }))).toEqual(["tools[0].parameters.type"]);
    expect(
      paths(withTool({ type: "function", name: "f", strict: true, parameters: { type: "object", properties: { a: { type: "string" } } } })),
    ).toEqual(["tools[0].parameters.additionalProperties", "tools[0].parameters.required"]);
    // Non-strict: the same schema is fine.
    expect(
      errors(
        withTool({ type: "function", name: "f", strict: false, parameters: { type: "object", properties: { a: { type: "string" } } } }),
      ),
    ).toEqual([]);
  });

  it("web_search: context size, location, allowed domains; the preview has no filters in its schema but keeps unknown fields", () => {
    const location = { type: "approximate", country: "US", city: "Boston", region: "MA", timezone: "America/New_York" };
    expect(
      errors(
        withTool({
          type: "web_search",
          search_context_size: "high",
          user_location: location,
          filters: { allowed_domains: ["example.com"] },
        }),
      ),
    ).toEqual([]);
    expect(errors(withTool({ type: "web_search_preview", search_context_size: "low", user_location: location, domains: [] }))).toEqual([]);
    expect(paths(withTool({ type: "web_search", search_context_size: "max" }))).toEqual(["tools[0].search_context_size"]);
    expect(paths(withTool({ type: "web_search", user_location: { country: "USA" } }))).toEqual(["tools[0].user_location.country"]);
    expect(paths(withTool({ type: "web_search", filters: { allowed_domains: "example.com" } }))).toEqual([
      "tools[0].filters.allowed_domains",
    ]);
  });

  it("file_search: vector stores, max results 1–50, ranking options, comparison and compound filters", () => {
    const filters = {
      type: "and",
      filters: [
        { type: "eq", key: "lang", value: "en" },
        {
          type: "or",
          filters: [
            { type: "gte", key: "year", value: 2020 },
            { type: "in", key: "tag", value: ["a", "b"] },
          ],
        },
      ],
    };
    expect(
      errors(
        withTool({
          type: "file_search",
          vector_store_ids: ["vs_1"],
          max_num_results: 50,
          ranking_options: { ranker: "auto", score_threshold: 0.5 },
          filters,
        }),
      ),
    ).toEqual([]);
    expect(paths(withTool({ type: "file_search" }))).toEqual(["tools[0].vector_store_ids"]);
    expect(paths(withTool({ type: "file_search", vector_store_ids: [], max_num_results: 0 }))).toEqual(["tools[0].max_num_results"]);
    expect(paths(withTool({ type: "file_search", vector_store_ids: [], max_num_results: 51 }))).toEqual(["tools[0].max_num_results"]);
    expect(paths(withTool({ type: "file_search", vector_store_ids: [], ranking_options: { score_threshold: 2 } }))).toEqual([
      "tools[0].ranking_options.score_threshold",
    ]);
    expect(paths(withTool({ type: "file_search", vector_store_ids: [], filters: { type: "xor", filters: [] } }))).toEqual([
      "tools[0].filters.type",
    ]);
    expect(
      paths(withTool({ type: "file_search", vector_store_ids: [], filters: { type: "or", filters: [{ type: "eq", value: 1 }] } })),
    ).toEqual(["tools[0].filters.filters[0].key"]);
    expect(
      errors(withTool({ type: "file_search", vector_store_ids: [], filters: { type: "eq", key: "k", value: ["x"] } }))[0]?.message,
    ).toBe("'eq' compares against a single value, not a list.");
  });

  it("computer_use_preview: environment and display size are required", () => {
    expect(errors(withTool({ type: "computer_use_preview", environment: "browser", display_width: 1024, display_height: 768 }))).toEqual(
      [],
    );
    expect(paths(withTool({ type: "computer_use_preview", environment: "amiga", display_width: 0 }))).toEqual([
      "tools[0].environment",
      "tools[0].display_width",
      "tools[0].display_height",
    ]);
  });

  it("code_interpreter: a container id or an auto container with at most 50 files", () => {
    expect(errors(withTool({ type: "code_interpreter", container: { type: "auto", memory_limit: "4g" } }))).toEqual([]);
    expect(errors(withTool({ type: "code_interpreter", container: "cntr_1" }))).toEqual([]);
    expect(paths(withTool({ type: "code_interpreter" }))).toEqual(["tools[0].container"]);
    expect(
      paths(withTool({ type: "code_interpreter", container: { type: "auto", file_ids: Array.from({ length: 51 }, (_, i) => `f${i}`) } })),
    ).toEqual(["tools[0].container.file_ids"]);
  });

  it("image_generation: enums and ranges", () => {
    expect(
      errors(
        withTool({
          type: "image_generation",
          quality: "high",
          size: "1024x1536",
          output_format: "webp",
          output_compression: 80,
          partial_images: 3,
          background: "transparent",
        }),
      ),
    ).toEqual([]);
    expect(
      paths(withTool({ type: "image_generation", quality: "ultra", output_compression: 101, partial_images: 4, size: "big" })),
    ).toEqual(["tools[0].quality", "tools[0].size", "tools[0].output_compression", "tools[0].partial_images"]);
  });

  it("mcp: a label and exactly one of server_url, connector_id or tunnel_id; approval policy and headers", () => {
    const ok = {
      type: "mcp",
      server_label: "docs",
      server_url: "https://mcp.example.com/sse",
      allowed_tools: ["search"],
      require_approval: "never",
      headers: { "X-Key": "1" },
    };
    expect(errors(withTool(ok))).toEqual([]);
    expect(errors(withTool({ ...ok, require_approval: { never: { tool_names: ["search"] } } }))).toEqual([]);
    expect(paths(withTool({ type: "mcp", server_label: "docs" }))).toEqual(["tools[0].server_url"]);
    expect(paths(withTool({ ...ok, connector_id: "connector_gmail" }))).toEqual(["tools[0].server_url"]);
    expect(paths(withTool({ ...ok, server_label: "" }))).toEqual(["tools[0].server_label"]);
    expect(paths(withTool({ ...ok, require_approval: "sometimes" }))).toEqual(["tools[0].require_approval"]);
    expect(paths(withTool({ ...ok, headers: { a: 1 } }))).toEqual(["tools[0].headers.a"]);
  });

  it("custom: a name and an optional grammar format", () => {
    expect(
      errors(withTool({ type: "custom", name: "sql", format: { type: "grammar", syntax: "lark", definition: "start: /.+/" } })),
    ).toEqual([]);
    expect(paths(withTool({ type: "custom", name: "sql", format: { type: "grammar", syntax: "peg", definition: "" } }))).toEqual([
      "tools[0].format.syntax",
      "tools[0].format.definition",
    ]);
  });

  it("keeps unknown tool types (with a warning, not an error)", () => {
    const issues = validateRequest(withTool({ type: "teleport", range: 3 }));
    expect(issues).toEqual([{ path: "tools[0].type", message: expect.stringContaining("sent as it is"), severity: "warning" }]);
  });
});

describe("tool_choice", () => {
  const tools = [
    { type: "function", name: "get_weather", parameters: null, strict: false },
    { type: "mcp", server_label: "docs", server_url: "https://mcp.example.com" },
    { type: "custom", name: "sql" },
  ];
  it.each([
    ["none"],
    ["auto"],
    ["required"],
    [{ type: "function", name: "get_weather" }],
    [{ type: "file_search" }],
    [{ type: "web_search_preview" }],
    [{ type: "image_generation" }],
    [{ type: "mcp", server_label: "docs" }],
    [{ type: "custom", name: "sql" }],
    [{ type: "allowed_tools", mode: "required", tools: [{ type: "function", name: "get_weather" }, { type: "image_generation" }] }],
  ])("accepts %j", (tool_choice) => {
    expect(errors({ ...base, tools, tool_choice })).toEqual([]);
  });

  it("refuses unknown modes and types, and names that are not in tools", () => {
    expect(paths({ ...base, tools, tool_choice: "always" })).toEqual(["tool_choice"]);
    expect(paths({ ...base, tools, tool_choice: { type: "teleport" } })).toEqual(["tool_choice.type"]);
    expect(paths({ ...base, tools, tool_choice: { type: "function" } })).toEqual(["tool_choice.name"]);
    expect(errors({ ...base, tools, tool_choice: { type: "function", name: "nope" } })[0]?.message).toMatch(
      /tools has no function with that name/,
    );
    expect(paths({ ...base, tools, tool_choice: { type: "allowed_tools", mode: "sometimes", tools: [] } })).toEqual(["tool_choice.mode"]);
    expect(
      paths({ ...base, tools, tool_choice: { type: "allowed_tools", mode: "auto", tools: [{ type: "function", name: "nope" }] } }),
    ).toEqual(["tool_choice.tools[0].name"]);
  });
});
