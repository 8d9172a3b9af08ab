/**
 * Sizes in words, for every message that quotes one (limits, uploads, the engine's attachment lines): `35 B`,
 * `1 KB`, `1.5 KB`, `20 MB` (1 KB = 1024 bytes, the unit `SHARE_MAX_BYTES` and `PLAYGROUND_MAX_BODY_BYTES` accept).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [unit, size] = bytes < 1024 * 1024 ? (["KB", 1024] as const) : (["MB", 1024 * 1024] as const);
  return `${(bytes / size).toFixed(bytes % size === 0 ? 0 : 1)} ${unit}`;
}
