/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The SQLite/Postgres drivers are native or Node-only: keep them out of the bundler.
  serverExternalPackages: [],
};

export default nextConfig;
