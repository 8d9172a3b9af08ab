import { proxy, queryOf, readProxyBody, segment } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/** GET /api/v1/conversations/{id}/items: list (query passes through: after, limit, order, include). */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "GET", path: `/conversations/${segment(id)}/items${queryOf(request)}` });
}

/** POST /api/v1/conversations/{id}/items: append `{items}`. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  return proxy(request, { method: "POST", path: `/conversations/${segment(id)}/items${queryOf(request)}`, body: read.text });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET", "POST"]);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
