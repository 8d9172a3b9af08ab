import { proxy, segment } from "@/lib/upstream/proxy";

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
