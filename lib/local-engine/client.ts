import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { clientKey } from "@/lib/upstream/limits";

/**
 * Who is asking, for the engine's fair eviction: the proxy's rate-limit client key (right-most X-Forwarded-For).
 * The proxy calls the engine in-process with its own request, so it passes the caller's key down this way; a
 * direct call to `/api/local/v1` carries its own headers.
 */
const current = new AsyncLocalStorage<string>();

export function runAsClient<T>(key: string, fn: () => T): T {
  return current.run(key, fn);
}

export function engineClient(request: Request): string {
  return current.getStore() ?? clientKey(request);
}
