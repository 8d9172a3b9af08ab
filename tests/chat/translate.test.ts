import { describe, expect, it } from "vitest";
import { chatToResponses } from "@/lib/chat/chat-to-responses";
import { responsesToChat } from "@/lib/chat/responses-to-chat";

/** Responses body → Chat Completions body, on every composer feature, and what is dropped (with reasons). */

const IMG = "data:image/png;base64,iVBORw0KGgo=";
const SCHEMA = { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: false };

describe("responsesToChat", () => {
  it("instructions → a first system message; string input → a user message; model and stream options", () => {
    const { body, dropped } = responsesToChat({ model: "gpt-4.1", instructions: "Be brief.", input: "Hi", stream: true });
    expect(body).toEqual({
      model: "gpt-4.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(dropped).toEqual([]);
  });

  it("messages of every role, with text, image (URL and data URL, detail) and file (file_data, file_id) parts", () => {
    const { body, dropped } = responsesToChat({
      model: "m",
      input: [
        {
          role: "developer",
          content: [
            { type: "input_text", text: "Dev " },
            { type: "input_text", text: "rules" },
          ],
        },
        { role: "system", content: "Sys" },
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "Look" },
            { type: "input_image", image_url: "https://example.com/a.png", detail: "high" },
            { type: "input_image", image_url: IMG },
            { type: "input_file", file_data: "data:application/pdf;base64,JVBER", filename: "a.pdf" },
            { type: "input_file", file_id: "file-1" },
          ],
        },
        { role: "assistant", content: [{ type: "output_text", text: "Earlier", annotations: [] }] },
        { role: "user", content: "Again" },
      ],
    });
    expect(body.messages).toEqual([
      { role: "developer", content: "Dev rules" },
      { role: "system", content: "Sys" },
      {
        role: "user",
        content: [
          { type: "text", text: "Look" },
          { type: "image_url", image_url: { url: "https://example.com/a.png", detail: "high" } },
          { type: "image_url", image_url: { url: IMG } },
          { type: "file", file: { file_data: "data:application/pdf;base64,JVBER", filename: "a.pdf" } },
          { type: "file", file: { file_id: "file-1" } },
        ],
      },
      { role: "assistant", content: "Earlier" },
      { role: "user", content: "Again" },
    ]);
    expect(dropped).toEqual([]);
  });

  it("drops what parts cannot carry: image by file_id, file by file_url, images in system messages", () => {
    const { body, dropped } = responsesToChat({
      model: "m",
      input: [
        {
          role: "user",
          content: [
            { type: "input_image", file_id: "file-img" },
            { type: "input_file", file_url: "https://x.test/a.pdf" },
            { type: "input_text", text: "t" },
          ],
        },
        {
          role: "system",
          content: [
            { type: "input_text", text: "s" },
            { type: "input_image", image_url: IMG },
          ],
        },
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "t" }] },
      { role: "system", content: "s" },
    ]);
    expect(dropped.map((d) => d.path)).toEqual(["input[0].content[0]", "input[0].content[1]", "input[1].content[1]"]);
    expect(dropped[0]!.reason).toMatch(/file_id/);
    expect(dropped[1]!.reason).toMatch(/file_url/);
  });

  it("function_call items → assistant tool_calls (parallel calls in one message); function_call_output → tool messages", () => {
    const { body } = responsesToChat({
      model: "m",
      input: [
        { role: "user", content: "Weather?" },
        { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"location":"Oslo"}' },
        { type: "function_call", call_id: "call_2", name: "get_time", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: '{"t":3}' },
        { type: "function_call_output", call_id: "call_2", output: [{ type: "input_text", text: "noon" }] },
      ],
    });
    expect(body.messages).toEqual([
      { role: "user", content: "Weather?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"location":"Oslo"}' } },
          { id: "call_2", type: "function", function: { name: "get_time", arguments: "{}" } },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"t":3}' },
      { role: "tool", tool_call_id: "call_2", content: "noon" },
    ]);
  });

  it("function tools, custom tools, and every tool_choice form", () => {
    const fn = { type: "function", name: "get_weather", description: "d", parameters: SCHEMA, strict: true };
    const base = { model: "m", input: "x", tools: [fn, { type: "custom", name: "sql", description: "raw SQL" }] };
    const { body } = responsesToChat({ ...base, tool_choice: "required" });
    expect(body.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "d", parameters: SCHEMA, strict: true } },
      { type: "custom", custom: { name: "sql", description: "raw SQL" } },
    ]);
    expect(body.tool_choice).toBe("required");
    for (const mode of ["auto", "none"]) expect(responsesToChat({ ...base, tool_choice: mode }).body.tool_choice).toBe(mode);
    expect(responsesToChat({ ...base, tool_choice: { type: "function", name: "get_weather" } }).body.tool_choice).toEqual({
      type: "function",
      function: { name: "get_weather" },
    });
    expect(responsesToChat({ ...base, tool_choice: { type: "custom", name: "sql" } }).body.tool_choice).toEqual({
      type: "custom",
      custom: { name: "sql" },
    });
    expect(
      responsesToChat({
        ...base,
        tool_choice: { type: "allowed_tools", mode: "auto", tools: [{ type: "function", name: "get_weather" }, { type: "web_search" }] },
      }).body.tool_choice,
    ).toEqual({ type: "allowed_tools", allowed_tools: { mode: "auto", tools: [{ type: "function", function: { name: "get_weather" } }] } });
    const hosted = responsesToChat({ ...base, tool_choice: { type: "web_search_preview" } });
    expect(hosted.body.tool_choice).toBeUndefined();
    expect(hosted.dropped).toEqual([{ path: "tool_choice", reason: expect.stringMatching(/built-in tool/) }]);
  });

  it("built-in tools are dropped with plain reasons; tool_choice without any tool left is dropped too", () => {
    const tools = ["web_search", "file_search", "computer_use_preview", "code_interpreter", "image_generation", "mcp", "local_shell"].map(
      (type) => ({ type }),
    );
    const { body, dropped } = responsesToChat({ model: "m", input: "x", tools, tool_choice: "required" });
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
    expect(dropped.map((d) => d.path)).toEqual([...tools.map((_, i) => `tools[${i}]`), "tool_choice"]);
    expect(dropped[0]!.reason).toMatch(/web_search_options/);
    expect(dropped[1]!.reason).toMatch(/file search/);
    expect(dropped[2]!.reason).toMatch(/computer use/);
    expect(dropped[3]!.reason).toMatch(/code interpreter/);
    expect(dropped[4]!.reason).toMatch(/image generation/);
    expect(dropped[5]!.reason).toMatch(/MCP/);
  });

  it("text.format json_schema / json_object / text → response_format; verbosity → top-level verbosity", () => {
    const js = responsesToChat({
      model: "m",
      input: "x",
      text: { format: { type: "json_schema", name: "out", schema: SCHEMA, strict: true }, verbosity: "low" },
    });
    expect(js.body.response_format).toEqual({ type: "json_schema", json_schema: { name: "out", schema: SCHEMA, strict: true } });
    expect(js.body.verbosity).toBe("low");
    expect(responsesToChat({ model: "m", input: "x", text: { format: { type: "json_object" } } }).body.response_format).toEqual({
      type: "json_object",
    });
    expect(responsesToChat({ model: "m", input: "x", text: { format: { type: "text" } } }).body.response_format).toEqual({ type: "text" });
  });

  it("max_output_tokens → max_completion_tokens; sampling and bookkeeping params; reasoning.effort → reasoning_effort; top_logprobs", () => {
    const { body, dropped } = responsesToChat({
      model: "m",
      input: "x",
      max_output_tokens: 256,
      temperature: 0.3,
      top_p: 0.8,
      parallel_tool_calls: false,
      metadata: { k: "v" },
      store: true,
      user: "u1",
      safety_identifier: "s1",
      service_tier: "flex",
      prompt_cache_key: "pk",
      top_logprobs: 3,
      reasoning: { effort: "high" },
    });
    expect(body).toMatchObject({
      max_completion_tokens: 256,
      temperature: 0.3,
      top_p: 0.8,
      parallel_tool_calls: false,
      metadata: { k: "v" },
      store: true,
      user: "u1",
      safety_identifier: "s1",
      service_tier: "flex",
      prompt_cache_key: "pk",
      logprobs: true,
      top_logprobs: 3,
      reasoning_effort: "high",
    });
    expect(body.max_tokens).toBeUndefined();
    expect(dropped).toEqual([]);
  });

  it("drops reasoning summaries, previous_response_id, conversation, include, truncation, background, reasoning items and unknown fields", () => {
    const { dropped } = responsesToChat({
      model: "m",
      input: [
        { type: "reasoning", id: "rs_1", summary: [] },
        { type: "item_reference", id: "msg_1" },
        { type: "web_search_call", id: "ws_1" },
        { role: "user", content: "x" },
      ],
      reasoning: { effort: "low", summary: "auto" },
      previous_response_id: "resp_1",
      conversation: "conv_1",
      include: ["web_search_call.action.sources"],
      truncation: "auto",
      background: true,
      max_tool_calls: 3,
      brand_new_field: 1,
    });
    const paths = dropped.map((d) => d.path);
    expect(paths).toEqual([
      "input[0]",
      "input[1]",
      "input[2]",
      "reasoning.summary",
      "previous_response_id",
      "conversation",
      "include",
      "truncation",
      "background",
      "max_tool_calls",
      "brand_new_field",
    ]);
    expect(dropped.find((d) => d.path === "reasoning.summary")!.reason).toMatch(/reasoning summaries/);
    expect(dropped.find((d) => d.path === "previous_response_id")!.reason).toMatch(/resend the earlier messages/);
    expect(dropped.every((d) => d.reason.length > 20)).toBe(true);
  });
});

describe("chatToResponses (the local engine's way in)", () => {
  it("is the inverse of responsesToChat on what translates", () => {
    const responses = {
      model: "m",
      instructions: "Be brief.",
      input: [
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "Look" },
            { type: "input_image", image_url: IMG, detail: "low" },
          ],
        },
        { type: "function_call", call_id: "call_1", name: "f", arguments: "{}" },
        { type: "function_call_output", call_id: "call_1", output: "ok" },
      ],
      tools: [{ type: "function", name: "f", parameters: SCHEMA, strict: true }],
      tool_choice: { type: "function", name: "f" },
      text: { format: { type: "json_schema", name: "out", schema: SCHEMA, strict: true }, verbosity: "high" },
      max_output_tokens: 100,
      reasoning: { effort: "low" },
      temperature: 0.5,
    };
    const back = chatToResponses(responsesToChat(responses).body);
    expect(back.body).toEqual({ ...responses, store: false });
    expect(back.sourceOf).toEqual([1, 2, 3]);
  });

  it("reads the legacy max_tokens", () => {
    expect(chatToResponses({ model: "m", messages: [{ role: "user", content: "x" }], max_tokens: 20 }).body.max_output_tokens).toBe(20);
  });
});
