import "server-only";
import { parseByteSize } from "@/lib/share/limits";
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, PostgresPermalinkStore } from "./postgres";
import type { SqlDb } from "./sql";
import { DEFAULT_SQLITE_PATH, SqlitePermalinkStore } from "./sqlite";
import type { PermalinkStore } from "./types";

export type { SqlDb, SqlRow, SqlValue } from "./sql";
export { CallerGoneError } from "./sql";
export type { CreatedPermalink, NewPermalink, PermalinkRecord, PermalinkStore, StoreKind } from "./types";
export { DEFAULT_SHARE_MAX_BYTES } from "@/lib/share/limits";

/**
 * Which store `DATABASE_URL` asks for:
 * - unset or empty → SQLite at `./data/playground.db`;
 * - `file:<path>` (or `sqlite:<path>`) → SQLite at that path;
 * - `postgres://…` or `postgresql://…` → PostgreSQL;
 * - `none` → no storage: permalinks are off and the Share dialog offers the stateless link (request in the URL
 *   fragment) instead.
 */
export type StoreConfig =
  | { kind: "sqlite"; path: string; maxBytes: number }
  | { kind: "postgres"; connectionString: string; maxBytes: number; connectTimeoutMs: number; statementTimeoutMs: number }
  | { kind: "none"; maxBytes: number };

export class StoreConfigError extends Error {
  override name = "StoreConfigError";
}

export function storeConfigFromEnv(env: Record<string, string | undefined> = process.env): StoreConfig {
  const maxBytes = parseByteSize(env.SHARE_MAX_BYTES);
  const url = (env.DATABASE_URL ?? "").trim();
  if (url === "") return { kind: "sqlite", path: DEFAULT_SQLITE_PATH, maxBytes };
  if (url.toLowerCase() === "none" || url.toLowerCase() === "off") return { kind: "none", maxBytes };
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return {
      kind: "postgres",
      connectionString: url,
      maxBytes,
      connectTimeoutMs: positiveInt(env.DATABASE_CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS),
      statementTimeoutMs: positiveInt(env.DATABASE_STATEMENT_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS),
    };
  }
  if (/^file:/i.test(url)) return { kind: "sqlite", path: url, maxBytes };
  if (/^sqlite:/i.test(url)) return { kind: "sqlite", path: url.replace(/^sqlite:(\/\/)?/i, ""), maxBytes };
  throw new StoreConfigError(
    `DATABASE_URL must be a postgres:// or postgresql:// URL, a file: path for SQLite, or "none"; got "${url.split(":")[0]}:…".`,
  );
}

function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text && Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export function openStore(config: Exclude<StoreConfig, { kind: "none" }>): PermalinkStore & SqlDb {
  return config.kind === "postgres"
    ? new PostgresPermalinkStore({
        connectionString: config.connectionString,
        maxBytes: config.maxBytes,
        connectTimeoutMs: config.connectTimeoutMs,
        statementTimeoutMs: config.statementTimeoutMs,
      })
    : new SqlitePermalinkStore({ path: config.path, maxBytes: config.maxBytes });
}

interface StoreGlobal {
  __rpPermalinkStore?: { key: string; store: PermalinkStore & SqlDb };
  __rpMemoryDb?: SqlDb;
}

/**
 * The process-wide store (on globalThis, so Next's dev reloads and the several route modules share one pool).
 * `null` when storage is off (`DATABASE_URL=none`).
 */
export function getStore(): (PermalinkStore & SqlDb) | null {
  const config = storeConfigFromEnv();
  if (config.kind === "none") return null;
  const key = JSON.stringify(config);
  const g = globalThis as StoreGlobal;
  if (g.__rpPermalinkStore?.key !== key) {
    const previous = g.__rpPermalinkStore?.store;
    g.__rpPermalinkStore = { key, store: openStore(config) };
    void previous?.close().catch(() => undefined);
  }
  return g.__rpPermalinkStore.store;
}

/** The limit in force, for the API and the Share dialog. */
export function shareMaxBytes(): number {
  return storeConfigFromEnv().maxBytes;
}

/**
 * Where the local engine keeps its state (responses, background events, files, vector stores) and, with
 * PostgreSQL, the rate-limit buckets: the same database as permalinks, so a restart loses nothing and instances on
 * one PostgreSQL share it all. With `DATABASE_URL=none`, an in-memory SQLite of this process (same schema, same caps).
 */
export function getEngineDb(): SqlDb {
  const store = getStore();
  if (store) return store;
  const g = globalThis as StoreGlobal;
  g.__rpMemoryDb ??= new SqlitePermalinkStore({ path: ":memory:", maxBytes: 0 });
  return g.__rpMemoryDb;
}
