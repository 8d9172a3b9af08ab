import "server-only";
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { createClient, type Client, type InValue } from "@libsql/client";
import { newPermalinkId, isPermalinkId } from "./ids";
import { SqliteConfigError } from "./errors";
import { LATEST_SCHEMA_VERSION, SQLITE_MIGRATIONS } from "./migrations";
import { prepareRow, rowToRecord } from "./prepare";
import { CallerGoneError, type SqlDb, type SqlRow, type SqlStatement, type SqlValue } from "./sql";
import type { CreatedPermalink, NewPermalink, PermalinkRecord, PermalinkRow, PermalinkStore } from "./types";

/** The default database file, relative to the working directory (the app root under `next start`). */
export const DEFAULT_SQLITE_PATH = "./data/playground.db";

export interface SqliteStoreOptions {
  /** A file path, or a `file:` URL. */
  path: string;
  maxBytes: number;
  /** `fs.accessSync` by default; tests may inject another. */
  access?: (path: string, mode: number) => void;
}

/**
 * What the server may do with the SQLite file, checked before opening it (`@libsql/client` has no read-only flag):
 * `rw`, `ro` (serve reads, refuse writes, with `problem` saying why), or `none` (nothing can be served).
 */
export interface SqliteAccess {
  mode: "rw" | "ro" | "none";
  problem: string | null;
}

function canAccess(access: (path: string, mode: number) => void, path: string, mode: number): boolean {
  try {
    access(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** Creates the folder when missing, then checks the file and its folder (SQLite writes its -wal/-shm files there). */
export function checkSqliteAccess(path: string, access: (path: string, mode: number) => void = accessSync): SqliteAccess {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      const code = (error as { code?: string }).code ?? "error";
      return {
        mode: "none",
        problem: `The SQLite database's folder ${dir} does not exist and the server cannot create it (${code}): create it, writable by the server, or point DATABASE_URL elsewhere.`,
      };
    }
  }
  const dirWritable = canAccess(access, dir, constants.W_OK | constants.X_OK);
  if (!existsSync(path)) {
    return dirWritable
      ? { mode: "rw", problem: null }
      : {
          mode: "none",
          problem: `The SQLite database ${path} does not exist and its folder ${dir} is not writable by the server, so it cannot be created: make the folder writable or point DATABASE_URL elsewhere.`,
        };
  }
  if (!canAccess(access, path, constants.R_OK)) {
    return { mode: "none", problem: `The SQLite database file ${path} is not readable by the server: fix its permissions.` };
  }
  if (!canAccess(access, path, constants.W_OK)) {
    return {
      mode: "ro",
      problem: `The SQLite database file ${path} is read-only for the server: it can be read, not written. Make it writable to store anything.`,
    };
  }
  if (!dirWritable) {
    return {
      mode: "ro",
      problem: `The SQLite database's folder ${dir} is not writable by the server (SQLite keeps its journal files there): it can be read, not written. Make the folder writable to store anything.`,
    };
  }
  return { mode: "rw", problem: null };
}

/** `file:./data/x.db`, `file:///abs/x.db`, `./data/x.db` → an absolute path. */
export function sqlitePathFromUrl(urlOrPath: string): string {
  if (urlOrPath === ":memory:") return urlOrPath;
  let path = urlOrPath;
  if (path.startsWith("file://")) path = decodeURIComponent(new URL(path).pathname);
  else if (path.startsWith("file:")) path = decodeURIComponent(path.slice("file:".length));
  // A runtime path from DATABASE_URL, not a file of the app: keep Next's output tracing out of it.
  return isAbsolute(path) ? path : resolve(/*turbopackIgnore: true*/ process.cwd(), path);
}

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${(error as { code?: string }).code ?? ""} ${error.message}` : String(error);
  return /UNIQUE|PRIMARYKEY|SQLITE_CONSTRAINT/i.test(text);
}

/**
 * Permalinks in one SQLite file through `@libsql/client` (prebuilt binary inside the npm package, nothing to
 * compile). The file and its folder are created on first use and migrated to the latest schema: no setup step.
 */
export class SqlitePermalinkStore implements PermalinkStore, SqlDb {
  readonly kind = "sqlite" as const;
  readonly dialect = "sqlite" as const;
  readonly location: string;
  private readonly client: Client;
  private readonly maxBytes: number;
  private ready: Promise<void> | null = null;
  /** Why the file cannot be written (or used at all), in plain words; `null` when all is well. */
  readonly access: SqliteAccess;

  constructor(options: SqliteStoreOptions) {
    this.location = sqlitePathFromUrl(options.path);
    this.maxBytes = options.maxBytes;
    // `:memory:` is the engine's state when DATABASE_URL=none: one process, gone on restart, same code and caps.
    this.access = this.location === ":memory:" ? { mode: "rw", problem: null } : checkSqliteAccess(this.location, options.access);
    // Said once at start, in the server's log; every call that cannot be served says it again (SqliteConfigError).
    if (this.access.problem) console.error(`[store] ${this.access.problem}`);
    // busy timeout: another process (a second `next start`, a test) may hold the write lock for a moment.
    // A file that cannot be opened at all gets a stand-in that is never queried: every call says the problem instead.
    const url = this.location === ":memory:" || this.access.mode === "none" ? ":memory:" : `file:${this.location}`;
    this.client = createClient({ url, timeout: 5000 });
  }

  private init(): Promise<void> {
    this.ready ??= this.migrate().catch((error: unknown) => {
      this.ready = null; // let the next call try again instead of caching the failure forever
      throw error;
    });
    return this.ready;
  }

  private async currentVersion(): Promise<number> {
    const rs = await this.client.execute("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version");
    return Number(rs.rows[0]?.v ?? 0);
  }

  /** Refuses a write on a database known to be read-only, saying why, instead of an opaque SQLITE_READONLY. */
  private assertWritable(): void {
    if (this.access.mode !== "rw") throw new SqliteConfigError(this.access.problem ?? "The SQLite database is read-only.");
  }

  private async migrate(): Promise<void> {
    if (this.access.mode === "none") throw new SqliteConfigError(this.access.problem ?? "The SQLite database cannot be opened.");
    if (this.access.mode === "ro") return this.checkReadOnlySchema();
    try {
      await this.migrateWritable();
    } catch (error) {
      // Writable by its modes but refused anyway (a read-only mount, an immutable file): serve reads if we can.
      if (!/SQLITE_READONLY|readonly database/i.test(String((error as { code?: string }).code ?? "") + String(error))) throw error;
      (this as { access: SqliteAccess }).access = {
        mode: "ro",
        problem: `The SQLite database ${this.location} refused a write (SQLITE_READONLY: a read-only mount or file): it can be read, not written.`,
      };
      console.error(`[store] ${this.access.problem}`);
      await this.checkReadOnlySchema();
    }
  }

  /** A read-only database is served when its schema is already current: no migration write is needed. */
  private async checkReadOnlySchema(): Promise<void> {
    let version: number;
    try {
      version = await this.currentVersion();
    } catch {
      version = 0;
    }
    if (version < LATEST_SCHEMA_VERSION) {
      throw new SqliteConfigError(
        `${this.access.problem ?? "The SQLite database is read-only."} Its schema (version ${version}) needs migrating to version ${LATEST_SCHEMA_VERSION}, which cannot be written, so nothing can be served.`,
      );
    }
  }

  private async migrateWritable(): Promise<void> {
    // WAL: readers never wait for the writer, and the file survives a crash mid-write.
    await this.client.execute("PRAGMA journal_mode = WAL");
    // In WAL mode NORMAL is still crash-safe (only a power cut can lose the last commits) and saves an fsync per write.
    await this.client.execute("PRAGMA synchronous = NORMAL");
    await this.client.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    // Each migration is one write batch (BEGIN IMMEDIATE … COMMIT, run without yielding to the event loop, so it
    // cannot interleave with this process's other queries), ending with its `schema_version` row. When another
    // process applied it first, that row's primary key makes the batch fail and roll back: re-read and go on.
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version <= (await this.currentVersion())) continue;
      try {
        await this.client.batch(
          [
            ...migration.statements,
            { sql: "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)", args: [migration.version, new Date().toISOString()] },
          ],
          "write",
        );
      } catch (error) {
        if ((await this.currentVersion()) >= migration.version) continue;
        throw error;
      }
    }
  }

  async schemaVersion(): Promise<number> {
    await this.init();
    return this.currentVersion();
  }

  async create(input: NewPermalink, signal?: AbortSignal): Promise<CreatedPermalink> {
    const row = prepareRow(input, this.maxBytes);
    await this.init();
    this.assertWritable();
    if (signal?.aborted) throw new CallerGoneError("The caller left before the write.");
    for (let attempt = 0; ; attempt++) {
      const id = newPermalinkId();
      const args: InValue[] = [id, row.title, row.requestJson, row.recordingJson, row.sizeBytes, new Date().toISOString()];
      try {
        await this.client.execute({
          sql: "INSERT INTO permalinks (id, title, request_json, recording_json, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          args,
        });
        return { id, removed: row.removed, sizeBytes: row.sizeBytes };
      } catch (error) {
        // 128 random bits never collide in practice; retry anyway rather than fail a share.
        if (attempt < 2 && isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async get(id: string): Promise<PermalinkRecord | null> {
    if (!isPermalinkId(id)) return null;
    await this.init();
    const rs = await this.client.execute({
      sql: "SELECT id, title, request_json, recording_json, size_bytes, created_at FROM permalinks WHERE id = ?",
      args: [id],
    });
    const row = rs.rows[0];
    return row ? rowToRecord(row as unknown as PermalinkRow) : null;
  }

  async dumpRows(limit = 1000): Promise<Record<string, unknown>[]> {
    await this.init();
    const rs = await this.client.execute({ sql: "SELECT * FROM permalinks ORDER BY created_at DESC LIMIT ?", args: [limit] });
    return rs.rows.map((r) => ({ ...r }));
  }

  async query(sql: string, args: readonly SqlValue[] = []): Promise<SqlRow[]> {
    await this.init();
    if (this.access.mode !== "rw" && !/^\s*(SELECT|WITH)\b/i.test(sql)) this.assertWritable();
    const rs = await this.client.execute({ sql, args: args as InValue[] });
    return rs.rows as unknown as SqlRow[];
  }

  async transaction(statements: readonly SqlStatement[], signal?: AbortSignal): Promise<void> {
    await this.init();
    this.assertWritable();
    if (signal?.aborted) throw new CallerGoneError("The caller left before the write.");
    // One batch runs without yielding to the event loop: all of it or none of it.
    await this.client.batch(
      statements.map((s) => ({ sql: s.sql, args: (s.args ?? []) as InValue[] })),
      "write",
    );
  }

  async close(): Promise<void> {
    this.client.close();
  }
}
