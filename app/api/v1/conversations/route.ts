import { proxy, readProxyBody } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/conversations: create `{items?, metadata?}`; the body is forwarded unchanged. */
export async function POST(request: Request): Promise<Response> {
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  return proxy(request, { method: "POST", path: "/conversations", body: read.text });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
