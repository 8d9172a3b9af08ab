/**
 * The stateless share link: the request compressed into the URL fragment, `/p#r=<base64url(deflate-raw(json))>`,
 * for deployments that store nothing. The fragment never reaches the server (browsers do not send it), so such a
 * link works on any static host and leaves no trace in server logs. Isomorphic: `CompressionStream` exists in
 * browsers and in Node ≥ 18.
 *
 * Payload (version 1): `{"v":1,"title":"…","request":{…}}`. Recordings are not carried: they are too large for a
 * URL; they travel as permalinks or exported files.
 */
import { scrubSecrets } from "./scrub";

export const FRAGMENT_PARAM = "r";
/** Links longer than this may be cut by chat apps and some browsers; the Share dialog warns above it. */
export const FRAGMENT_SOFT_LIMIT = 32_000;

export interface FragmentPayload {
  title: string;
  request: Record<string, unknown>;
}

export class FragmentError extends Error {
  override name = "FragmentError";
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function pipeBytes(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** `r=<…>` for the request (keys scrubbed first: a link is as public as a permalink). */
export async function encodeFragment(payload: FragmentPayload): Promise<string> {
  const clean = scrubSecrets({ v: 1, title: payload.title, request: payload.request }).value;
  const json = new TextEncoder().encode(JSON.stringify(clean));
  const compressed = await pipeBytes(json, new CompressionStream("deflate-raw"));
  return `${FRAGMENT_PARAM}=${toBase64Url(compressed)}`;
}

/** The full stateless link: `${origin}/p#r=…`. */
export async function fragmentUrl(origin: string, payload: FragmentPayload): Promise<string> {
  return `${origin.replace(/\/+$/, "")}/p#${await encodeFragment(payload)}`;
}

/** Reads `#r=…` (with or without the `#`), throwing a `FragmentError` in plain words when it cannot. */
export async function decodeFragment(hash: string): Promise<FragmentPayload> {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const data = params.get(FRAGMENT_PARAM);
  if (!data) throw new FragmentError("This link carries no request: the part after # is missing or was cut off.");
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(data.trim());
  } catch {
    throw new FragmentError("This link is damaged: the request in it is not valid base64url. Copy the whole link again.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await pipeBytes(bytes, new DecompressionStream("deflate-raw")));
  } catch {
    throw new FragmentError("This link is damaged or was cut off: the request in it cannot be decompressed. Copy the whole link again.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FragmentError("This link is damaged: the request in it is not valid JSON.");
  }
  if (typeof value !== "object" || value === null) throw new FragmentError("This link does not carry a request.");
  const obj = value as { v?: unknown; title?: unknown; request?: unknown };
  if (typeof obj.v === "number" && obj.v > 1) {
    throw new FragmentError(`This link was made by a newer playground (format ${obj.v}); this one reads format 1.`);
  }
  const request = obj.request;
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    throw new FragmentError("This link does not carry a request object.");
  }
  return { title: typeof obj.title === "string" ? obj.title : "", request: request as Record<string, unknown> };
}
