import { describe, expect, it } from "vitest";
import { initialRunState } from "@/lib/responses/run-state";
import { markHttpError } from "@/lib/responses/reducer";
import { parseRecording, recordingFileName, recordingFromRun, recordingToFileText, RECORDING_FORMAT } from "@/lib/share/recording";
import { recordLocalRun } from "./helpers";

describe("recording files", () => {
  it("export then import gives back the same recording", async () => {
    const { recording } = await recordLocalRun({ model: "local-echo-1", input: "Export me", stream: true });
    const text = recordingToFileText({ ...recording, title: "Export me" });
    expect(text.startsWith(`{\n  "format": "${RECORDING_FORMAT}",\n  "version": 1,`)).toBe(true);
    const back = parseRecording(text);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.recording).toEqual({ ...recording, title: "Export me" });
  });

  it("a hand-written file with parsed `data` events and no format marker is accepted", () => {
    const result = parseRecording({
      version: 1,
      request: { model: "m" },
      events: [{ atMs: 0, type: "response.created", data: { type: "response.created" } }],
    });
    expect(result.ok).toBe(true);
  });

  it.each([
    ["", /empty/],
    ["{not json", /not valid JSON/],
    ["[1,2]", /not a recording/],
    [JSON.stringify({ hello: "world" }), /no "version" and no "events"/],
    [JSON.stringify({ format: "something-else", version: 1 }), /not a Responses Playground recording/],
    [JSON.stringify({ version: 7, request: {}, events: [] }), /version 7, made by a newer playground/],
    [JSON.stringify({ version: 1, request: { model: "m" }, events: [{ atMs: -1, type: "x", raw: "{}" }] }), /`events\[0\].atMs`/],
    [
      JSON.stringify({ version: 1, request: { model: "m" }, events: [{ atMs: 1, type: "x" }] }),
      /`events\[0\]` an event needs `raw` or `data`/,
    ],
    [JSON.stringify({ version: 1, events: [] }), /`request`/],
  ])("a bad file gets a plain-words error: %s", (text, pattern) => {
    const result = parseRecording(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(pattern);
  });

  it("file names come from the title", () => {
    expect(recordingFileName({ version: 1, request: {}, events: [], title: "Weather in Boston — streaming!" })).toBe(
      "weather-in-boston-streaming.recording.json",
    );
    expect(recordingFileName({ version: 1, request: {}, events: [], title: "你好 世界" })).toBe("你好-世界.recording.json");
    expect(recordingFileName({ version: 1, request: {}, events: [] })).toBe("run.recording.json");
  });

  it("recordingFromRun keeps an HTTP error that came before any event", () => {
    const state = markHttpError(initialRunState("connecting"), {
      status: 429,
      body: { error: { message: "Rate limit reached", type: "rate_limit_error", param: null, code: "rate_limit_exceeded" } },
    });
    const recording = recordingFromRun({ request: { model: "gpt-4.1" }, records: [], state });
    expect(recording.http?.status).toBe(429);
    expect(JSON.parse(recording.http?.body ?? "{}")).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    expect(recording.end).toBeUndefined();
  });

  it("recordingFromRun marks a cancelled run", async () => {
    const { records } = await recordLocalRun({ model: "local-echo-1", input: "x", stream: true });
    const state = { ...initialRunState("cancelled"), status: "cancelled" as const };
    const recording = recordingFromRun({ request: { model: "m" }, records: records.slice(0, 4), state });
    expect(recording.end?.reason).toBe("cancelled");
    expect(recording.events).toHaveLength(4);
  });
});
