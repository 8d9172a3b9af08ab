import { proxy, queryOf, segment } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/** GET /api/v1/responses/{id}: retrieve a stored response (query passes through, e.g. `stream=true`). */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "GET", path: `/responses/${segment(id)}${queryOf(request)}` });
}

/** DELETE /api/v1/responses/{id} */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "DELETE", path: `/responses/${segment(id)}` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET", "DELETE"]);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
