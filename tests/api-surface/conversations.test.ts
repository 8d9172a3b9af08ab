import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { SURFACES } from "./helpers";

/** Issue 16 item 5: the Conversations API and `conversation` on `POST /responses`, through the official SDK. */

describe.each(SURFACES)("conversations through %s", (_name, makeClient) => {
  it("create with items and metadata, retrieve, update metadata, delete", async () => {
    const client = makeClient();
    const created = await client.conversations.create({
      items: [{ type: "message", role: "user", content: "Hello there" }],
      metadata: { topic: "greeting" },
    });
    expect(created).toMatchObject({ object: "conversation", metadata: { topic: "greeting" } });
    expect(created.id).toMatch(/^conv_/);
    expect(await client.conversations.retrieve(created.id)).toEqual(created);
    const updated = await client.conversations.update(created.id, { metadata: { topic: "farewell" } });
    expect(updated.metadata).toEqual({ topic: "farewell" });
    expect(await client.conversations.delete(created.id)).toEqual({ id: created.id, object: "conversation.deleted", deleted: true });
    const error = await client.conversations.retrieve(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("items: create, list with after/limit/order, retrieve, delete", async () => {
    const client = makeClient();
    const conversation = await client.conversations.create({});
    const added = await client.conversations.items.create(conversation.id, {
      items: ["one", "two", "three"].map((text) => ({ type: "message" as const, role: "user" as const, content: text })),
    });
    expect(added.data).toHaveLength(3);
    const ids = added.data.map((item) => item.id);

    const firstPage = await client.conversations.items.list(conversation.id, { order: "asc", limit: 2 });
    expect(firstPage.data.map((item) => item.id)).toEqual(ids.slice(0, 2));
    expect(firstPage.has_more).toBe(true);
    const secondPage = await client.conversations.items.list(conversation.id, { order: "asc", limit: 2, after: ids[1] });
    expect(secondPage.data.map((item) => item.id)).toEqual(ids.slice(2));
    const newestFirst = await client.conversations.items.list(conversation.id);
    expect(newestFirst.data.map((item) => item.id)).toEqual([...ids].reverse());

    const one = await client.conversations.items.retrieve(ids[0]!, { conversation_id: conversation.id });
    expect(one).toMatchObject({ id: ids[0], type: "message", role: "user" });
    const after = await client.conversations.items.delete(ids[0]!, { conversation_id: conversation.id });
    expect(after.id).toBe(conversation.id);
    const left = await client.conversations.items.list(conversation.id, { order: "asc" });
    expect(left.data.map((item) => item.id)).toEqual(ids.slice(1));
  });

  it("responses in a conversation see its items and append their input and output", async () => {
    const client = makeClient();
    const conversation = await client.conversations.create({
      items: [{ type: "message", role: "user", content: "My name is Ada." }],
    });
    const first = await client.responses.create({ model: "m", conversation: conversation.id, input: "What is my name?" });
    expect(first.conversation).toEqual({ id: conversation.id });
    const second = await client.responses.create({ model: "m", conversation: { id: conversation.id }, input: "And again?" });
    expect(second.status).toBe("completed");
    const items = await client.conversations.items.list(conversation.id, { order: "asc" });
    const texts = items.data.map((item) => (item.type === "message" ? item.role : item.type));
    expect(texts).toEqual(["user", "user", "assistant", "user", "assistant"]);
    expect(items.data[2]?.id).toBe(first.output[0]?.id);

    const error = await client.responses.create({ model: "m", conversation: "conv_missing", input: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
