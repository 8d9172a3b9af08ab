/**
 * The exports are tested for real: the TypeScript one is type-checked with the repo's `tsc` (strict) and run with
 * node against the local engine over loopback HTTP, the curl one is run with bash against the same server, and the
 * Python one passes `python3 -m py_compile` (the Python SDK is not installable here, so it is not run).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCurl, toPython, toTypeScript } from "@/lib/export";
import { startLoopbackEngine, type Loopback } from "./loopback";
import { compilePython, compileTypeScript, runCompiled, runCurl, scratchDir } from "../support/exported-code";
import { WEATHER_TOOL } from "../support/tools";

const KEY = "test-key-from-the-environment";

const CASES: Record<string, Record<string, unknown>> = {
  plain: { model: "local-echo-1", input: "Say hello to the plain exporter", instructions: "Be brief." },
  streaming: {
    model: "local-echo-1",
    input: [{ role: "user", content: [{ type: "input_text", text: "Stream hello to the exporter, it's 你好" }] }],
    stream: true,
  },
  // `max_tool_calls` is not in this SDK version's types: it exercises the extra-field path (cast / extra_body).
  functions: {
    model: "local-echo-1",
    input: "What is the weather like in Boston today?",
    tools: [WEATHER_TOOL],
    tool_choice: "auto",
    max_tool_calls: 3,
  },
  functionsStreaming: { model: "local-echo-1", input: "Weather in Paris, streamed?", tools: [WEATHER_TOOL], stream: true },
};

const PROMPTS: Record<string, string> = {
  plain: "Say hello to the plain exporter",
  streaming: "Stream hello to the exporter, it's 你好",
  functions: "What is the weather like in Boston today?",
  functionsStreaming: "Weather in Paris, streamed?",
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

describe("exports run for real", () => {
  it("TypeScript: compiles under strict tsc and runs against the local engine, for plain, streaming and function-tool requests", async () => {
    const names = Object.keys(CASES);
    const sources = Object.fromEntries(names.map((name) => [name, toTypeScript(CASES[name] ?? {}, { baseUrl: engine.baseUrl })]));
    expect(await compileTypeScript(dir, sources)).toBe("");

    for (const name of names) {
      const before = engine.authorizations.length;
      const stdout = await runCompiled(dir, name, KEY);
      expect(stdout, name).toContain(PROMPTS[name]);
      expect(stdout, name).toContain("local engine");
      // The key came from the environment, as a bearer token.
      expect(
        engine.authorizations.slice(before).every((a) => a === `Bearer ${KEY}`),
        name,
      ).toBe(true);
      expect(engine.authorizations.length, name).toBeGreaterThan(before);
    }
  }, 60_000);

  it("curl: runs with bash against the local engine", async () => {
    for (const name of ["plain", "streaming", "functions"] as const) {
      const stdout = await runCurl(dir, name, toCurl(CASES[name] ?? {}, { baseUrl: engine.baseUrl }), KEY);
      if (name === "streaming") {
        expect(stdout).toContain("event: response.created");
        expect(stdout).toContain("event: response.completed");
      } else {
        const json = JSON.parse(stdout) as { status: string; output: Array<{ content?: Array<{ text?: string }> }> };
        expect(json.status, name).toBe("completed");
        if (name === "functions") {
          // One curl call is one turn: the engine answers a weather question with the function call itself.
          expect(json.output, name).toEqual([expect.objectContaining({ type: "function_call", name: "get_current_weather" })]);
          expect(JSON.parse((json.output[0] as { arguments: string }).arguments)).toMatchObject({ location: "Boston" });
        } else {
          expect(JSON.stringify(json.output), name).toContain(JSON.stringify(PROMPTS[name]).slice(1, -1));
        }
      }
      expect(engine.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
    }
  }, 30_000);

  it("Python: every variant passes python3 -m py_compile", async () => {
    for (const [name, body] of Object.entries(CASES)) {
      for (const baseUrl of [undefined, engine.baseUrl]) {
        await expect(
          compilePython(dir, `${name}${baseUrl ? "_base" : ""}`, toPython(body, { baseUrl })),
          `${name} ${baseUrl ?? ""}`,
        ).resolves.toBeUndefined();
      }
    }
  }, 30_000);
});
