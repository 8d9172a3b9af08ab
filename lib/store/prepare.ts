import "server-only";
import { ApiError } from "@/lib/api-error";
import { parseRecording, type Recording } from "@/lib/share/recording";
import { scrubSecrets } from "@/lib/share/scrub";
import { formatBytes } from "@/lib/media/bytes";
import type { NewPermalink, PermalinkRecord, PermalinkRow } from "./types";

export const MAX_TITLE_LENGTH = 200;
export const DEFAULT_TITLE = "Untitled request";

export interface PreparedRow {
  title: string;
  requestJson: string;
  recordingJson: string | null;
  sizeBytes: number;
  removed: string[];
}

const encoder = new TextEncoder();

/**
 * What both backends do before writing: scrub keys out of everything (title, request, recording), serialise, and
 * refuse a payload over `maxBytes` with a 413 in the API's error shape.
 */
export function prepareRow(input: NewPermalink, maxBytes: number): PreparedRow {
  const title = scrubSecrets(normaliseTitle(input.title), "title");
  const request = scrubSecrets(input.request, "request");
  const recording = input.recording ? scrubSecrets(input.recording, "recording") : null;

  const requestJson = JSON.stringify(request.value);
  const recordingJson = recording ? JSON.stringify(recording.value) : null;
  const sizeBytes =
    encoder.encode(title.value).length + encoder.encode(requestJson).length + (recordingJson ? encoder.encode(recordingJson).length : 0);
  if (sizeBytes > maxBytes) {
    throw new ApiError(
      413,
      `The shared request and recording are ${formatBytes(sizeBytes)}, over the limit of ${formatBytes(maxBytes)}. ` +
        "Share without the recording, or shorten the run (large images and long streams take the most room).",
      { code: "payload_too_large", param: recording ? "recording" : "request" },
    );
  }
  return {
    title: title.value,
    requestJson,
    recordingJson,
    sizeBytes,
    removed: [...title.removed, ...request.removed, ...(recording?.removed ?? [])],
  };
}

export function normaliseTitle(title: string | undefined | null): string {
  const clean = (title ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_TITLE_LENGTH);
  return clean || DEFAULT_TITLE;
}

/** A stored row back into a record. A row that no longer parses yields a record without its recording. */
export function rowToRecord(row: PermalinkRow): PermalinkRecord {
  let recording: Recording | null = null;
  if (row.recording_json) {
    const parsed = parseRecording(row.recording_json);
    recording = parsed.ok ? parsed.recording : null;
  }
  return {
    id: row.id,
    title: row.title,
    request: JSON.parse(row.request_json) as Record<string, unknown>,
    recording,
    createdAt: new Date(row.created_at).toISOString(),
    sizeBytes: Number(row.size_bytes),
  };
}
