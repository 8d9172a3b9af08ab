import "server-only";
import { loadForBody } from "./hydrate";
import { instructionsText, normalizeInput } from "./input";
import { resolveItemReferences } from "./item-references";
import { DEFAULT_LOCAL_MODEL } from "./models";
import { parseCreateResponseBody } from "./schema";
import { loadHistory } from "./state";
import { collectHistory, contextInputTokens } from "./turn";

/**
 * `POST /v1/responses/input_tokens`: how many input tokens a `POST /responses` with this body would report in
 * `usage.input_tokens`, counted by the same rule (turn.ts `contextInputTokens`) before any generation. The body is
 * the spec's `TokenCountsBody` (a create body whose `model` is optional); it is checked like a create body, so a
 * request the engine would refuse is refused here too (without the `[429]` trigger: counting is not generating).
 * Hosted tools' retrieved passages are added only while a response runs, so they are not counted here.
 */
export async function countInputTokens(req: Request): Promise<Response> {
  const text = await req.text();
  // The earlier turns, files and stores it names live in the store: loaded before the synchronous count.
  await loadForBody(text);
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // parseCreateResponseBody answers the API's 400 for invalid JSON.
  }
  const withModel =
    typeof body === "object" && body !== null && !Array.isArray(body) && (body as { model?: unknown }).model == null
      ? JSON.stringify({ ...body, model: DEFAULT_LOCAL_MODEL })
      : text;
  const request = parseCreateResponseBody(withModel);
  const items = await resolveItemReferences(normalizeInput(request.input));
  await loadHistory(request.previous_response_id ?? null);
  const history = collectHistory(request.previous_response_id ?? null);
  const inputTokens = contextInputTokens(instructionsText(request.instructions), history, items);
  return Response.json({ object: "response.input_tokens", input_tokens: inputTokens });
}
