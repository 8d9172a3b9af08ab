import { describe, expect, it } from "vitest";
import { bodyToText, textToBody, ELIDE_AT } from "@/lib/request/json-text";
import { formatPath, getPath, jsonEqual, moveItem, setPath } from "@/lib/request/path";

/**
 * Form ↔ JSON sync. The composer keeps ONE state, the body; every form control reads and writes one path of it
 * (setPath/getPath), and the Request JSON textbox is bodyToText(body), parsed back with textToBody. These tests pin
 * the round trips the UI relies on.
 */

describe("form → body: controls write one path", () => {
  it("sets nested values, creating parents, without touching the original", () => {
    const body = { model: "m", input: "hi" };
    const next = setPath(body, ["reasoning", "effort"], "high");
    expect(next).toEqual({ model: "m", input: "hi", reasoning: { effort: "high" } });
    expect(body).toEqual({ model: "m", input: "hi" });
    expect(setPath({}, ["input", 0, "content", 0, "text"], "x")).toEqual({ input: [{ content: [{ text: "x" }] }] });
  });

  it("deletes a cleared parameter and the objects it leaves empty, so it is not sent", () => {
    const body = { model: "m", reasoning: { effort: "high" }, text: { format: { type: "text" }, verbosity: "low" } };
    expect(setPath(body, ["reasoning", "effort"], undefined)).toEqual({ model: "m", text: body.text });
    expect(setPath(body, ["text", "verbosity"], undefined)).toEqual({
      model: "m",
      reasoning: body.reasoning,
      text: { format: { type: "text" } },
    });
    expect(setPath({ metadata: { a: "1" } }, ["metadata", "a"], undefined)).toEqual({});
  });

  it("removes and reorders array items (messages, parts, tools)", () => {
    const body = { input: ["a", "b", "c"] };
    expect(setPath(body, ["input", 1], undefined)).toEqual({ input: ["a", "c"] });
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b"], 1, 5)).toEqual(["a", "b"]);
  });

  it("reads paths and formats them as the API names params", () => {
    const body = { input: [{ content: [{ image_url: "u" }] }] };
    expect(getPath(body, ["input", 0, "content", 0, "image_url"])).toBe("u");
    expect(getPath(body, ["input", 3, "content"])).toBeUndefined();
    expect(formatPath(["input", 1, "content", 0, "image_url"])).toBe("input[1].content[0].image_url");
    expect(formatPath(["tools", 0, "parameters"])).toBe("tools[0].parameters");
  });
});

describe("body ↔ Request JSON text", () => {
  it("shows the body as indented JSON and reads it back, unknown fields included", () => {
    const body = { model: "m", input: [{ role: "user", content: "hi" }], future_field: { a: [1, 2] } };
    const { text, elided } = bodyToText(body);
    expect(text).toBe(JSON.stringify(body, null, 2));
    expect(textToBody(text, elided)).toEqual({ ok: true, body });
  });

  it("shortens long data URLs in the text and restores them when parsing, even after other edits", () => {
    const dataUrl = `data:image/png;base64,${"A".repeat(ELIDE_AT * 3)}`;
    const body = { model: "m", input: [{ role: "user", content: [{ type: "input_image", image_url: dataUrl, detail: "auto" }] }] };
    const { text, elided } = bodyToText(body);
    expect(text.length).toBeLessThan(1000);
    expect(text).toContain("characters, shown shortened #1]");
    const edited = text.replace('"model": "m"', '"model": "gpt-4.1"');
    const parsed = textToBody(edited, elided);
    expect(parsed.ok && parsed.body).toEqual({ ...body, model: "gpt-4.1" });
    expect(parsed.ok && jsonEqual(parsed.body, { ...body, model: "gpt-4.1" })).toBe(true);
  });

  it("reports invalid JSON with its line and column, and non-objects in plain words", () => {
    const bad = textToBody('{\n  "model": "m",\n  "input": }', new Map());
    expect(bad).toEqual({
      ok: false,
      message: "Expected a value (a string, number, object, list, true, false or null).",
      line: 3,
      column: 12,
    });
    expect(textToBody(`{"a": 1,}`, new Map())).toMatchObject({ ok: false, message: "Trailing comma before '}'.", line: 1, column: 9 });
    expect(textToBody(`{"a": "x}`, new Map())).toMatchObject({
      ok: false,
      message: "A string is not closed: add the closing double quote.",
    });
    expect(textToBody("[1]", new Map())).toEqual({ ok: false, message: "The request must be a JSON object ({ … }).", line: 1, column: 1 });
    expect(textToBody("  ", new Map())).toMatchObject({ ok: false, message: "The request is empty: it must be a JSON object." });
  });

  it("compares JSON structurally (key order ignored)", () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
});
