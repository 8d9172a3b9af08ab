import { describe, expect, it } from "vitest";
import { createJson, engine } from "./helpers";

describe("stored responses", () => {
  it("can be retrieved by id (store defaults to true)", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input: "keep me" });
    expect(created.store).toBe(true);
    const res = await engine(`/responses/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await res.json()).toEqual(created);
  });

  it("are not kept with store: false", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input: "do not keep me", store: false });
    expect(created.store).toBe(false);
    expect(created.status).toBe("completed");
    const res = await engine(`/responses/${created.id}`);
    expect(res.status).toBe(404);
  });

  it("can be deleted, after which they are gone", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input: "delete me" });
    const del = await engine(`/responses/${created.id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ id: created.id, object: "response", deleted: true });
    expect((await engine(`/responses/${created.id}`)).status).toBe(404);
    expect((await engine(`/responses/${created.id}/input_items`)).status).toBe(404);
    expect((await engine(`/responses/${created.id}`, { method: "DELETE" })).status).toBe(404);
  });
});

describe("GET /responses/{id}/input_items", () => {
  const input = [
    { role: "developer", content: "Be terse." },
    {
      role: "user",
      content: [
        { type: "input_text", text: "first" },
        { type: "input_image", image_url: "https://example.com/a.png" },
      ],
    },
    { type: "function_call_output", call_id: "call_1", output: "42" },
    { role: "assistant", content: "an earlier answer" },
    { type: "message", role: "user", content: "last" },
  ];

  it("lists this response's input items with ids, newest first by default", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input });
    const res = await engine(`/responses/${created.id}/input_items`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Record<string, any>;
    expect(page.object).toBe("list");
    expect(page.has_more).toBe(false);
    expect(page.data).toHaveLength(5);
    expect(page.data[0]).toMatchObject({ type: "message", role: "user", content: [{ type: "input_text", text: "last" }] });
    expect(page.data[4]).toMatchObject({ type: "message", role: "developer", content: [{ type: "input_text", text: "Be terse." }] });
    expect(page.data[3].content[1]).toEqual({ type: "input_image", image_url: "https://example.com/a.png", detail: "auto" });
    expect(page.data[2]).toMatchObject({ type: "function_call_output", call_id: "call_1", output: "42" });
    expect(page.data[1]).toMatchObject({
      role: "assistant",
      content: [{ type: "output_text", text: "an earlier answer", annotations: [] }],
    });
    for (const item of page.data) expect(item.id).toEqual(expect.any(String));
    expect(page.first_id).toBe(page.data[0].id);
    expect(page.last_id).toBe(page.data[4].id);
  });

  it("pages with limit, order=asc and after", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input });
    const all = (await (await engine(`/responses/${created.id}/input_items?order=asc`)).json()) as Record<string, any>;
    const ids = all.data.map((item: any) => item.id);

    const page1 = (await (await engine(`/responses/${created.id}/input_items?order=asc&limit=2`)).json()) as Record<string, any>;
    expect(page1.data.map((i: any) => i.id)).toEqual(ids.slice(0, 2));
    expect(page1.has_more).toBe(true);
    const page2 = (await (await engine(`/responses/${created.id}/input_items?order=asc&limit=2&after=${page1.last_id}`)).json()) as Record<
      string,
      any
    >;
    expect(page2.data.map((i: any) => i.id)).toEqual(ids.slice(2, 4));
    const page3 = (await (await engine(`/responses/${created.id}/input_items?order=asc&limit=2&after=${page2.last_id}`)).json()) as Record<
      string,
      any
    >;
    expect(page3.data.map((i: any) => i.id)).toEqual(ids.slice(4));
    expect(page3.has_more).toBe(false);
  });

  it("turns a string input into one user message", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input: "just text" });
    const page = (await (await engine(`/responses/${created.id}/input_items`)).json()) as Record<string, any>;
    expect(page.data).toEqual([
      {
        id: expect.stringMatching(/^msg_/),
        type: "message",
        role: "user",
        status: "completed",
        content: [{ type: "input_text", text: "just text" }],
      },
    ]);
  });

  it.each([
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["order=up", "order"],
    ["after=msg_nope", "after"],
  ])("rejects %s with 400 naming the parameter", async (query, param) => {
    const { body: created } = await createJson({ model: "local-echo-1", input: "x" });
    const res = await engine(`/responses/${created.id}/input_items?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.param).toBe(param);
  });
});

describe("background responses and cancel", () => {
  it("runs detached, can be cancelled, and cancelling again returns the same response", async () => {
    const res = await engine("/responses", { json: { model: "local-echo-1", input: "slow please", background: true }, delayMs: 1000 });
    const created = (await res.json()) as Record<string, any>;
    expect(created.background).toBe(true);
    expect(created.status).toBe("queued");

    const cancel = await engine(`/responses/${created.id}/cancel`, { method: "POST" });
    expect(cancel.status).toBe(200);
    const cancelled = (await cancel.json()) as Record<string, any>;
    expect(cancelled.status).toBe("cancelled");
    const again = (await (await engine(`/responses/${created.id}/cancel`, { method: "POST" })).json()) as Record<string, any>;
    expect(again.status).toBe("cancelled");
    expect(((await (await engine(`/responses/${created.id}`)).json()) as any).status).toBe("cancelled");
  });

  it("finishes on its own and can be replayed as a stream from a sequence number", async () => {
    const res = await engine("/responses", { json: { model: "local-echo-1", input: "replay me", background: true } });
    const created = (await res.json()) as Record<string, any>;
    const replay = await engine(`/responses/${created.id}?stream=true&starting_after=2`);
    expect(replay.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const text = await replay.text();
    const seqs = [...text.matchAll(/"sequence_number":(\d+)/g)].map((m) => Number(m[1]));
    expect(seqs[0]).toBe(3);
    expect(text).toContain("event: response.completed");
    expect(((await (await engine(`/responses/${created.id}`)).json()) as any).status).toBe("completed");
  });

  it("refuses to cancel a response that was not created in background", async () => {
    const { body: created } = await createJson({ model: "local-echo-1", input: "foreground" });
    const res = await engine(`/responses/${created.id}/cancel`, { method: "POST" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.type).toBe("invalid_request_error");
  });

  it("requires store for background mode", async () => {
    const { res, body } = await createJson({ model: "local-echo-1", input: "x", background: true, store: false });
    expect(res.status).toBe(400);
    expect(body.error.param).toBe("store");
  });
});
