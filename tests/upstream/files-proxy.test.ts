import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as listFiles, POST as uploadFile } from "@/app/api/v1/files/route";
import { DELETE as deleteFile, GET as getFile } from "@/app/api/v1/files/[id]/route";
import { GET as getContent } from "@/app/api/v1/files/[id]/content/route";
import { forward } from "@/lib/upstream/forward";

afterEach(() => vi.unstubAllEnvs());

function multipart(name: string, content: string, type = "text/plain"): Request {
  const form = new FormData();
  form.set("purpose", "user_data");
  form.set("file", new Blob([content], { type }), name);
  return new Request("http://playground.test/api/v1/files", { method: "POST", body: form });
}

describe("the files proxy", () => {
  it("uploads through to the local engine, then lists, retrieves, serves and deletes", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const res = await uploadFile(multipart("hello.txt", "hello proxy"));
    expect(res.status).toBe(200);
    const file = (await res.json()) as { id: string; filename: string; bytes: number };
    expect(file).toMatchObject({ filename: "hello.txt", bytes: 11 });
    const params = { params: Promise.resolve({ id: file.id }) };

    const list = (await (await listFiles(new Request("http://playground.test/api/v1/files?purpose=user_data"))).json()) as {
      data: Array<{ id: string }>;
    };
    expect(list.data.map((f) => f.id)).toContain(file.id);
    expect(((await (await getFile(new Request("http://p.test"), params)).json()) as { filename: string }).filename).toBe("hello.txt");
    expect(await (await getContent(new Request("http://p.test"), params)).text()).toBe("hello proxy");
    expect((await deleteFile(new Request("http://p.test", { method: "DELETE" }), params)).status).toBe(200);
    expect((await getFile(new Request("http://p.test"), params)).status).toBe(404);
  });

  it("refuses a body that is not multipart", async () => {
    const res = await uploadFile(
      new Request("http://p.test/api/v1/files", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }),
    );
    expect(res.status).toBe(400);
  });

  it("streams a multipart body upstream unchanged, with its own content type and boundary", async () => {
    const incoming = multipart("a.csv", "x,y\n1,2\n", "text/csv");
    const contentType = incoming.headers.get("content-type") ?? "";
    const expected = await incoming.clone().text();
    let seen: { body: string; type: string | null; duplex: unknown } | null = null;
    const fake = (async (_url: string, init: RequestInit & { duplex?: string }) => {
      seen = { body: await new Response(init.body).text(), type: new Headers(init.headers).get("content-type"), duplex: init.duplex };
      return Response.json({ id: "file-1" });
    }) as unknown as typeof fetch;
    const res = await forward(
      incoming,
      { kind: "openai", baseUrl: "https://api.example.test/v1", fetch: fake, apiKey: "sk-test-123456" },
      {
        method: "POST",
        path: "/files",
        body: incoming.body ?? undefined,
        contentType,
      },
    );
    expect(res.status).toBe(200);
    expect(seen).toEqual({ body: expected, type: contentType, duplex: "half" });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
  });
});
