import "server-only";

// Anything shaped like an OpenAI-style secret (sk-…, sess-…) or a bearer token.
const SECRET_PATTERN = /\b(sk|sess|rk)-[A-Za-z0-9_-]{6,}/g;
const BEARER_PATTERN = /(Bearer\s+)[A-Za-z0-9._~+/=-]{6,}/gi;

export const REDACTED = "[redacted]";
const REDACTED_BYTES = new TextEncoder().encode(REDACTED);

/** Removes the given secrets (every occurrence, any letter case), and anything that looks like a key, from a message. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined | null> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.replace(new RegExp(escapeRegExp(secret), "gi"), REDACTED);
  }
  return out.replace(SECRET_PATTERN, REDACTED).replace(BEARER_PATTERN, `$1${REDACTED}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** ASCII letters fold to lower case; every other byte is itself. */
const FOLD = new Uint8Array(256);
for (let b = 0; b < 256; b++) FOLD[b] = b >= 0x41 && b <= 0x5a ? b | 0x20 : b;

/**
 * Replaces one exact secret in a byte stream, chunk by chunk, with `[redacted]`: every occurrence, ASCII letters in any
 * case, also when the secret is split across chunks. Only a chunk's tail that could still be the start of the secret
 * (at most `secret.length - 1` bytes) is held back until the next chunk; a chunk with no match and no such tail is
 * passed on as the same bytes, so the stream stays byte-identical and no later than before.
 */
export class StreamRedactor {
  private readonly needle: Uint8Array;
  private carry: Uint8Array = new Uint8Array(0);

  constructor(secret: string) {
    this.needle = new TextEncoder().encode(secret).map((b) => FOLD[b]!);
  }

  /** The bytes of `chunk` that can be sent now (maybe none while a possible key prefix waits). */
  push(chunk: Uint8Array): Uint8Array {
    const data = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const needle = this.needle;
    const m = needle.length;
    const first = needle[0]!;
    const pieces: Uint8Array[] = [];
    let emitted = 0;
    let i = 0;
    // Whole matches: a byte loop with a first-byte filter; an event is a few hundred bytes.
    for (const last = data.length - m; i <= last; i++) {
      if (FOLD[data[i]!] !== first) continue;
      let j = 1;
      while (j < m && FOLD[data[i + j]!] === needle[j]) j++;
      if (j < m) continue;
      if (i > emitted) pieces.push(data.subarray(emitted, i));
      pieces.push(REDACTED_BYTES);
      emitted = i + m;
      i = emitted - 1;
    }
    // The longest tail (after the last match) that is a prefix of the secret waits for the next chunk.
    let hold = 0;
    for (let k = Math.min(m - 1, data.length - emitted); k > 0; k--) {
      const start = data.length - k;
      let j = 0;
      while (j < k && FOLD[data[start + j]!] === needle[j]) j++;
      if (j === k) {
        hold = k;
        break;
      }
    }
    const end = data.length - hold;
    this.carry = hold > 0 ? data.slice(end) : new Uint8Array(0);
    if (pieces.length === 0) return end === data.length ? data : data.subarray(0, end);
    if (end > emitted) pieces.push(data.subarray(emitted, end));
    return concat(...pieces);
  }

  /** What is still held back at the end of the stream (never the whole secret). */
  flush(): Uint8Array {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    return rest;
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
