import { proxy } from "@/lib/upstream/proxy";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/models: the upstream's model list (the local engine's when no key is configured). */
export async function GET(request: Request): Promise<Response> {
  return proxy(request, { method: "GET", path: "/models" });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["GET"]);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
