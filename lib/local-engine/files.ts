import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api-error";

import { getEngineDb } from "@/lib/store";
import { deleteFileRow, engineLimitsFromEnv, getFileRow, listFileRows, putFileRow, type FileRow } from "@/lib/store/engine-state";
import { engineClient } from "./client";
import { ByteCache } from "./cache";

/**
 * Files uploaded to the local engine (`/v1/files`), kept in the project's database (lib/store/engine-state.ts:
 * capped by count and bytes, fairly evicted), with a per-process cache of their bytes in front (a file never
 * changes; whether it still exists is re-read for every request that names it). `input_file` parts may name them by
 * `file_id`; vector stores index them for `file_search`. MAX_FILE_BYTES per file.
 */

export const FILE_PURPOSES = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const MAX_FILE_BYTES = 32 * 1024 * 1024;

export interface StoredFile {
  id: string;
  filename: string;
  purpose: FilePurpose;
  bytes: Uint8Array;
  createdAt: number;
  mimeType: string;
}

const CACHE_KEY = Symbol.for("responses-playground.local-engine.file-cache");

function cache(): ByteCache<StoredFile> {
  const g = globalThis as typeof globalThis & { [CACHE_KEY]?: ByteCache<StoredFile> };
  g[CACHE_KEY] ??= new ByteCache<StoredFile>(Math.floor(engineLimitsFromEnv().cacheBytes / 2));
  return g[CACHE_KEY];
}

export function newFileId(): string {
  return `file-${randomBytes(12).toString("hex")}`;
}

/** The `OpenAIFile` object for a stored file. */
export function fileObject(file: Pick<StoredFile, "id" | "filename" | "purpose" | "createdAt"> & { size: number }) {
  return {
    id: file.id,
    object: "file" as const,
    bytes: file.size,
    created_at: file.createdAt,
    expires_at: null,
    filename: file.filename,
    purpose: file.purpose,
    status: "processed" as const,
    status_details: null,
  };
}

const rowObject = (row: FileRow) =>
  fileObject({
    id: row.id,
    filename: row.filename,
    purpose: row.purpose as FilePurpose,
    createdAt: Math.floor(row.createdAt / 1000),
    size: row.sizeBytes,
  });

const storedObject = (file: StoredFile) => fileObject({ ...file, size: file.bytes.byteLength });

export async function putFile(input: {
  filename: string;
  purpose: FilePurpose;
  bytes: Uint8Array;
  mimeType?: string;
  client?: string;
}): Promise<StoredFile> {
  const createdMs = Date.now();
  const file: StoredFile = {
    id: newFileId(),
    filename: input.filename,
    purpose: input.purpose,
    bytes: input.bytes,
    createdAt: Math.floor(createdMs / 1000),
    mimeType: input.mimeType || "application/octet-stream",
  };
  const evicted = await putFileRow(
    getEngineDb(),
    {
      id: file.id,
      client: input.client ?? "unknown",
      filename: file.filename,
      purpose: file.purpose,
      mimeType: file.mimeType,
      sizeBytes: file.bytes.byteLength,
      createdAt: createdMs,
      bytes: file.bytes,
    },
    engineLimitsFromEnv(),
  );
  for (const id of evicted) forgetFile(id);
  cache().set(file.id, file, file.bytes.byteLength);
  return file;
}

/** Sync read of a file loaded by `loadFiles` for this request (or cached). */
export function getFile(id: string): StoredFile | undefined {
  return cache().get(id);
}

/** Loads (or re-checks) the named files before a request's synchronous part reads them with `getFile`. */
export async function loadFiles(ids: Iterable<string>): Promise<void> {
  const db = getEngineDb();
  for (const id of new Set(ids)) {
    const cached = cache().get(id);
    const row = await getFileRow(db, id, !cached);
    if (!row) forgetFile(id);
    else if (!cached && row.bytes) {
      const file: StoredFile = {
        id: row.id,
        filename: row.filename,
        purpose: row.purpose as FilePurpose,
        bytes: row.bytes,
        createdAt: Math.floor(row.createdAt / 1000),
        mimeType: row.mimeType,
      };
      cache().set(id, file, row.bytes.byteLength);
    } else cache().touch(id);
  }
}

export async function loadFile(id: string): Promise<StoredFile | undefined> {
  await loadFiles([id]);
  return getFile(id);
}

export function requireFile(id: string, param: string | null = null): StoredFile {
  const file = getFile(id);
  if (!file) throw new ApiError(404, `No such File object: ${id}`, { type: "invalid_request_error", param });
  return file;
}

export async function requireFileLoaded(id: string, param: string | null = null): Promise<StoredFile> {
  await loadFiles([id]);
  return requireFile(id, param);
}

const forgetListeners = new Set<(id: string) => void>();
/** Vector stores drop their cached chunks of a file that is gone. */
export function onFileForgotten(listener: (id: string) => void): void {
  forgetListeners.add(listener);
}

function forgetFile(id: string): void {
  cache().delete(id);
  for (const listener of forgetListeners) listener(id);
}

/** Deletes the file and detaches it from every vector store (it is no longer searchable anywhere). */
export async function removeFile(id: string): Promise<boolean> {
  const removed = await deleteFileRow(getEngineDb(), id);
  forgetFile(id);
  return removed;
}

// ---- HTTP handlers -------------------------------------------------------------------------------------------

/** `POST /v1/files` (multipart/form-data: `file`, `purpose`). */
export async function uploadFile(req: Request): Promise<Response> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw new ApiError(400, "Uploads must be multipart/form-data with the fields 'file' and 'purpose'.", { param: null });
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw new ApiError(400, "The multipart body could not be read.", { param: null });
  }
  const purpose = form.get("purpose");
  if (typeof purpose !== "string" || purpose === "") {
    throw new ApiError(400, "Missing required parameter: 'purpose'.", { param: "purpose", code: "missing_required_parameter" });
  }
  if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) {
    throw new ApiError(400, `Invalid value for 'purpose': '${purpose}'. Expected one of ${FILE_PURPOSES.join(", ")}.`, {
      param: "purpose",
      code: "invalid_value",
    });
  }
  const file = form.get("file");
  if (file === null || typeof file === "string") {
    throw new ApiError(400, "Missing required parameter: 'file'.", { param: "file", code: "missing_required_parameter" });
  }
  if (file.size > MAX_FILE_BYTES) {
    throw new ApiError(400, `The file is ${file.size} bytes; the local engine accepts files up to ${MAX_FILE_BYTES} bytes.`, {
      param: "file",
      code: "file_too_large",
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const stored = await putFile({
    filename: file.name || "upload",
    purpose: purpose as FilePurpose,
    bytes,
    mimeType: file.type,
    client: engineClient(req),
  });
  return Response.json(storedObject(stored));
}

/** `GET /v1/files` (optional `purpose`, `order`, `limit`). */
export async function listFilesResponse(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const purpose = url.searchParams.get("purpose");
  const order = url.searchParams.get("order") === "asc" ? "asc" : "desc";
  const limit = Math.max(1, Math.min(10_000, Number(url.searchParams.get("limit") ?? 10_000) || 10_000));
  let files = await listFileRows(getEngineDb(), purpose || null);
  if (order === "desc") files = files.reverse();
  const page = files.slice(0, limit).map(rowObject);
  return Response.json({
    object: "list",
    data: page,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: files.length > page.length,
  });
}

export async function retrieveFileResponse(id: string): Promise<Response> {
  const row = await getFileRow(getEngineDb(), id, false);
  if (!row) throw new ApiError(404, `No such File object: ${id}`, { type: "invalid_request_error", param: null });
  return Response.json(rowObject(row));
}

export async function fileContentResponse(id: string): Promise<Response> {
  const file = await requireFileLoaded(id);
  return new Response(file.bytes.slice(), { headers: { "content-type": file.mimeType } });
}

export async function deleteFileResponse(id: string): Promise<Response> {
  if (!(await removeFile(id))) throw new ApiError(404, `No such File object: ${id}`, { type: "invalid_request_error" });
  return Response.json({ id, object: "file", deleted: true });
}
