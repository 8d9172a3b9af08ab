import "server-only";

/**
 * Streaming pace. Each text delta waits `delayMs` first: the request header `x-local-engine-delay-ms` wins over the
 * env `LOCAL_ENGINE_DELAY_MS`, which wins over the default. 0 means "as fast as possible", but every step still
 * yields to the event loop so an abort (client gone, Stop pressed) is seen between two deltas.
 */

export const DEFAULT_DELAY_MS = 25;
export const MAX_DELAY_MS = 10_000;
export const DELAY_HEADER = "x-local-engine-delay-ms";

export function resolveDelayMs(headers: Headers, env: Record<string, string | undefined> = process.env): number {
  return parseDelay(headers.get(DELAY_HEADER)) ?? parseDelay(env.LOCAL_ENGINE_DELAY_MS) ?? DEFAULT_DELAY_MS;
}

function parseDelay(raw: string | null | undefined): number | undefined {
  if (raw == null || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) return undefined;
  return Math.min(Math.floor(n), MAX_DELAY_MS);
}

/** Waits `ms` (or one event-loop turn for 0); resolves early, without throwing, when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const finish = () => {
      if (timer !== undefined) clearTimeout(timer);
      if (immediate !== undefined) clearImmediate(immediate);
      signal.removeEventListener("abort", finish);
      resolve();
    };
    const timer = ms > 0 ? setTimeout(finish, ms) : undefined;
    const immediate = ms > 0 ? undefined : setImmediate(finish);
    signal.addEventListener("abort", finish, { once: true });
  });
}
