/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The SQLite/Postgres drivers are native or Node-only: keep them out of the bundler.
  serverExternalPackages: ["@libsql/client", "libsql", "pg"],
};

export default nextConfig;
