import { NextResponse, type NextRequest } from "next/server";

/**
 * Content-Security-Policy for pages, with a fresh nonce per request (Next 16's proxy, formerly middleware). Next reads
 * the nonce from the request's CSP header and puts it on its own scripts, so no inline script runs without it: model
 * output that somehow reached the DOM as a <script> or an event handler still could not run. Styles need
 * 'unsafe-inline' (React style attributes, shiki's token colours). The other security headers, and a locked-down
 * CSP for /api, are in next.config.mjs.
 */
export function pageCsp(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script may load more (Next's chunks); dev needs eval for HMR.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = pageCsp(nonce);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Pages only: API routes get their own CSP from next.config.mjs; static assets need none.
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
