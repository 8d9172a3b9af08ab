import type { NextConfig } from "next";

/** Types for next.config.mjs (imported by tests/security). */
declare const config: NextConfig;
export default config;
