import { proxy, segment } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string; itemId: string }> };

/** GET /api/v1/conversations/{id}/items/{item_id} */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id, itemId } = await params;
  return proxy(request, { method: "GET", path: `/conversations/${segment(id)}/items/${segment(itemId)}` });
}

/** DELETE /api/v1/conversations/{id}/items/{item_id} */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const { id, itemId } = await params;
  return proxy(request, { method: "DELETE", path: `/conversations/${segment(id)}/items/${segment(itemId)}` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET", "DELETE"]);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
