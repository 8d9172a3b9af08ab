import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getShare } from "@/app/api/share/[id]/route";
import { POST as postShare } from "@/app/api/share/route";

/**
 * A PostgreSQL that is frozen (SIGSTOP: the processes exist, accept TCP, and never answer) must not hang the share
 * API: an error in the API's shape within the timeout, nothing written for a caller who left, and recovery once it
 * runs again (SIGCONT, always, in `finally`). Needs the throwaway cluster of scripts/with-postgres.mjs.
 */

const pgUrl = process.env.TEST_DATABASE_URL;
const dataDir = process.env.TEST_DATABASE_DIR;
const suite = pgUrl && dataDir ? describe : describe.skip;
const TIMEOUT_MS = 1500;

/** The postmaster and every backend under it. */
function serverPids(): number[] {
  const postmaster = Number(readFileSync(join(dataDir!, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(postmaster)], { encoding: "utf8" })
    .split("\n")
    .map((s) => Number(s.trim()))
    .filter((n) => n > 0);
  return [postmaster, ...children];
}

function signalAll(signal: NodeJS.Signals): void {
  for (const pid of serverPids()) {
    try {
      process.kill(pid, signal);
    } catch {
      // a backend that just exited
    }
  }
}

const share = (title: string, signal?: AbortSignal) =>
  postShare(
    new Request("http://playground.test/api/share", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `192.0.2.${Math.floor(Math.random() * 200)}` },
      body: JSON.stringify({ title, request: { model: "local-echo-1", input: "hi" } }),
      signal,
    }),
  );

suite("a frozen PostgreSQL", () => {
  const saved = { ...process.env };
  let schema = "";
  let url = "";

  beforeAll(async () => {
    schema = `rp_frozen_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const u = new URL(pgUrl!);
    u.searchParams.set("options", `-c search_path=${schema}`);
    url = u.toString();
    Object.assign(process.env, {
      DATABASE_URL: url,
      DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS),
      SHARE_RATE_LIMIT_PER_MIN: "0",
    });
    expect((await share("warm-up")).status).toBe(201); // migrated, pool warm
  });

  afterAll(async () => {
    signalAll("SIGCONT");
    process.env = saved;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it("answers 503 in the API's shape within the timeout, writes nothing for a caller who left, and recovers", async () => {
    const created = (await (await share("readable")).json()) as { id: string };
    signalAll("SIGSTOP");
    try {
      const started = Date.now();
      const res = await share("while frozen");
      expect(res.status).toBe(503);
      const body = (await res.json()) as { error: { code: string; message: string; type: string } };
      expect(body.error.code).toBe("share_store_unavailable");
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 4);

      const readStarted = Date.now();
      const read = await getShare(new Request(`http://playground.test/api/share/${created.id}`), {
        params: Promise.resolve({ id: created.id }),
      });
      expect(read.status).toBe(503);
      expect(Date.now() - readStarted).toBeLessThan(TIMEOUT_MS * 4);

      // A caller who leaves while the database is frozen: its share must never appear, even once it thaws.
      const leaving = new AbortController();
      const pending = share("caller left", leaving.signal);
      setTimeout(() => leaving.abort(), 200);
      expect([499, 503]).toContain((await pending).status);
    } finally {
      signalAll("SIGCONT");
    }

    // Recovery: the next share goes through.
    let recovered = 0;
    for (let i = 0; i < 20 && recovered !== 201; i++) {
      recovered = (await share("after thaw")).status;
      if (recovered !== 201) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query<{ title: string }>("SELECT title FROM permalinks");
    await check.end();
    const titles = rows.map((r) => r.title);
    expect(titles).toContain("after thaw");
    expect(titles).not.toContain("caller left");
    expect(titles).not.toContain("while frozen");
  }, 60_000);

  it("does not write a share whose caller left before the write", async () => {
    const gone = new AbortController();
    gone.abort();
    const res = await share("left before the write", gone.signal);
    expect(res.status).toBe(499);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query("SELECT 1 FROM permalinks WHERE title = $1", ["left before the write"]);
    await check.end();
    expect(rows).toHaveLength(0);
  });
});
