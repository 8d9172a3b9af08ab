import { proxy, segment } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string; fileId: string }> };

/** GET /api/v1/vector_stores/{id}/files/{file_id} */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id, fileId } = await params;
  return proxy(request, { method: "GET", path: `/vector_stores/${segment(id)}/files/${segment(fileId)}` });
}

/** DELETE /api/v1/vector_stores/{id}/files/{file_id}: detach (the file itself stays). */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const { id, fileId } = await params;
  return proxy(request, { method: "DELETE", path: `/vector_stores/${segment(id)}/files/${segment(fileId)}` });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET", "DELETE"]);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
