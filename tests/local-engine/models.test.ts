import { describe, expect, it } from "vitest";
import { createJson, engine } from "./helpers";

describe("models", () => {
  it("lists the engine's own models", async () => {
    const res = await engine("/models");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const list = (await res.json()) as Record<string, any>;
    expect(list.object).toBe("list");
    expect(list.data.map((m: any) => m.id)).toEqual(["local-echo-1", "local-reasoner-1"]);
    for (const model of list.data) {
      expect(model).toEqual({ id: expect.any(String), object: "model", created: expect.any(Number), owned_by: "local-engine" });
    }
  });

  it("retrieves one model, and 404s a name that is not the engine's", async () => {
    const res = await engine("/models/local-reasoner-1");
    expect(((await res.json()) as any).id).toBe("local-reasoner-1");
    const missing = await engine("/models/gpt-4.1");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).error.code).toBe("model_not_found");
  });

  it("answers any model name in POST /responses and echoes it", async () => {
    for (const model of ["gpt-4.1", "o3", "meta-llama/Llama-3.1-8B-Instruct"]) {
      const { res, body } = await createJson({ model, input: "hi" });
      expect(res.status).toBe(200);
      expect(body.model).toBe(model);
    }
  });

  it("serves the route below any prefix that ends in /v1 (the Next route's /api/local/v1)", async () => {
    const { handleLocalEngineRequest } = await import("@/lib/local-engine");
    const res = await handleLocalEngineRequest(new Request("http://localhost:3000/api/local/v1/models"));
    expect(res.status).toBe(200);
  });
});
