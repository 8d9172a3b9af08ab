import { isPermalinkId } from "@/lib/store/ids";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Where `/p/{id}` sends the reader when the permalink store cannot be read: a page in plain words with HTTP 503 (a
 * page component cannot set its own status), and a link back to try again.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const reason = new URL(request.url).searchParams.get("reason")?.slice(0, 300) || "The database did not answer.";
  const back = isPermalinkId(id) ? `/p/${id}` : "/";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Permalink unavailable · Responses Playground</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1.5rem; line-height: 1.5">
<p style="font-size: .75rem; text-transform: uppercase; color: #64748b">Responses Playground</p>
<h1 style="font-size: 1.25rem">This permalink cannot be shown right now</h1>
<p>The server could not read its permalink storage. ${escapeHtml(reason)}</p>
<p>The link itself is fine: nothing was lost. <a href="${back}">Try again</a> or <a href="/">open the playground</a>.</p>
</body></html>`;
  return new Response(html, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": "5", "cache-control": "no-store" },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
