import { ApiError } from "@/lib/api-error";
import { assertJsonDepth } from "@/lib/json-depth";
import { describeStoreError } from "@/lib/store/errors";
import { readTextCapped } from "@/lib/upstream/limits";
import { SharePayloadSchema, permalinkPath, type ShareCapabilities, type ShareCreated } from "@/lib/share/schema";
import { serverEnv } from "@/lib/upstream/config";
import { takeToken } from "@/lib/upstream/limits";
import { CallerGoneError, getStore, shareMaxBytes, StoreConfigError, storeConfigFromEnv } from "@/lib/store";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// The JSON envelope (field names, escaping) around title + request + recording; the store checks the exact size.
const ENVELOPE_SLACK = 64 * 1024;

/** GET /api/share: can this deployment store permalinks, and up to what size. */
export function GET(): Response {
  let config: ReturnType<typeof storeConfigFromEnv>;
  try {
    config = storeConfigFromEnv();
  } catch (error) {
    return toErrorResponse(error);
  }
  const body: ShareCapabilities = { storage: config.kind, maxBytes: config.maxBytes };
  return Response.json(body, { headers: { "cache-control": "no-store" } });
}

/**
 * POST /api/share `{title, request, recording?}` → 201 `{id, path, url, removed, sizeBytes}`.
 * The caller's headers are never read; keys are scrubbed from what is stored (see lib/share/scrub.ts).
 */
export async function POST(request: Request): Promise<Response> {
  try {
    // Per-client limit (SHARE_RATE_LIMIT_PER_MIN, 429 + Retry-After), before anything is read or stored.
    await takeToken("share", request, serverEnv().SHARE_RATE_LIMIT_PER_MIN);
    const store = getStore();
    if (!store) {
      throw new ApiError(
        501,
        "This deployment keeps no permalinks (DATABASE_URL=none). Share the link that carries the request in its fragment instead.",
        {
          code: "share_storage_disabled",
          type: "invalid_request_error",
        },
      );
    }
    const text = await readTextCapped(request, shareMaxBytes() + ENVELOPE_SLACK, "Share without the recording, or a shorter run.");
    // A body thousands of levels deep would overflow the scrubber's recursion: 400 naming where, not a 503.
    assertJsonDepth(text, { segments: 4 });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'The body is not valid JSON. Send {"title": "…", "request": {…}, "recording": {…}}.', {
        code: "invalid_json",
      });
    }
    const parsed = SharePayloadSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(400, issue?.message ?? "Invalid share payload.", {
        param: issue?.path.map(String).join(".") || null,
        code: "invalid_share_payload",
      });
    }
    const { title, request: body, recording } = parsed.data;
    // The caller's signal: a share whose caller has gone (closed the page, timed out) is not written.
    const created = await store.create({ title, request: body, recording: recording ?? null }, request.signal);
    const path = permalinkPath(created.id);
    const answer: ShareCreated = {
      id: created.id,
      path,
      url: absoluteUrl(request, path),
      removed: created.removed,
      sizeBytes: created.sizeBytes,
    };
    return Response.json(answer, { status: 201, headers: { location: path, "cache-control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

function absoluteUrl(request: Request, path: string): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || url.host;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  return `${proto}://${host}${path}`;
}

function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return error.toResponse();
  if (error instanceof StoreConfigError) {
    return new ApiError(500, error.message, { code: "share_store_misconfigured", type: "server_error" }).toResponse();
  }
  if (error instanceof CallerGoneError) {
    return new ApiError(499, "The request was closed before the permalink was stored; nothing was stored.", {
      code: "request_cancelled",
    }).toResponse();
  }
  console.error("[share] could not store the permalink:", error instanceof Error ? error.message : error);
  return new ApiError(503, `The permalink could not be stored. ${describeStoreError(error).message}`, {
    code: "share_store_unavailable",
  }).toResponse();
}
