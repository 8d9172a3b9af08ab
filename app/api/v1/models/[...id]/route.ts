import { methodNotAllowed } from "@/lib/api-routes";
import { proxy, segment } from "@/lib/upstream/proxy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/models/{id}: one model (ids may contain slashes, as on gateways: `org/model`). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string[] }> }): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "GET", path: `/models/${id.map(segment).join("/")}` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET"]);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
