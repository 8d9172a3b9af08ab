import { proxyJson } from "@/lib/upstream/json-route";
import { ProxyChatCompletionsBody } from "./schema";

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
