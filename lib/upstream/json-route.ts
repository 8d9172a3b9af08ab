import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api-error";
import { proxy, readProxyBody } from "./proxy";

export interface JsonRoute {
  /** Upstream path, e.g. `/responses`. */
  path: string;
  /** What the proxy insists on before calling upstream; everything else passes through untouched. */
  schema: z.ZodType;
  /** A minimal valid body, quoted in the "not valid JSON" message. */
  example: string;
}

/**
 * A proxied JSON POST: read the body with the proxy's cap (413), check it is a JSON object the route's schema accepts
 * (400 in the API's shape), then forward the caller's exact bytes (rate limit, upstream choice, streaming: `proxy`).
 */
export async function proxyJson(request: Request, route: JsonRoute): Promise<Response> {
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  const refused = checkJsonBody(read.text, route);
  if (refused) return refused.toResponse();
  return proxy(request, { method: "POST", path: route.path, body: read.text });
}

/** The 400 to answer for `text`, or null when the route's schema accepts it. */
function checkJsonBody(text: string, route: JsonRoute): ApiError | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new ApiError(400, `The request body is not valid JSON. Send a JSON object such as ${route.example}.`, { code: "invalid_json" });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return new ApiError(400, "The request body must be a JSON object.", { code: "invalid_type" });
  }
  const parsed = route.schema.safeParse(json);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  const param = issue?.path.map(String).join(".") || null;
  // A top-level field that is absent is "missing", as OpenAI says it; one of the wrong type is "invalid_type".
  const missing = issue?.code === "invalid_type" && param !== null && (json as Record<string, unknown>)[param] === undefined;
  return new ApiError(400, issue?.message ?? "Invalid request body.", {
    param,
    code: missing ? "missing_required_parameter" : "invalid_type",
  });
}
