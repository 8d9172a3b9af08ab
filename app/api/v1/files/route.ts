import { ApiError } from "@/lib/api-error";
import { proxy, queryOf } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST /api/v1/files: a multipart upload (`file`, `purpose`), streamed upstream unchanged with its own
 * content type (boundary included), so a large file is never buffered here.
 */
export async function POST(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data") || request.body === null) {
    return new ApiError(400, "Uploads must be multipart/form-data with the fields 'file' and 'purpose'.", { param: null }).toResponse();
  }
  return proxy(request, { method: "POST", path: "/files", body: request.body, contentType });
}

/** GET /api/v1/files: the upstream's files (query passes through: purpose, limit, order, after). */
export async function GET(request: Request): Promise<Response> {
  return proxy(request, { method: "GET", path: `/files${queryOf(request)}` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST", "GET"]);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
