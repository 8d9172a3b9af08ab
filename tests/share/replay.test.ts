import { describe, expect, it } from "vitest";
import type { StreamEvent } from "@/lib/responses/events";
import { markInterrupted } from "@/lib/responses/reducer";
import { initialRunState, outputText, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage } from "@/lib/responses/sse";
import { createResponsesRun, responsesProtocol } from "@/lib/run/responses";
import type { Timed } from "@/lib/run/run";
import { recordingFromLog, type Recording } from "@/lib/share/recording";
import { ReplayTrack, frameAt, playbackPosition } from "@/lib/share/replay";
import { collect, fixtureText, streamOf } from "../responses/helpers";
import { handRecording, recordLocalRun } from "./helpers";

/**
 * The live fold, for comparison: each recorded event read and folded by the page's own run protocol
 * (`lib/run/responses.ts`: `read` then `fold`, as `createRun` does), at its recorded time and log index.
 */
function liveFold(recording: Recording, count = recording.events.length): RunState {
  const batch: Timed<StreamEvent>[] = [];
  recording.events.slice(0, count).forEach((e, i) => {
    const read = responsesProtocol.read({ event: e.type, data: e.raw ?? JSON.stringify(e.data), id: undefined }, e.atMs);
    if (read.event !== null) batch.push({ event: read.event, atMs: e.atMs, index: i });
  });
  return batch.length ? responsesProtocol.fold(responsesProtocol.initial("connecting"), batch) : responsesProtocol.initial("connecting");
}

/** The recording sent back through a whole live run (`createResponsesRun`, its fetch answering with the recorded SSE). */
async function liveRun(recording: Recording): Promise<RunState> {
  const body = recording.events.map((e) => `event: ${e.type}\ndata: ${e.raw ?? JSON.stringify(e.data)}\n\n`).join("");
  const run = createResponsesRun({
    fetch: () => Promise.resolve(new Response(body, { headers: { "content-type": "text/event-stream" } })),
    scheduleFrame: (callback) => {
      callback();
      return () => {};
    },
  });
  await run.start({ body: recording.request });
  return run.getState();
}

async function fixtureRecording(name: string): Promise<Recording> {
  const messages = await collect(streamOf([fixtureText(name)]));
  const records = messages.map((m, i) => {
    const parsed = parseSseMessage(m);
    return parsed.kind === "event"
      ? { type: parsed.event.type, atMs: i * 10, data: parsed.event, raw: parsed.raw }
      : parsed.kind === "done"
        ? { type: "[DONE]", atMs: i * 10, data: null, raw: "[DONE]" }
        : { type: "(unreadable event)", atMs: i * 10, data: null, raw: parsed.raw };
  });
  return recordingFromLog({ request: { model: "m", stream: true }, records });
}

describe("replay", () => {
  it("a real local-engine run replayed to the end gives the live run's output, items and usage", async () => {
    const { recording } = await recordLocalRun({ model: "local-echo-1", input: "Replay this, 你好 🌍", stream: true });
    const track = new ReplayTrack(recording);
    expect(track.length).toBe(recording.events.length);
    const end = track.stateAt(track.length);
    const live = liveFold(recording);
    expect(end.status).toBe("completed");
    expect(outputText(end)).toBe(outputText(live));
    expect(outputText(end)).toContain("Replay this, 你好 🌍");
    expect(end.items).toEqual(live.items);
    expect(end.usage).toEqual(live.usage);
    expect(end.eventCount).toBe(recording.events.length);
    const run = await liveRun(recording);
    expect(run.status).toBe("completed");
    expect(outputText(end)).toBe(outputText(run));
    expect(end.items).toEqual(run.items);
  });

  it("any position, reached in any order (scrubbing back and forth), equals a fresh fold to that position", async () => {
    const long = Array.from({ length: 150 }, (_, i) => `word${i}`).join(" ");
    const { recording } = await recordLocalRun({ model: "local-echo-1", input: long, stream: true });
    const track = new ReplayTrack(recording);
    expect(track.length).toBeGreaterThan(200); // crosses checkpoints
    const order = [5, 300, 2, 129, 128, 127, track.length - 1, 0, 1, 256, 257, 90, track.length - 1, 3];
    for (const p of order) {
      const expected = p === 0 ? initialRunState("idle") : liveFold(recording, p);
      expect(track.stateAt(p), `position ${p}`).toEqual(expected);
    }
  });

  it("the timeline's records at a position are the first N recorded events, with their times and sequence numbers", async () => {
    const { recording, records } = await recordLocalRun({ model: "local-echo-1", input: "Hello", stream: true });
    const track = new ReplayTrack(recording);
    const at5 = track.recordsUpTo(5);
    expect(at5.map((r) => r.type)).toEqual(records.slice(0, 5).map((r) => r.type));
    expect(at5.map((r) => r.sequenceNumber)).toEqual([0, 1, 2, 3, 4]);
    expect(at5[0]?.raw).toBe(records[0]?.raw);
    expect(track.recordsUpTo(track.length)).toHaveLength(records.length);
    expect(frameAt(track, 1)).toMatchObject({ kind: "event", record: { type: "response.created" } });
    expect(frameAt(track, 0)).toBeNull();
  });

  it("timing: positionAt/timeAt agree, and playback scales by speed", () => {
    const recording = handRecording({ model: "m" }, [
      [100, { type: "response.created", response: { id: "r", output: [] } }],
      [200, { type: "response.output_text.delta", item_id: "m1", output_index: 0, content_index: 0, delta: "Hi" }],
      [400, { type: "response.output_text.delta", item_id: "m1", output_index: 0, content_index: 0, delta: " there" }],
      [800, { type: "response.completed", response: { id: "r", status: "completed" } }],
    ]);
    const track = new ReplayTrack(recording);
    expect(track.positionAt(0)).toBe(0);
    expect(track.positionAt(99)).toBe(0);
    expect(track.positionAt(100)).toBe(1);
    expect(track.positionAt(399)).toBe(2);
    expect(track.positionAt(10_000)).toBe(4);
    expect(track.timeAt(3)).toBe(400);
    // From the start: 100 ms of wall time at 4× reaches 400 ms of recording; at 0.25× only 25 ms.
    expect(playbackPosition(track, 0, 100, 4)).toBe(3);
    expect(playbackPosition(track, 0, 100, 0.25)).toBe(0);
    expect(playbackPosition(track, 0, 799, 0.25)).toBe(1);
    expect(playbackPosition(track, 200, 100, 2)).toBe(3);
    expect(playbackPosition(track, 0, 0, "instant")).toBe(4);
    expect(outputText(track.stateAt(3))).toBe("Hi there");
    expect(track.stateAt(4).status).toBe("completed");
  });

  it("times that go backwards in a hand-edited file are clamped, not reordered", () => {
    const track = new ReplayTrack(
      handRecording({ model: "m" }, [
        [50, { type: "response.created", response: { id: "r" } }],
        [20, { type: "response.in_progress", response: { id: "r" } }],
      ]),
    );
    expect(track.frames.map((f) => f.atMs)).toEqual([50, 50]);
  });

  it("a stream that ended without a terminal event replays as interrupted; a cancelled one as cancelled", async () => {
    const truncated = await fixtureRecording("truncated.sse");
    const track = new ReplayTrack(truncated);
    expect(track.stateAt(track.length)).toEqual(markInterrupted(liveFold(truncated)));
    expect(track.stateAt(track.length).status).toBe("interrupted");
    expect(track.stateAt(track.length - 1).status).toBe("in_progress");

    const cancelled = new ReplayTrack({ ...truncated, end: { reason: "cancelled", atMs: 999 } });
    expect(cancelled.stateAt(cancelled.length).status).toBe("cancelled");
    const broken = new ReplayTrack({ ...truncated, end: { reason: "network_error", message: "socket hang up" } });
    expect(broken.stateAt(broken.length).error?.message).toBe("socket hang up");
  });

  it("recorded fixtures (refusal, function call, reasoning, error event, unknown events) replay like the live fold", async () => {
    for (const name of [
      "refusal.sse",
      "function-call.sse",
      "reasoning-summary.sse",
      "error-event.sse",
      "unknown-events.sse",
      "seed-002-streaming.sse",
    ]) {
      const recording = await fixtureRecording(name);
      const track = new ReplayTrack(recording);
      const end = track.stateAt(track.length);
      const live = liveFold(recording);
      expect(end.items, name).toEqual(live.items);
      expect(end.error, name).toEqual(live.error);
      expect(end.unknownEventCount, name).toBe(live.unknownEventCount);
    }
  });

  it("an HTTP error before streaming replays as that error, in plain words", () => {
    const track = new ReplayTrack({
      version: 1,
      request: { model: "gpt-4.1" },
      events: [],
      http: {
        status: 401,
        atMs: 80,
        body: JSON.stringify({
          error: { message: "Incorrect API key provided: sk-…", type: "invalid_request_error", param: null, code: "invalid_api_key" },
        }),
      },
    });
    expect(track.length).toBe(1);
    expect(track.stateAt(0).status).toBe("idle");
    const end = track.stateAt(1);
    expect(end.status).toBe("failed");
    expect(end.error).toMatchObject({ source: "http", status: 401, code: "invalid_api_key" });
    expect(track.recordsUpTo(1)).toEqual([]);
  });

  it("a non-streamed JSON answer replays as that response", () => {
    const response = {
      id: "resp_1",
      object: "response",
      status: "completed",
      model: "gpt-4.1",
      output: [
        {
          type: "message",
          id: "msg_1",
          status: "completed",
          role: "assistant",
          content: [{ type: "output_text", text: "Done.", annotations: [] }],
        },
      ],
      usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4 },
    };
    const track = new ReplayTrack({
      version: 1,
      request: { model: "gpt-4.1" },
      events: [],
      http: { status: 200, body: JSON.stringify(response), atMs: 300 },
    });
    const end = track.stateAt(1);
    expect(end.status).toBe("completed");
    expect(outputText(end)).toBe("Done.");
    expect(end.timing.endMs).toBe(300);
  });
});
