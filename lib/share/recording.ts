/**
 * The recording of one run: the exact request body and every stream event with its time since the request was
 * sent. Isomorphic (browser, server, tests). It is the payload of a shared permalink and the content of an exported
 * `.recording.json` file, so a run recorded against OpenAI can be replayed in a classroom with no key and no network.
 *
 * Format, version 1 (also documented in the README, "Recording format"):
 *
 * ```json
 * {
 *   "format": "responses-playground.recording",
 *   "version": 1,
 *   "title": "optional",
 *   "request": { "model": "gpt-4.1", "input": "Hello", "stream": true },
 *   "startedAt": "2025-01-01T12:00:00.000Z",
 *   "events": [
 *     { "atMs": 212.4, "type": "response.created", "raw": "{\"type\":\"response.created\",...}" },
 *     { "atMs": 230.1, "type": "response.output_text.delta", "data": { "type": "response.output_text.delta", ... } }
 *   ],
 *   "http": { "status": 400, "body": "{\"error\":{...}}", "atMs": 95 },
 *   "end": { "atMs": 1830, "reason": "ended" }
 * }
 * ```
 *
 * - An event carries `raw` (the SSE `data:` text as received, re-parsed on replay by the same parser as a live run)
 *   or `data` (the parsed event; handy for hand-written files), or both (then `raw` wins).
 * - `http` is present when the answer was not a stream: an HTTP error before streaming, or a non-streamed JSON
 *   response (status 200, body = the `Response` object).
 * - `end.reason` tells how the run ended on the recording side: `ended` (the stream closed), `cancelled` (the user
 *   pressed Stop) or `network_error` (with `message`).
 * - Together `http` and `end` are the run's `RunEnding` (`lib/run/ending.ts`), stored as the run reported it
 *   (`endingFields`) and applied on replay (`recordingEnding`). `http.contentType` and `http.retryAfter` are
 *   optional: recordings made before they were kept read as before.
 */
import { z } from "zod";
import type { EventRecord } from "@/lib/responses/event-log";
import type { RunState } from "@/lib/responses/run-state";
import { endingOfState, withEndTime, type RunEnding } from "@/lib/run/ending";

export const RECORDING_FORMAT = "responses-playground.recording";
export const RECORDING_VERSION = 1;

const JsonObject = z.record(z.string(), z.unknown());

export const RecordedEventSchema = z
  .object({
    /** ms since the request was sent; never decreasing along the list. */
    atMs: z.number().finite().min(0),
    /** The event `type` (or `[DONE]`, `(unreadable event)` for wire records that were not events). */
    type: z.string().min(1).max(200),
    raw: z.string().optional(),
    data: z.unknown().optional(),
  })
  .refine((e) => e.raw !== undefined || e.data !== undefined, { message: "an event needs `raw` or `data`" });

export const RecordingSchema = z.object({
  format: z.literal(RECORDING_FORMAT).optional(),
  version: z.literal(RECORDING_VERSION),
  title: z.string().max(500).optional(),
  request: JsonObject,
  startedAt: z.string().max(64).optional(),
  events: z.array(RecordedEventSchema),
  http: z
    .object({
      status: z.number().int().min(100).max(599),
      body: z.string().optional(),
      atMs: z.number().finite().min(0).optional(),
      contentType: z.string().max(500).optional(),
      retryAfter: z.string().max(200).optional(),
    })
    .optional(),
  end: z
    .object({
      atMs: z.number().finite().min(0).optional(),
      reason: z.enum(["ended", "cancelled", "network_error"]),
      message: z.string().max(2000).optional(),
    })
    .optional(),
});

export type RecordedEvent = z.infer<typeof RecordedEventSchema>;
export type Recording = z.infer<typeof RecordingSchema>;

/** The parts of a log record a recording keeps. `raw` is the wire text; `data` only when there was no raw text. */
function toRecordedEvent(record: Pick<EventRecord, "atMs" | "type" | "raw" | "data">): RecordedEvent {
  const atMs = Math.max(0, Math.round(record.atMs * 10) / 10);
  if (record.raw !== "" || record.data === null || record.data === undefined) return { atMs, type: record.type, raw: record.raw };
  return { atMs, type: record.type, data: record.data };
}

/** Times must not go backwards (a replay schedules by them); clamp any that do. */
function monotonic(events: RecordedEvent[]): RecordedEvent[] {
  let last = 0;
  return events.map((e) => {
    if (e.atMs >= last) {
      last = e.atMs;
      return e;
    }
    return { ...e, atMs: last };
  });
}

export interface RecordingFromLogInput {
  request: Record<string, unknown>;
  records: ReadonlyArray<Pick<EventRecord, "atMs" | "type" | "raw" | "data">>;
  /** When the request was sent (Date or ISO string). */
  startedAt?: Date | string;
  title?: string;
  http?: Recording["http"];
  end?: Recording["end"];
}

/** A recording from the event log of a run (`EventLog.slice()`), as the playground and the tests collect it. */
export function recordingFromLog(input: RecordingFromLogInput): Recording {
  const recording: Recording = {
    format: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    request: input.request,
    events: monotonic(input.records.map(toRecordedEvent)),
  };
  if (input.title) recording.title = input.title;
  if (input.startedAt) recording.startedAt = typeof input.startedAt === "string" ? input.startedAt : input.startedAt.toISOString();
  if (input.http) recording.http = input.http;
  if (input.end) recording.end = input.end;
  return recording;
}

/** The recording's fields for a run's ending: `http` for a whole answer, `end` for a stream's ending. */
export function endingFields(ending: RunEnding): Pick<Recording, "http" | "end"> {
  const at = ending.atMs !== undefined ? { atMs: Math.max(0, Math.round(ending.atMs * 10) / 10) } : {};
  switch (ending.kind) {
    case "answer": {
      const http: NonNullable<Recording["http"]> = { status: ending.status, body: ending.body, ...at };
      if (ending.contentType) http.contentType = ending.contentType;
      if (ending.retryAfter) http.retryAfter = ending.retryAfter;
      return { http };
    }
    case "stream_end":
      return { end: { reason: "ended", ...at } };
    case "cancelled":
      return { end: { reason: "cancelled", ...at } };
    case "network_error":
      return { end: { reason: "network_error", message: ending.message, ...at } };
  }
}

/** The run's ending as the recording stored it. A recording without one (hand-written, older) ended with its stream. */
export function recordingEnding(recording: Recording): RunEnding {
  const { http, end } = recording;
  if (http) {
    const ending: RunEnding = { kind: "answer", status: http.status, body: http.body ?? "" };
    if (http.atMs !== undefined) ending.atMs = http.atMs;
    if (http.contentType !== undefined) ending.contentType = http.contentType;
    if (http.retryAfter !== undefined) ending.retryAfter = http.retryAfter;
    return ending;
  }
  const at = end?.atMs !== undefined ? { atMs: end.atMs } : {};
  if (end?.reason === "cancelled") return { kind: "cancelled", ...at };
  if (end?.reason === "network_error") return { kind: "network_error", message: end.message ?? "The connection failed.", ...at };
  return { kind: "stream_end", ...at };
}

/**
 * A recording from a finished live run: its request, its event log and its ending as the run reported it
 * (`Run.getSnapshot().ending`). Without `ending`, it is read off the final `state` (states built by hand).
 */
export function recordingFromRun(input: {
  request: Record<string, unknown>;
  records: ReadonlyArray<Pick<EventRecord, "atMs" | "type" | "raw" | "data">>;
  state: RunState;
  ending?: RunEnding | null;
  startedAt?: Date | string;
  title?: string;
}): Recording {
  const ending = input.ending ?? endingOfState(input.state, input.records.length);
  return recordingFromLog({ ...input, ...endingFields(withEndTime(ending, input.records.at(-1)?.atMs)) });
}

// ───────────────────────────────────────────── files: export / import ─────────────────────────────────────────────

/** A file name from the title: `hello-world.recording.json`. */
export function recordingFileName(recording: Recording, fallback = "run"): string {
  const base = (recording.title ?? fallback)
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 60);
  return `${base || fallback}.recording.json`;
}

/** The file's text: the format marker first, so a reader sees what it is. */
export function recordingToFileText(recording: Recording): string {
  const { format: _format, version: _version, ...rest } = recording;
  return `${JSON.stringify({ format: RECORDING_FORMAT, version: RECORDING_VERSION, ...rest }, null, 2)}\n`;
}

export type ParseRecordingResult = { ok: true; recording: Recording } | { ok: false; error: string };

function describePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "the file";
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return `\`${out}\``;
}

/** Reads a recording (file text or parsed JSON) and says in plain words what is wrong with a bad one. */
export function parseRecording(input: string | unknown): ParseRecordingResult {
  let value: unknown = input;
  if (typeof input === "string") {
    if (input.trim() === "") return { ok: false, error: "The file is empty." };
    try {
      value = JSON.parse(input);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `The file is not valid JSON (${detail}). A recording is the .json file that "Export recording" saves.` };
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, error: "The file is not a recording: a recording is a JSON object with a request and a list of events." };
  }
  const obj = value as Record<string, unknown>;
  if (obj.format !== undefined && obj.format !== RECORDING_FORMAT) {
    return { ok: false, error: `The file is not a Responses Playground recording (its format is "${String(obj.format)}").` };
  }
  if (typeof obj.version === "number" && obj.version > RECORDING_VERSION) {
    return {
      ok: false,
      error: `This recording uses format version ${obj.version}, made by a newer playground; this one reads version ${RECORDING_VERSION}.`,
    };
  }
  if (obj.version === undefined && obj.events === undefined) {
    return { ok: false, error: 'The file is not a recording: it has no "version" and no "events" list.' };
  }
  const parsed = RecordingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = describePath(issue?.path ?? []);
    return { ok: false, error: `The recording is damaged: ${where} ${issue ? lowerFirst(issue.message) : "is not valid"}.` };
  }
  return { ok: true, recording: parsed.data };
}

function lowerFirst(text: string): string {
  return text ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Duration of the recording in ms (the last event, or the end marker, whichever is later). */
export function recordingDurationMs(recording: Recording): number {
  const lastEvent = recording.events.at(-1)?.atMs ?? 0;
  return Math.max(lastEvent, recording.end?.atMs ?? 0, recording.http?.atMs ?? 0);
}
