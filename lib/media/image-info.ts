/**
 * What an image is, read from its bytes: PNG, JPEG, WEBP or GIF by their magic numbers, and the pixel size from
 * their headers (PNG IHDR, JPEG SOFn, WEBP VP8/VP8L/VP8X, GIF logical screen). Isomorphic: works on a Uint8Array
 * in the page and in the engine.
 */

export type ImageFormat = "png" | "jpeg" | "webp" | "gif";

export interface ImageInfo {
  format: ImageFormat;
  mimeType: `image/${ImageFormat}`;
  /** Null when the header is cut short or malformed. */
  width: number | null;
  height: number | null;
}

export const FORMAT_NAMES: Record<ImageFormat, string> = { png: "PNG", jpeg: "JPEG", webp: "WEBP", gif: "GIF" };

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "webp";
  return null;
}

export function readImageInfo(bytes: Uint8Array): ImageInfo | null {
  const format = detectImageFormat(bytes);
  if (format === null) return null;
  const size =
    format === "png" ? pngSize(bytes) : format === "jpeg" ? jpegSize(bytes) : format === "gif" ? gifSize(bytes) : webpSize(bytes);
  return { format, mimeType: `image/${format}`, width: size?.[0] ?? null, height: size?.[1] ?? null };
}

type Size = [number, number] | null;

const be16 = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const le16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16);
const be32 = (b: Uint8Array, o: number) => (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;

function pngSize(b: Uint8Array): Size {
  // The first chunk must be IHDR: length(4) "IHDR" width(4) height(4).
  if (b.length < 24 || !startsWith(b, ascii("IHDR"), 12)) return null;
  return [be32(b, 16), be32(b, 20)];
}

function gifSize(b: Uint8Array): Size {
  if (b.length < 10) return null;
  return [le16(b, 6), le16(b, 8)];
}

function jpegSize(b: Uint8Array): Size {
  let o = 2;
  while (o + 3 < b.length) {
    if (b[o] !== 0xff) return null;
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) {
      o += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI, EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      o += 2;
      continue;
    }
    const length = be16(b, o + 2);
    if (length < 2) return null;
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (o + 9 > b.length) return null;
      return [be16(b, o + 7), be16(b, o + 5)];
    }
    if (marker === 0xda) return null; // start of scan before any frame header
    o += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array): Size {
  if (b.length < 30) return null;
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === "VP8X") return [le24(b, 24) + 1, le24(b, 27) + 1];
  if (chunk === "VP8L") {
    if (b[20] !== 0x2f) return null;
    const b1 = b[21] ?? 0;
    const b2 = b[22] ?? 0;
    const b3 = b[23] ?? 0;
    const b4 = b[24] ?? 0;
    return [1 + (((b2 & 0x3f) << 8) | b1), 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6))];
  }
  if (chunk === "VP8 ") {
    // Frame tag (3 bytes), then the key-frame start code 9d 01 2a, then 14-bit width and height.
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return [le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff];
  }
  return null;
}
