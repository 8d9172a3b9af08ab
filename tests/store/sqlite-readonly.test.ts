import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeStoreError } from "@/lib/store/errors";
import { SqlitePermalinkStore } from "@/lib/store/sqlite";

/**
 * A read-only SQLite, made real for root (which ignores file modes) with `chattr +i`: an immutable file or folder
 * refuses writes to everyone. Skipped where chattr is unavailable (not root, or a filesystem without the flag).
 */
const root = mkdtempSync(join(tmpdir(), "rp-sqlite-ro-"));
const immutable: string[] = [];
function chattr(flag: "+i" | "-i", path: string): boolean {
  return spawnSync("chattr", [flag, path], { stdio: "ignore" }).status === 0;
}
const probe = join(root, "probe");
mkdirSync(probe);
const chattrWorks = chattr("+i", probe) && chattr("-i", probe);
function freeze(path: string) {
  if (!chattr("+i", path)) throw new Error(`chattr +i ${path} failed`);
  immutable.push(path);
}

afterAll(() => {
  for (const path of immutable) chattr("-i", path);
  rmSync(root, { recursive: true, force: true });
});

const recording = null;
const request = { model: "local-echo-1", input: "hello" };

describe.skipIf(!chattrWorks)("SQLite that the server cannot write", () => {
  it("serves reads from a read-only database file and folder, and refuses writes saying it is read-only", async () => {
    const dir = join(root, "ro");
    const path = join(dir, "playground.db");
    const writer = new SqlitePermalinkStore({ path, maxBytes: 1 << 20 });
    const { id } = await writer.create({ title: "kept", request, recording });
    await writer.close();
    freeze(path);
    freeze(dir);

    const store = new SqlitePermalinkStore({ path, maxBytes: 1 << 20 });
    expect(store.access.mode).toBe("ro");
    expect((await store.get(id))?.title).toBe("kept");
    const write = store.create({ title: "new", request, recording });
    await expect(write).rejects.toThrow(/read-only/);
    const problem = describeStoreError(await write.catch((e: unknown) => e));
    expect(problem.transient).toBe(false);
    expect(problem.message).not.toMatch(/try again/i);
    // and again on the next call, not only the first
    await expect(store.transaction([{ sql: "DELETE FROM permalinks" }])).rejects.toThrow(/read-only/);
    await store.close();
  });

  it("says the folder is missing and cannot be created, on each call, instead of 'did not answer'", async () => {
    const parent = join(root, "locked-parent");
    mkdirSync(parent);
    freeze(parent);
    const store = new SqlitePermalinkStore({ path: join(parent, "missing", "playground.db"), maxBytes: 1 << 20 });
    for (let i = 0; i < 2; i++) {
      const error = await store.query("SELECT 1").catch((e: unknown) => e);
      const problem = describeStoreError(error);
      expect(problem.transient).toBe(false);
      expect(problem.message).toMatch(/folder .*missing.* does not exist and the server cannot create it/);
    }
    await store.close();
  });

  it("says the folder is not writable when the database file does not exist yet", async () => {
    const dir = join(root, "locked-empty");
    mkdirSync(dir);
    freeze(dir);
    const store = new SqlitePermalinkStore({ path: join(dir, "playground.db"), maxBytes: 1 << 20 });
    const problem = describeStoreError(await store.schemaVersion().catch((e: unknown) => e));
    expect(problem.transient).toBe(false);
    expect(problem.message).toMatch(/folder .* is not writable by the server/);
    await store.close();
  });
});
