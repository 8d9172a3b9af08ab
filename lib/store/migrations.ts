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
];

export const LATEST_SCHEMA_VERSION = Math.max(...SQLITE_MIGRATIONS.map((m) => m.version));
