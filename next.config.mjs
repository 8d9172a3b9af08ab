import createNextIntlPlugin from "next-intl/plugin";

/**
 * Security headers for every route (README: "Deploying for a team"). Pages get a nonce-based Content-Security-Policy
 * from proxy.ts; API answers (JSON, event streams, file bytes) get one that allows nothing, so a file served from
 * /api/v1/files/{id}/content can never run as a page.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The dev-mode badge sits over the composer's Run bar.
  devIndicators: false,
  poweredByHeader: false,
  // The SQLite/Postgres drivers are native or Node-only: keep them out of the bundler.
  serverExternalPackages: ["@libsql/client", "libsql", "pg", "undici"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; sandbox" }],
      },
    ];
  },
};

// Locale from the `locale` cookie or Accept-Language (i18n/request.ts), no locale in the URL.
const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

export default withNextIntl(nextConfig);
