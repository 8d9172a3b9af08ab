import { ApiError } from "@/lib/api-error";
import { methodNotAllowed } from "@/lib/api-routes";
import { proxy, readProxyBody } from "@/lib/upstream/proxy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/v1/responses/input_tokens: the input-token count of a would-be `POST /responses` body (`model` optional,
 * as in the spec's TokenCountsBody). The caller's bytes go upstream unchanged; only "is it a JSON object" is checked.
 */
export async function POST(request: Request): Promise<Response> {
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch {
    return new ApiError(400, "The request body is not valid JSON.", { code: "invalid_json" }).toResponse();
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return new ApiError(400, "The request body must be a JSON object.", { code: "invalid_type" }).toResponse();
  }
  return proxy(request, { method: "POST", path: "/responses/input_tokens", body: read.text });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
