import OpenAI from "openai";
import { describe, expect, it, vi } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";

/** The official `openai` SDK (6.x) as an independent client of the engine, reached in-process. */
const client = new OpenAI({
  apiKey: "test",
  baseURL: "http://local-engine/v1",
  fetch: localEngineFetch as any,
  maxRetries: 0,
  defaultHeaders: { "x-local-engine-delay-ms": "0" },
});

describe("official openai SDK against the local engine", () => {
  it("responses.stream(): finalResponse().output_text equals the concatenated deltas", async () => {
    const stream = client.responses.stream({ model: "local-echo-1", input: "Stream through the SDK, please.", instructions: "Be kind." });
    let text = "";
    const types: string[] = [];
    stream.on("response.output_text.delta", (event) => {
      text += event.delta;
    });
    stream.on("event", (event) => {
      types.push(event.type);
    });
    const final = await stream.finalResponse();
    expect(final.status).toBe("completed");
    expect(text.length).toBeGreaterThan(100);
    expect(final.output_text).toBe(text);
    expect(types[0]).toBe("response.created");
    expect(types[types.length - 1]).toBe("response.completed");
  });

  it("responses.create({stream: true}) yields every event in sequence", async () => {
    const stream = await client.responses.create({ model: "local-echo-1", input: "raw iteration", stream: true });
    const seqs: number[] = [];
    const types: string[] = [];
    for await (const event of stream) {
      seqs.push(event.sequence_number);
      types.push(event.type);
    }
    // Not vacuous: a whole answer arrived (created … deltas … completed), numbered 0, 1, 2, … without a gap.
    expect(seqs.length).toBeGreaterThan(5);
    expect(types[0]).toBe("response.created");
    expect(types).toContain("response.output_text.delta");
    expect(types[types.length - 1]).toBe("response.completed");
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it("create (non-streaming), retrieve, inputItems.list and delete", async () => {
    const created = await client.responses.create({
      model: "gpt-4.1",
      input: [
        { role: "user", content: "first" },
        { role: "user", content: [{ type: "input_text", text: "second" }] },
      ],
    });
    expect(created.status).toBe("completed");
    expect(created.output_text).toContain("> second");
    expect(created._request_id).toMatch(/^req_/);

    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.output_text).toBe(created.output_text);

    const items = [];
    for await (const item of client.responses.inputItems.list(created.id, { order: "asc", limit: 1 })) items.push(item);
    expect(items.map((item) => (item.type === "message" ? item.content[0] : null))).toEqual([
      { type: "input_text", text: "first" },
      { type: "input_text", text: "second" },
    ]);

    await client.responses.delete(created.id);
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("continues a conversation with previous_response_id", async () => {
    const first = await client.responses.create({ model: "local-echo-1", input: "Remember the word banana." });
    const second = await client.responses.create({ model: "local-echo-1", input: "Which word?", previous_response_id: first.id });
    expect(second.output_text).toContain("«Remember the word banana.»");
  });

  it("reports API errors as typed SDK errors", async () => {
    const error = await client.responses.create({ model: "local-echo-1", input: "x", temperature: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("temperature");
  });

  it("models.list and models.retrieve", async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain("local-echo-1");
    expect((await client.models.retrieve("local-echo-1")).owned_by).toBe("local-engine");
  });

  it("aborting a streamed call through the SDK cancels the stored response", async () => {
    const slow = new OpenAI({
      apiKey: "test",
      baseURL: "http://local-engine/v1",
      fetch: localEngineFetch as any,
      maxRetries: 0,
      defaultHeaders: { "x-local-engine-delay-ms": "5" },
    });
    const stream = slow.responses.stream({ model: "local-echo-1", input: "abort me via the SDK" });
    let id = "";
    let deltaCount = 0;
    await new Promise<void>((resolve) => {
      stream.on("response.created", (e) => {
        id = e.response.id;
      });
      stream.on("response.output_text.delta", () => {
        deltaCount += 1;
        if (deltaCount === 3) {
          stream.abort();
          resolve();
        }
      });
    });
    await stream.finalResponse().catch(() => undefined);
    expect(id).not.toBe("");
    // The engine learns of the abort when the body is cancelled, a moment after the SDK stops: wait for the stored
    // response to leave in_progress (bounded), never for a fixed time.
    await vi.waitFor(
      async () => {
        expect((await client.responses.retrieve(id)).status).not.toBe("in_progress");
      },
      { timeout: 5_000, interval: 5 },
    );
    expect((await client.responses.retrieve(id)).status).toBe("cancelled");
  });
});
