import "server-only";
import { ApiError } from "@/lib/api-error";
import { localEngineFetch } from "@/lib/local-engine";
import { authorizeUpstreamUse, isAccessToken } from "./access";
import { serverEnv } from "./config";
import { guardedFetch } from "./net-guard";

export type UpstreamKind = "openai" | "local";

export interface Upstream {
  kind: UpstreamKind;
  /** Base URL ending in /v1 (no trailing slash). For the local engine, a placeholder origin served in-process. */
  baseUrl: string;
  /** `fetch` for remote upstreams; the local engine's in-process handler otherwise (same contract). */
  fetch: typeof fetch;
  /** The key to send upstream, never echoed back. */
  apiKey: string | null;
  /** A base URL the caller chose (`x-playground-base-url`): its host is checked against SSRF before each call. */
  custom?: boolean;
}

const LOCAL_BASE = "http://local-engine/v1";
export const BASE_URL_HEADER = "x-playground-base-url";

/**
 * Picks the upstream for one incoming request:
 *
 * 1. `x-playground-upstream: local` → the built-in local engine (no key, no token needed).
 * 2. `x-playground-base-url` → that base URL, with the caller's own `Authorization: Bearer` key only: the server's
 *    key never goes to a host a caller chose. Needs the same authorisation as the server key (access.ts); the host
 *    is checked against loopback/private/metadata addresses before each call (net-guard.ts, from forward.ts).
 * 3. The caller's own bearer key → OPENAI_BASE_URL with that key.
 * 4. The server's OPENAI_API_KEY → OPENAI_BASE_URL, for authorised callers only (access.ts), else 401.
 * 5. Otherwise the local engine.
 *
 * A bearer equal to PLAYGROUND_ACCESS_TOKEN is the access token, not an API key.
 */
export function resolveUpstream(request: Request): Upstream {
  const env = serverEnv();
  if (request.headers.get("x-playground-upstream")?.toLowerCase() === "local") return localUpstream();
  let callerKey = bearerToken(request.headers.get("authorization"));
  if (callerKey && env.PLAYGROUND_ACCESS_TOKEN && isAccessToken(callerKey, env.PLAYGROUND_ACCESS_TOKEN)) {
    callerKey = null;
  }
  const customBase = request.headers.get(BASE_URL_HEADER)?.trim();
  if (customBase) {
    const baseUrl = checkBaseUrl(customBase);
    if (!callerKey) {
      throw new ApiError(400, "A custom base URL needs your own API key (Settings): the server's key is never sent to a host you choose.", {
        code: "base_url_requires_key",
        param: BASE_URL_HEADER,
      });
    }
    authorizeUpstreamUse(request, "a custom base URL");
    // The guarded fetch checks each address again when it connects (DNS rebinding); allowed private hosts skip it.
    const fetch = env.UPSTREAM_ALLOW_PRIVATE ? globalThis.fetch : guardedFetch;
    return { kind: "openai", baseUrl, fetch, apiKey: callerKey, custom: true };
  }
  if (callerKey) return { kind: "openai", baseUrl: env.OPENAI_BASE_URL, fetch: globalThis.fetch, apiKey: callerKey };
  if (!env.OPENAI_API_KEY) return localUpstream();
  authorizeUpstreamUse(request, "the server's API key");
  return { kind: "openai", baseUrl: env.OPENAI_BASE_URL, fetch: globalThis.fetch, apiKey: env.OPENAI_API_KEY };
}

function checkBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ApiError(400, "The custom base URL is not a valid URL (example: https://gateway.example.com/v1).", {
      code: "invalid_base_url",
      param: BASE_URL_HEADER,
    });
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
    throw new ApiError(400, "The custom base URL must be http(s), without credentials in it.", {
      code: "invalid_base_url",
      param: BASE_URL_HEADER,
    });
  }
  url.search = "";
  url.hash = "";
  return url.href.replace(/\/+$/, "");
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
