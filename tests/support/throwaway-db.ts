/**
 * Each Vitest worker keeps the engine's state in its own SQLite file under the run's temp folder (made in
 * vitest.config.mts), not in ./data/playground.db: workers no longer share one file's write lock, and the checkout
 * stays clean. A test that sets DATABASE_URL itself (the store and share tests) still wins: this runs before it.
 */
import { join } from "node:path";

const dir = process.env.RP_TEST_DATA_DIR;
if (dir && process.env.DATABASE_URL === process.env.RP_TEST_DEFAULT_DATABASE_URL) {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? String(process.pid);
  process.env.DATABASE_URL = `file:${join(dir, `engine-${worker}.db`)}`;
}
