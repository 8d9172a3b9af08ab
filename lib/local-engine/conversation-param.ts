import "server-only";

/** The id in `POST /responses`' `conversation` parameter: a string id or `{id}`; null when absent. */
export function conversationIdOf(value: unknown): string | null {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string")
    return (value as { id: string }).id;
  return null;
}
