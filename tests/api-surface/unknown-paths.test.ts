import { describe, expect, it } from "vitest";
import { GET as catchAllGet, POST as catchAllPost, DELETE as catchAllDelete } from "@/app/api/v1/[...path]/route";
import { GET as getCreate, PUT as putCreate } from "@/app/api/v1/responses/route";
import { POST as postModels } from "@/app/api/v1/models/route";
import { PATCH as patchResponse } from "@/app/api/v1/responses/[id]/route";

/** Issue 16 item 10: every wrong path or method under /api/v1 answers in the API's error shape, never HTML. */

const at = (path: string, method: string) => new Request(`http://playground.test/api/v1${path}`, { method });

async function errorOf(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return ((await res.json()) as { error: Record<string, unknown> }).error;
}

describe("unknown paths and methods under /api/v1", () => {
  it("an unknown path is a JSON 404 worded like OpenAI's", async () => {
    const res = catchAllPost(at("/foo", "POST"));
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ message: "Invalid URL (POST /v1/foo)", type: "invalid_request_error", code: null, param: null });
  });

  it("names the method and the nested path", async () => {
    expect((await errorOf(catchAllGet(at("/responses/resp_1/nope", "GET")))).message).toBe("Invalid URL (GET /v1/responses/resp_1/nope)");
    expect(catchAllDelete(at("/x", "DELETE")).status).toBe(404);
  });

  it("a known path with a wrong method is a JSON 405 with Allow", async () => {
    for (const [res, allow] of [
      [getCreate(at("/responses", "GET")), "POST"],
      [putCreate(at("/responses", "PUT")), "POST"],
      [postModels(at("/models", "POST")), "GET"],
      [patchResponse(at("/responses/resp_1", "PATCH")), "GET, DELETE"],
    ] as const) {
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe(allow);
      const error = await errorOf(res);
      expect(error).toMatchObject({ type: "invalid_request_error", code: null, param: null });
      expect(error.message).toMatch(/^Method [A-Z]+ is not allowed for \/v1\//);
    }
  });
});
