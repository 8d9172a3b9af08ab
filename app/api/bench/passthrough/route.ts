export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Bench only (`npm run bench`): the floor of any proxy route in Next. It forwards the body to OPENAI_BASE_URL with
 * `fetch` and returns the answer's body as is: no checks, no limits, no key. 404 unless the server runs with
 * PLAYGROUND_BENCH=1, so it is never part of a deployment.
 */
export async function POST(request: Request): Promise<Response> {
  const base = process.env.OPENAI_BASE_URL;
  if (process.env.PLAYGROUND_BENCH !== "1" || !base) return new Response(null, { status: 404 });
  const upstream = await fetch(`${base.replace(/\/+$/, "")}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: await request.text(),
    signal: request.signal,
  });
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}
