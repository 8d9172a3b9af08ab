import { proxy, segment } from "@/lib/upstream/proxy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/** GET /api/v1/files/{id} */
export async function GET(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "GET", path: `/files/${segment(id)}` });
}

/** DELETE /api/v1/files/{id} */
export async function DELETE(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  return proxy(request, { method: "DELETE", path: `/files/${segment(id)}` });
}
