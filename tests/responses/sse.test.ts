import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSseMessage, readSse, readSseBatches, type SseMessage } from "@/lib/responses/sse";
import { byteChunks, collect, fixtureText, streamOf } from "./helpers";

const data = (messages: SseMessage[]) => messages.map((m) => m.data);

describe("readSse framing", () => {
  it("reads LF-separated records with event names and ids", async () => {
    const out = await collect(streamOf(['event: a\nid: 7\ndata: {"x":1}\n\nevent: b\ndata: 2\n\n']));
    expect(out).toEqual([
      { event: "a", data: '{"x":1}', id: "7" },
      { event: "b", data: "2", id: undefined },
    ]);
  });

  it("reads CRLF-separated records", async () => {
    const out = await collect(streamOf(["event: a\r\ndata: one\r\n\r\nevent: b\r\ndata: two\r\n\r\n"]));
    expect(out.map((m) => [m.event, m.data])).toEqual([
      ["a", "one"],
      ["b", "two"],
    ]);
  });

  it("reads CR-only records, also when a CR pair is split across chunks", async () => {
    const out = await collect(streamOf(["event: a\rdata: one\r", "\revent: b\rdata: two\r\r"]));
    expect(out.map((m) => [m.event, m.data])).toEqual([
      ["a", "one"],
      ["b", "two"],
    ]);
  });

  it("reassembles a CRLF split between chunks without an empty phantom record", async () => {
    const out = await collect(streamOf(["data: one\r", "\n\r", "\ndata: two\r\n\r\n"]));
    expect(data(out)).toEqual(["one", "two"]);
  });

  it("keeps one record whole when a CRLF inside it is split across two reads", async () => {
    // Normalising line ends per read would turn the lone CR into a line end and the next read's LF into a second,
    // empty line: the record would be dispatched half-way and split in two.
    const out = await collect(streamOf(["event: a\r", "\ndata: one\r", "\ndata: two\r\n\r\n"]));
    expect(out).toEqual([{ event: "a", data: "one\ntwo", id: undefined }]);
  });

  it("reads a CRLF stream and a CR-only stream at every read size alike", async () => {
    const lf = 'event: a\nid: 1\ndata: {"x":1}\ndata: more\n\n: comment\nevent: b\ndata: 2\n\n';
    const expected = [
      { event: "a", data: '{"x":1}\nmore', id: "1" },
      { event: "b", data: "2", id: undefined },
    ];
    for (const text of [lf, lf.replace(/\n/g, "\r\n"), lf.replace(/\n/g, "\r")]) {
      for (let size = 1; size <= text.length; size++) {
        expect(await collect(streamOf(byteChunks(text, size))), `${JSON.stringify(text.slice(0, 12))} in ${size}-byte reads`).toEqual(
          expected,
        );
      }
    }
  });

  it("reassembles lines split mid-line and mid-field-name across chunks", async () => {
    const text = 'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"abc"}\n\n';
    for (const size of [1, 2, 3, 5, 8, 13]) {
      const out = await collect(streamOf(byteChunks(text, size)));
      expect(out, `chunk size ${size}`).toEqual([
        { event: "response.output_text.delta", data: '{"type":"response.output_text.delta","delta":"abc"}', id: undefined },
      ]);
    }
  });

  it("keeps a multibyte character (Chinese, emoji) split across chunks intact", async () => {
    const text = 'data: {"delta":"你好，世界 🌍👩‍💻"}\n\n';
    const bytes = new TextEncoder().encode(text);
    const cut = bytes.indexOf(0xe5) + 1; // inside the first byte sequence of 你
    const emoji = text.indexOf("🌍");
    const emojiByte = new TextEncoder().encode(text.slice(0, emoji)).length + 2; // inside the 4-byte emoji
    const out = await collect(streamOf([bytes.slice(0, cut), bytes.slice(cut, emojiByte), bytes.slice(emojiByte)]));
    expect(data(out)).toEqual(['{"delta":"你好，世界 🌍👩‍💻"}']);
    const oneByOne = await collect(streamOf(byteChunks(text, 1)));
    expect(data(oneByOne)).toEqual(['{"delta":"你好，世界 🌍👩‍💻"}']);
  });

  it("joins multi-line data with \\n", async () => {
    const out = await collect(streamOf(['data: {"a":\ndata: 1,\ndata:"b":2}\n\n']));
    expect(data(out)).toEqual(['{"a":\n1,\n"b":2}']);
    expect(JSON.parse(out[0]!.data)).toEqual({ a: 1, b: 2 });
  });

  it("ignores comments such as `: keep-alive`", async () => {
    const out = await collect(streamOf([": keep-alive\n\n:another\ndata: x\n\n: keep-alive\r\n\r\n"]));
    expect(data(out)).toEqual(["x"]);
  });

  it("strips a UTF-8 BOM at the start, even when its bytes are split", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const out = await collect(streamOf([bom.slice(0, 2), bom.slice(2), "data: first\n\n"]));
    expect(out).toEqual([{ event: undefined, data: "first", id: undefined }]);
    const withField = await collect(streamOf([new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("event: e\ndata: 1\n\n")])]));
    expect(withField).toEqual([{ event: "e", data: "1", id: undefined }]);
  });

  it("delivers a final record that has no trailing blank line at EOF", async () => {
    expect(data(await collect(streamOf(["data: a\n\ndata: last"])))).toEqual(["a", "last"]);
    expect(data(await collect(streamOf(["data: a\n\ndata: last\n"])))).toEqual(["a", "last"]);
    expect(data(await collect(streamOf(["data: a\r\n\r\ndata: last\r"])))).toEqual(["a", "last"]);
    expect(await collect(streamOf(["event: x\ndata: y"]))).toEqual([{ event: "x", data: "y", id: undefined }]);
  });

  it("does not invent a record from a trailing event line without data", async () => {
    expect(data(await collect(streamOf(["data: a\n\nevent: orphan\n"])))).toEqual(["a"]);
  });

  it("accepts a body of strings (already decoded), BOM included", async () => {
    const body = new ReadableStream<string>({
      start(c) {
        c.enqueue("\uFEFFdata: a\n");
        c.enqueue("\ndata: b\n\n");
        c.close();
      },
    }) as unknown as ReadableStream<Uint8Array>;
    expect(data(await collect(body))).toEqual(["a", "b"]);
  });

  it("reads a data-only stream ending in [DONE] (the SDK's own fixtures)", async () => {
    const out = await collect(
      streamOf([
        'data: {"type":"response.created","sequence_number":0}\n\ndata: {"type":"response.completed","sequence_number":1}\n\ndata: [DONE]\n\n',
      ]),
    );
    expect(out.map((m) => parseSseMessage(m).kind)).toEqual(["event", "event", "done"]);
    expect(out.every((m) => m.event === undefined)).toBe(true);
  });

  it("yields nothing for an empty body", async () => {
    expect(await collect(streamOf([]))).toEqual([]);
  });

  it("cancels the body when the consumer stops early", async () => {
    let cancelled = false;
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new TextEncoder().encode(`data: ${pulls}\n\n`));
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: string[] = [];
    for await (const m of readSse(body)) {
      seen.push(m.data);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["1", "2", "3"]);
    await Promise.resolve();
    expect(cancelled).toBe(true);
    expect(body.locked).toBe(false);
  });

  it("cancels the body and throws an AbortError when the signal aborts mid-read", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("data: first\n\n"));
      },
      pull() {
        return new Promise<void>(() => {}); // hangs: a server that stops sending
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const m of readSse(body, controller.signal)) {
        seen.push(m.data);
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["first"]);
    expect(cancelled).toBe(true);
  });

  it("throws at once when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(collect(streamOf(["data: x\n\n"]), controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("parseSseMessage", () => {
  const msg = (d: string, event?: string): SseMessage => ({ event, data: d, id: undefined });

  it("parses a typed event and keeps the raw text", () => {
    const raw = '{"type":"response.output_text.delta","delta":"hi","sequence_number":3}';
    const p = parseSseMessage(msg(raw, "response.output_text.delta"));
    expect(p).toEqual({ kind: "event", event: JSON.parse(raw), raw, verbatim: true });
  });

  it("prefers the JSON type over the SSE event name", () => {
    const p = parseSseMessage(msg('{"type":"response.created","response":{}}', "something.else"));
    expect(p.kind === "event" && p.event.type).toBe("response.created");
  });

  it("recognises [DONE]", () => {
    expect(parseSseMessage(msg("[DONE]"))).toEqual({ kind: "done" });
    expect(parseSseMessage(msg(" [DONE] "))).toEqual({ kind: "done" });
  });

  it("uses the SSE event name when the JSON has no string type", () => {
    const p = parseSseMessage(msg('{"delta":"x","output_index":0}', "response.output_text.delta"));
    expect(p).toMatchObject({ kind: "event", event: { type: "response.output_text.delta", delta: "x" } });
    const q = parseSseMessage(msg('{"type":42}', "response.in_progress"));
    expect(q).toMatchObject({ kind: "event", event: { type: "response.in_progress" } });
  });

  it("wraps non-object JSON when an event name exists, and rejects it otherwise", () => {
    expect(parseSseMessage(msg("42", "ping"))).toMatchObject({ kind: "event", event: { type: "ping", data: 42 } });
    expect(parseSseMessage(msg("[1,2]"))).toMatchObject({ kind: "invalid", raw: "[1,2]" });
    expect(parseSseMessage(msg('{"no":"type"}'))).toMatchObject({ kind: "invalid" });
  });

  it("reports malformed JSON as invalid without throwing", () => {
    const p = parseSseMessage(msg('{"type":"response.output_text.delta","delta":'));
    expect(p.kind).toBe("invalid");
    if (p.kind === "invalid") {
      expect(p.raw).toBe('{"type":"response.output_text.delta","delta":');
      expect(p.reason).toMatch(/malformed JSON/);
    }
    expect(parseSseMessage(msg("")).kind).toBe("invalid");
  });

  it("keeps the flat error event (spec shape)", () => {
    const p = parseSseMessage(msg('{"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":4}', "error"));
    expect(p).toMatchObject({
      kind: "event",
      event: { type: "error", code: "server_error", message: "boom", param: null, sequence_number: 4 },
    });
  });

  it("flattens the nested error shape and keeps the original in raw", () => {
    const raw =
      '{"type":"error","error":{"type":"invalid_request_error","code":"bad_param","message":"No good.","param":"temperature"},"sequence_number":2}';
    const p = parseSseMessage(msg(raw));
    expect(p).toEqual({
      kind: "event",
      event: {
        type: "error",
        code: "bad_param",
        message: "No good.",
        param: "temperature",
        error_type: "invalid_request_error",
        sequence_number: 2,
      },
      raw,
      verbatim: false,
    });
  });

  it("turns a bare top-level {error} object into an error event", () => {
    const p = parseSseMessage(msg('{"error":{"message":"Upstream timed out","type":"server_error","code":504}}'));
    expect(p).toMatchObject({
      kind: "event",
      event: { type: "error", message: "Upstream timed out", code: "504", param: null, error_type: "server_error" },
    });
    const s = parseSseMessage(msg('{"error":"gateway exploded"}'));
    expect(s).toMatchObject({ kind: "event", event: { type: "error", message: "gateway exploded", code: null } });
  });

  it("reads `event: error` with data lacking a type as an error event", () => {
    const p = parseSseMessage(msg('{"message":"named only","code":null}', "error"));
    expect(p).toMatchObject({ kind: "event", event: { type: "error", message: "named only", code: null, param: null } });
  });

  it("keeps going after an invalid record: later records still parse", async () => {
    const out = await collect(streamOf(['data: {"type":"a"}\n\ndata: {oops\n\ndata: {"type":"b"}\n\n']));
    expect(out.map((m) => parseSseMessage(m).kind)).toEqual(["event", "invalid", "event"]);
  });
});

describe("readSseBatches", () => {
  const FIXTURE_NAMES = readdirSync(fileURLToPath(new URL("../fixtures/", import.meta.url))).filter((f) => f.endsWith(".sse"));

  async function batchedMessages(body: ReadableStream<Uint8Array>): Promise<SseMessage[]> {
    const out: SseMessage[] = [];
    for await (const batch of readSseBatches(body)) out.push(...batch);
    return out;
  }

  it.each(FIXTURE_NAMES)("%s: the CRLF and CR-only variants give the LF records at read sizes 1, 2, 3, 5, 64 and all", async (name) => {
    const lf = fixtureText(name).replace(/\r\n?/g, "\n");
    const expected = await batchedMessages(streamOf([lf]));
    expect(expected.length).toBeGreaterThan(0);
    for (const [ending, text] of [
      ["CRLF", lf.replace(/\n/g, "\r\n")],
      ["CR", lf.replace(/\n/g, "\r")],
    ] as const) {
      for (const size of [1, 2, 3, 5, 64, text.length * 4]) {
        expect(await batchedMessages(streamOf(byteChunks(text, size))), `${ending} at ${size}-byte reads`).toEqual(expected);
      }
    }
  });

  it("hands over the records of each network read before the next read arrives", async () => {
    const encoder = new TextEncoder();
    let push!: (text: string) => void;
    let end!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(encoder.encode(text));
        end = () => controller.close();
      },
    });
    const batches = readSseBatches(body);
    push('data: {"type":"a"}\n\ndata: {"type":"b"}\n\ndata: {"ty');
    // The first two records come out now, while the third is still incomplete and nothing more has arrived.
    const data = async () => ((await batches.next()).value as SseMessage[]).map((m) => m.data);
    expect(await data()).toEqual(['{"type":"a"}', '{"type":"b"}']);
    push('pe":"c"}\n\n');
    expect(await data()).toEqual(['{"type":"c"}']);
    end();
    expect((await batches.next()).done).toBe(true);
  });
});
