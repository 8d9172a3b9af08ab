import { ApiError } from "@/lib/api-error";

/**
 * Nesting depth of JSON request bodies. Every recursive walk further on (schema validation, the engine's schema
 * sampler, the share scrubber) would overflow the stack on a body thousands of levels deep and answer 500; the
 * surfaces that read bodies (proxy, local engine, share) refuse such a body first with a 400 naming the `param`.
 */

/** Deep enough for any real tool schema or recording (they stay under 30), far from the stack's limit. */
export const MAX_JSON_DEPTH = 128;

/** Where a JSON text first nests deeper than `maxDepth`: the depth and the path (first `segments` keys) to it. */
export interface ExcessDepth {
  depth: number;
  path: string[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Scans JSON text without parsing it and without recursion: one pass, strings skipped with `indexOf`. Returns where
 * the nesting first passes `maxDepth`, or null. Invalid JSON is not reported here (the parser does that).
 */
export function findExcessDepth(text: string, maxDepth = MAX_JSON_DEPTH, segments = 3): ExcessDepth | null {
  // For the first `segments` levels only: whether the container is an array, its current key or index.
  const isArray: boolean[] = [];
  const keys: Array<string | number> = [];
  let depth = 0;
  let lastString = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: one not preceded by an odd run of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return null;
      if (depth <= segments) lastString = text.slice(i + 1, Math.min(end, i + 1 + 200));
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > maxDepth) return { depth, path: path(keys, Math.min(depth - 1, segments)) };
      if (depth <= segments) {
        isArray[depth] = c === 0x5b;
        keys[depth] = c === 0x5b ? 0 : "";
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x3a /* : */) {
      if (depth <= segments && depth > 0) keys[depth] = lastString;
    } else if (c === 0x2c /* , */) {
      if (depth <= segments && depth > 0 && isArray[depth]) keys[depth] = (keys[depth] as number) + 1;
    }
  }
  return null;
}

/**
 * `findExcessDepth` over UTF-8 bytes (a body not yet decoded): the same scan, strings skipped with the native
 * `indexOf`, so a guard can check a body without decoding it (the engine decodes it once, later).
 */
export function findExcessDepthInBytes(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH, segments = 3): ExcessDepth | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isArray: boolean[] = [];
  const keys: Array<string | number> = [];
  let depth = 0;
  let lastString = "";
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (c === QUOTE) {
      let end = buf.indexOf(QUOTE, i + 1);
      while (end !== -1) {
        let slashes = 0;
        while (buf[end - 1 - slashes] === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        end = buf.indexOf(QUOTE, end + 1);
      }
      if (end === -1) return null;
      if (depth <= segments) lastString = buf.toString("utf8", i + 1, Math.min(end, i + 1 + 200));
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > maxDepth) return { depth, path: path(keys, Math.min(depth - 1, segments)) };
      if (depth <= segments) {
        isArray[depth] = c === 0x5b;
        keys[depth] = c === 0x5b ? 0 : "";
      }
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    } else if (c === 0x3a) {
      if (depth <= segments && depth > 0) keys[depth] = lastString;
    } else if (c === 0x2c) {
      if (depth <= segments && depth > 0 && isArray[depth]) keys[depth] = (keys[depth] as number) + 1;
    }
  }
  return null;
}

function path(keys: Array<string | number>, levels: number): string[] {
  const out: string[] = [];
  for (let level = 1; level <= levels; level++) out.push(String(keys[level]));
  return out;
}

/** Throws a 400 in the API's error shape when the JSON text or bytes nest deeper than `maxDepth`. */
export function assertJsonDepth(body: string | Uint8Array, opts: { maxDepth?: number; segments?: number } = {}): void {
  const maxDepth = opts.maxDepth ?? MAX_JSON_DEPTH;
  const found =
    typeof body === "string"
      ? findExcessDepth(body, maxDepth, opts.segments ?? 3)
      : findExcessDepthInBytes(body, maxDepth, opts.segments ?? 3);
  if (!found) return;
  const param = found.path.join(".") || null;
  throw new ApiError(
    400,
    `The JSON body is nested more than ${maxDepth} levels deep${param ? ` (at ${param})` : ""}; the limit is ${maxDepth}. Flatten the schema or value.`,
    { type: "invalid_request_error", param, code: "json_too_deep" },
  );
}
