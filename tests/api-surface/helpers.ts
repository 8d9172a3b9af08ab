import OpenAI from "openai";
import { vi } from "vitest";
import { POST as proxyChat } from "@/app/api/v1/chat/completions/route";
import { GET as proxyRetrieve } from "@/app/api/v1/responses/[id]/route";
import { POST as proxyCancel } from "@/app/api/v1/responses/[id]/cancel/route";
import { GET as proxyInputItems } from "@/app/api/v1/responses/[id]/input_items/route";
import { POST as proxyInputTokens } from "@/app/api/v1/responses/input_tokens/route";
import { POST as proxyResponses } from "@/app/api/v1/responses/route";
import * as conversationsRoute from "@/app/api/v1/conversations/route";
import * as conversationRoute from "@/app/api/v1/conversations/[id]/route";
import * as conversationItemsRoute from "@/app/api/v1/conversations/[id]/items/route";
import * as conversationItemRoute from "@/app/api/v1/conversations/[id]/items/[itemId]/route";
import { localEngineFetch } from "@/lib/local-engine";

/**
 * The official SDK against both surfaces, in-process: the local engine (`/api/local/v1`, through `localEngineFetch`) and
 * the proxy's route handlers (`/api/v1`, reaching the in-process engine because no key is configured). `delayMs` paces
 * the engine's deltas (0: as fast as possible).
 */
export function engineClient(delayMs = 0): OpenAI {
  return new OpenAI({
    apiKey: "local",
    baseURL: "http://local-engine/v1",
    fetch: localEngineFetch,
    maxRetries: 0,
    defaultHeaders: { "x-local-engine-delay-ms": String(delayMs) },
  });
}

export function proxyClient(delayMs = 0): OpenAI {
  vi.stubEnv("OPENAI_API_KEY", "");
  const route = (req: Request): Promise<Response> => {
    const parts = new URL(req.url).pathname.split("/").slice(3); // after /api/v1/
    const id = { params: Promise.resolve({ id: decodeURIComponent(parts[1] ?? "") }) };
    if (parts[0] === "chat") return proxyChat(req);
    if (parts[0] === "conversations") return conversationProxy(req, parts);
    if (parts.length === 1) return proxyResponses(req);
    if (parts[1] === "input_tokens") return proxyInputTokens(req);
    if (parts[2] === "cancel") return proxyCancel(req, id);
    if (parts[2] === "input_items") return proxyInputItems(req, id);
    return proxyRetrieve(req, id);
  };
  const fetchViaProxy = (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set("x-local-engine-delay-ms", String(delayMs));
    headers.set("x-playground-upstream", "local"); // the SDK always sends a bearer key; ask for the engine anyway
    return route(new Request(input, { ...init, headers }));
  };
  return new OpenAI({ apiKey: "unused", baseURL: "http://playground.test/api/v1", fetch: fetchViaProxy as typeof fetch, maxRetries: 0 });
}

type RouteModule = Record<string, unknown>;

/** The proxy's `/conversations…` route handlers, picked by path and method. */
function conversationProxy(req: Request, parts: string[]): Promise<Response> {
  const [, id = "", items, itemId = ""] = parts.map(decodeURIComponent);
  const routeModule: RouteModule =
    parts.length === 1
      ? conversationsRoute
      : items === undefined
        ? conversationRoute
        : itemId === ""
          ? conversationItemsRoute
          : conversationItemRoute;
  const handler = routeModule[req.method.toUpperCase()] as (req: Request, ctx: unknown) => Promise<Response>;
  return handler(req, { params: Promise.resolve({ id, itemId }) });
}

export const SURFACES = [
  ["the local engine", engineClient],
  ["the proxy", proxyClient],
] as const;
