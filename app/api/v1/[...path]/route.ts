import { invalidUrl } from "@/lib/api-routes";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Any path under /api/v1 that no route serves: the API's 404 `Invalid URL (METHOD /v1/…)`, never Next's HTML page. */
export const GET = invalidUrl;
export const POST = invalidUrl;
export const PUT = invalidUrl;
export const PATCH = invalidUrl;
export const DELETE = invalidUrl;
