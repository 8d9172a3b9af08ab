import { ApiError } from "@/lib/api-error";
import { describeStoreError } from "@/lib/store/errors";
import { getStore, StoreConfigError } from "@/lib/store";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/share/{id} → `{id, title, request, recording, createdAt, sizeBytes}`, or 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  try {
    const store = getStore();
    const record = store ? await store.get(id) : null;
    if (!record)
      throw new ApiError(404, "No permalink has this id. Check that the link was copied whole.", { code: "permalink_not_found" });
    // A permalink never changes; an unguessable link is still private, so no shared caches.
    return Response.json(record, { headers: { "cache-control": "private, max-age=3600" } });
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    if (error instanceof StoreConfigError) return new ApiError(500, error.message, { code: "share_store_misconfigured" }).toResponse();
    return new ApiError(503, `The permalink could not be read. ${describeStoreError(error).message}`, {
      code: "share_store_unavailable",
    }).toResponse();
  }
}
