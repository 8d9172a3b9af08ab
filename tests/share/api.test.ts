import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/share/[id]/route";
import { GET as capabilities, POST } from "@/app/api/share/route";
import { getStore } from "@/lib/store";
import { recordLocalRun } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "rp-share-api-"));
const KEY = "sk-test-0123456789abcdefghijklmnopqrstuvwxyz";

beforeEach(() => {
  process.env.DATABASE_URL = `file:${join(dir, "api.db")}`;
  delete process.env.SHARE_MAX_BYTES;
});
afterAll(async () => {
  process.env.DATABASE_URL = `file:${join(dir, "api.db")}`;
  await getStore()?.close();
  delete process.env.DATABASE_URL;
  rmSync(dir, { recursive: true, force: true });
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://play.test/api/share", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const read = (id: string) => getOne(new Request(`http://play.test/api/share/${id}`), { params: Promise.resolve({ id }) });

describe("POST /api/share and GET /api/share/{id}", () => {
  it("stores a request with its recording and gives a short unguessable link", async () => {
    const request = { model: "local-echo-1", input: "Share me", stream: true };
    const { recording } = await recordLocalRun(request);
    const res = await post({ title: "Share me", request, recording });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; path: string; url: string; removed: string[] };
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.path).toBe(`/p/${created.id}`);
    expect(created.url).toBe(`http://play.test/p/${created.id}`);
    expect(created.removed).toEqual([]);

    const got = await read(created.id);
    expect(got.status).toBe(200);
    const record = (await got.json()) as { title: string; request: unknown; recording: unknown };
    expect(record.title).toBe("Share me");
    expect(record.request).toEqual(request);
    expect(record.recording).toEqual(recording);
  });

  it("uses the forwarded host behind a proxy", async () => {
    const res = await post({ request: { model: "m" } }, { "x-forwarded-host": "share.example.org", "x-forwarded-proto": "https" });
    const { url, id } = (await res.json()) as { url: string; id: string };
    expect(url).toBe(`https://share.example.org/p/${id}`);
  });

  it("never stores the caller's key: the Authorization header is ignored, extra fields dropped, key-shaped text redacted", async () => {
    const res = await post(
      { title: "t", request: { model: "m", input: `key ${KEY}`, api_key: KEY }, headers: { Authorization: `Bearer ${KEY}` }, apiKey: KEY },
      { authorization: `Bearer ${KEY}` },
    );
    expect(res.status).toBe(201);
    const { id, removed } = (await res.json()) as { id: string; removed: string[] };
    expect(removed).toEqual(["request.input", "request.api_key"]);
    const text = await (await read(id)).text();
    expect(text).not.toContain("sk-test");
    const rows = JSON.stringify(await getStore()?.dumpRows());
    expect(rows).not.toContain("sk-test");
  });

  it("refuses a payload over SHARE_MAX_BYTES with 413 in the API's error shape", async () => {
    process.env.SHARE_MAX_BYTES = "1kb";
    const res = await post({ title: "big", request: { model: "m", input: "x".repeat(2000) } });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; type: string } };
    expect(body.error.code).toBe("payload_too_large");
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.message).toMatch(/over the limit of 1 KB/);
    // A body far over the limit is refused while reading, before parsing.
    const huge = await post({ title: "huge", request: { model: "m", input: "x".repeat(200_000) } });
    expect(huge.status).toBe(413);
  });

  it("answers 400 for bad JSON and for a request without a model, naming the field", async () => {
    const bad = await post("{nope");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    const noModel = await post({ title: "x", request: { input: "hi" } });
    expect(noModel.status).toBe(400);
    const err = ((await noModel.json()) as { error: { param: string; message: string } }).error;
    expect(err.param).toBe("request.model");
    expect(err.message).toMatch(/no 'model'/);
    const badRecording = await post({ request: { model: "m" }, recording: { version: 1, request: {}, events: [{ type: "x" }] } });
    expect(badRecording.status).toBe(400);
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expect((await read("AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await read("../etc/passwd")).status).toBe(404);
  });

  it("tells the page whether permalinks can be stored; with DATABASE_URL=none POST answers 501", async () => {
    expect(await capabilities().json()).toEqual({ storage: "sqlite", maxBytes: 2 * 1024 * 1024 });
    process.env.DATABASE_URL = "none";
    expect(await capabilities().json()).toMatchObject({ storage: "none" });
    const res = await post({ request: { model: "m" } });
    expect(res.status).toBe(501);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("share_storage_disabled");
  });
});

describe("a misconfigured DATABASE_URL", () => {
  it("is reported as such, without echoing credentials", async () => {
    process.env.DATABASE_URL = "mysql://root:hunter2@db/x";
    const res = await post({ request: { model: "m" } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("share_store_misconfigured");
    expect(body.error.message).not.toContain("hunter2");
    expect((await capabilities()).status).toBe(500);
  });
});
