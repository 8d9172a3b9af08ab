import type { Recording } from "@/lib/share/recording";

/** What a caller asks to store: a title, the exact request body, and optionally the recording of its last run. */
export interface NewPermalink {
  title: string;
  request: Record<string, unknown>;
  recording?: Recording | null;
}

/** A stored permalink, as read back. */
export interface PermalinkRecord {
  id: string;
  title: string;
  request: Record<string, unknown>;
  recording: Recording | null;
  /** ISO 8601. */
  createdAt: string;
  /** UTF-8 bytes of the stored payload (request + recording + title). */
  sizeBytes: number;
}

export interface CreatedPermalink {
  id: string;
  /** Where key-shaped text or credential fields were removed before storing (empty when nothing was). */
  removed: string[];
  sizeBytes: number;
}

export type StoreKind = "sqlite" | "postgres";

/**
 * The one storage interface for permalinks. Both backends scrub keys and enforce the size limit in `create`
 * (see `prepare.ts`), so no caller can store a key or an oversized payload by going around the API route.
 */
export interface PermalinkStore {
  readonly kind: StoreKind;
  /** A human-readable location without credentials (a file path, or host/db), for logs and the health route. */
  readonly location: string;
  /** `signal`: the caller's request; once it aborts, nothing is written (`CallerGoneError`). */
  create(input: NewPermalink, signal?: AbortSignal): Promise<CreatedPermalink>;
  /** `null` for an unknown (or malformed) id. */
  get(id: string): Promise<PermalinkRecord | null>;
  /** Every stored row's raw columns, newest first (tests and audits: "the database holds no key"). */
  dumpRows(limit?: number): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** The stored columns (same in both backends). JSON is kept as text so the request's key order survives. */
export interface PermalinkRow {
  id: string;
  title: string;
  request_json: string;
  recording_json: string | null;
  size_bytes: number;
  created_at: string;
}
