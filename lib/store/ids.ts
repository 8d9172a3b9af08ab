/**
 * Permalink ids: 16 random bytes (128 bits, above the 96 required) from the platform CSPRNG, as URL-safe base64
 * without padding: 22 characters of [A-Za-z0-9_-]. Unguessable, so a link is as private as the person sharing it.
 */
export const PERMALINK_ID_BYTES = 16;
export const PERMALINK_ID_LENGTH = 22;
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newPermalinkId(): string {
  const bytes = new Uint8Array(PERMALINK_ID_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return base64UrlEncode(bytes);
}

export function isPermalinkId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}
