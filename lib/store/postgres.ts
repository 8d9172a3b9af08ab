import "server-only";
import pg from "pg";
import { newPermalinkId, isPermalinkId } from "./ids";
import { POSTGRES_MIGRATIONS } from "./migrations";
import { prepareRow, rowToRecord } from "./prepare";
import { CallerGoneError, numberPlaceholders, type SqlDb, type SqlRow, type SqlStatement, type SqlValue } from "./sql";
import type { CreatedPermalink, NewPermalink, PermalinkRecord, PermalinkRow, PermalinkStore } from "./types";

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:5432/db` (or `postgresql://`). */
  connectionString: string;
  maxBytes: number;
  /** Pool size per app instance. */
  maxConnections?: number;
  /** How long to wait for a connection (TCP + startup) before giving up. */
  connectTimeoutMs?: number;
  /** How long one statement may run, enforced by the server and, for a server that stopped answering, by the client. */
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

// Any constant works: it only has to be the same in every instance. (Spells "rp-perma" in ASCII.)
const MIGRATION_LOCK_KEY = 0x72702d7065726d61n;

/** host:port/db without user or password, for logs. */
export function describePostgresUrl(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `postgres://${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
  } catch {
    return "postgres (unparseable URL)";
  }
}

/**
 * Permalinks in PostgreSQL, so several app instances share them. Tables are created and migrated on first use
 * inside one transaction guarded by an advisory lock: instances that start together migrate once, in turn.
 */
export class PostgresPermalinkStore implements PermalinkStore, SqlDb {
  readonly dialect = "postgres" as const;
  readonly kind = "postgres" as const;
  readonly location: string;
  private readonly pool: pg.Pool;
  private readonly maxBytes: number;
  private ready: Promise<void> | null = null;

  constructor(options: PostgresStoreOptions) {
    this.location = describePostgresUrl(options.connectionString);
    this.maxBytes = options.maxBytes;
    const statementTimeout = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      idleTimeoutMillis: 30_000,
      // A frozen server (stopped, not shut down) accepts TCP and then never answers: without these, every caller
      // waits forever. The server-side statement_timeout covers slow queries; query_timeout a server that is gone.
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 500,
    });
    // An idle client losing its connection must not crash the server; the next query reconnects.
    this.pool.on("error", () => undefined);
  }

  private init(): Promise<void> {
    this.ready ??= this.migrate().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
      );
      const { rows } = await client.query<{ v: number }>("SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_version");
      const current = rows[0]?.v ?? 0;
      for (const migration of POSTGRES_MIGRATIONS) {
        if (migration.version <= current) continue;
        for (const statement of migration.statements) await client.query(statement);
        await client.query("INSERT INTO schema_version (version) VALUES ($1)", [migration.version]);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async schemaVersion(): Promise<number> {
    await this.init();
    const { rows } = await this.pool.query<{ v: number }>("SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_version");
    return rows[0]?.v ?? 0;
  }

  async create(input: NewPermalink, signal?: AbortSignal): Promise<CreatedPermalink> {
    const row = prepareRow(input, this.maxBytes);
    await this.init();
    for (let attempt = 0; ; attempt++) {
      const id = newPermalinkId();
      try {
        // In a transaction committed only while the caller is still there: a share whose caller left (or whose
        // connection timed out against a frozen server) is rolled back, never written later.
        await this.transaction(
          [
            {
              sql: "INSERT INTO permalinks (id, title, request_json, recording_json, size_bytes) VALUES (?, ?, ?, ?, ?)",
              args: [id, row.title, row.requestJson, row.recordingJson, row.sizeBytes],
            },
          ],
          signal,
        );
        return { id, removed: row.removed, sizeBytes: row.sizeBytes };
      } catch (error) {
        if (attempt < 2 && (error as { code?: string }).code === "23505") continue; // unique_violation
        throw error;
      }
    }
  }

  async query(sql: string, args: readonly SqlValue[] = []): Promise<SqlRow[]> {
    await this.init();
    const { rows } = await this.pool.query<SqlRow>(numberPlaceholders(sql), args as unknown[]);
    return rows;
  }

  async transaction(statements: readonly SqlStatement[], signal?: AbortSignal): Promise<void> {
    await this.init();
    if (signal?.aborted) throw new CallerGoneError("The caller left before the write.");
    const client = await this.pool.connect();
    let failure: unknown = undefined;
    try {
      await client.query("BEGIN");
      for (const statement of statements) await client.query(numberPlaceholders(statement.sql), (statement.args ?? []) as unknown[]);
      if (signal?.aborted) throw new CallerGoneError("The caller left before the commit.");
      await client.query("COMMIT");
    } catch (error) {
      // A server error (it has a SQLSTATE code) or our own abort leaves a healthy connection: roll back and reuse it.
      // A timeout or a reset does not: destroy the connection, which makes the server drop the open transaction.
      const healthy = error instanceof CallerGoneError || typeof (error as { code?: unknown }).code === "string";
      if (healthy) await client.query("ROLLBACK").catch(() => undefined);
      else failure = error;
      throw error;
    } finally {
      client.release(failure instanceof Error ? failure : undefined);
    }
  }

  async get(id: string): Promise<PermalinkRecord | null> {
    if (!isPermalinkId(id)) return null;
    await this.init();
    const { rows } = await this.pool.query<PermalinkRow>(
      "SELECT id, title, request_json, recording_json, size_bytes, created_at FROM permalinks WHERE id = $1",
      [id],
    );
    const row = rows[0];
    return row ? rowToRecord(row) : null;
  }

  async dumpRows(limit = 1000): Promise<Record<string, unknown>[]> {
    await this.init();
    const { rows } = await this.pool.query<Record<string, unknown>>("SELECT * FROM permalinks ORDER BY created_at DESC LIMIT $1", [limit]);
    return rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
