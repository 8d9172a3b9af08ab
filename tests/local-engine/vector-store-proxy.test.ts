import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as listStores, POST as createStore } from "@/app/api/v1/vector_stores/route";
import { DELETE as deleteStore, GET as getStore } from "@/app/api/v1/vector_stores/[id]/route";
import { GET as listFiles, POST as attachFile } from "@/app/api/v1/vector_stores/[id]/files/route";
import { POST as search } from "@/app/api/v1/vector_stores/[id]/search/route";
import { putFile } from "@/lib/local-engine/files";

afterEach(() => {
  vi.unstubAllEnvs();
});

const req = (path: string, init: RequestInit = {}) => new Request(`http://playground.test/api/v1${path}`, init);
const params = <T>(p: T) => ({ params: Promise.resolve(p) });

describe("the proxy's /vector_stores routes reach the local engine without a key", () => {
  it("create, attach, list, search, retrieve, delete", async () => {
    vi.stubEnv("OPENAI_API_KEY", "");
    const file = await putFile({
      filename: "notes.txt",
      purpose: "assistants",
      bytes: new TextEncoder().encode("Owls hunt at night. Larks sing at dawn."),
      mimeType: "text/plain",
    });
    const created = await createStore(req("/vector_stores", { method: "POST", body: JSON.stringify({ name: "birds" }) }));
    expect(created.status).toBe(200);
    expect(created.headers.get("x-playground-upstream")).toBe("local");
    const store = (await created.json()) as { id: string };

    const attached = await attachFile(
      req(`/vector_stores/${store.id}/files`, { method: "POST", body: JSON.stringify({ file_id: file.id }) }),
      params({ id: store.id }),
    );
    expect(((await attached.json()) as { status: string }).status).toBe("completed");
    expect(
      ((await (await listFiles(req(`/vector_stores/${store.id}/files?limit=5`), params({ id: store.id }))).json()) as { data: unknown[] })
        .data,
    ).toHaveLength(1);
    expect(
      ((await (await listStores(req("/vector_stores?order=asc"))).json()) as { data: Array<{ id: string }> }).data.map((s) => s.id),
    ).toContain(store.id);

    const page = (await (
      await search(
        req(`/vector_stores/${store.id}/search`, { method: "POST", body: JSON.stringify({ query: "when do owls hunt" }) }),
        params({ id: store.id }),
      )
    ).json()) as {
      data: Array<{ content: Array<{ text: string }> }>;
    };
    expect(page.data[0]!.content[0]!.text).toContain("Owls hunt at night.");

    expect((await getStore(req(`/vector_stores/${store.id}`), params({ id: store.id }))).status).toBe(200);
    expect((await deleteStore(req(`/vector_stores/${store.id}`, { method: "DELETE" }), params({ id: store.id }))).status).toBe(200);
    expect((await getStore(req(`/vector_stores/${store.id}`), params({ id: store.id }))).status).toBe(404);
  });
});
