import { describe, expect, it } from "vitest";
import { createJson, engine } from "./helpers";

async function errorOf(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("x-request-id")).toMatch(/^req_/);
  const body = (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);
  return body.error;
}

describe("request validation errors use the API error shape", () => {
  it("400 for a body that is not JSON", async () => {
    const res = await engine("/responses", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
    expect(error.message).toMatch(/not valid JSON/);
  });

  it.each([["[]"], ["42"], ['"text"'], ["null"]])("400 for a JSON body that is not an object: %s", async (raw) => {
    const res = await engine("/responses", { method: "POST", body: raw });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.type).toBe("invalid_request_error");
    expect(error.message).toMatch(/expected a JSON object/);
  });

  it("400 missing_required_parameter when model is missing or empty", async () => {
    for (const body of [{ input: "hi" }, { model: "", input: "hi" }]) {
      const res = await engine("/responses", { json: body });
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toEqual({
        message: "Missing required parameter: 'model'.",
        type: "invalid_request_error",
        param: "model",
        code: "missing_required_parameter",
      });
    }
  });

  it("400 invalid_type when model is not a string", async () => {
    const res = await engine("/responses", { json: { model: 42, input: "hi" } });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ param: "model", code: "invalid_type" });
  });

  it.each([
    ["temperature", 2.5, "decimal_above_max_value"],
    ["temperature", -0.1, "decimal_below_min_value"],
    ["top_p", 1.5, "decimal_above_max_value"],
    ["top_p", -1, "decimal_below_min_value"],
    ["max_output_tokens", 15, "integer_below_min_value"],
    ["max_output_tokens", 0, "integer_below_min_value"],
    ["top_logprobs", 21, "integer_above_max_value"],
  ])("400 naming %s when it is %s", async (field, value, code) => {
    const res = await engine("/responses", { json: { model: "local-echo-1", input: "hi", [field]: value } });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error).toMatchObject({ type: "invalid_request_error", param: field, code });
    expect(error.message).toContain(String(value));
  });

  it("accepts the boundaries (temperature 0 and 2, top_p 0 and 1, max_output_tokens 16)", async () => {
    for (const extra of [{ temperature: 0 }, { temperature: 2 }, { top_p: 0 }, { top_p: 1 }, { max_output_tokens: 16 }]) {
      const { res } = await createJson({ model: "local-echo-1", input: "hi", ...extra });
      expect(res.status).toBe(200);
    }
  });

  it("400 naming the input path for a malformed message", async () => {
    const res = await engine("/responses", {
      json: {
        model: "m",
        input: [
          { role: "user", content: "ok" },
          { role: "user", content: 7 },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).param).toBe("input[1].content");
    const res2 = await engine("/responses", { json: { model: "m", input: [{ role: "robot", content: "hi" }] } });
    expect((await errorOf(res2)).param).toBe("input[0].role");
  });

  // Unknown content part types are a 400 since issue 16 (tests/api-surface/content-parts.test.ts): the engine cannot read them.
  it("accepts unknown fields and unknown input item types", async () => {
    const { res, body } = await createJson({
      model: "local-echo-1",
      input: [
        { type: "some_future_item", payload: { a: 1 } },
        { role: "user", content: [{ type: "input_text", text: "hi", future_field: 1 }] },
      ],
      some_future_parameter: { enabled: true },
    });
    expect(res.status).toBe(200);
    expect(body.status).toBe("completed");
  });
});

describe("lookup and routing errors", () => {
  it("404 for an unknown response id", async () => {
    for (const path of ["/responses/resp_nope", "/responses/resp_nope/input_items"]) {
      const res = await engine(path);
      expect(res.status).toBe(404);
      expect(await errorOf(res)).toEqual({
        message: "Response with id 'resp_nope' not found.",
        type: "invalid_request_error",
        param: null,
        code: null,
      });
    }
    expect((await engine("/responses/resp_nope", { method: "DELETE" })).status).toBe(404);
    expect((await engine("/responses/resp_nope/cancel", { method: "POST" })).status).toBe(404);
  });

  it("404 for an unknown path", async () => {
    const res = await engine("/nothing/here");
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toBe("Invalid URL (GET /v1/nothing/here)");
  });

  it("405 with an allow header for a known path and the wrong method", async () => {
    const res = await engine("/responses");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect((await errorOf(res)).type).toBe("invalid_request_error");
  });
});
