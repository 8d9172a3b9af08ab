import "server-only";
import { stamp } from "./engine-state";
import { toNumber, type SqlDb } from "./sql";

/** The local engine's conversations (migration 4): one row each, and their items in order (`position`). */

export interface ConversationRow {
  id: string;
  metadataJson: string;
  createdAt: number;
}

export async function putConversationRow(db: SqlDb, row: ConversationRow & { client: string }): Promise<void> {
  await db.query(
    `INSERT INTO engine_conversations (id, client, metadata_json, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET metadata_json = excluded.metadata_json`,
    [row.id, row.client, row.metadataJson, row.createdAt],
  );
}

export async function getConversationRow(db: SqlDb, id: string): Promise<ConversationRow | null> {
  const [r] = await db.query("SELECT id, metadata_json, created_at FROM engine_conversations WHERE id = ?", [id]);
  if (!r) return null;
  return { id: String(r.id), metadataJson: String(r.metadata_json), createdAt: toNumber(r.created_at) };
}

export async function deleteConversationRow(db: SqlDb, id: string): Promise<void> {
  await db.transaction([
    { sql: "DELETE FROM engine_conversation_items WHERE conversation_id = ?", args: [id] },
    { sql: "DELETE FROM engine_conversations WHERE id = ?", args: [id] },
  ]);
}

/** Appends items (each `{id, json}`) after the conversation's last one, in one transaction. */
export async function appendConversationItems(
  db: SqlDb,
  conversationId: string,
  items: readonly { id: string; json: string }[],
): Promise<void> {
  if (items.length === 0) return;
  const base = stamp() * 1000;
  await db.transaction(
    items.map((item, i) => ({
      sql: "INSERT INTO engine_conversation_items (conversation_id, position, item_id, item_json) VALUES (?, ?, ?, ?)",
      args: [conversationId, base + i, item.id, item.json],
    })),
  );
}

/** Every item of a conversation, oldest first, as stored JSON. */
export async function listConversationItemRows(db: SqlDb, conversationId: string): Promise<string[]> {
  const rows = await db.query("SELECT item_json FROM engine_conversation_items WHERE conversation_id = ? ORDER BY position", [
    conversationId,
  ]);
  return rows.map((r) => String(r.item_json));
}

export async function deleteConversationItemRow(db: SqlDb, conversationId: string, itemId: string): Promise<boolean> {
  const [r] = await db.query("SELECT position FROM engine_conversation_items WHERE conversation_id = ? AND item_id = ?", [
    conversationId,
    itemId,
  ]);
  if (!r) return false;
  await db.query("DELETE FROM engine_conversation_items WHERE conversation_id = ? AND item_id = ?", [conversationId, itemId]);
  return true;
}
