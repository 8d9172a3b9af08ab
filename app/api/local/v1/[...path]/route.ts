import { handleLocalEngineRequest } from "@/lib/local-engine";

/** The built-in local engine's HTTP surface (`/api/local/v1/...`), usable as an OpenAI `baseURL`. */
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export function GET(request: Request): Promise<Response> {
  return handleLocalEngineRequest(request);
}

export function POST(request: Request): Promise<Response> {
  return handleLocalEngineRequest(request);
}

export function DELETE(request: Request): Promise<Response> {
  return handleLocalEngineRequest(request);
}
