import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { newPart, newTool, type Body } from "@/lib/request/defaults";
import { TOOL_TYPES } from "@/lib/request/limits";
import { validateRequest } from "@/lib/request/validate";
import { ComposerProvider } from "@/components/composer/composer-context";
import { Messages } from "@/components/composer/messages/messages-editor";
import { AdvancedParams, OutputParams, ReasoningParams, SamplingParams, StateParams } from "@/components/composer/parameters";
import { RequestJson } from "@/components/composer/request-json";
import { ToolChoiceEditor } from "@/components/composer/tool-choice";
import { ToolsEditor } from "@/components/composer/tools/tools-editor";
import { convertValue } from "@/components/composer/tools/filter-builder";

/**
 * The forms are views of the body: rendering them from a body must show its values (body → form), and each
 * new part/tool the forms add must be a valid request (form → body). Interaction is covered end to end in
 * e2e/composer.e2e.spec.ts.
 */

function render(body: Body, node: React.ReactNode): string {
  return renderToStaticMarkup(
    <ComposerProvider body={body} onChange={() => {}} issues={validateRequest(body)}>
      {node}
    </ComposerProvider>,
  );
}

const labelled = (html: string, label: string) => html.includes(`>${label}<`) || html.includes(`aria-label="${label}"`);
const base = { model: "m" };

describe("every tool type has a form that shows the tool's values", () => {
  const samples: Record<string, { tool: Body; labels: string[]; values: string[] }> = {
    function: {
      tool: {
        type: "function",
        name: "get_weather",
        description: "Weather now",
        parameters: { type: "object", properties: {} },
        strict: false,
      },
      labels: ["name", "description", "parameters"],
      values: ["get_weather", "Weather now", "&quot;properties&quot;"],
    },
    web_search: {
      tool: {
        type: "web_search",
        search_context_size: "high",
        user_location: { type: "approximate", country: "FR", city: "Paris" },
        filters: { allowed_domains: ["a.com", "b.org"] },
      },
      labels: ["search_context_size", "country", "city", "filters.allowed_domains"],
      values: ["FR", "Paris", "a.com, b.org"],
    },
    web_search_preview: {
      tool: { type: "web_search_preview", search_context_size: "low" },
      labels: ["search_context_size"],
      values: ["no domain filter"],
    },
    file_search: {
      tool: {
        type: "file_search",
        vector_store_ids: ["vs_1", "vs_2"],
        max_num_results: 7,
        ranking_options: { score_threshold: 0.4 },
        filters: { type: "and", filters: [{ type: "gte", key: "year", value: 2020 }] },
      },
      labels: ["vector_store_ids", "max_num_results", "score_threshold", "Filter root operator", "Filter 0 key"],
      values: ["vs_1, vs_2", 'value="7"', 'value="0.4"', 'value="year"', 'value="2020"'],
    },
    computer_use_preview: {
      tool: { type: "computer_use_preview", environment: "mac", display_width: 1280, display_height: 800 },
      labels: ["environment", "display_width", "display_height"],
      values: ['value="1280"', 'value="800"'],
    },
    code_interpreter: {
      tool: { type: "code_interpreter", container: { type: "auto", file_ids: ["file-1"], memory_limit: "4g" } },
      labels: ["container", "container.file_ids", "memory_limit"],
      values: ["file-1"],
    },
    image_generation: {
      tool: { type: "image_generation", quality: "high", output_compression: 80, partial_images: 2 },
      labels: ["quality", "size", "output_compression", "partial_images", "background"],
      values: ['value="80"', 'value="2"'],
    },
    mcp: {
      tool: {
        type: "mcp",
        server_label: "docs",
        server_url: "https://mcp.example.com",
        allowed_tools: ["search"],
        require_approval: "never",
        headers: { "X-Team": "blue" },
      },
      labels: ["server_label", "server_url", "allowed_tools", "require_approval", "headers key 1", "headers value 1"],
      values: ['value="docs"', "https://mcp.example.com", 'value="search"', 'value="X-Team"', 'value="blue"'],
    },
    custom: {
      tool: { type: "custom", name: "run_sql", format: { type: "grammar", syntax: "lark", definition: "start: /.+/" } },
      labels: ["name", "format", "syntax", "definition"],
      values: ["run_sql", "start: /.+/"],
    },
  };

  it.each(Object.entries(samples))("%s", (_type, { tool, labels, values }) => {
    const html = render({ ...base, tools: [tool] }, <ToolsEditor />);
    for (const label of labels) expect(labelled(html, label), `label ${label}`).toBe(true);
    for (const value of values) expect(html, `value ${value}`).toContain(value);
  });

  it("covers every type of the add menu, and each new tool is a valid request as added", () => {
    const html = render(base, <ToolsEditor />);
    for (const type of TOOL_TYPES) {
      expect(html).toContain(`value="${type}"`);
      const tools = [newTool(type)];
      const errors = validateRequest({ ...base, tools }).filter((i) => i.severity === "error");
      // file_search needs a vector store and mcp a real URL: the form says so until the user fills them in.
      if (type === "mcp") expect(errors.map((e) => e.path)).toEqual(["tools[0].server_url"]);
      else expect(errors).toEqual([]);
    }
  });

  it("keeps unknown tool JSON as it is, shown as JSON", () => {
    const html = render({ ...base, tools: [{ type: "teleport", range: 3 }] }, <ToolsEditor />);
    expect(html).toContain("kept and sent exactly as written");
    expect(html).toContain("&quot;range&quot;: 3");
  });

  it("types filter values as the user picks (string, number, boolean, list)", () => {
    expect(convertValue("42", "number")).toBe(42);
    expect(convertValue("true", "boolean")).toBe(true);
    expect(convertValue("a, 2, b", "array")).toEqual(["a", 2, "b"]);
    expect(convertValue("x", "string")).toBe("x");
  });
});

describe("messages and content parts", () => {
  it("shows a plain string input in one box labelled Message", () => {
    const html = render({ ...base, input: "Hello there" }, <Messages />);
    expect(html).toContain(">Message</label>");
    expect(html).toContain("Hello there");
  });

  it("shows every part type of every message, with roles, thumbnails and sources", () => {
    const png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";
    const html = render(
      {
        ...base,
        input: [
          { role: "system", content: "Be brief." },
          {
            role: "user",
            content: [
              { type: "input_text", text: "Look:" },
              { type: "input_image", image_url: png, detail: "high" },
              { type: "input_image", image_url: "https://example.com/cat.jpg", detail: "low" },
              { type: "input_file", file_id: "file-abc" },
              { type: "input_file", file_url: "https://example.com/a.pdf" },
              { type: "input_file", filename: "notes.txt", file_data: "data:text/plain;base64,aGk=" },
            ],
          },
          { type: "function_call_output", call_id: "call_1", output: "{}" },
        ],
      },
      <Messages />,
    );
    expect(html).toContain('aria-label="Message 1 role"');
    expect(html).toContain(">Be brief.</textarea>");
    expect(html).toContain('aria-label="Message 2 part 1 text"');
    expect(html).toContain("Uploaded PNG · 1×1");
    expect(html).toContain('alt="Thumbnail of Message 2 part 2"');
    expect(html).toContain('value="https://example.com/cat.jpg"');
    expect(html).toContain('value="file-abc"');
    expect(html).toContain('value="https://example.com/a.pdf"');
    expect(html).toContain('value="notes.txt"');
    expect(html).toContain("function_call_output");
  });

  it("new parts start as the API expects (input_image with detail auto)", () => {
    expect(newPart("input_image")).toEqual({ type: "input_image", image_url: "", detail: "auto" });
    expect(newPart("input_text")).toEqual({ type: "input_text", text: "" });
  });
});

describe("parameters and tool_choice show the body and its problems", () => {
  it("shows values and inline errors next to their fields", () => {
    const body = {
      ...base,
      temperature: 3,
      max_output_tokens: 8,
      reasoning: { effort: "high", summary: "auto" },
      text: { format: { type: "json_schema", name: "r", strict: true, schema: { type: "object", properties: { a: { type: "string" } } } } },
      metadata: { lesson: "1" },
      include: ["reasoning.encrypted_content"],
      service_tier: "flex",
    };
    const html = render(
      body,
      <>
        <SamplingParams />
        <OutputParams />
        <ReasoningParams />
        <StateParams />
        <AdvancedParams />
      </>,
    );
    expect(html).toContain("Must be at most 2 (it is 3).");
    expect(html).toContain("Must be at least 16 (it is 8).");
    expect(html).toMatch(/<option value="high" selected="">high<\/option>/);
    expect(html).toContain("In strict mode every object must set");
    expect(html).toContain('value="lesson"');
    expect(html).toMatch(/checked=""[^>]*\/>reasoning\.encrypted_content/);
    expect(html).toMatch(/<option value="flex" selected="">/);
  });

  it.each([
    ["auto", 'value="auto" selected'],
    [{ type: "function", name: "get_weather" }, 'value="get_weather"'],
    [{ type: "file_search" }, '<option selected="">file_search</option>'],
    [
      { type: "allowed_tools", mode: "required", tools: [{ type: "function", name: "get_weather" }] },
      '<option selected="">required</option>',
    ],
  ])("tool_choice %j", (tool_choice, expected) => {
    const html = render(
      { ...base, tools: [{ type: "function", name: "get_weather", parameters: null, strict: false }], tool_choice },
      <ToolChoiceEditor />,
    );
    expect(html).toContain(expected);
  });
});

describe("Request JSON", () => {
  it("shows the body as indented JSON, with long data URLs shortened, and lists problems with their paths", () => {
    const body = {
      ...base,
      input: [{ role: "user", content: [{ type: "input_image", image_url: `data:image/png;base64,${"A".repeat(5000)}` }] }],
      temperature: 5,
    };
    const html = renderToStaticMarkup(
      <RequestJson body={body} onBody={() => {}} issues={validateRequest(body)} onSyntaxError={() => {}} />,
    );
    expect(html).toContain('aria-label="Request JSON"');
    expect(html).toContain("&quot;temperature&quot;: 5");
    expect(html).toContain("5,022 characters, shown shortened #1");
    expect(html).not.toContain("A".repeat(100));
    expect(html).toContain(">temperature</code>Must be at most 2 (it is 5).");
  });
});
