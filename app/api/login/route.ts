import { ApiError } from "@/lib/api-error";
import { ACCESS_COOKIE, accessCookieValue, isAccessToken } from "@/lib/upstream/access";
import { serverEnv } from "@/lib/upstream/config";
import { readTextCapped, takeToken } from "@/lib/upstream/limits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const LOGIN_ATTEMPTS_PER_MIN = 10;

/**
 * POST /api/login (form field `token`): with the right PLAYGROUND_ACCESS_TOKEN, sets an HttpOnly, SameSite=Strict
 * cookie holding a digest of the token (lib/upstream/access.ts) and goes back to the playground; otherwise back to
 * /login with an error. Attempts are rate-limited per client. `DELETE` signs out.
 */
export async function POST(request: Request): Promise<Response> {
  const token = serverEnv().PLAYGROUND_ACCESS_TOKEN;
  try {
    await takeToken("login", request, LOGIN_ATTEMPTS_PER_MIN);
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    throw error;
  }
  if (!token) return redirect("/login?error=off");
  const form = new URLSearchParams(await readTextCapped(request, 4096).catch(() => ""));
  const given = form.get("token") ?? "";
  if (!given || !isAccessToken(given, token)) return redirect("/login?error=wrong");
  const secure = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  return redirect(
    "/",
    `${ACCESS_COOKIE}=${accessCookieValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${60 * 60 * 24 * 30}${secure ? "; Secure" : ""}`,
  );
}

export function DELETE(): Response {
  return new Response(null, { status: 204, headers: { "set-cookie": `${ACCESS_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` } });
}

function redirect(location: string, cookie?: string): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  if (cookie) headers.set("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}
