import { proxy } from "@/lib/upstream/proxy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/v1/models: the upstream's model list (the local engine's when no key is configured). */
export async function GET(request: Request): Promise<Response> {
  return proxy(request, { method: "GET", path: "/models" });
}
