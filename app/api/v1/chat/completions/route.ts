import { proxyJson } from "@/lib/upstream/json-route";
import { ProxyChatCompletionsBody } from "./schema";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/chat/completions: validate, then forward the caller's exact bytes upstream, as `/responses` does. */
export async function POST(request: Request): Promise<Response> {
  return proxyJson(request, {
    path: "/chat/completions",
    schema: ProxyChatCompletionsBody,
    example: '{"model": "gpt-4.1", "messages": [{"role": "user", "content": "Hello"}]}',
  });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
