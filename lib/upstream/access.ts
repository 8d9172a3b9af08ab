import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { tracingChannel } from "node:diagnostics_channel";
import { Server } from "node:net";
import { ApiError } from "@/lib/api-error";
import { serverEnv } from "./config";

/**
 * Who may use the server's key (and custom base URLs).
 *
 * - `PLAYGROUND_ACCESS_TOKEN` set: the caller must present it, as `x-playground-access-token`, as
 *   `Authorization: Bearer <token>`, or as the cookie the /login page sets. Otherwise 401, and no upstream call.
 * - Not set: allowed only while every socket this process listens on is a loopback address (`next start -H
 *   127.0.0.1`, `next dev` on localhost). A server that listens beyond loopback (the default `next start` listens
 *   on every interface) refuses with 401 and says to set the token. The listening sockets are read from the process
 *   itself, not from `Host` or `X-Forwarded-For`, which a caller controls.
 */

export const ACCESS_COOKIE = "playground_access";
export const ACCESS_HEADER = "x-playground-access-token";

/** The cookie's value: a digest of the token, so the token itself is not stored in the browser. */
export function accessCookieValue(token: string): string {
  return createHash("sha256").update(`responses-playground:${token}`).digest("hex");
}

function sameText(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

function cookie(request: Request, name: string): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return null;
}

/** True when `value` is the access token (compared in constant time). */
export function isAccessToken(value: string, token: string): boolean {
  return sameText(value, token);
}

/** True when the request carries the access token (header, bearer or login cookie). */
export function presentsAccessToken(request: Request, token: string): boolean {
  const header = request.headers.get(ACCESS_HEADER);
  if (header && sameText(header.trim(), token)) return true;
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization")?.trim() ?? "")?.[1]?.trim();
  if (bearer && sameText(bearer, token)) return true;
  const c = cookie(request, ACCESS_COOKIE);
  return c !== null && sameText(c, accessCookieValue(token));
}

export type ListenScope = "loopback" | "beyond-loopback" | "unknown";

function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/**
 * A "loopback" answer, kept for a second: walking every handle of the process costs time that grows with the open
 * connections, on every call that uses the server's key. Only the answer that allows is kept; any server starting
 * to listen drops it at once (Node's `net.server.listen` channel), and the second bounds the rest (Node versions
 * without that channel).
 */
const LOOPBACK_TTL_MS = 1000;
let loopbackSince = -Infinity;
const forget = () => {
  loopbackSince = -Infinity;
};
tracingChannel("net.server.listen").subscribe({ start: forget, end: forget, asyncStart: forget, asyncEnd: forget, error: forget });

/** Where this process listens, from its own listening sockets (unknown when none is found: treated as beyond). */
export function listenScope(): ListenScope {
  const now = performance.now();
  if (now - loopbackSince < LOOPBACK_TTL_MS) return "loopback";
  const scope = readListenScope();
  if (scope === "loopback") loopbackSince = now;
  return scope;
}

function readListenScope(): ListenScope {
  const getHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  if (typeof getHandles !== "function") return "unknown";
  let seen = 0;
  for (const handle of getHandles.call(process)) {
    if (!(handle instanceof Server) || !handle.listening) continue;
    const addr = handle.address();
    if (!addr || typeof addr === "string") continue; // a unix socket or pipe: local by nature
    seen++;
    if (!isLoopback(addr.address)) return "beyond-loopback";
  }
  return seen > 0 ? "loopback" : "unknown";
}

/**
 * Throws 401 (API error shape) unless this caller may use `what` (the server's key, or a custom base URL).
 * Owned by lib/upstream because it guards the one thing worth stealing here: upstream access.
 */
export function authorizeUpstreamUse(request: Request, what: string): void {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  if (token) {
    if (presentsAccessToken(request, token)) return;
    throw new ApiError(401, `This playground needs its access token to use ${what}: sign in at /login, or send it as ${ACCESS_HEADER}.`, {
      type: "authentication_error",
      code: "access_token_required",
    });
  }
  if (listenScope() === "loopback") return;
  throw new ApiError(
    401,
    `This server listens beyond loopback, so ${what} is not used without an access token. The operator must set PLAYGROUND_ACCESS_TOKEN (or listen on 127.0.0.1 only).`,
    { type: "authentication_error", code: "access_token_not_configured" },
  );
}
