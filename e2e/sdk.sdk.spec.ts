import { expect, test } from "@playwright/test";
import OpenAI from "openai";

/** The official SDK as an independent client of both surfaces, over real HTTP against the built app. */
for (const surface of ["/api/local/v1", "/api/v1"] as const) {
  test.describe(`openai SDK against ${surface}`, () => {
    const client = (baseURL: string | undefined) =>
      new OpenAI({
        apiKey: surface === "/api/v1" ? "unused-no-key-means-local" : "local",
        baseURL: `${baseURL}${surface}`,
        maxRetries: 0,
        // The proxy would forward a caller's key to OpenAI; ask it for the local engine explicitly.
        defaultHeaders: { "x-playground-upstream": "local", "x-local-engine-delay-ms": "0" },
      });

    test("responses.stream() then finalResponse() gives exactly the concatenated deltas", async ({ baseURL }) => {
      const openai = client(baseURL);
      const stream = openai.responses.stream({ model: "local-echo-1", input: "Tell me about streams, 你好 🌍", instructions: "Be brief." });
      let deltas = "";
      const types: string[] = [];
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === "response.output_text.delta") deltas += event.delta;
      }
      const final = await stream.finalResponse();
      expect(final.status).toBe("completed");
      expect(deltas.length).toBeGreaterThan(20);
      expect(final.output_text).toBe(deltas);
      expect(types[0]).toBe("response.created");
      expect(types.at(-1)).toBe("response.completed");
    });

    test("non-streaming create, then retrieve by id", async ({ baseURL }) => {
      const openai = client(baseURL);
      const created = await openai.responses.create({ model: "local-echo-1", input: "Count these five words please" });
      expect(created.status).toBe("completed");
      expect(created.output_text).toContain("Count these five words please");
      const again = await openai.responses.retrieve(created.id);
      expect(again.id).toBe(created.id);
      expect(again.output_text).toBe(created.output_text);
    });

    test("errors arrive in the API's shape as SDK errors", async ({ baseURL }) => {
      const openai = client(baseURL);
      const err = await openai.responses.create({ model: "local-echo-1", input: "x", max_output_tokens: 3 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("max_output_tokens");
      const missing = await openai.responses.retrieve("resp_does_not_exist").catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    });
  });
}

test("the proxy answers invalid JSON and a missing model with 400 in the API's error shape", async ({ request }) => {
  const bad = await request.post("/api/v1/responses", { data: "{oops", headers: { "content-type": "application/json" } });
  expect(bad.status()).toBe(400);
  const badJson = (await bad.json()) as { error: Record<string, unknown> };
  expect(Object.keys(badJson.error).sort()).toEqual(["code", "message", "param", "type"]);

  const missing = await request.post("/api/v1/responses", { data: { input: "hi" } });
  expect(missing.status()).toBe(400);
  expect(((await missing.json()) as { error: { param: string } }).error.param).toBe("model");
});
