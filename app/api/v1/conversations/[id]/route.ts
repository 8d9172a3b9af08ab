import { proxy, readProxyBody, segment } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/** GET /api/v1/conversations/{id} */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "GET", path: `/conversations/${segment(id)}` });
}

/** POST /api/v1/conversations/{id}: update the metadata. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  return proxy(request, { method: "POST", path: `/conversations/${segment(id)}`, body: read.text });
}

/** DELETE /api/v1/conversations/{id} */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "DELETE", path: `/conversations/${segment(id)}` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET", "POST", "DELETE"]);
export const PUT = notAllowed;
export const PATCH = notAllowed;
