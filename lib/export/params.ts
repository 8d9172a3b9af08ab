import type { ResponseCreateParamsBase } from "openai/resources/responses/responses";

/**
 * The request fields the official SDKs take as named parameters. A `Record` over the SDK's own type, so the
 * compiler rejects this list when the installed `openai` package gains or loses a field. Anything else in a body
 * (a newer API field, a gateway extra) goes through `extra_body` in Python and a cast in TypeScript, because the
 * Python SDK refuses unknown keyword arguments and TypeScript refuses unknown properties.
 */
const SDK_PARAMS: Record<keyof ResponseCreateParamsBase, true> = {
  background: true,
  context_management: true,
  conversation: true,
  include: true,
  input: true,
  instructions: true,
  max_output_tokens: true,
  metadata: true,
  model: true,
  moderation: true,
  parallel_tool_calls: true,
  previous_response_id: true,
  prompt: true,
  prompt_cache_key: true,
  prompt_cache_options: true,
  prompt_cache_retention: true,
  reasoning: true,
  safety_identifier: true,
  service_tier: true,
  store: true,
  stream: true,
  stream_options: true,
  temperature: true,
  text: true,
  tool_choice: true,
  tools: true,
  top_logprobs: true,
  top_p: true,
  truncation: true,
  user: true,
};

export function isSdkParam(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SDK_PARAMS, name);
}

/** Splits a body into the fields the SDK names and the rest. */
export function splitParams(body: Record<string, unknown>): { known: Record<string, unknown>; extra: Record<string, unknown> } {
  const known: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined) continue;
    if (isSdkParam(k)) known[k] = v;
    else extra[k] = v;
  }
  return { known, extra };
}
