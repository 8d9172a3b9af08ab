import "server-only";

/**
 * Schema migrations, applied in order on first use by each backend and recorded in `schema_version`. Append new
 * ones; never edit one that has shipped. JSON columns are TEXT (not JSONB) so the request keeps its key order,
 * byte for byte, when it is shown again.
 */
export interface Migration {
  version: number;
  description: string;
  statements: readonly string[];
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "permalinks: title, request, optional recording",
    statements: [
      `CREATE TABLE IF NOT EXISTS permalinks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        request_json TEXT NOT NULL,
        recording_json TEXT,
        size_bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS permalinks_created_at ON permalinks (created_at)",
    ],
  },
  {
    version: 2,
    description: "local engine state (responses, background events, files, vector stores) and shared rate-limit buckets",
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_responses (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        status TEXT NOT NULL,
        background INTEGER NOT NULL,
        response_json TEXT NOT NULL,
        input_json TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS engine_responses_client ON engine_responses (client, created_at)",
      // Covers the cap checks (COUNT, SUM by client) without reading the JSON columns.
      "CREATE INDEX IF NOT EXISTS engine_responses_size ON engine_responses (client, size_bytes)",
      "CREATE INDEX IF NOT EXISTS engine_responses_created ON engine_responses (created_at)",
      `CREATE TABLE IF NOT EXISTS engine_events (
        response_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event_json TEXT NOT NULL,
        PRIMARY KEY (response_id, seq)
      )`,
      `CREATE TABLE IF NOT EXISTS engine_files (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        filename TEXT NOT NULL,
        purpose TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        bytes BLOB NOT NULL,
        size_bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS engine_files_client ON engine_files (client, created_at)",
      "CREATE INDEX IF NOT EXISTS engine_files_size ON engine_files (client, size_bytes)",
      `CREATE TABLE IF NOT EXISTS engine_vector_stores (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        store_json TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS engine_vector_stores_client ON engine_vector_stores (client, created_at)",
      `CREATE TABLE IF NOT EXISTS engine_vector_store_files (
        store_id TEXT NOT NULL,
        file_id TEXT NOT NULL,
        entry_json TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (store_id, file_id)
      )`,
      "CREATE INDEX IF NOT EXISTS engine_vector_store_files_file ON engine_vector_store_files (file_id)",
      `CREATE TABLE IF NOT EXISTS rate_buckets (
        key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        at INTEGER NOT NULL,
        ok INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    description: "local engine: which stored response holds each item id (input and output), for item_reference",
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_items (
        item_id TEXT NOT NULL,
        response_id TEXT NOT NULL,
        PRIMARY KEY (item_id, response_id)
      )`,
      "CREATE INDEX IF NOT EXISTS engine_items_response ON engine_items (response_id)",
    ],
  },
  {
    version: 4,
    description: "local engine: conversations and their items, in order",
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_conversations (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        metadata_json TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS engine_conversation_items (
        conversation_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        item_json TEXT NOT NULL,
        PRIMARY KEY (conversation_id, position)
      )`,
      "CREATE INDEX IF NOT EXISTS engine_conversation_items_item ON engine_conversation_items (conversation_id, item_id)",
    ],
  },
];

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "permalinks: title, request, optional recording",
    statements: [
      `CREATE TABLE IF NOT EXISTS permalinks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        request_json TEXT NOT NULL,
        recording_json TEXT,
        size_bytes INTEGER NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      )`,
      "CREATE INDEX IF NOT EXISTS permalinks_created_at ON permalinks (created_at)",
    ],
  },
  {
    version: 2,
    description: "local engine state (responses, background events, files, vector stores) and shared rate-limit buckets",
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_responses (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        status TEXT NOT NULL,
        background INTEGER NOT NULL,
        response_json TEXT NOT NULL,
        input_json TEXT NOT NULL,
        size_bytes BIGINT NOT NULL,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS engine_responses_client ON engine_responses (client, created_at)",
      // Covers the cap checks (COUNT, SUM by client) without reading the JSON columns.
      "CREATE INDEX IF NOT EXISTS engine_responses_size ON engine_responses (client, size_bytes)",
      "CREATE INDEX IF NOT EXISTS engine_responses_created ON engine_responses (created_at)",
      `CREATE TABLE IF NOT EXISTS engine_events (
        response_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event_json TEXT NOT NULL,
        PRIMARY KEY (response_id, seq)
      )`,
      `CREATE TABLE IF NOT EXISTS engine_files (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        filename TEXT NOT NULL,
        purpose TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        bytes BYTEA NOT NULL,
        size_bytes BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS engine_files_client ON engine_files (client, created_at)",
      "CREATE INDEX IF NOT EXISTS engine_files_size ON engine_files (client, size_bytes)",
      `CREATE TABLE IF NOT EXISTS engine_vector_stores (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        store_json TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      "CREATE INDEX IF NOT EXISTS engine_vector_stores_client ON engine_vector_stores (client, created_at)",
      `CREATE TABLE IF NOT EXISTS engine_vector_store_files (
        store_id TEXT NOT NULL,
        file_id TEXT NOT NULL,
        entry_json TEXT NOT NULL,
        position BIGINT NOT NULL,
        PRIMARY KEY (store_id, file_id)
      )`,
      "CREATE INDEX IF NOT EXISTS engine_vector_store_files_file ON engine_vector_store_files (file_id)",
      `CREATE TABLE IF NOT EXISTS rate_buckets (
        key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        at BIGINT NOT NULL,
        ok INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    description: "local engine: which stored response holds each item id (input and output), for item_reference",
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_items (
        item_id TEXT NOT NULL,
        response_id TEXT NOT NULL,
        PRIMARY KEY (item_id, response_id)
      )`,
      "CREATE INDEX IF NOT EXISTS engine_items_response ON engine_items (response_id)",
    ],
  },
  {
    version: 4,
    description: "local engine: conversations and their items, in order",
    statements: [
      `CREATE TABLE IF NOT EXISTS engine_conversations (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL,
        metadata_json TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE IF NOT EXISTS engine_conversation_items (
        conversation_id TEXT NOT NULL,
        position BIGINT NOT NULL,
        item_id TEXT NOT NULL,
        item_json TEXT NOT NULL,
        PRIMARY KEY (conversation_id, position)
      )`,
      "CREATE INDEX IF NOT EXISTS engine_conversation_items_item ON engine_conversation_items (conversation_id, item_id)",
    ],
  },
];

export const LATEST_SCHEMA_VERSION = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
