import { handleLocalEngineHttp } from "@/lib/local-engine/http";

/** The built-in local engine's HTTP surface (`/api/local/v1/...`), usable as an OpenAI `baseURL`. Guards: http.ts. */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return handleLocalEngineHttp(request);
}

export function POST(request: Request): Promise<Response> {
  return handleLocalEngineHttp(request);
}

export function DELETE(request: Request): Promise<Response> {
  return handleLocalEngineHttp(request);
}
