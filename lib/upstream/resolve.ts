import "server-only";
import { localEngineFetch } from "@/lib/local-engine";
import { serverEnv } from "./config";

export type UpstreamKind = "openai" | "local";

export interface Upstream {
  kind: UpstreamKind;
  /** Base URL ending in /v1 (no trailing slash). For the local engine, a placeholder origin served in-process. */
  baseUrl: string;
  /** `fetch` for remote upstreams; the local engine's in-process handler otherwise (same contract). */
  fetch: typeof fetch;
  /** The key to send upstream, never echoed back. */
  apiKey: string | null;
}

const LOCAL_BASE = "http://local-engine/v1";

/**
 * Picks the upstream for one incoming request: the caller's own `Authorization: Bearer` key, else the
 * server's OPENAI_API_KEY, else the built-in local engine. `x-playground-upstream: local` asks for the
 * local engine even when a key is configured (classrooms, demos).
 */
export function resolveUpstream(request: Request): Upstream {
  const env = serverEnv();
  const wantsLocal = request.headers.get("x-playground-upstream")?.toLowerCase() === "local";
  const callerKey = bearerToken(request.headers.get("authorization"));
  if (wantsLocal) return localUpstream();
  const apiKey = callerKey ?? env.OPENAI_API_KEY ?? null;
  if (!apiKey) return localUpstream();
  return { kind: "openai", baseUrl: env.OPENAI_BASE_URL, fetch: globalThis.fetch, apiKey };
}

function localUpstream(): Upstream {
  return { kind: "local", baseUrl: LOCAL_BASE, fetch: localEngineFetch as typeof fetch, apiKey: null };
}

export function bearerToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  const token = match?.[1]?.trim();
  return token ? token : null;
}
