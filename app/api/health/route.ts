import { healthAnswer } from "@/lib/upstream/health";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Readiness probe (Playwright's webServer waits on it). Says which upstream is in use, never the key. */
export function GET(request: Request): Response {
  return healthAnswer(request);
}
