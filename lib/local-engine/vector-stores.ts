import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api-error";
import { requireFile, type StoredFile } from "./files";
import { newId, nowSeconds } from "./ids";
import { Bm25Index, chunkText, type SearchHit } from "./retrieval";

import { getEngineDb } from "@/lib/store";
import {
  deleteVectorStoreFileRow,
  deleteVectorStoreRow,
  engineLimitsFromEnv,
  getVectorStoreRow,
  listVectorStoreFileRows,
  listVectorStoreRows,
  putVectorStoreFileRow,
  putVectorStoreRow,
} from "@/lib/store/engine-state";
import { ByteCache } from "./cache";
import { engineClient } from "./client";
import { listPage } from "./list-page";
import { loadFiles, onFileForgotten, getFile } from "./files";

/**
 * Vector stores of the local engine (`/v1/vector_stores`): named sets of uploaded files, searched with the same BM25
 * as web search (retrieval.ts). Files are processed synchronously, so a file is `completed` (or `failed`, when it is
 * not text) as soon as it is attached. Stores and their file lists live in the project's database; a file's chunks
 * are computed once per process and shared by every store that holds it (one copy of the text, not one per store).
 * A deleted file leaves every store at once (the list joins on the files table).
 */

export type Attributes = Record<string, string | number | boolean>;

export interface Chunk {
  fileId: string;
  filename: string;
  /** The chunk's text and its offsets in the file's text. */
  text: string;
  start: number;
  end: number;
  attributes: Attributes | null;
}

interface VectorStoreFile {
  fileId: string;
  filename: string;
  createdAt: number;
  attributes: Attributes | null;
  status: "completed" | "failed";
  lastError: { code: "unsupported_file" | "invalid_file"; message: string } | null;
  usageBytes: number;
}

interface VectorStoreMeta {
  id: string;
  name: string;
  description: string | null;
  createdAt: number;
  lastActiveAt: number;
  metadata: Record<string, string>;
  expiresAfter: { anchor: "last_active_at"; days: number } | null;
}

interface VectorStore extends VectorStoreMeta {
  files: Map<string, VectorStoreFile>;
}

const STATE_KEY = Symbol.for("responses-playground.local-engine.vector-stores");

interface VectorState {
  /** Stores loaded for the request being planned (re-read from the database for each request). */
  loaded: Map<string, VectorStore>;
  /** fileId → its chunks, shared by every store (attributes are per store and added at search time). */
  chunks: ByteCache<Omit<Chunk, "attributes">[]>;
}

function state(): VectorState {
  const g = globalThis as typeof globalThis & { [STATE_KEY]?: VectorState };
  if (!g[STATE_KEY]) {
    const created: VectorState = { loaded: new Map(), chunks: new ByteCache(Math.floor(engineLimitsFromEnv().cacheBytes / 2)) };
    onFileForgotten((id) => created.chunks.delete(id));
    g[STATE_KEY] = created;
  }
  return g[STATE_KEY];
}

async function loadStore(id: string): Promise<VectorStore | undefined> {
  const db = getEngineDb();
  const json = await getVectorStoreRow(db, id);
  if (json === null) {
    state().loaded.delete(id);
    return undefined;
  }
  const meta = JSON.parse(json) as VectorStoreMeta;
  const entries = (await listVectorStoreFileRows(db, id)).map((e) => JSON.parse(e) as VectorStoreFile);
  const store: VectorStore = { ...meta, files: new Map(entries.map((e) => [e.fileId, e])) };
  state().loaded.set(id, store);
  return store;
}

/** Loads the named stores and the chunks of their files before a request's synchronous part searches them. */
export async function loadVectorStores(ids: Iterable<string>): Promise<void> {
  for (const id of new Set(ids)) {
    const store = await loadStore(id);
    if (!store) continue;
    for (const file of store.files.values()) {
      if (file.status !== "completed" || state().chunks.has(file.fileId)) {
        state().chunks.touch(file.fileId);
        continue;
      }
      await loadFiles([file.fileId]);
      const stored = getFile(file.fileId);
      const text = stored ? readableText(stored) : null;
      if (text === null) continue;
      const chunks = chunkText(text).map((c) => ({ ...c, fileId: file.fileId, filename: file.filename }));
      state().chunks.set(file.fileId, chunks, text.length * 2);
    }
  }
}

export function getVectorStore(id: string): VectorStore | undefined {
  return state().loaded.get(id);
}

function requireStore(id: string): VectorStore {
  const store = getVectorStore(id);
  if (!store) throw new ApiError(404, `No vector store found with id '${id}'.`, { type: "invalid_request_error" });
  return store;
}

async function requireStoreLoaded(id: string): Promise<VectorStore> {
  await loadStore(id);
  return requireStore(id);
}

async function saveMeta(store: VectorStore, client: string): Promise<void> {
  const { files: _files, ...meta } = store;
  void _files;
  await putVectorStoreRow(getEngineDb(), store.id, client, JSON.stringify(meta), engineLimitsFromEnv());
}

// ───────────────────────────────────────────── reading files ────────────────────────────────────────────────────

const TEXT_EXTENSIONS =
  /\.(txt|md|markdown|csv|tsv|json|jsonl|html?|xml|ya?ml|log|rst|tex|ts|tsx|js|jsx|py|java|c|cc|cpp|h|go|rs|rb|php|sh|css|sql|ini|toml)$/i;

/** The file's text when it is a text file (by type, extension or content), else null. PDFs and images are not read. */
export function readableText(file: StoredFile): string | null {
  const bytes = file.bytes;
  const head = bytes.subarray(0, 1024);
  if (head.includes(0)) return null;
  const text = new TextDecoder("utf-8").decode(bytes);
  const looksText = file.mimeType.startsWith("text/") || /json|xml|yaml|csv/.test(file.mimeType) || TEXT_EXTENSIONS.test(file.filename);
  if (looksText) return text;
  // Unknown type: accept it when it decodes cleanly (few replacement characters) and is not a PDF.
  if (text.startsWith("%PDF")) return null;
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  return replaced <= text.length / 100 ? text : null;
}

async function attach(store: VectorStore, file: StoredFile, attributes: Attributes | null): Promise<VectorStoreFile> {
  const text = readableText(file);
  const entry: VectorStoreFile =
    text === null
      ? {
          fileId: file.id,
          filename: file.filename,
          createdAt: nowSeconds(),
          attributes,
          status: "failed",
          lastError: {
            code: "unsupported_file",
            message: `The local engine can only search text files; '${file.filename}' is not text (PDFs and images are not read).`,
          },
          usageBytes: 0,
        }
      : {
          fileId: file.id,
          filename: file.filename,
          createdAt: nowSeconds(),
          attributes,
          status: "completed",
          lastError: null,
          usageBytes: new TextEncoder().encode(text).byteLength,
        };
  if (text !== null && !state().chunks.has(file.id)) {
    state().chunks.set(
      file.id,
      chunkText(text).map((c) => ({ ...c, fileId: file.id, filename: file.filename })),
      text.length * 2,
    );
  }
  await putVectorStoreFileRow(getEngineDb(), store.id, file.id, JSON.stringify(entry));
  store.files.set(file.id, entry);
  store.lastActiveAt = nowSeconds();
  return entry;
}

// ───────────────────────────────────────────────── search ───────────────────────────────────────────────────────

export type AttributeFilter =
  | { type: "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin"; key: string; value: unknown }
  | { type: "and" | "or"; filters: AttributeFilter[] };

/** The comparison and compound filters of `file_search` and `/search`, applied to a file's attributes. */
export function matchesFilter(attributes: Attributes | null, filter: AttributeFilter | null | undefined): boolean {
  if (!filter || typeof filter !== "object") return true;
  if ("filters" in filter) {
    const parts = Array.isArray(filter.filters) ? filter.filters : [];
    return filter.type === "or" ? parts.some((f) => matchesFilter(attributes, f)) : parts.every((f) => matchesFilter(attributes, f));
  }
  const actual = attributes?.[filter.key];
  const wanted = filter.value;
  switch (filter.type) {
    case "eq":
      return actual === wanted;
    case "ne":
      return actual !== wanted;
    case "in":
      return Array.isArray(wanted) && wanted.includes(actual);
    case "nin":
      return Array.isArray(wanted) && !wanted.includes(actual);
    default: {
      if (typeof actual !== "number" || typeof wanted !== "number") return false;
      if (filter.type === "gt") return actual > wanted;
      if (filter.type === "gte") return actual >= wanted;
      if (filter.type === "lt") return actual < wanted;
      return actual <= wanted;
    }
  }
}

export interface ChunkSearch {
  vectorStoreIds: readonly string[];
  query: string;
  maxResults: number;
  scoreThreshold?: number;
  filter?: AttributeFilter | null;
}

/** BM25 over the chunks of every completed file in the given stores; best first. Unknown store ids throw 404. */
export function searchChunks(search: ChunkSearch): SearchHit<Chunk>[] {
  const chunks: Chunk[] = [];
  for (const id of search.vectorStoreIds) {
    const store = requireStore(id);
    for (const file of store.files.values()) {
      if (file.status !== "completed" || !matchesFilter(file.attributes, search.filter)) continue;
      for (const chunk of state().chunks.get(file.fileId) ?? []) chunks.push({ ...chunk, attributes: file.attributes });
    }
  }
  const index = new Bm25Index(chunks.map((chunk) => ({ doc: chunk, text: `${chunk.filename}\n${chunk.text}` })));
  const threshold = search.scoreThreshold ?? 0;
  return index.search(search.query, search.maxResults).filter((hit) => hit.score >= threshold);
}

// ─────────────────────────────────────────────── wire objects ───────────────────────────────────────────────────

function vectorStoreObject(store: VectorStore) {
  const files = [...store.files.values()];
  const completed = files.filter((f) => f.status === "completed").length;
  const failed = files.length - completed;
  return {
    id: store.id,
    object: "vector_store" as const,
    created_at: store.createdAt,
    name: store.name,
    description: store.description,
    usage_bytes: files.reduce((n, f) => n + f.usageBytes, 0),
    file_counts: { in_progress: 0, completed, failed, cancelled: 0, total: files.length },
    status: "completed" as const,
    ...(store.expiresAfter
      ? { expires_after: store.expiresAfter, expires_at: store.lastActiveAt + store.expiresAfter.days * 86_400 }
      : { expires_at: null }),
    last_active_at: store.lastActiveAt,
    metadata: store.metadata,
  };
}

function vectorStoreFileObject(store: VectorStore, file: VectorStoreFile) {
  return {
    id: file.fileId,
    object: "vector_store.file" as const,
    usage_bytes: file.usageBytes,
    created_at: file.createdAt,
    vector_store_id: store.id,
    status: file.status,
    last_error: file.lastError,
    chunking_strategy: { type: "static" as const, static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 0 } },
    attributes: file.attributes,
  };
}

// ─────────────────────────────────────────────── HTTP handlers ──────────────────────────────────────────────────

const AttributesSchema = z.record(z.string().max(64), z.union([z.string().max(512), z.number(), z.boolean()])).nullish();

const CreateBody = z.looseObject({
  name: z.string().nullish(),
  description: z.string().nullish(),
  file_ids: z.array(z.string()).max(500).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  expires_after: z.looseObject({ anchor: z.literal("last_active_at"), days: z.int().min(1).max(365) }).nullish(),
});

const UpdateBody = z.looseObject({
  name: z.string().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  expires_after: CreateBody.shape.expires_after,
});

const AttachBody = z.looseObject({ file_id: z.string().min(1), attributes: AttributesSchema });

const FilterSchema: z.ZodType<AttributeFilter> = z.lazy(() =>
  z.union([
    z.looseObject({ type: z.enum(["and", "or"]), filters: z.array(FilterSchema) }),
    z.looseObject({ type: z.enum(["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"]), key: z.string(), value: z.unknown() }),
  ]),
) as z.ZodType<AttributeFilter>;

const SearchBody = z.looseObject({
  query: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  max_num_results: z.int().min(1).max(50).nullish(),
  rewrite_query: z.boolean().nullish(),
  filters: FilterSchema.nullish(),
  ranking_options: z.looseObject({ ranker: z.string().nullish(), score_threshold: z.number().min(0).max(1).nullish() }).nullish(),
});

export async function readBody<T extends z.ZodType>(req: Request, schema: T): Promise<z.infer<T>> {
  let json: unknown;
  try {
    const text = await req.text();
    json = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, "We could not parse the JSON body of your request.", { type: "invalid_request_error" });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.map(String).join(".") || null;
    throw new ApiError(400, `Invalid '${param ?? "body"}': ${issue?.message ?? "invalid value"}.`, { param, code: "invalid_value" });
  }
  return parsed.data;
}

/** `POST /v1/vector_stores` */
export async function createVectorStore(req: Request): Promise<Response> {
  const body = await readBody(req, CreateBody);
  await loadFiles(body.file_ids ?? []);
  const files = (body.file_ids ?? []).map((id, i) => requireFile(id, `file_ids[${i}]`));
  const now = nowSeconds();
  const store: VectorStore = {
    id: newId("vs", 12),
    name: body.name ?? "",
    description: body.description ?? null,
    createdAt: now,
    lastActiveAt: now,
    metadata: body.metadata ?? {},
    expiresAfter: body.expires_after ?? null,
    files: new Map(),
  };
  await saveMeta(store, engineClient(req));
  for (const file of files) await attach(store, file, null);
  return Response.json(vectorStoreObject(store));
}

/** `GET /v1/vector_stores` */
export async function listVectorStores(req: Request): Promise<Response> {
  const stores: VectorStore[] = [];
  for (const json of await listVectorStoreRows(getEngineDb())) {
    const store = await loadStore((JSON.parse(json) as VectorStoreMeta).id);
    if (store) stores.push(store);
  }
  return listPage(req, stores.map(vectorStoreObject));
}

/** `GET /v1/vector_stores/{id}` */
export async function retrieveVectorStore(id: string): Promise<Response> {
  return Response.json(vectorStoreObject(await requireStoreLoaded(id)));
}

/** `POST /v1/vector_stores/{id}` (rename, metadata, expiry) */
export async function updateVectorStore(req: Request, id: string): Promise<Response> {
  const store = await requireStoreLoaded(id);
  const body = await readBody(req, UpdateBody);
  if (body.name != null) store.name = body.name;
  if (body.metadata != null) store.metadata = body.metadata;
  if (body.expires_after !== undefined) store.expiresAfter = body.expires_after ?? null;
  await saveMeta(store, engineClient(req));
  return Response.json(vectorStoreObject(store));
}

/** `DELETE /v1/vector_stores/{id}` (the files themselves stay in `/files`) */
export async function deleteVectorStore(id: string): Promise<Response> {
  await requireStoreLoaded(id);
  await deleteVectorStoreRow(getEngineDb(), id);
  state().loaded.delete(id);
  return Response.json({ id, object: "vector_store.deleted", deleted: true });
}

/** `POST /v1/vector_stores/{id}/files` */
export async function attachFile(req: Request, id: string): Promise<Response> {
  const store = await requireStoreLoaded(id);
  const body = await readBody(req, AttachBody);
  await loadFiles([body.file_id]);
  const file = requireFile(body.file_id, "file_id");
  return Response.json(vectorStoreFileObject(store, await attach(store, file, body.attributes ?? null)));
}

/** `GET /v1/vector_stores/{id}/files` (`filter` by status, `limit`, `order`, `after`) */
export async function listVectorStoreFiles(req: Request, id: string): Promise<Response> {
  const store = await requireStoreLoaded(id);
  const status = new URL(req.url).searchParams.get("filter");
  const files = [...store.files.values()].filter((f) => !status || f.status === status);
  return listPage(
    req,
    files.map((f) => vectorStoreFileObject(store, f)),
  );
}

/** `GET /v1/vector_stores/{id}/files/{file_id}` */
export async function retrieveVectorStoreFile(id: string, fileId: string): Promise<Response> {
  const store = await requireStoreLoaded(id);
  const file = store.files.get(fileId);
  if (!file) throw new ApiError(404, `No file '${fileId}' in vector store '${id}'.`, { type: "invalid_request_error" });
  return Response.json(vectorStoreFileObject(store, file));
}

/** `DELETE /v1/vector_stores/{id}/files/{file_id}` (detaches; the file stays in `/files`) */
export async function detachFile(id: string, fileId: string): Promise<Response> {
  await requireStoreLoaded(id);
  if (!(await deleteVectorStoreFileRow(getEngineDb(), id, fileId)))
    throw new ApiError(404, `No file '${fileId}' in vector store '${id}'.`, { type: "invalid_request_error" });
  return Response.json({ id: fileId, object: "vector_store.file.deleted", deleted: true });
}

/** `POST /v1/vector_stores/{id}/search` */
export async function searchVectorStore(req: Request, id: string): Promise<Response> {
  await requireStoreLoaded(id);
  await loadVectorStores([id]);
  const body = await readBody(req, SearchBody);
  const queries = typeof body.query === "string" ? [body.query] : body.query;
  const hits = searchChunks({
    vectorStoreIds: [id],
    query: queries.join(" "),
    maxResults: body.max_num_results ?? 10,
    scoreThreshold: body.ranking_options?.score_threshold ?? 0,
    filter: body.filters ?? null,
  });
  return Response.json({
    object: "vector_store.search_results.page",
    search_query: queries,
    data: hits.map((hit) => ({
      file_id: hit.doc.fileId,
      filename: hit.doc.filename,
      score: hit.score,
      attributes: hit.doc.attributes ?? {},
      content: [{ type: "text", text: hit.doc.text }],
    })),
    has_more: false,
    next_page: null,
  });
}
