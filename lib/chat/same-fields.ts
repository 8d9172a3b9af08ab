/** What both directions of the Responses ⇄ Chat Completions translation share. */

export type Json = Record<string, unknown>;

/** Top-level fields with the same name and meaning in both APIs. */
export const SAME_NAME = [
  "model",
  "temperature",
  "top_p",
  "parallel_tool_calls",
  "metadata",
  "store",
  "user",
  "safety_identifier",
  "service_tier",
  "prompt_cache_key",
  "prompt_cache_retention",
] as const;

/** Copies the same-name fields (other than `model`, which each direction places first) that are set. */
export function copySameFields(from: Json, to: Json): void {
  for (const key of SAME_NAME) {
    if (key === "model") continue;
    if (from[key] !== undefined && from[key] !== null) to[key] = from[key];
  }
}
