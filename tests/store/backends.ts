import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { PostgresPermalinkStore } from "@/lib/store/postgres";
import { SqlitePermalinkStore } from "@/lib/store/sqlite";
import type { PermalinkStore } from "@/lib/store/types";

/**
 * One factory per backend for the shared store suite. Each `open()` gives a store on a fresh, empty database
 * (a temp SQLite file, or a new schema in the PostgreSQL of TEST_DATABASE_URL); `reopen()` gives a second store on
 * the same database, as a second app instance would see it.
 */
export interface BackendHarness {
  name: "sqlite" | "postgres";
  available: boolean;
  skipReason?: string;
  open(maxBytes?: number): Promise<{ store: PermalinkStore; reopen(): PermalinkStore; cleanup(): Promise<void> }>;
}

const DEFAULT_MAX = 2 * 1024 * 1024;

export const sqliteHarness: BackendHarness = {
  name: "sqlite",
  available: true,
  async open(maxBytes = DEFAULT_MAX) {
    const dir = mkdtempSync(join(tmpdir(), "rp-store-"));
    const path = join(dir, "nested", "playground.db");
    const opened: PermalinkStore[] = [];
    const make = () => {
      const s = new SqlitePermalinkStore({ path: `file:${path}`, maxBytes });
      opened.push(s);
      return s;
    };
    return {
      store: make(),
      reopen: make,
      async cleanup() {
        for (const s of opened) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const pgUrl = process.env.TEST_DATABASE_URL;

export const postgresHarness: BackendHarness = {
  name: "postgres",
  available: Boolean(pgUrl),
  skipReason: "TEST_DATABASE_URL is not set (npm test sets it via scripts/with-postgres.mjs when PostgreSQL is installed)",
  async open(maxBytes = DEFAULT_MAX) {
    if (!pgUrl) throw new Error("TEST_DATABASE_URL is not set");
    const schema = `rp_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(pgUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const opened: PermalinkStore[] = [];
    const make = () => {
      const s = new PostgresPermalinkStore({ connectionString: url.toString(), maxBytes });
      opened.push(s);
      return s;
    };
    return {
      store: make(),
      reopen: make,
      async cleanup() {
        for (const s of opened) await s.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};
