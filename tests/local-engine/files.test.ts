import { describe, expect, it } from "vitest";
import OpenAI, { toFile } from "openai";
import { localEngineFetch } from "@/lib/local-engine";

const openai = new OpenAI({ apiKey: "local", baseURL: "http://local-engine/v1", fetch: localEngineFetch as typeof fetch, maxRetries: 0 });

describe("local engine files", () => {
  it("stores an uploaded file and lists, retrieves, serves and deletes it through the official SDK", async () => {
    const created = await openai.files.create({
      file: await toFile(Buffer.from("hello files\n"), "notes.txt", { type: "text/plain" }),
      purpose: "user_data",
    });
    expect(created).toMatchObject({ object: "file", filename: "notes.txt", bytes: 12, purpose: "user_data" });
    expect(created.id).toMatch(/^file-[0-9a-f]{24}$/);

    const listed = await openai.files.list();
    expect(listed.data.map((f) => f.id)).toContain(created.id);
    expect((await openai.files.retrieve(created.id)).filename).toBe("notes.txt");
    expect(await (await openai.files.content(created.id)).text()).toBe("hello files\n");

    const deleted = await openai.files.delete(created.id);
    expect(deleted).toMatchObject({ id: created.id, deleted: true });
    await expect(openai.files.retrieve(created.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("rejects an upload without a purpose or with an unknown one, naming the parameter", async () => {
    const form = new FormData();
    form.set("file", new Blob(["x"]), "x.txt");
    const missing = await localEngineFetch("http://local-engine/v1/files", { method: "POST", body: form });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe("purpose");

    form.set("purpose", "bogus");
    const bad = await localEngineFetch("http://local-engine/v1/files", { method: "POST", body: form });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_value");
  });

  it("rejects a body that is not multipart", async () => {
    const res = await localEngineFetch("http://local-engine/v1/files", {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(400);
  });
});
