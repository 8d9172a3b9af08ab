/**
 * The size limit of a shared payload (title + request + recording, as stored UTF-8 JSON). Isomorphic, so the
 * Share dialog can warn before it uploads. Configurable on the server with `SHARE_MAX_BYTES`.
 */
export const DEFAULT_SHARE_MAX_BYTES = 2 * 1024 * 1024;

/** Accepts `2097152`, `2mb`, `512kb` (1 KB = 1024 bytes). Anything else falls back to the default. */
export function parseByteSize(text: string | undefined | null, fallback = DEFAULT_SHARE_MAX_BYTES): number {
  if (!text) return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|kib|k|mb|mib|m)?\s*$/i.exec(text);
  if (!m || !m[1]) return fallback;
  const n = Number(m[1]);
  const unit = (m[2] ?? "b").toLowerCase();
  const factor = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
  const bytes = Math.floor(n * factor);
  return bytes > 0 ? bytes : fallback;
}
