/** Base64 and data URLs, isomorphic (atob/btoa exist in browsers and in Node 16+). */

export interface DataUrl {
  mimeType: string;
  bytes: Uint8Array;
}

export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Decodes `data:<mime>;base64,<data>`; null when it is not a base64 data URL or the data is not base64. */
export function parseDataUrl(url: string): DataUrl | null {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),/.exec(url.slice(0, 300));
  if (!match || !match[2]?.split(";").includes("base64")) return null;
  try {
    return { mimeType: (match[1] || "application/octet-stream").toLowerCase(), bytes: decodeBase64(url.slice(match[0].length)) };
  } catch {
    return null;
  }
}

export function toDataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${encodeBase64(bytes)}`;
}

/** `data:<mime>;base64,<data>` split without copying the data. Null when it is not a base64 data URL. */
export function splitDataUrl(url: string): { mime: string; dataStart: number } | null {
  if (!url.startsWith("data:")) return null;
  const comma = url.indexOf(",", 5);
  if (comma === -1 || comma > 300) return null;
  const header = url.slice(5, comma);
  const parts = header.split(";");
  if (!parts.includes("base64")) return null;
  return { mime: (parts[0] ?? "").toLowerCase(), dataStart: comma + 1 };
}

/** Bytes a base64 string of this length decodes to (ignoring padding subtleties beyond `=`). */
export function base64DecodedLength(url: string, dataStart: number): number {
  const length = url.length - dataStart;
  let padding = 0;
  if (url.endsWith("==")) padding = 2;
  else if (url.endsWith("=")) padding = 1;
  return Math.max(0, Math.floor((length * 3) / 4) - padding);
}
