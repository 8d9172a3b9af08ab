/**
 * The stream's `error` event as every client reads it. The spec's `ResponseErrorEvent` is flat
 * (`{type, code, message, param, sequence_number}`), but the live API nests the fields under `error`, and openai-node 6's
 * stream, openai-python and LangChain raise only on `data.error`: a flat-only event ends their stream quietly. So both
 * forms are sent. One builder for the local engine and the proxy's own records (no React, no server-only imports).
 */

export interface NestedStreamError {
  type: string;
  code: string | null;
  message: string;
  param: string | null;
}

export interface StreamErrorEvent {
  type: "error";
  code: string | null;
  message: string;
  param: string | null;
  sequence_number: number;
  error: NestedStreamError;
}

export interface StreamErrorFields {
  code: string | null;
  message: string;
  param?: string | null;
  /** The nested `error.type` (the HTTP error body's `type`): `server_error` unless said otherwise. */
  type?: string;
}

export function streamErrorEvent(fields: StreamErrorFields, sequenceNumber: number): StreamErrorEvent {
  const param = fields.param ?? null;
  return {
    type: "error",
    code: fields.code,
    message: fields.message,
    param,
    sequence_number: sequenceNumber,
    error: { type: fields.type ?? "server_error", code: fields.code, message: fields.message, param },
  };
}

/** The same event as one SSE record (`event: error`), ready to write. */
export function sseErrorRecord(fields: StreamErrorFields, sequenceNumber: number): string {
  return `event: error\ndata: ${JSON.stringify(streamErrorEvent(fields, sequenceNumber))}\n\n`;
}

const SEQUENCE_KEY = new TextEncoder().encode('"sequence_number":');

/**
 * The last `sequence_number` written in a chunk of an event stream, or null: a proxy that adds its own `error` record
 * numbers it after the upstream's last event without parsing the stream (a byte search from the end of the chunk).
 */
export function lastSequenceNumber(chunk: Uint8Array): number | null {
  const key = SEQUENCE_KEY;
  outer: for (let at = chunk.length - key.length; at >= 0; at -= 1) {
    for (let k = 0; k < key.length; k += 1) if (chunk[at + k] !== key[k]) continue outer;
    let i = at + key.length;
    while (chunk[i] === 0x20) i += 1;
    let value = 0;
    let digits = 0;
    for (; i < chunk.length && chunk[i]! >= 0x30 && chunk[i]! <= 0x39; i += 1, digits += 1) value = value * 10 + chunk[i]! - 0x30;
    return digits > 0 ? value : null;
  }
  return null;
}
