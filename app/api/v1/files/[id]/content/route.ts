import { proxy, segment } from "@/lib/upstream/proxy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/files/{id}/content: the file's bytes, passed through. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "GET", path: `/files/${segment(id)}/content`, anyContentType: true });
}
