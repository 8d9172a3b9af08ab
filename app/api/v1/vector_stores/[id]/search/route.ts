import { proxy, readProxyBody, segment } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/** POST /api/v1/vector_stores/{id}/search: `{query, max_num_results?, filters?, ranking_options?}`. */
export async function POST(request: Request, { params }: Params): Promise<Response> {
  const { id } = await params;
  const read = await readProxyBody(request);
  if ("response" in read) return read.response;
  return proxy(request, { method: "POST", path: `/vector_stores/${segment(id)}/search`, body: read.text });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
