import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { parseCreateResponseBody } from "@/lib/local-engine/schema";
import { validateRequest } from "@/lib/request/validate";

/** The composer and the engine blame the same field for the same body (lib/request/issues.ts). */

function engineParam(body: unknown): string | null {
  try {
    parseCreateResponseBody(JSON.stringify(body));
  } catch (error) {
    if (error instanceof ApiError) return error.param;
    throw error;
  }
  return "(accepted)";
}

function composerPaths(body: unknown): string[] {
  return validateRequest(body)
    .filter((i) => i.severity === "error")
    .map((i) => i.path);
}

const grammar = (format: unknown) => ({ model: "m", input: "x", tools: [{ type: "custom", name: "t", format }] });

describe("one rule for which schema issue to blame", () => {
  it.each([
    // Used to disagree: the engine took the first branch's `type` mismatch, the composer the grammar's definition.
    [
      "a grammar format with an empty definition",
      grammar({ type: "grammar", syntax: "lark", definition: "" }),
      "tools[0].format.definition",
    ],
    ["a grammar format with an unknown syntax", grammar({ type: "grammar", syntax: "peg", definition: "x" }), "tools[0].format.syntax"],
    [
      "a code interpreter container object with a non-string file id",
      { model: "m", input: "x", tools: [{ type: "code_interpreter", container: { type: "auto", file_ids: [1] } }] },
      "tools[0].container.file_ids[0]",
    ],
    [
      "a function call output list with a bad part",
      { model: "m", input: [{ type: "function_call_output", call_id: "c", output: [{ type: "input_text", text: 5 }] }] },
      "input[0].output[0].text",
    ],
  ])("%s", (_name, body, expected) => {
    expect(engineParam(body)).toBe(expected);
    expect(composerPaths(body)).toContain(expected);
    expect(composerPaths(body)[0]).toBe(expected);
  });
});
