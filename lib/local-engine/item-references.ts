import "server-only";
import { ApiError } from "@/lib/api-error";
import { getEngineDb } from "@/lib/store";
import { responsesHoldingItem } from "@/lib/store/engine-state";
import type { StoredItem } from "./input";
import { loadStoredResponse } from "./state";
import type { JsonObject } from "./types";

/**
 * `item_reference` input items (`{type?: "item_reference", id}`) stand for an item the API already stores: an
 * output item of an earlier response, or one of its input items. The AI SDK replays earlier turns this way, so a
 * function-call round trip arrives as `[user message, item_reference → fc_…, function_call_output]`. Each reference is
 * replaced by a copy of the stored item (found through the `engine_items` index, migration 3), so the turn sees the
 * call it answers; an id no stored response holds is the API's 404.
 */
export async function resolveItemReferences(items: StoredItem[]): Promise<StoredItem[]> {
  if (!items.some((item) => item.type === "item_reference")) return items;
  const resolved: StoredItem[] = [];
  for (const [index, item] of items.entries()) {
    if (item.type !== "item_reference") {
      resolved.push(item);
      continue;
    }
    const found = await findStoredItem(item.id);
    if (!found) {
      throw new ApiError(404, `Item with id '${item.id}' not found.`, {
        type: "invalid_request_error",
        param: `input[${index}]`,
        code: null,
      });
    }
    resolved.push(found);
  }
  return resolved;
}

async function findStoredItem(itemId: string): Promise<StoredItem | null> {
  for (const responseId of await responsesHoldingItem(getEngineDb(), itemId)) {
    const stored = await loadStoredResponse(responseId);
    if (!stored) continue;
    const candidates = [...(stored.response.output as unknown as JsonObject[]), ...stored.inputItems];
    const match = candidates.find((candidate) => candidate.id === itemId);
    if (match) return structuredClone(match) as StoredItem;
  }
  return null;
}
