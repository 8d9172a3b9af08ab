import "server-only";
import { parseByteSize } from "@/lib/share/limits";
import { toBytes, toNumber, type SqlDb, type SqlStatement } from "./sql";

/**
 * The local engine's state in the project's database (migration 2): stored responses and the events of background
 * runs, uploaded files (one copy of the bytes, whatever number of vector stores use them) and vector stores. Every
 * table is capped by count and by bytes, and eviction is fair: when a cap is passed, the client holding the most
 * (bytes, or rows for a count cap) loses its oldest rows first, so one client cannot push out everyone else's.
 */

export interface EngineLimits {
  maxResponses: number;
  maxResponseBytes: number;
  maxFiles: number;
  maxFileBytes: number;
  maxVectorStores: number;
  /** The per-process cache (file bytes, chunked texts) in front of the database. */
  cacheBytes: number;
}

function intEnv(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text && Number.isInteger(n) && n > 0 ? n : fallback;
}

export function engineLimitsFromEnv(env: Record<string, string | undefined> = process.env): EngineLimits {
  return {
    maxResponses: intEnv(env.ENGINE_MAX_RESPONSES, 500),
    maxResponseBytes: parseByteSize(env.ENGINE_MAX_RESPONSE_BYTES, 256 * 1024 * 1024),
    maxFiles: intEnv(env.ENGINE_MAX_FILES, 500),
    maxFileBytes: parseByteSize(env.ENGINE_MAX_FILE_BYTES, 256 * 1024 * 1024),
    maxVectorStores: intEnv(env.ENGINE_MAX_VECTOR_STORES, 200),
    cacheBytes: parseByteSize(env.ENGINE_CACHE_BYTES, 64 * 1024 * 1024),
  };
}

let lastStamp = 0;
/** Milliseconds, strictly increasing within the process: insertion order for rows made in the same millisecond. */
export function stamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

const encoder = new TextEncoder();
export const utf8Length = (text: string): number => encoder.encode(text).byteLength;

// ───────────────────────────────────────────── fair eviction ────────────────────────────────────────────────────

type Table = "engine_responses" | "engine_files" | "engine_vector_stores";

/** Rows that go with a row of each table. */
function dependents(table: Table, id: string): SqlStatement[] {
  if (table === "engine_responses") {
    return [
      { sql: "DELETE FROM engine_events WHERE response_id = ?", args: [id] },
      { sql: "DELETE FROM engine_items WHERE response_id = ?", args: [id] },
    ];
  }
  if (table === "engine_files") return [{ sql: "DELETE FROM engine_vector_store_files WHERE file_id = ?", args: [id] }];
  return [{ sql: "DELETE FROM engine_vector_store_files WHERE store_id = ?", args: [id] }];
}

/**
 * Brings `table` back under its caps, never removing `keep` (the row just written). Returns the ids removed.
 * Over the byte cap, the client with the most bytes loses its oldest row; over the count cap, the client with the
 * most rows does. A client under its fair share is only touched once every heavier client is down to its level.
 */
export async function evictFairly(db: SqlDb, table: Table, maxCount: number, maxBytes: number, keep: string): Promise<string[]> {
  const removed: string[] = [];
  const sizeColumn = table === "engine_vector_stores" ? "0" : "size_bytes";
  for (let round = 0; round < 10_000; round++) {
    const [totals] = await db.query(`SELECT COUNT(*) AS n, COALESCE(SUM(${sizeColumn}), 0) AS b FROM ${table}`);
    const count = toNumber(totals?.n);
    const bytes = toNumber(totals?.b);
    if (count <= maxCount && bytes <= maxBytes) break;
    const measure = bytes > maxBytes ? `SUM(${sizeColumn})` : "COUNT(*)";
    const [heaviest] = await db.query(
      `SELECT client, ${measure} AS weight FROM ${table} WHERE id <> ? GROUP BY client ORDER BY weight DESC, client LIMIT 1`,
      [keep],
    );
    if (!heaviest) break; // only the new row is left: it stays, even alone over the cap
    const client = String(heaviest.client);
    const [oldest] = await db.query(`SELECT id FROM ${table} WHERE client = ? AND id <> ? ORDER BY created_at, id LIMIT 1`, [client, keep]);
    if (!oldest) break;
    const id = String(oldest.id);
    await db.transaction([...dependents(table, id), { sql: `DELETE FROM ${table} WHERE id = ?`, args: [id] }]);
    removed.push(id);
  }
  return removed;
}

// ───────────────────────────────────────────────── responses ────────────────────────────────────────────────────

export interface ResponseRow {
  id: string;
  client: string;
  status: string;
  background: boolean;
  responseJson: string;
  inputJson: string;
  cancelRequested: boolean;
}

export async function putResponseRow(db: SqlDb, row: Omit<ResponseRow, "cancelRequested">, limits: EngineLimits): Promise<string[]> {
  const size = utf8Length(row.responseJson) + utf8Length(row.inputJson);
  await db.query(
    `INSERT INTO engine_responses (id, client, status, background, response_json, input_json, size_bytes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, response_json = excluded.response_json,
       size_bytes = engine_responses.size_bytes - length(engine_responses.response_json) + length(excluded.response_json)`,
    [row.id, row.client, row.status, row.background ? 1 : 0, row.responseJson, row.inputJson, size, stamp()],
  );
  return evictFairly(db, "engine_responses", limits.maxResponses, limits.maxResponseBytes, row.id);
}

export async function getResponseRow(db: SqlDb, id: string): Promise<ResponseRow | null> {
  const [r] = await db.query(
    "SELECT id, client, status, background, response_json, input_json, cancel_requested FROM engine_responses WHERE id = ?",
    [id],
  );
  if (!r) return null;
  return {
    id: String(r.id),
    client: String(r.client),
    status: String(r.status),
    background: toNumber(r.background) === 1,
    responseJson: String(r.response_json),
    inputJson: String(r.input_json),
    cancelRequested: toNumber(r.cancel_requested) === 1,
  };
}

export async function deleteResponseRow(db: SqlDb, id: string): Promise<void> {
  await db.transaction([...dependents("engine_responses", id), { sql: "DELETE FROM engine_responses WHERE id = ?", args: [id] }]);
}

/** Records which item ids (input and output) a stored response holds, so `item_reference` can find them (migration 3). */
export async function indexResponseItems(db: SqlDb, responseId: string, itemIds: readonly string[]): Promise<void> {
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return;
  await db.transaction(
    unique.map((itemId) => ({
      sql: "INSERT INTO engine_items (item_id, response_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
      args: [itemId, responseId],
    })),
  );
}

/** The stored responses holding an item with this id, newest first. */
export async function responsesHoldingItem(db: SqlDb, itemId: string): Promise<string[]> {
  const rows = await db.query(
    `SELECT i.response_id FROM engine_items i JOIN engine_responses r ON r.id = i.response_id
     WHERE i.item_id = ? ORDER BY r.created_at DESC LIMIT 5`,
    [itemId],
  );
  return rows.map((r) => String(r.response_id));
}

export async function requestCancel(db: SqlDb, id: string): Promise<void> {
  await db.query("UPDATE engine_responses SET cancel_requested = 1 WHERE id = ?", [id]);
}

/**
 * Appends a batch of a background run's events and its current snapshot in one transaction. Returns whether a
 * cancel was asked for (by any instance) since.
 */
export async function appendEvents(
  db: SqlDb,
  id: string,
  events: readonly { seq: number; json: string }[],
  status: string,
  responseJson: string,
): Promise<boolean> {
  const added = events.reduce((n, e) => n + utf8Length(e.json), 0);
  await db.transaction([
    ...events.map((e) => ({
      sql: "INSERT INTO engine_events (response_id, seq, event_json) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      args: [id, e.seq, e.json],
    })),
    {
      sql: `UPDATE engine_responses SET status = ?, response_json = ?,
            size_bytes = size_bytes - length(response_json) + length(CAST(? AS TEXT)) + ? WHERE id = ?`,
      args: [status, responseJson, responseJson, added, id],
    },
  ]);
  const [r] = await db.query("SELECT cancel_requested FROM engine_responses WHERE id = ?", [id]);
  return toNumber(r?.cancel_requested) === 1;
}

export async function readEvents(db: SqlDb, id: string, afterSeq: number): Promise<{ seq: number; json: string }[]> {
  const rows = await db.query("SELECT seq, event_json FROM engine_events WHERE response_id = ? AND seq > ? ORDER BY seq LIMIT 1000", [
    id,
    afterSeq,
  ]);
  return rows.map((r) => ({ seq: toNumber(r.seq), json: String(r.event_json) }));
}

// ─────────────────────────────────────────────────── files ──────────────────────────────────────────────────────

export interface FileRow {
  id: string;
  client: string;
  filename: string;
  purpose: string;
  mimeType: string;
  sizeBytes: number;
  createdAt: number;
  bytes?: Uint8Array;
}

function toFileRow(r: Record<string, unknown>): FileRow {
  const row: FileRow = {
    id: String(r.id),
    client: String(r.client),
    filename: String(r.filename),
    purpose: String(r.purpose),
    mimeType: String(r.mime_type),
    sizeBytes: toNumber(r.size_bytes),
    createdAt: toNumber(r.created_at),
  };
  if ("bytes" in r) row.bytes = toBytes(r.bytes);
  return row;
}

export async function putFileRow(db: SqlDb, row: FileRow & { bytes: Uint8Array }, limits: EngineLimits): Promise<string[]> {
  await db.query(
    "INSERT INTO engine_files (id, client, filename, purpose, mime_type, bytes, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [row.id, row.client, row.filename, row.purpose, row.mimeType, row.bytes, row.bytes.byteLength, row.createdAt],
  );
  return evictFairly(db, "engine_files", limits.maxFiles, limits.maxFileBytes, row.id);
}

const FILE_COLUMNS = "id, client, filename, purpose, mime_type, size_bytes, created_at";

export async function getFileRow(db: SqlDb, id: string, withBytes: boolean): Promise<FileRow | null> {
  const [r] = await db.query(`SELECT ${FILE_COLUMNS}${withBytes ? ", bytes" : ""} FROM engine_files WHERE id = ?`, [id]);
  return r ? toFileRow(r) : null;
}

export async function listFileRows(db: SqlDb, purpose: string | null): Promise<FileRow[]> {
  const rows = purpose
    ? await db.query(`SELECT ${FILE_COLUMNS} FROM engine_files WHERE purpose = ? ORDER BY created_at, id`, [purpose])
    : await db.query(`SELECT ${FILE_COLUMNS} FROM engine_files ORDER BY created_at, id`);
  return rows.map(toFileRow);
}

/** Deletes a file and detaches it from every vector store, in one transaction. */
export async function deleteFileRow(db: SqlDb, id: string): Promise<boolean> {
  const existing = await getFileRow(db, id, false);
  if (!existing) return false;
  await db.transaction([...dependents("engine_files", id), { sql: "DELETE FROM engine_files WHERE id = ?", args: [id] }]);
  return true;
}

// ─────────────────────────────────────────────── vector stores ──────────────────────────────────────────────────

export async function putVectorStoreRow(db: SqlDb, id: string, client: string, storeJson: string, limits: EngineLimits): Promise<string[]> {
  await db.query(
    `INSERT INTO engine_vector_stores (id, client, store_json, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET store_json = excluded.store_json`,
    [id, client, storeJson, stamp()],
  );
  return evictFairly(db, "engine_vector_stores", limits.maxVectorStores, Number.MAX_SAFE_INTEGER, id);
}

export async function getVectorStoreRow(db: SqlDb, id: string): Promise<string | null> {
  const [r] = await db.query("SELECT store_json FROM engine_vector_stores WHERE id = ?", [id]);
  return r ? String(r.store_json) : null;
}

export async function listVectorStoreRows(db: SqlDb): Promise<string[]> {
  const rows = await db.query("SELECT store_json FROM engine_vector_stores ORDER BY created_at, id");
  return rows.map((r) => String(r.store_json));
}

export async function deleteVectorStoreRow(db: SqlDb, id: string): Promise<void> {
  await db.transaction([...dependents("engine_vector_stores", id), { sql: "DELETE FROM engine_vector_stores WHERE id = ?", args: [id] }]);
}

export async function putVectorStoreFileRow(db: SqlDb, storeId: string, fileId: string, entryJson: string): Promise<void> {
  await db.query(
    `INSERT INTO engine_vector_store_files (store_id, file_id, entry_json, position) VALUES (?, ?, ?, ?)
     ON CONFLICT (store_id, file_id) DO UPDATE SET entry_json = excluded.entry_json`,
    [storeId, fileId, entryJson, stamp()],
  );
}

/** A store's files (only those whose file still exists), in the order they were attached. */
export async function listVectorStoreFileRows(db: SqlDb, storeId: string): Promise<string[]> {
  const rows = await db.query(
    `SELECT v.entry_json FROM engine_vector_store_files v JOIN engine_files f ON f.id = v.file_id
     WHERE v.store_id = ? ORDER BY v.position, v.file_id`,
    [storeId],
  );
  return rows.map((r) => String(r.entry_json));
}

export async function deleteVectorStoreFileRow(db: SqlDb, storeId: string, fileId: string): Promise<boolean> {
  const [r] = await db.query("SELECT file_id FROM engine_vector_store_files WHERE store_id = ? AND file_id = ?", [storeId, fileId]);
  if (!r) return false;
  await db.query("DELETE FROM engine_vector_store_files WHERE store_id = ? AND file_id = ?", [storeId, fileId]);
  return true;
}

// ──────────────────────────────────────────── shared rate limits ────────────────────────────────────────────────

/**
 * One token-bucket step in one statement (atomic across instances): refill by elapsed time, take a token when
 * there is one. Returns whether it was taken and the tokens left.
 */
export async function takeSharedToken(db: SqlDb, key: string, perMinute: number, now: number): Promise<{ ok: boolean; tokens: number }> {
  const rate = perMinute / 60_000;
  const refill = `LEAST(CAST(? AS DOUBLE PRECISION), rate_buckets.tokens + (CAST(? AS DOUBLE PRECISION) - rate_buckets.at) * CAST(? AS DOUBLE PRECISION))`;
  // PostgreSQL only (SQLite and in-memory buckets stay per process): LEAST and typed parameters.
  const rows = await db.query(
    `INSERT INTO rate_buckets (key, tokens, at, ok) VALUES (?, CAST(? AS DOUBLE PRECISION), ?, 1)
     ON CONFLICT (key) DO UPDATE SET
       ok = CASE WHEN ${refill} >= 1 THEN 1 ELSE 0 END,
       tokens = CASE WHEN ${refill} >= 1 THEN ${refill} - 1 ELSE ${refill} END,
       at = excluded.at
     RETURNING ok, tokens`,
    [
      key,
      perMinute - 1,
      now,
      ...Array<number>(4)
        .fill(0)
        .flatMap(() => [perMinute, now, rate]),
    ],
  );
  const r = rows[0];
  return { ok: toNumber(r?.ok) === 1, tokens: toNumber(r?.tokens) };
}
