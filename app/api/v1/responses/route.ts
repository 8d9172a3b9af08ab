import { proxyJson } from "@/lib/upstream/json-route";
import { ProxyResponsesBody } from "./schema";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/responses: validate, then forward the caller's exact bytes upstream and stream the answer back. */
export async function POST(request: Request): Promise<Response> {
  return proxyJson(request, { path: "/responses", schema: ProxyResponsesBody, example: '{"model": "gpt-4.1", "input": "Hello"}' });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
