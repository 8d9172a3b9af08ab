import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { isPermalinkId } from "@/lib/store/ids";
import { LATEST_SCHEMA_VERSION } from "@/lib/store/migrations";
import type { PermalinkStore } from "@/lib/store/types";
import { recordLocalRun } from "../share/helpers";
import { skipUnlessAvailable } from "../support/required";
import { postgresHarness, sqliteHarness, type BackendHarness } from "./backends";

const FAKE_KEY = "sk-proj-TESTabcdefghijklmnopqrstuvwxyz0123456789";

// Without PostgreSQL its half skips with a warning; under CI=true that is a failing test instead.
skipUnlessAvailable(postgresHarness.available, `PostgreSQL for the store suite (${postgresHarness.skipReason})`);

/** The same suite against both backends. */
describe.each<BackendHarness>([sqliteHarness, postgresHarness])("permalink store on $name", (harness) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()?.();
  });

  async function open(maxBytes?: number) {
    const opened = await harness.open(maxBytes);
    cleanups.push(opened.cleanup);
    return opened;
  }

  it.skipIf(!harness.available)("stores a request and reads it back with the same JSON, key order included", async () => {
    const { store } = await open();
    const request = {
      model: "gpt-4.1",
      input: [{ role: "user", content: "你好 🌍, tell me a story" }],
      temperature: 0.7,
      stream: true,
      z: 1,
      a: 2,
    };
    const { id, removed } = await store.create({ title: "  A   story  ", request });
    expect(isPermalinkId(id)).toBe(true);
    expect(id).toHaveLength(22);
    expect(removed).toEqual([]);
    const got = await store.get(id);
    expect(got).not.toBeNull();
    expect(got?.title).toBe("A story");
    expect(JSON.stringify(got?.request)).toBe(JSON.stringify(request));
    expect(got?.recording).toBeNull();
    expect(Number.isNaN(Date.parse(got?.createdAt ?? ""))).toBe(false);
  });

  it.skipIf(!harness.available)("keeps a recording of a real run, every event with its time", async () => {
    const { store } = await open();
    const request = { model: "local-echo-1", input: "Record me", stream: true };
    const { recording } = await recordLocalRun(request);
    const { id } = await store.create({ title: "run", request, recording });
    const got = await store.get(id);
    expect(got?.recording?.events.length).toBe(recording.events.length);
    expect(got?.recording).toEqual(recording);
  });

  it.skipIf(!harness.available)("answers null for unknown and malformed ids", async () => {
    const { store } = await open();
    expect(await store.get("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await store.get("not-an-id")).toBeNull();
    expect(await store.get("'; DROP TABLE permalinks; --")).toBeNull();
  });

  it.skipIf(!harness.available)("gives unguessable, distinct ids even under concurrent creates", async () => {
    const { store } = await open();
    const ids = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.create({ title: `t${i}`, request: { model: "m", input: `n${i}` } })),
    );
    const unique = new Set(ids.map((r) => r.id));
    expect(unique.size).toBe(40);
    for (const { id } of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it.skipIf(!harness.available)("never stores a key: credential fields are dropped and key-shaped text is redacted", async () => {
    const { store } = await open();
    const request = {
      model: "gpt-4.1",
      api_key: FAKE_KEY,
      headers: { Authorization: `Bearer ${FAKE_KEY}` },
      input: [{ role: "user", content: [{ type: "input_text", text: `my key is ${FAKE_KEY}, keep it safe` }] }],
      tools: [
        {
          type: "mcp",
          server_label: "x",
          server_url: "https://mcp.example.com",
          authorization: "oauth-token-value-123456",
          headers: { "X-Key": "v" },
        },
        { type: "function", name: "login", parameters: { type: "object", properties: { password: { type: "string" } } }, strict: true },
      ],
    };
    const recording = {
      version: 1 as const,
      request,
      events: [{ atMs: 1, type: "response.created", raw: `{"type":"response.created","echo":"Bearer ${FAKE_KEY}"}` }],
    };
    const created = await store.create({ title: `title with ${FAKE_KEY}`, request, recording });
    expect(created.removed).toEqual(
      expect.arrayContaining([
        "title",
        "request.api_key",
        "request.headers",
        "request.input[0].content[0].text",
        "request.tools[0].authorization",
        "recording.events[0].raw",
      ]),
    );
    const rows = await store.dumpRows();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain("sk-proj");
    expect(dump).not.toContain("TESTabcdefghijklmnop");
    expect(dump).not.toContain("oauth-token-value");
    const got = await store.get(created.id);
    expect(got?.request).not.toHaveProperty("api_key");
    expect(got?.request).not.toHaveProperty("headers");
    // A function's `password` parameter is a schema, not a secret: kept.
    expect(JSON.stringify(got?.request.tools)).toContain('"password":{"type":"string"}');
    expect(JSON.stringify(got?.request.input)).toContain("my key is [redacted], keep it safe");
  });

  it.skipIf(!harness.available)("refuses a payload over the limit with a 413 in the API's error shape, and stores nothing", async () => {
    const { store } = await open(4096);
    const big = { model: "m", input: "x".repeat(5000) };
    const error = await store.create({ title: "big", request: big }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(413);
    expect(api.toBody().error.code).toBe("payload_too_large");
    expect(api.message).toMatch(/over the limit of 4 KB/);
    expect(await store.dumpRows()).toHaveLength(0);
    // Just under the limit is fine.
    await expect(store.create({ title: "ok", request: { model: "m", input: "x".repeat(3000) } })).resolves.toHaveProperty("id");
  });

  it.skipIf(!harness.available)("migrates on first use, idempotently, and a second instance sees the same permalinks", async () => {
    const { store, reopen } = await open();
    const { id } = await store.create({ title: "shared", request: { model: "m" } });
    const second: PermalinkStore & { schemaVersion?: () => Promise<number> } = reopen();
    expect(await second.schemaVersion?.()).toBe(LATEST_SCHEMA_VERSION);
    expect((await second.get(id))?.title).toBe("shared");
    const third: PermalinkStore & { schemaVersion?: () => Promise<number> } = reopen();
    await Promise.all([third.schemaVersion?.(), reopen().get(id)]);
    expect(await third.schemaVersion?.()).toBe(LATEST_SCHEMA_VERSION);
  });
});
