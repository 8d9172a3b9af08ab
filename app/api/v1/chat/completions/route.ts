import { ApiError } from "@/lib/api-error";
import { proxy } from "@/lib/upstream/proxy";
import { CreateChatCompletionBody } from "./schema";
import { methodNotAllowed } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST /api/v1/chat/completions: validate, then forward the caller's exact bytes upstream, as `/responses` does. */
export async function POST(request: Request): Promise<Response> {
  const text = await request.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new ApiError(
      400,
      'The request body is not valid JSON. Send a JSON object such as {"model": "gpt-4.1", "messages": [{"role": "user", "content": "Hello"}]}.',
      {
        code: "invalid_json",
      },
    ).toResponse();
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return new ApiError(400, "The request body must be a JSON object.", { code: "invalid_type" }).toResponse();
  }
  const parsed = CreateChatCompletionBody.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join(".") || null;
    const missing = issue?.code === "invalid_type" && param !== null && (json as Record<string, unknown>)[param] === undefined;
    return new ApiError(400, issue?.message ?? "Invalid request body.", {
      param,
      code: missing ? "missing_required_parameter" : "invalid_type",
    }).toResponse();
  }
  return proxy(request, { method: "POST", path: "/chat/completions", body: text });
}

/** Other methods: 405 in the API's error shape (Next would answer a bare 405). */
const notAllowed = methodNotAllowed(["POST"]);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
