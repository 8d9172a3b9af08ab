import { defineConfig } from "@playwright/test";
import { E2E_DATABASE_FILE } from "./e2e/support/e2e-env";

const PORT = Number(process.env.E2E_PORT ?? 3123);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * End-to-end tests against a production build served on a private port, always on the built-in local engine
 * (no key, no network). Chromium comes from Debian (scripts/ensure-chromium.mjs), not Playwright's download.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: ".test-summary/playwright.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "sdk", testMatch: /.*\.sdk\.spec\.ts/ },
    { name: "chromium", testMatch: /.*\.e2e\.spec\.ts/, use: { browserName: "chromium", viewport: { width: 1440, height: 900 } } },
  ],
  webServer: {
    // npm test builds once before the unit step (PLAYGROUND_PREBUILT); run alone, Playwright builds first.
    command: `${process.env.PLAYGROUND_PREBUILT ? "" : "npm run build && "}npx next start -p ${PORT} -H 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      // Always the local engine in tests, whatever the developer's shell holds.
      OPENAI_API_KEY: "",
      LOCAL_ENGINE_DELAY_MS: "20",
      // Permalinks in a throwaway SQLite file the tests can read back ("the database holds no key").
      DATABASE_URL: `file:${E2E_DATABASE_FILE}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // Exposes /api/local/v1/debug/requests, so tests can assert the exact body the upstream received.
      LOCAL_ENGINE_DEBUG: "1",
      // One browser sends every test's requests from 127.0.0.1: per-client limits are unit-tested, not here.
      PLAYGROUND_RATE_LIMIT_PER_MIN: "0",
      SHARE_RATE_LIMIT_PER_MIN: "0",
    },
  },
});
