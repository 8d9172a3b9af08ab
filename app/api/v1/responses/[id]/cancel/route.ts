import { methodNotAllowed } from "@/lib/api-routes";
import { proxy, segment } from "@/lib/upstream/proxy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/responses/{id}/cancel: cancel a background response (no body; the SDK sends none). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "POST", path: `/responses/${segment(id)}/cancel` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
