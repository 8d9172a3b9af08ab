import "server-only";

/**
 * The little SQL surface the local engine's state and the shared rate limiter need, over either backend. Queries
 * are written once with `?` placeholders (PostgreSQL's `$n` are numbered here) in the SQL both dialects accept.
 */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array;
export type SqlRow = Record<string, unknown>;

export interface SqlStatement {
  sql: string;
  args?: readonly SqlValue[];
}

export interface SqlDb {
  readonly dialect: "sqlite" | "postgres";
  /** Runs one statement (migrating first on first use) and returns its rows. */
  query(sql: string, args?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Runs statements in one transaction: all or nothing. `signal` aborted before the commit → rolled back. */
  transaction(statements: readonly SqlStatement[], signal?: AbortSignal): Promise<void>;
}

/** `?` → `$1, $2, …` for PostgreSQL. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A BLOB/BYTEA column as bytes, whichever driver read it. */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array();
}

export function toNumber(value: unknown): number {
  return typeof value === "number" ? value : Number(value ?? 0);
}

/** The caller left (request aborted) before the write was committed: nothing was written. */
export class CallerGoneError extends Error {
  override name = "CallerGoneError";
}
