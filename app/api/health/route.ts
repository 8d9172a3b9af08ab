import { resolveUpstream } from "@/lib/upstream/resolve";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Readiness probe (Playwright's webServer waits on it). Says which upstream is in use, never the key. */
export function GET(request: Request): Response {
  return Response.json({ ok: true, upstream: resolveUpstream(request).kind });
}
