import "server-only";
import {
  createConversation,
  createConversationItems,
  deleteConversation,
  deleteConversationItem,
  listConversationItems,
  retrieveConversation,
  retrieveConversationItem,
  updateConversation,
} from "./conversations";
import { ApiError } from "@/lib/api-error";
import { describeStoreError } from "@/lib/store/errors";
import { createChatCompletion } from "./chat";
import { clearRecordedRequests, listRecordedRequests, recordRequest } from "./debug";
import { newRequestId } from "./ids";
import { deleteFileResponse, fileContentResponse, listFilesResponse, retrieveFileResponse, uploadFile } from "./files";
import { countInputTokens } from "./input-tokens";
import { listModels, retrieveModel } from "./models";
import { cancelResponse, createResponse, deleteResponse, listInputItems, retrieveResponse } from "./responses";
import {
  attachFile,
  createVectorStore,
  deleteVectorStore,
  detachFile,
  listVectorStoreFiles,
  listVectorStores,
  retrieveVectorStore,
  retrieveVectorStoreFile,
  searchVectorStore,
  updateVectorStore,
} from "./vector-stores";

/**
 * The built-in local engine's HTTP surface: an OpenAI-compatible `/v1` API served in-process. Mounted by
 * `app/api/local/v1/[...path]/route.ts`, and used directly by the proxy (and tests, and the official SDK) through
 * `localEngineFetch`, so the engine is reached exactly like any other upstream.
 */

export { DEFAULT_LOCAL_MODEL, LOCAL_MODELS } from "./models";
export { DEFAULT_DELAY_MS, DELAY_HEADER } from "./pacing";

type Handler = (req: Request, params: string[]) => Response | Promise<Response>;
type Route = { pattern: readonly string[]; methods: Partial<Record<string, Handler>> };

/** `:id` matches one segment; `*` matches the rest (model ids may contain slashes). */
const ROUTES: readonly Route[] = [
  { pattern: ["responses"], methods: { POST: (req) => createResponse(req) } },
  { pattern: ["chat", "completions"], methods: { POST: (req) => createChatCompletion(req) } },
  { pattern: ["responses", "input_tokens"], methods: { POST: (req) => countInputTokens(req) } },
  { pattern: ["responses", ":id", "input_items"], methods: { GET: (req, [id]) => listInputItems(req, id ?? "") } },
  { pattern: ["responses", ":id", "cancel"], methods: { POST: (_req, [id]) => cancelResponse(id ?? "") } },
  {
    pattern: ["responses", ":id"],
    methods: { GET: (req, [id]) => retrieveResponse(req, id ?? ""), DELETE: (_req, [id]) => deleteResponse(id ?? "") },
  },
  { pattern: ["files"], methods: { POST: (req) => uploadFile(req), GET: (req) => listFilesResponse(req) } },
  { pattern: ["files", ":id", "content"], methods: { GET: (_req, [id]) => fileContentResponse(id ?? "") } },
  {
    pattern: ["files", ":id"],
    methods: { GET: (_req, [id]) => retrieveFileResponse(id ?? ""), DELETE: (_req, [id]) => deleteFileResponse(id ?? "") },
  },
  { pattern: ["vector_stores"], methods: { POST: (req) => createVectorStore(req), GET: (req) => listVectorStores(req) } },
  { pattern: ["vector_stores", ":id", "search"], methods: { POST: (req, [id]) => searchVectorStore(req, id ?? "") } },
  {
    pattern: ["vector_stores", ":id", "files"],
    methods: { POST: (req, [id]) => attachFile(req, id ?? ""), GET: (req, [id]) => listVectorStoreFiles(req, id ?? "") },
  },
  {
    pattern: ["vector_stores", ":id", "files", ":id"],
    methods: {
      GET: (_req, [id, fileId]) => retrieveVectorStoreFile(id ?? "", fileId ?? ""),
      DELETE: (_req, [id, fileId]) => detachFile(id ?? "", fileId ?? ""),
    },
  },
  {
    pattern: ["vector_stores", ":id"],
    methods: {
      GET: (_req, [id]) => retrieveVectorStore(id ?? ""),
      POST: (req, [id]) => updateVectorStore(req, id ?? ""),
      DELETE: (_req, [id]) => deleteVectorStore(id ?? ""),
    },
  },
  { pattern: ["conversations"], methods: { POST: (req) => createConversation(req) } },
  {
    pattern: ["conversations", ":id", "items"],
    methods: { POST: (req, [id]) => createConversationItems(req, id ?? ""), GET: (req, [id]) => listConversationItems(req, id ?? "") },
  },
  {
    pattern: ["conversations", ":id", "items", ":id"],
    methods: {
      GET: (_req, [id, itemId]) => retrieveConversationItem(id ?? "", itemId ?? ""),
      DELETE: (_req, [id, itemId]) => deleteConversationItem(id ?? "", itemId ?? ""),
    },
  },
  {
    pattern: ["conversations", ":id"],
    methods: {
      GET: (_req, [id]) => retrieveConversation(id ?? ""),
      POST: (req, [id]) => updateConversation(req, id ?? ""),
      DELETE: (_req, [id]) => deleteConversation(id ?? ""),
    },
  },
  { pattern: ["models"], methods: { GET: () => listModels() } },
  // Test-only (LOCAL_ENGINE_DEBUG=1): the last request bodies the engine received; 404 otherwise.
  { pattern: ["debug", "requests"], methods: { GET: (req) => listRecordedRequests(req), DELETE: (req) => clearRecordedRequests(req) } },
  { pattern: ["models", "*"], methods: { GET: (_req, [id]) => retrieveModel(id ?? "") } },
];

/** Routes on the path after its `v1` segment: `/api/local/v1/responses` and `http://local-engine/v1/responses` alike. */
export async function handleLocalEngineRequest(req: Request): Promise<Response> {
  const requestId = newRequestId();
  let res: Response;
  try {
    await recordRequest(req);
    res = await dispatch(req);
  } catch (err) {
    res = toApiError(err).toResponse();
  }
  res.headers.set("x-request-id", requestId);
  return res;
}

/**
 * A `fetch` for the local upstream: the proxy and the official SDK call it instead of the network. Like `fetch`,
 * it rejects with the abort reason when `init.signal` aborts before the answer is ready; aborting later ends the
 * streamed body and stops generation.
 */
export const localEngineFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const req = new Request(input, init);
  if (req.signal.aborted) throw abortReason(req.signal);
  const res = await handleLocalEngineRequest(req);
  if (req.signal.aborted && res.status === 499) throw abortReason(req.signal);
  return res;
};

async function dispatch(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const segments = pathAfterV1(url.pathname);
  if (segments !== null) {
    for (const route of ROUTES) {
      const params = match(route.pattern, segments);
      if (params === null) continue;
      const handler = route.methods[req.method.toUpperCase()];
      if (!handler) {
        const allow = Object.keys(route.methods).join(", ");
        throw new ApiError(405, `Method ${req.method} is not allowed for ${url.pathname}. Allowed: ${allow}.`, {
          type: "invalid_request_error",
          headers: { allow },
        });
      }
      return handler(req, params);
    }
  }
  throw new ApiError(404, `Invalid URL (${req.method} ${url.pathname})`, { type: "invalid_request_error" });
}

function pathAfterV1(pathname: string): string[] | null {
  const parts = pathname.split("/").filter((p) => p !== "");
  const v1 = parts.indexOf("v1");
  if (v1 === -1) return null;
  try {
    return parts.slice(v1 + 1).map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
}

function match(pattern: readonly string[], segments: readonly string[]): string[] | null {
  const params: string[] = [];
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i];
    const got = segments[i];
    if (got === undefined || got === "") return null;
    if (want === "*") {
      params.push(segments.slice(i).join("/"));
      return params;
    }
    if (want === ":id") params.push(got);
    else if (want !== got) return null;
  }
  return segments.length === pattern.length ? params : null;
}

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  // The engine's state lives in the store: a misconfigured SQLite (read-only, folder missing) says what to fix.
  if (
    err instanceof Error &&
    (err.name === "SqliteConfigError" || /SQLITE_(READONLY|CANTOPEN)/.test(String((err as { code?: unknown }).code ?? "") + err.message))
  ) {
    return new ApiError(503, `The local engine's state could not be used. ${describeStoreError(err).message}`, { type: "server_error" });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError(500, `The local engine failed to handle the request: ${detail}`, { type: "server_error" });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("This operation was aborted", "AbortError");
}
