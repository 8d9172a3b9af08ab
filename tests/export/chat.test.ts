/**
 * The Chat Completions exports, tested for real like the Responses ones: TypeScript type-checked with strict tsc and
 * run with node against the local engine over loopback HTTP, curl run with bash, Python through py_compile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toChatCurl, toChatPython, toChatTypeScript } from "@/lib/export/chat";
import { startLoopbackEngine, type Loopback } from "./loopback";
import { compilePython, compileTypeScript, runCompiled, runCurl, scratchDir } from "../support/exported-code";

const KEY = "test-key-from-the-environment";
const PNG_1PX = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const WEATHER = {
  type: "function",
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { location: { type: "string" } }, required: ["location"], additionalProperties: false },
  strict: true,
};

const CASES: Record<string, Record<string, unknown>> = {
  plain: {
    model: "local-echo-1",
    instructions: "Be brief.",
    input: "Say hello to the chat exporter",
    max_output_tokens: 500,
    reasoning: { effort: "low", summary: "auto" },
  },
  streaming: {
    model: "local-echo-1",
    input: [
      {
        role: "user",
        content: [
          { type: "input_text", text: "Stream chat hello as JSON, it's 你好" },
          { type: "input_image", image_url: PNG_1PX, detail: "low" },
        ],
      },
    ],
    text: { format: { type: "json_object" } },
    stream: true,
  },
  functions: {
    model: "local-echo-1",
    input: "What is the weather in Boston today?",
    tools: [WEATHER, { type: "web_search" }],
    tool_choice: "auto",
    stream: true,
  },
};
const PROMPTS: Record<string, string> = {
  plain: "Say hello to the chat exporter",
  streaming: "Stream chat hello as JSON, it's 你好",
  functions: "get_weather",
};

let engine: Loopback;
let dir: string;
let removeDir: (() => void) | undefined;

beforeAll(async () => {
  engine = await startLoopbackEngine();
  ({ dir, remove: removeDir } = scratchDir());
});

afterAll(async () => {
  await engine?.close();
  removeDir?.();
});

describe("Chat Completions code export", () => {
  it("lists what was not translated at the top, and calls /chat/completions", () => {
    const code = toChatTypeScript(CASES.plain!);
    expect(code).toMatch(/^\/\/ Not sent:/);
    expect(code).toContain("reasoning.summary");
    expect(code).toContain("max_completion_tokens: 500");
    expect(toChatCurl(CASES.plain!)).toContain("https://api.openai.com/v1/chat/completions");
    expect(toChatPython(CASES.functions!)).toContain("tools[1]: Chat Completions has no web search tool");
  });

  it("TypeScript: compiles under strict tsc and runs against the local engine (plain, streaming with an image, function round trip)", async () => {
    const names = Object.keys(CASES);
    const sources = Object.fromEntries(names.map((name) => [name, toChatTypeScript(CASES[name]!, { baseUrl: engine.baseUrl })]));
    expect(await compileTypeScript(dir, sources)).toBe("");
    for (const name of names) {
      const stdout = await runCompiled(dir, name, KEY);
      expect(stdout, name).toContain(PROMPTS[name]);
      expect(engine.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
    }
  }, 60_000);

  it("curl: runs with bash against the local engine", async () => {
    const stdout = await runCurl(dir, "stream", toChatCurl(CASES.streaming!, { baseUrl: engine.baseUrl }), KEY);
    expect(stdout).toContain('"object":"chat.completion.chunk"');
    expect(stdout.trimEnd().endsWith("data: [DONE]")).toBe(true);
  }, 30_000);

  it("Python: every variant passes python3 -m py_compile", async () => {
    for (const [name, body] of Object.entries(CASES)) {
      await expect(compilePython(dir, `${name}_chat`, toChatPython(body, { baseUrl: engine.baseUrl })), name).resolves.toBeUndefined();
    }
  }, 30_000);
});
