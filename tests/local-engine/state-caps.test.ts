import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleLocalEngineRequest } from "@/lib/local-engine";
import { getEngineDb } from "@/lib/store";

/**
 * What the engine keeps is capped by bytes as well as count, evicted fairly (a client over its share loses its own
 * oldest first, never everyone else's), a file's text is kept once whatever number of stores hold it, and a deleted
 * file leaves every vector store. Each test uses its own SQLite file and small caps.
 */

const saved = { ...process.env };
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "rp-caps-"));
});
afterAll(() => {
  process.env = saved;
  rmSync(dir, { recursive: true, force: true });
});

function useDatabase(name: string, caps: Record<string, string>): void {
  process.env = { ...saved, DATABASE_URL: `file:${join(dir, `${name}.db`)}`, ...caps };
}

function call(path: string, client: string, init: { method?: string; json?: unknown; body?: BodyInit } = {}): Promise<Response> {
  const headers = new Headers({ "x-forwarded-for": client, "x-local-engine-delay-ms": "0" });
  if (init.json !== undefined) headers.set("content-type", "application/json");
  return handleLocalEngineRequest(
    new Request(`http://local-engine/v1${path}`, {
      method: init.method ?? (init.json !== undefined || init.body ? "POST" : "GET"),
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    }),
  );
}

async function respond(client: string, input: string): Promise<string> {
  const res = await call("/responses", client, { json: { model: "local-echo-1", input } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function upload(client: string, text: string, name = "notes.txt"): Promise<string> {
  const form = new FormData();
  form.set("purpose", "assistants");
  form.set("file", new Blob([text], { type: "text/plain" }), name);
  const res = await call("/files", client, { body: form });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

describe("stored responses", () => {
  it("are capped by bytes, and a client filling the cap loses its own oldest responses, not another client's", async () => {
    useDatabase("responses-bytes", { ENGINE_MAX_RESPONSE_BYTES: "400kb", ENGINE_MAX_RESPONSES: "1000" });
    const other = await respond("198.51.100.7", "A short question from someone else.");
    const big = "word ".repeat(20_000); // ~100 KB of input each
    const mine: string[] = [];
    for (let i = 0; i < 10; i++) mine.push(await respond("203.0.113.66", `${i} ${big}`));
    expect((await call(`/responses/${other}`, "198.51.100.7")).status).toBe(200);
    expect((await call(`/responses/${mine[0]}`, "203.0.113.66")).status).toBe(404);
    expect((await call(`/responses/${mine.at(-1)}`, "203.0.113.66")).status).toBe(200);
    const [total] = await getEngineDb().query("SELECT SUM(size_bytes) AS b FROM engine_responses");
    expect(Number(total?.b)).toBeLessThanOrEqual(400 * 1024);
  });

  it("are capped by count, evicting the client with the most responses first", async () => {
    useDatabase("responses-count", { ENGINE_MAX_RESPONSES: "5" });
    const other = await respond("198.51.100.8", "Mine, and only one.");
    const mine: string[] = [];
    for (let i = 0; i < 8; i++) mine.push(await respond("203.0.113.67", `flood ${i}`));
    expect((await call(`/responses/${other}`, "x")).status).toBe(200);
    expect((await call(`/responses/${mine[0]}`, "x")).status).toBe(404);
    const [count] = await getEngineDb().query("SELECT COUNT(*) AS n FROM engine_responses");
    expect(Number(count?.n)).toBe(5);
  });
});

describe("files and vector stores", () => {
  it("files are capped by bytes, and the client over the cap loses its own oldest files first", async () => {
    useDatabase("files-bytes", { ENGINE_MAX_FILE_BYTES: "1mb" });
    const other = await upload("198.51.100.9", "A small file someone else needs.");
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) mine.push(await upload("203.0.113.68", `${i} ${"x".repeat(300 * 1024)}`));
    expect((await call(`/files/${other}`, "x")).status).toBe(200);
    expect((await call(`/files/${mine[0]}`, "x")).status).toBe(404);
    expect((await call(`/files/${mine.at(-1)}`, "x")).status).toBe(200);
  });

  it("vector stores are capped by count, and another client's store survives a flood", async () => {
    useDatabase("stores-count", { ENGINE_MAX_VECTOR_STORES: "4" });
    const created = async (client: string) =>
      ((await (await call("/vector_stores", client, { json: { name: client } })).json()) as { id: string }).id;
    const other = await created("198.51.100.10");
    const mine: string[] = [];
    for (let i = 0; i < 6; i++) mine.push(await created("203.0.113.69"));
    expect((await call(`/vector_stores/${other}`, "x")).status).toBe(200);
    expect((await call(`/vector_stores/${mine[0]}`, "x")).status).toBe(404);
  });

  it("a file in many vector stores is kept once: the stores hold no copy of its text", async () => {
    useDatabase("shared-text", {});
    const text = "Otters hold hands while they sleep. ".repeat(3000); // ~100 KB
    const fileId = await upload("198.51.100.11", text);
    for (let i = 0; i < 20; i++) expect((await call("/vector_stores", "c", { json: { file_ids: [fileId] } })).status).toBe(200);
    const [files] = await getEngineDb().query("SELECT SUM(size_bytes) AS b FROM engine_files");
    const [entries] = await getEngineDb().query("SELECT SUM(length(entry_json)) AS b FROM engine_vector_store_files");
    expect(Number(files?.b)).toBe(text.length);
    expect(Number(entries?.b)).toBeLessThan(20 * 1024);
  });

  it("a deleted file is no longer searchable through any vector store", async () => {
    useDatabase("deleted-file", {});
    const fileId = await upload("c", "Kestrels hover in place by flying into the wind at exactly its speed.");
    const stores: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await call("/vector_stores", "c", { json: { name: `s${i}`, file_ids: [fileId] } });
      stores.push(((await res.json()) as { id: string }).id);
    }
    const search = async (store: string) =>
      ((await (await call(`/vector_stores/${store}/search`, "c", { json: { query: "kestrels hover" } })).json()) as { data: unknown[] })
        .data;
    expect(await search(stores[0]!)).toHaveLength(1);
    expect((await call(`/files/${fileId}`, "c", { method: "DELETE" })).status).toBe(200);
    for (const store of stores) {
      expect(await search(store)).toHaveLength(0);
      const list = (await (await call(`/vector_stores/${store}/files`, "c")).json()) as { data: unknown[] };
      expect(list.data).toHaveLength(0);
    }
    const answer = await call("/responses", "c", {
      json: { model: "local-echo-1", input: "What do kestrels do?", tools: [{ type: "file_search", vector_store_ids: stores }] },
    });
    expect(JSON.stringify(await answer.json())).not.toContain("into the wind");
  });
});

describe("restart", () => {
  it("a new process (empty caches) still finds responses, files and vector stores", async () => {
    useDatabase("restart", {});
    const responseId = await respond("c", "Remember the word heliotrope.");
    const fileId = await upload("c", "Heliotropes turn toward the sun.");
    const store = ((await (await call("/vector_stores", "c", { json: { file_ids: [fileId] } })).json()) as { id: string }).id;
    // What a restart clears: every per-process cache and the open database handle.
    for (const key of Object.getOwnPropertySymbols(globalThis)) {
      if (String(key).includes("responses-playground.local-engine")) delete (globalThis as Record<symbol, unknown>)[key];
    }
    delete (globalThis as { __rpPermalinkStore?: unknown }).__rpPermalinkStore;
    const next = await call("/responses", "c", {
      json: { model: "local-echo-1", input: "And the word?", previous_response_id: responseId },
    });
    expect(next.status).toBe(200);
    expect(await (await call(`/files/${fileId}/content`, "c")).text()).toContain("Heliotropes");
    const hits = (await (await call(`/vector_stores/${store}/search`, "c", { json: { query: "heliotropes sun" } })).json()) as {
      data: unknown[];
    };
    expect(hits.data).toHaveLength(1);
  });
});
