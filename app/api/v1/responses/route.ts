import { proxyJson } from "@/lib/upstream/json-route";
import { ProxyResponsesBody } from "./schema";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/responses: validate, then forward the caller's exact bytes upstream and stream the answer back. */
export async function POST(request: Request): Promise<Response> {
  return proxyJson(request, { path: "/responses", schema: ProxyResponsesBody, example: '{"model": "gpt-4.1", "input": "Hello"}' });
}
