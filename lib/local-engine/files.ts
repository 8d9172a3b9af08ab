import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api-error";

/**
 * Files uploaded to the local engine (`/v1/files`), kept in memory on `globalThis` like stored responses.
 * `input_file` parts may name them by `file_id`; vector stores index them for `file_search`.
 * Limits: MAX_FILE_BYTES per file and MAX_TOTAL_BYTES in all (the oldest files are evicted first).
 */

export const FILE_PURPOSES = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export interface StoredFile {
  id: string;
  filename: string;
  purpose: FilePurpose;
  bytes: Uint8Array;
  createdAt: number;
  mimeType: string;
}

interface FileState {
  files: Map<string, StoredFile>;
  totalBytes: number;
}

const STATE_KEY = Symbol.for("responses-playground.local-engine.files");

function state(): FileState {
  const g = globalThis as typeof globalThis & { [STATE_KEY]?: FileState };
  g[STATE_KEY] ??= { files: new Map(), totalBytes: 0 };
  return g[STATE_KEY];
}

export function newFileId(): string {
  return `file-${randomBytes(12).toString("hex")}`;
}

/** The `OpenAIFile` object for a stored file. */
export function fileObject(file: StoredFile) {
  return {
    id: file.id,
    object: "file" as const,
    bytes: file.bytes.byteLength,
    created_at: file.createdAt,
    expires_at: null,
    filename: file.filename,
    purpose: file.purpose,
    status: "processed" as const,
    status_details: null,
  };
}

export function putFile(input: { filename: string; purpose: FilePurpose; bytes: Uint8Array; mimeType?: string }): StoredFile {
  const s = state();
  const file: StoredFile = {
    id: newFileId(),
    filename: input.filename,
    purpose: input.purpose,
    bytes: input.bytes,
    createdAt: Math.floor(Date.now() / 1000),
    mimeType: input.mimeType || "application/octet-stream",
  };
  s.files.set(file.id, file);
  s.totalBytes += file.bytes.byteLength;
  while (s.totalBytes > MAX_TOTAL_BYTES && s.files.size > 1) {
    const oldest = s.files.values().next().value;
    if (!oldest) break;
    s.files.delete(oldest.id);
    s.totalBytes -= oldest.bytes.byteLength;
  }
  return file;
}

export function getFile(id: string): StoredFile | undefined {
  return state().files.get(id);
}

export function requireFile(id: string, param: string | null = null): StoredFile {
  const file = getFile(id);
  if (!file) throw new ApiError(404, `No such File object: ${id}`, { type: "invalid_request_error", param });
  return file;
}

export function listFiles(): StoredFile[] {
  return [...state().files.values()];
}

export function removeFile(id: string): boolean {
  const s = state();
  const file = s.files.get(id);
  if (!file) return false;
  s.files.delete(id);
  s.totalBytes -= file.bytes.byteLength;
  return true;
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
  const stored = putFile({ filename: file.name || "upload", purpose: purpose as FilePurpose, bytes, mimeType: file.type });
  return Response.json(fileObject(stored));
}

/** `GET /v1/files` (optional `purpose`, `order`, `limit`). */
export function listFilesResponse(req: Request): Response {
  const url = new URL(req.url);
  const purpose = url.searchParams.get("purpose");
  const order = url.searchParams.get("order") === "asc" ? "asc" : "desc";
  const limit = Math.max(1, Math.min(10_000, Number(url.searchParams.get("limit") ?? 10_000) || 10_000));
  let files = listFiles().filter((f) => !purpose || f.purpose === purpose);
  if (order === "desc") files = files.reverse();
  const page = files.slice(0, limit).map(fileObject);
  return Response.json({
    object: "list",
    data: page,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
    has_more: files.length > page.length,
  });
}

export function retrieveFileResponse(id: string): Response {
  return Response.json(fileObject(requireFile(id)));
}

export function fileContentResponse(id: string): Response {
  const file = requireFile(id);
  return new Response(file.bytes.slice(), { headers: { "content-type": file.mimeType } });
}

export function deleteFileResponse(id: string): Response {
  if (!removeFile(id)) throw new ApiError(404, `No such File object: ${id}`, { type: "invalid_request_error" });
  return Response.json({ id, object: "file", deleted: true });
}
