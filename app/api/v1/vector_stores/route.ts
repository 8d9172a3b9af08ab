import { proxy, readProxyBody, queryOf } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/vector_stores: list (query passes through: limit, order, after). */
export async function GET(request: Request): Promise<Response> {
  return proxy(request, { method: "GET", path: `/vector_stores${queryOf(request)}` });
}

/** POST /api/v1/vector_stores: create `{name?, file_ids?, metadata?, …}`; the body is forwarded unchanged. */
export async function POST(request: Request): Promise<Response> {
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  return proxy(request, { method: "POST", path: "/vector_stores", body: read.text });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET", "POST"]);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
