import { newMessage } from "@/lib/request/defaults";
import { isRecord } from "@/lib/is-record";

/** Reading `input` and its messages as lists, for the message editors. */

export type Item = Record<string, unknown>;

export function isMessage(item: unknown): item is Item {
  return isRecord(item) && (item.type === undefined || item.type === "message") && "role" in item;
}

/** The input as a list, converting a plain string (and string message content) on first structural edit. */
export function asList(input: unknown): Item[] {
  if (Array.isArray(input)) return input as Item[];
  if (typeof input === "string") return [newMessage("user", input)];
  return [];
}

export function asParts(content: unknown): Item[] {
  if (Array.isArray(content)) return content as Item[];
  if (typeof content === "string") return [{ type: "input_text", text: content }];
  return [];
}

export function omit(obj: Item, ...keys: string[]): Item {
  const out = { ...obj };
  for (const k of keys) delete out[k];
  return out;
}
