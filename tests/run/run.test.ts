import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";
import { isFinishedStatus, outputText } from "@/lib/responses/run-state";
import { createChatRun } from "@/lib/run/chat";
import { createResponsesRun } from "@/lib/run/responses";
import type { RunBatch } from "@/lib/run/run";
import type { RunState } from "@/lib/responses/run-state";
import { endingFields, parseRecording, recordingEnding, recordingFromRun, recordingToFileText } from "@/lib/share/recording";
import { ReplayTrack } from "@/lib/share/replay";

const FIXTURES = path.join(__dirname, "..", "fixtures");

/** The local engine behind the run's injected fetch (the run posts to the proxy path; the engine serves /v1). */
const engine: typeof fetch = (url, init) =>
  localEngineFetch(String(url).replace("/api/v1/", "http://local-engine/v1/"), {
    ...init,
    headers: { ...(init?.headers as Record<string, string>), "x-local-engine-delay-ms": "0" },
  });

/** A fetch that answers once with a fixed body. */
function answer(body: string, init: ResponseInit): typeof fetch {
  return () => Promise.resolve(new Response(body, init));
}

/** Streams the test writes to by hand (a new one per request): `push` SSE text, `close`, or `fail`. */
function handStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const encoder = new TextEncoder();
  const fetchFn: typeof fetch = (_url, init) => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        controller = c;
      },
    });
    const mine = () => controller;
    const own = mine();
    init?.signal?.addEventListener("abort", () => own.error(new DOMException("aborted", "AbortError")));
    return Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } }));
  };
  return {
    fetch: fetchFn,
    push: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
    fail: (error: Error) => controller.error(error),
  };
}

const sse = (event: Record<string, unknown>) => `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
const created = sse({ type: "response.created", sequence_number: 0, response: { id: "resp_h", status: "in_progress", output: [] } });
const item = sse({
  type: "response.output_item.added",
  sequence_number: 1,
  output_index: 0,
  item: { id: "msg_h", type: "message", status: "in_progress", role: "assistant", content: [] },
});
const part = sse({
  type: "response.content_part.added",
  sequence_number: 2,
  item_id: "msg_h",
  output_index: 0,
  content_index: 0,
  part: { type: "output_text", text: "", annotations: [] },
});
const delta = (text: string, n: number) =>
  sse({ type: "response.output_text.delta", sequence_number: n, item_id: "msg_h", output_index: 0, content_index: 0, delta: text });

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("run (lib/run)", () => {
  it("start → subscribe → getState: a streamed answer is folded and ends completed", async () => {
    const run = createResponsesRun({ fetch: engine });
    const seen: string[] = [];
    const unsubscribe = run.subscribe(() => seen.push(run.getState().status));
    expect(run.getState().status).toBe("idle");
    const ending = await run.start({ body: { model: "local-echo-1", input: "Hello run", stream: true } });
    unsubscribe();
    expect(ending?.kind).toBe("stream_end");
    expect(run.getState().status).toBe("completed");
    expect(outputText(run.getState())).toContain("Hello run");
    expect(seen[0]).toBe("connecting");
    expect(seen.at(-1)).toBe("completed");
    expect(run.log.length).toBe(run.getState().eventCount);
    expect(run.getSnapshot()).toMatchObject({ attempt: 1, request: { body: { input: "Hello run" } } });
    expect(run.getSnapshot().ending?.atMs).toBe(run.getState().timing.endMs ?? run.getState().timing.lastEventMs);
    expect(run.isLive()).toBe(false);
  });

  it("several runs at once stay independent", async () => {
    const runs = ["one", "two", "three"].map(() => createResponsesRun({ fetch: engine }));
    await Promise.all(runs.map((run, i) => run.start({ body: { model: "local-echo-1", input: `Answer ${i}`, stream: true } })));
    runs.forEach((run, i) => {
      expect(run.getState().status).toBe("completed");
      expect(outputText(run.getState())).toContain(`Answer ${i}`);
      for (let j = 0; j < runs.length; j++) if (j !== i) expect(outputText(run.getState())).not.toContain(`Answer ${j}`);
    });
    expect(new Set(runs.map((r) => r.log)).size).toBe(3);
  });

  it("stop mid-stream keeps what arrived and ends as cancelled", async () => {
    const wire = handStream();
    const run = createResponsesRun({ fetch: wire.fetch });
    const done = run.start({ body: { model: "m", input: "x", stream: true } });
    wire.push(created + item + part + delta("Kept ", 3) + delta("text", 4));
    await until(() => outputText(run.getState()) === "Kept text");
    expect(run.isLive()).toBe(true);
    run.stop();
    const ending = await done;
    expect(ending?.kind).toBe("cancelled");
    expect(run.getState().status).toBe("cancelled");
    expect(outputText(run.getState())).toBe("Kept text");
  });

  it("an interrupted stream (EOF before a terminal event) ends interrupted with its text", async () => {
    const wire = handStream();
    const run = createResponsesRun({ fetch: wire.fetch });
    const done = run.start({ body: { model: "m", input: "x", stream: true } });
    wire.push(created + item + part + delta("Half", 3));
    wire.close();
    expect((await done)?.kind).toBe("stream_end");
    expect(run.getState().status).toBe("interrupted");
    expect(outputText(run.getState())).toBe("Half");
  });

  it("a connection that breaks mid-stream ends as a network error, text kept", async () => {
    const wire = handStream();
    const run = createResponsesRun({ fetch: wire.fetch });
    const done = run.start({ body: { model: "m", input: "x", stream: true } });
    wire.push(created + item + part + delta("Before", 3));
    await until(() => outputText(run.getState()) === "Before");
    wire.fail(new TypeError("socket hang up"));
    expect(await done).toMatchObject({ kind: "network_error", message: "socket hang up" });
    expect(run.getState()).toMatchObject({ status: "failed", error: { source: "network", message: "socket hang up" } });
    expect(outputText(run.getState())).toBe("Before");
  });

  it("a fetch that rejects ends as a network error", async () => {
    const run = createResponsesRun({ fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
    expect(await run.start({ body: { model: "m" } })).toMatchObject({ kind: "network_error" });
    expect(run.getState().error).toMatchObject({ source: "network", message: "Failed to fetch" });
  });

  it("an HTTP error ends failed in plain words, with status, code and retry-after", async () => {
    const body = JSON.stringify({ error: { message: "Slow down", type: "rate_limit_error", param: null, code: "rate_limit_exceeded" } });
    const run = createResponsesRun({
      fetch: answer(body, { status: 429, headers: { "content-type": "application/json", "retry-after": "20" } }),
    });
    const ending = await run.start({ body: { model: "m" } });
    expect(ending).toMatchObject({ kind: "answer", status: 429, retryAfter: "20" });
    expect(run.getState().error).toMatchObject({ source: "http", status: 429, code: "rate_limit_exceeded", retryAfterSeconds: 20 });
  });

  it("an HTML page with status 200 ends failed: the upstream answered with an HTML page", async () => {
    const page = "<!doctype html><html><head><title>Sign in</title></head><body>Log in</body></html>";
    const run = createResponsesRun({ fetch: answer(page, { status: 200, headers: { "content-type": "text/html" } }) });
    await run.start({ body: { model: "m" } });
    expect(run.getState()).toMatchObject({ status: "failed", error: { source: "parse", code: "upstream_html_response" } });
    expect(run.getState().error?.message).toBe("The upstream answered with an HTML page, not an API response.");
  });

  it("a non-streamed JSON answer becomes its response", async () => {
    const run = createResponsesRun({ fetch: engine });
    await run.start({ body: { model: "local-echo-1", input: "Not streamed", stream: false } });
    expect(run.getState().status).toBe("completed");
    expect(outputText(run.getState())).toContain("Not streamed");
  });

  it("a restart replaces the earlier attempt, which no longer touches the state", async () => {
    const wire = handStream();
    const run = createResponsesRun({ fetch: wire.fetch });
    const first = run.start({ body: { model: "m", stream: true } });
    wire.push(created + item + part + delta("First", 3));
    await until(() => outputText(run.getState()) === "First");
    const second = run.start({ body: { model: "m", stream: true } });
    expect(await first).toBeNull();
    expect(run.getSnapshot()).toMatchObject({ attempt: 2, ending: null });
    await until(() => run.getState().status === "connecting");
    wire.push(created + item + part + delta("Second", 3));
    wire.close();
    expect((await second)?.kind).toBe("stream_end");
    expect(outputText(run.getState())).toBe("Second");
  });

  it("onBatch hands out records in batches, the last one with the ending", async () => {
    const batches: RunBatch<RunState>[] = [];
    const run = createResponsesRun({ fetch: engine, onBatch: (b) => batches.push(b), batchMs: 1_000_000 });
    await run.start({ body: { model: "local-echo-1", input: "Batch me please", stream: true } });
    expect(batches.length).toBeGreaterThanOrEqual(1);
    expect(batches.flatMap((b) => b.records)).toHaveLength(run.log.length);
    expect(batches.at(-1)?.ending?.kind).toBe("stream_end");
    expect(batches.slice(0, -1).every((b) => b.ending === null)).toBe(true);
  });

  it("a Chat Completions run uses the same loop and ending rule", async () => {
    const run = createChatRun({ fetch: engine });
    await run.start({ body: { model: "local-echo-1", messages: [{ role: "user", content: "Chat hello" }], stream: true } });
    expect(run.getState().status).toBe("done");
    expect(run.getState().text).toContain("Chat hello");
    const failed = createChatRun({ fetch: answer("<html><title>Bad Gateway</title></html>", { status: 502 }) });
    await failed.start({ body: { model: "m", messages: [] } });
    expect(failed.getState()).toMatchObject({ status: "failed", error: { status: 502, message: "Bad Gateway" } });
  });
});

describe("recorded endings", () => {
  it("every ending round-trips through a recording file", () => {
    const endings = [
      { kind: "answer", status: 429, body: '{"error":{}}', contentType: "application/json", retryAfter: "3", atMs: 12.5 },
      { kind: "answer", status: 200, body: "<html></html>", contentType: "text/html", atMs: 4 },
      { kind: "stream_end", atMs: 40 },
      { kind: "cancelled", atMs: 41 },
      { kind: "network_error", message: "socket hang up", atMs: 42 },
    ] as const;
    for (const ending of endings) {
      const text = recordingToFileText({ version: 1, request: { model: "m" }, events: [], ...endingFields(ending) });
      const back = parseRecording(text);
      expect(back.ok).toBe(true);
      if (back.ok) expect(recordingEnding(back.recording)).toEqual(ending);
    }
  });

  it("a recording without an ending (older, hand-written) ended with its stream", () => {
    expect(recordingEnding({ version: 1, request: {}, events: [] })).toEqual({ kind: "stream_end" });
  });

  it("replay applies the stored ending: a live HTML-page failure replays as that failure", async () => {
    const page = "<!doctype html><title>Gateway login</title>";
    const run = createResponsesRun({ fetch: answer(page, { status: 200, headers: { "content-type": "text/html" } }) });
    await run.start({ body: { model: "m" } });
    const recording = recordingFromRun({
      request: { model: "m" },
      records: run.log.slice(),
      state: run.getState(),
      ending: run.getSnapshot().ending,
    });
    const track = new ReplayTrack(recording);
    const end = track.stateAt(track.length);
    expect(end.status).toBe("failed");
    expect(end.error).toEqual(run.getState().error);
  });

  it("replay of a live run ends exactly as the live run did (stopped mid-stream)", async () => {
    const wire = handStream();
    const run = createResponsesRun({ fetch: wire.fetch });
    const done = run.start({ body: { model: "m", stream: true } });
    wire.push(created + item + part + delta("Part", 3));
    await until(() => outputText(run.getState()) === "Part");
    run.stop();
    await done;
    const recording = recordingFromRun({
      request: { model: "m" },
      records: run.log.slice(),
      state: run.getState(),
      ending: run.getSnapshot().ending,
    });
    const end = new ReplayTrack(recording).stateAt(Infinity);
    expect(end.status).toBe("cancelled");
    expect(end.timing.endMs).toBe(run.getState().timing.endMs);
    expect(outputText(end)).toBe("Part");
    expect(isFinishedStatus(end.status)).toBe(true);
  });

  it("a recorded fixture stream replays to the same state as a live run of it", async () => {
    const body = await readFile(path.join(FIXTURES, "truncated.sse"), "utf8");
    const run = createResponsesRun({ fetch: answer(body, { status: 200, headers: { "content-type": "text/event-stream" } }) });
    await run.start({ body: { model: "m", stream: true } });
    const recording = recordingFromRun({
      request: { model: "m" },
      records: run.log.slice(),
      state: run.getState(),
      ending: run.getSnapshot().ending,
    });
    const end = new ReplayTrack(recording).stateAt(Infinity);
    expect(end.status).toBe("interrupted");
    expect(end.items).toEqual(run.getState().items);
    expect(end.error).toEqual(run.getState().error);
  });
});
