/**
 * The exports are tested for real: the TypeScript one is type-checked with the repo's `tsc` (strict) and run with
 * node against the local engine over loopback HTTP, the curl one is run with bash against the same server, and the
 * Python one passes `python3 -m py_compile` (the Python SDK is not installable here, so it is not run).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCurl, toPython, toTypeScript } from "@/lib/export";
import { startLoopbackEngine, type Loopback } from "./loopback";
import { WEATHER_TOOL } from "../support/tools";

const run = promisify(execFile);
const repo = resolve(__dirname, "../..");
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
// Inside the repo (so `openai` and `@types/node` resolve from its node_modules), out of git's and tsc's way.
const cacheRoot = join(repo, "node_modules", ".cache");
let dir: string;

beforeAll(async () => {
  engine = await startLoopbackEngine();
  mkdirSync(cacheRoot, { recursive: true });
  dir = mkdtempSync(join(cacheRoot, "rp-export-"));
});

afterAll(async () => {
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("exports run for real", () => {
  it("TypeScript: compiles under strict tsc and runs against the local engine, for plain, streaming and function-tool requests", async () => {
    const names = Object.keys(CASES);
    for (const name of names) writeFileSync(join(dir, `${name}.mts`), toTypeScript(CASES[name] ?? {}, { baseUrl: engine.baseUrl }));
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          skipLibCheck: true,
          types: ["node"],
          typeRoots: [join(repo, "node_modules", "@types")],
          outDir: "out",
        },
        files: names.map((n) => `${n}.mts`),
      }),
    );
    const tsc = await run(process.execPath, [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], {
      cwd: dir,
    }).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? String(error),
      failed: true,
    }));
    expect("failed" in tsc ? `${tsc.stdout}${tsc.stderr}` : "").toBe("");

    for (const name of names) {
      const before = engine.authorizations.length;
      const { stdout } = await run(process.execPath, [join(dir, "out", `${name}.mjs`)], {
        cwd: dir,
        env: { ...process.env, OPENAI_API_KEY: KEY },
        timeout: 20_000,
      });
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
      const script = join(dir, `${name}.sh`);
      writeFileSync(script, toCurl(CASES[name] ?? {}, { baseUrl: engine.baseUrl }).replace(/^curl /m, "curl -sS --fail-with-body "));
      const { stdout } = await run("bash", [script], { env: { ...process.env, OPENAI_API_KEY: KEY }, timeout: 20_000 });
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
        const file = join(dir, `${name}${baseUrl ? "_base" : ""}.py`);
        writeFileSync(file, toPython(body, { baseUrl }));
        await expect(run("python3", ["-m", "py_compile", file]), `${name} ${baseUrl ?? ""}`).resolves.toBeDefined();
      }
    }
  }, 30_000);
});
