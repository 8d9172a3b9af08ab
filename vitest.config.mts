import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The engine's state during unit tests: a throwaway SQLite per worker under this run's temp folder (see
// tests/support/throwaway-db.ts), never ./data/playground.db shared by every worker and left in the checkout.
const testDataDir = mkdtempSync(join(tmpdir(), "rp-vitest-"));
const testDatabaseUrl = `file:${join(testDataDir, "engine.db")}`;
process.env.RP_TEST_DATA_DIR = testDataDir; // for the global teardown, which removes the folder

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; unit tests run server modules directly.
      "server-only": fileURLToPath(new URL("./tests/support/server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    environment: "node",
    testTimeout: 20_000,
    env: { DATABASE_URL: testDatabaseUrl, RP_TEST_DEFAULT_DATABASE_URL: testDatabaseUrl, RP_TEST_DATA_DIR: testDataDir },
    setupFiles: ["tests/support/throwaway-db.ts"],
    globalSetup: ["tests/support/throwaway-db-global.ts"],
  },
});
